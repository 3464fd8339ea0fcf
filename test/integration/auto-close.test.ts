import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoCloseTickets } from '../../src/server/modules/tickets/auto-close.job';
import { queryRows } from '../../src/server/platform/db/database';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { inParallel, openTicket, ticketWorld } from '../helpers/tickets';

/**
 * C20 with the injected clock. The clock starts in 2001: the test database is shared with files
 * running at the same time, and a run at "now + 8 days" would close their pending tickets too;
 * from 2001 every one of theirs is in the future.
 */
const DAY = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2001-03-21T08:00:00Z'));
});
afterAll(() => t.close());

/** A ticket of Alice's that the agent answered: pending, waiting for her. */
async function pendingTicket(w: Awaited<ReturnType<typeof ticketWorld>>) {
  const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
  expect((await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'Does it work now?' })).statusCode).toBe(
    201,
  );
  return tk.number as number;
}
const statusOf = async (c: Client, n: number) => (await c.get(`tickets/${n}`)).json();

describe('auto-close (C20)', () => {
  it('closes a pending ticket older than the setting, not a younger or an active one; the log shows it; a reply reopens it', async () => {
    const w = await ticketWorld(t);
    const old = await pendingTicket(w);
    const active = (await openTicket(w.alice.client, { departmentId: w.support.id })).number;
    t.clock.advance(5 * DAY);
    const young = await pendingTicket(w);
    t.clock.advance(2 * DAY - 60_000);
    await autoCloseTickets(t.deps);
    expect((await statusOf(w.admin, old)).status).toBe('pending'); // a minute short of 7 days

    t.clock.advance(2 * 60_000);
    const closedAt = t.clock.now().toISOString();
    await autoCloseTickets(t.deps);
    const closed = await statusOf(w.admin, old);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(closedAt);
    expect(closed.waitingSince).toBeNull();
    expect((await statusOf(w.admin, young)).status).toBe('pending');
    expect((await statusOf(w.admin, active)).status).toBe('active');

    const log = (await w.admin.get(`tickets/${old}/events`)).json().items;
    expect(log.at(-1)).toMatchObject({
      kind: 'auto_closed',
      actor: { id: null },
      data: { from: 'pending', to: 'closed', days: 7 },
      createdAt: closedAt,
    });

    // Running again changes nothing: no second event.
    await autoCloseTickets(t.deps);
    expect(
      (await w.admin.get(`tickets/${old}/events`))
        .json()
        .items.filter((e: { kind: string }) => e.kind === 'auto_closed'),
    ).toHaveLength(1);

    expect((await w.alice.client.post(`tickets/${old}/messages`, { body: 'Not fixed after all' })).statusCode).toBe(
      201,
    );
    expect((await statusOf(w.alice.client, old)).status).toBe('active');
    expect((await w.admin.get(`tickets/${old}/events`)).json().items.at(-1)).toMatchObject({
      kind: 'reopened',
      data: { from: 'closed', to: 'active' },
    });
  });

  it('autoCloseDays = 0 closes nothing; another value is honoured per workspace', async () => {
    const w = await ticketWorld(t);
    expect((await w.admin.patch('settings', { autoCloseDays: 0 })).statusCode).toBe(200);
    const n = await pendingTicket(w);
    t.clock.advance(20 * DAY);
    await autoCloseTickets(t.deps);
    expect((await statusOf(w.admin, n)).status).toBe('pending');

    expect((await w.admin.patch('settings', { autoCloseDays: 21 })).statusCode).toBe(200);
    await autoCloseTickets(t.deps);
    expect((await statusOf(w.admin, n)).status).toBe('pending');
    t.clock.advance(DAY + 1);
    await autoCloseTickets(t.deps);
    expect((await statusOf(w.admin, n)).status).toBe('closed');
  });

  it('closes more than one batch, each ticket once, even with two runs at the same time', async () => {
    const w = await ticketWorld(t);
    const made = await inParallel(250, 10, (i) =>
      openTicket(w.alice.client, { departmentId: w.support.id, subject: `Old ${i}` }),
    );
    expect(made).toHaveLength(250);
    // Made pending in one statement: 250 replies through the API would only slow the test down.
    await t.deps.database.db.execute(
      sql`update tickets set status = 'pending', waiting_since = null, status_changed_at = ${new Date(t.clock.now().getTime() - 8 * DAY)} where workspace_id = ${w.workspaceId}`,
    );
    const [a, b] = await Promise.all([autoCloseTickets(t.deps), autoCloseTickets(t.deps)]);
    expect(a + b).toBeGreaterThanOrEqual(250);
    const rows = await queryRows<{ status: string; events: number }>(
      t.deps.database.db,
      sql`select t.status, (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.kind = 'auto_closed') as events
          from tickets t where t.workspace_id = ${w.workspaceId}`,
    );
    expect(rows).toHaveLength(250);
    expect(rows.every((r) => r.status === 'closed' && r.events === 1)).toBe(true);
  }, 60_000);
});
