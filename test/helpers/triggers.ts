import { expect } from 'vitest';
import type { TTriggerCondition } from '../../src/contracts/triggers';
import { JOBS } from '../../src/server/jobs-registry';
import { TRIGGERS_RUN_QUEUE } from '../../src/server/modules/automation';
import { unique, type TestApp } from './test-app';
import type { TicketWorld } from './tickets';

/** Every trigger of a test names its own word in the subject, so tests do not set off each other's. */
export const subjectHas = (word: string): TTriggerCondition => ({ field: 'subject', op: 'contains', value: word });

/**
 * The tools of the trigger tests, for the app and ticket world `world()` answers (set once the
 * file's `beforeAll` ran): raw SQL, the worker's part, a ticket's row, a trigger's run log, and
 * making triggers and tags as the admin.
 */
export function triggerTools(world: () => { t: TestApp; w: TicketWorld }) {
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    ((await world().t.deps.database.executeSql(text, params)) as { rows: T[] }).rows;

  /** The worker's part: runs this workspace's trigger jobs (and the jobs they cause) until none is left. */
  async function drainTriggers(workspaceId = world().w.workspaceId): Promise<number> {
    const def = JOBS.find((j) => j.queue === TRIGGERS_RUN_QUEUE)!;
    const handle = def.handler(world().t.deps) as (data: unknown, job: { id: string; name: string }) => Promise<void>;
    let ran = 0;
    for (let round = 0; round < 50; round++) {
      const rows = await sql<{ id: string; data: unknown; created_on: Date }>(
        `delete from pgboss.job where name = $1 and state in ('created', 'retry')
          and (data->>'workspaceId')::bigint = $2 returning id, data, created_on`,
        [TRIGGERS_RUN_QUEUE, workspaceId],
      );
      if (!rows.length) return ran;
      rows.sort((a, b) => new Date(a.created_on).getTime() - new Date(b.created_on).getTime());
      for (const r of rows) await handle(r.data, { id: r.id, name: TRIGGERS_RUN_QUEUE });
      ran += rows.length;
    }
    throw new Error('trigger jobs did not settle');
  }

  const ticketRow = async (number: number) =>
    (
      await sql<{
        id: string;
        status: string;
        priority: string;
        department_id: string;
        assignee_ids: string[];
        tag_ids: string[];
      }>(
        `select id, status, priority, department_id::text, assignee_ids::text[], tag_ids::text[] from tickets
          where workspace_id = $1 and number = $2`,
        [world().w.workspaceId, number],
      )
    )[0];

  const runsOf = async (triggerId: string) => {
    const res = await world().w.admin.get(`triggers/${triggerId}/runs?pageSize=100`);
    expect(res.statusCode).toBe(200);
    return res.json().items as { outcome: string; reason: string | null; ticketNumber: number; actions: unknown[] }[];
  };

  async function makeTrigger(body: Record<string, unknown>) {
    const res = await world().w.admin.post('triggers', { name: unique('trigger '), ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; position: number };
  }

  async function makeTag(name: string) {
    const res = await world().w.admin.post('tags', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string };
  }

  return { sql, drainTriggers, ticketRow, runsOf, makeTrigger, makeTag };
}
