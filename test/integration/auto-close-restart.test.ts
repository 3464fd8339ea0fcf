import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoCloseTickets } from '../../src/server/modules/tickets/auto-close.job';
import { queryRows } from '../../src/server/platform/db/database';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { inParallel, openTicket, ticketWorld, type TicketWorld } from '../helpers/tickets';

/**
 * C20: the days count from the agent's last answer (or from a later change to pending), and a
 * run closes a whole batch in a fixed number of statements. The clock starts in 2002, before
 * any other file's tickets (see auto-close.test.ts), so that runs here close only ours.
 */
const DAY = 86_400_000;
const MINUTE = 60_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2002-06-01T08:00:00Z'));
});
afterAll(() => t.close());

const statusOf = async (c: Client, n: number) => (await c.get(`tickets/${n}`)).json().status as string;
async function answer(w: TicketWorld, n: number, extra: Record<string, unknown> = {}) {
  const res = await w.agent.client.post(`tickets/${n}/messages`, { body: 'Any news?', ...extra });
  expect(res.statusCode, res.body).toBe(201);
}

describe('auto-close counts from the last answer', () => {
  it('an agent answering a pending ticket again restarts its days', async () => {
    const w = await ticketWorld(t);
    const n = (await openTicket(w.alice.client, { departmentId: w.support.id })).number as number;
    await answer(w, n); // pending from now
    t.clock.advance(3 * DAY);
    await answer(w, n); // still pending: a second answer, three days later
    expect(await statusOf(w.admin, n)).toBe('pending');

    t.clock.advance(4 * DAY + MINUTE); // 7 days after the first answer, 4 after the last
    await autoCloseTickets(t.deps);
    expect(await statusOf(w.admin, n)).toBe('pending');

    t.clock.advance(3 * DAY - 2 * MINUTE); // a minute short of 7 days after the last answer
    await autoCloseTickets(t.deps);
    expect(await statusOf(w.admin, n)).toBe('pending');

    t.clock.advance(2 * MINUTE);
    await autoCloseTickets(t.deps);
    expect(await statusOf(w.admin, n)).toBe('closed');
  });

  it('a ticket set pending without an answer counts from that change, the later of the two', async () => {
    const w = await ticketWorld(t);
    const n = (await openTicket(w.alice.client, { departmentId: w.support.id })).number as number;
    await answer(w, n, { statusAfter: 'active' }); // answered, but left active
    t.clock.advance(2 * DAY);
    const set = await w.agent.client.patch(`tickets/${n}`, { status: 'pending' });
    expect(set.statusCode, set.body).toBe(200);

    t.clock.advance(5 * DAY + MINUTE); // 7 days after the answer, 5 after the change
    await autoCloseTickets(t.deps);
    expect(await statusOf(w.admin, n)).toBe('pending');
    t.clock.advance(2 * DAY);
    await autoCloseTickets(t.deps);
    expect(await statusOf(w.admin, n)).toBe('closed');
  });
});

describe('auto-close in batches', () => {
  it('closes 250 tickets with their events and notifications in a bounded number of statements', async () => {
    const w = await ticketWorld(t);
    await inParallel(250, 10, (i) => openTicket(w.alice.client, { departmentId: w.support.id, subject: `Quiet ${i}` }));
    // A follower on one of them, so that the live announcement's audience is read too.
    const [first] = await queryRows<{ id: number }>(
      t.deps.database.db,
      sql`select id from tickets where workspace_id = ${w.workspaceId} order by id limit 1`,
    );
    await t.deps.database.db.execute(
      sql`insert into ticket_participants (workspace_id, ticket_id, user_id, kind) values (${w.workspaceId}, ${first.id}, ${Number(w.billingAgent.id)}, 'follower')`,
    );
    const answeredAt = new Date(t.clock.now().getTime() - 8 * DAY);
    await t.deps.database.db.execute(
      sql`update tickets set status = 'pending', waiting_since = null, status_changed_at = ${answeredAt}, last_agent_reply_at = ${answeredAt}
          where workspace_id = ${w.workspaceId}`,
    );

    // Every statement sent through the pool while the job runs.
    const statements: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      if (text && !/pgboss\.(version|queue|schedule|subscription)|pg_advisory/i.test(text)) statements.push(text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    let closed: number;
    try {
      closed = await autoCloseTickets(t.deps);
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(closed).toBe(250);
    // Two batches (200 + 50), each: begin, update, events, followers, jobs, notify, commit.
    expect(statements.filter((s) => /^update "tickets"/i.test(s))).toHaveLength(2);
    if (process.env.SHOW_STATEMENTS) console.log(statements.map((s) => s.slice(0, 100)));
    const onTickets = statements.filter((s) => /ticket_participants|pg_notify/i.test(s));
    expect(onTickets.length).toBeLessThanOrEqual(4);
    expect(statements.length).toBeLessThanOrEqual(20);

    const rows = await queryRows<{ status: string; events: number }>(
      t.deps.database.db,
      sql`select t.status, (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.kind = 'auto_closed') as events
          from tickets t where t.workspace_id = ${w.workspaceId}`,
    );
    expect(rows).toHaveLength(250);
    expect(rows.every((r) => r.status === 'closed' && r.events === 1)).toBe(true);
    const [jobs] = await queryRows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from pgboss.job where name = 'notify.ticket'
          and (data->>'workspaceId')::bigint = ${w.workspaceId} and data->>'type' = 'ticket.updated'`,
    );
    expect(jobs.n).toBe(250);
  }, 60_000);
});
