import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../src/db/schema';
import type { Ctx } from '../../src/server/platform/context';
import type { Executor } from '../../src/server/platform/db/database';
import { queryPrepared, runPrepared, statementName } from '../../src/server/platform/db/prepared';
import { lookupsFor } from '../../src/server/modules/tickets/ticket-mapper';
import { ADMIN_PASSWORD, createTestApp, newWorkspace, signIn, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

/**
 * The statements of the ticket page are planned once per connection (bench/README.md, "Plans
 * kept"): prepared under the name of their text, and kept generic. Checked on one connection (a
 * transaction holds one) through pg_prepared_statements, which lists that session's statements.
 */
let t: TestApp;
let workspaceId: number;
let slug: string;
beforeAll(async () => {
  t = await createTestApp('postgres');
  ({ workspaceId, slug } = await newWorkspace(t));
});
afterAll(() => t.close());

type Prepared = { name: string; generic_plans: string; custom_plans: string };
async function preparedOf(tx: Executor, name: string): Promise<Prepared | undefined> {
  const { rows } = (await tx.execute(
    sql`select name, generic_plans::text, custom_plans::text from pg_prepared_statements where name = ${name}`,
  )) as unknown as { rows: Prepared[] };
  return rows[0];
}

describe('statements prepared under their text', () => {
  it('one statement per text, its values bound each call, and the same text is the same statement', async () => {
    await t.deps.database.db.transaction(async (tx) => {
      const ask = (n: number) =>
        queryPrepared<{ n: number; ws: string }>(
          tx,
          sql`select ${n}::int + 1 as n, ${String(workspaceId)}::text as ws`,
        );
      expect(await ask(1)).toEqual([{ n: 2, ws: String(workspaceId) }]);
      expect(await ask(41)).toEqual([{ n: 42, ws: String(workspaceId) }]);
      const text = 'select $1::int + 1 as n, $2::text as ws';
      const p = await preparedOf(tx, statementName(text));
      expect(p, 'prepared under the name of its text').toBeDefined();
      expect(Number(p!.generic_plans) + Number(p!.custom_plans)).toBe(2);
      // Another text is another statement.
      await queryPrepared(tx, sql`select ${1}::int as other`);
      expect(await preparedOf(tx, statementName('select $1::int as other'))).toBeDefined();
      expect(statementName(text)).not.toBe(statementName('select $1::int as other'));
    });
  });

  it('a Drizzle query keeps its mapping (names, dates) when run prepared', async () => {
    await t.deps.database.db.transaction(async (tx) => {
      const q = tx
        .select({ id: tickets.id, createdAt: tickets.createdAt, workspaceId: tickets.workspaceId })
        .from(tickets)
        .where(eq(tickets.workspaceId, workspaceId));
      const direct = await q;
      const prepared = await runPrepared(q);
      expect(prepared).toEqual(direct);
      expect(await preparedOf(tx, statementName(q.toSQL().sql))).toBeDefined();
    });
  });
});

describe("a page's names", () => {
  it('keep one generic plan from the sixth call on, also for the ticket page (one person, one department, the rest empty)', async () => {
    const admin = await signIn(t, slug, 'admin', ADMIN_PASSWORD);
    const dep = (await admin.post('departments', { name: 'Support' })).json() as { id: string };
    const [me] = await queryPrepared<{ id: string }>(
      t.deps.database.db,
      sql`select id from users where workspace_id = ${workspaceId} and username = 'admin'`,
    );
    await t.deps.database.db.transaction(async (tx) => {
      const ctx = { workspaceId, db: tx } as unknown as Ctx;
      const row = {
        departmentId: Number(dep.id),
        requesterId: Number(me.id),
        assigneeIds: [],
        tagIds: [],
        requesterGroupId: null,
        typeId: null,
        deskId: null,
        requestTypeId: null,
      };
      for (let i = 0; i < 8; i++) {
        const names = await lookupsFor(ctx, [row]);
        expect(names.users.get(Number(me.id))?.username).toBe('admin');
        expect(names.departments.has(Number(dep.id))).toBe(true);
      }
      const p = await preparedOf(tx, 'ticket_page_names');
      // PostgreSQL plans the first five calls for their values, then compares: the generic plan
      // must win, or every later call is planned again.
      expect(p).toMatchObject({ custom_plans: '5', generic_plans: '3' });
      // Why it wins on any database: a plan made for the values costs the same whatever they are
      // (the lists are read through a subquery the planner cannot see into), so it never looks
      // cheaper than the generic one. With the arrays bound directly, one person and empty lists
      // cost a fraction of 25 people, and at a million tickets that made every call plan anew.
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      const costWith = async (people: number[]) => {
        const { rows } = (await tx.execute(
          sql.raw(`explain (format json) execute ticket_page_names(${workspaceId}, '{${people.join(',')}}',
            '{${dep.id}}', '{}', '{}', '{}', '{}', '{}')`),
        )) as unknown as { rows: { 'QUERY PLAN': { Plan: { 'Total Cost': number } }[] }[] };
        return rows[0]['QUERY PLAN'][0].Plan['Total Cost'];
      };
      const many = Array.from({ length: 25 }, (_, i) => Number(me.id) + i);
      expect(await costWith([])).toBe(await costWith(many));
    });
  });
});

describe('embedded database (PGlite)', () => {
  it('runs the same prepared statements: the ticket page, its thread and a reply', async () => {
    const e = await createTestApp('embedded');
    try {
      const w = await ticketWorld(e);
      const tk = (await openTicket(w.alice.client, {
        departmentId: w.support.id,
        subject: 'Printer',
        body: '<p>It jams</p>',
      })) as { number: number };
      for (let i = 0; i < 7; i++) {
        const page = await w.agent.client.get(`tickets/${tk.number}`);
        expect(page.statusCode, page.body).toBe(200);
        expect(page.json()).toMatchObject({
          subject: 'Printer',
          body: '<p>It jams</p>',
          department: { name: 'Support' },
        });
      }
      const reply = await w.agent.client.post(`tickets/${tk.number}/messages`, { body: '<p>Try again</p>' });
      expect(reply.statusCode, reply.body).toBe(201);
      const after = (await w.agent.client.get(`tickets/${tk.number}`)).json();
      expect(after).toMatchObject({ status: 'pending', messageCount: 2 });
      const thread = (await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items as { body: string }[];
      expect(thread.map((m) => m.body)).toEqual(['<p>It jams</p>', expect.stringMatching(/^<p>Try again<\/p>/)]);
    } finally {
      await e.close();
    }
  }, 120_000);
});
