import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { tickets } from '../../src/db/schema';
import { Client, createTestApp, type TestApp } from './test-app';
import { openTicket, ticketWorld, type TicketWorld } from './tickets';

/**
 * K9 tests (merging tickets, links between tickets): one app and one ticket world per test file,
 * the staff and Alice speaking English, built before the tests and closed after; `more` may add to
 * the world before the tests start.
 */
export function useMergeWorld(set: (t: TestApp, w: TicketWorld) => void, more?: (t: TestApp) => Promise<void>) {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    const w = await ticketWorld(app);
    for (const c of [w.agent.client, w.admin, w.alice.client]) c.s.lang = 'en';
    set(app, w);
    await more?.(app);
  }, 60_000);
  afterAll(() => app?.close());
}

export const merge = (c: Client, from: number | string, into: unknown) => c.post(`tickets/${from}/merge`, { into });

/** The tools of the merge and link tests, for the app and world `world()` answers (set by `beforeAll`). */
export function mergeTools(world: () => { t: TestApp; w: TicketWorld }) {
  const db = () => world().t.deps.database.db;
  const row = async (number: number, ws = world().w.workspaceId) =>
    (
      await db()
        .select()
        .from(tickets)
        .where(and(eq(tickets.workspaceId, ws), eq(tickets.number, number)))
    )[0];
  const staffTicket = (over: Record<string, unknown> = {}) => {
    const { w } = world();
    return openTicket(w.agent.client, { departmentId: w.support.id, requesterId: w.bob.id, ...over });
  };
  return { db, row, staffTicket };
}
