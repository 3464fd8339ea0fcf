import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { JOBS } from '../../src/server/jobs-registry';
import { queryRows } from '../../src/server/platform/db/database';
import type { TestApp } from './test-app';
import { sealPayload } from '../../src/server/modules/notifications/payload';
import type { DeliveryPayload } from '../../src/server/modules/notifications/delivery-types';

const QUEUES = ['notify.ticket', 'notify.deliver'];

/**
 * Runs this workspace's notification jobs as the worker would (the registry's own handlers),
 * until none is left — the tests' stand-in for a running worker, without taking other files'
 * jobs from the shared queue. Jobs a handler queues for later (retries) run too.
 */
export async function drainNotifications(t: TestApp, workspaceId: number, rounds = 100): Promise<number> {
  let ran = 0;
  for (let i = 0; i < rounds; i++) {
    let round = 0;
    for (const queue of QUEUES) {
      const { rows } = (await t.deps.database.executeSql(
        `delete from pgboss.job where name = $1 and state in ('created', 'retry')
          and (data->>'workspaceId')::bigint = $2 returning id, data, created_on`,
        [queue, workspaceId],
      )) as { rows: { id: string; data: unknown; created_on: Date }[] };
      // In the order they were queued, as a single worker would take them.
      rows.sort((a, b) => new Date(a.created_on).getTime() - new Date(b.created_on).getTime());
      const def = JOBS.find((j) => j.queue === queue)!;
      const handle = def.handler(t.deps) as (data: unknown, job: { id: string; name: string }) => Promise<void>;
      for (const r of rows) await handle(r.data, { id: r.id, name: queue });
      round += rows.length;
    }
    ran += round;
    // Another process's worker on the shared test database may have taken some: wait for them.
    if (!round && !(await pendingElsewhere(t, workspaceId))) return ran;
    if (!round) await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('notification jobs did not settle');
}

/** The deliver jobs waiting for this workspace (how many, and how many deliveries each carries). */
export async function deliverJobs(t: TestApp, workspaceId: number) {
  return queryRows<{ channel: string; n: number }>(
    t.deps.database.db,
    sql`select data->>'channel' as channel, jsonb_array_length(data->'ids') as n from pgboss.job
      where name = 'notify.deliver' and (data->>'workspaceId')::bigint = ${workspaceId}`,
  );
}

export interface DeliveryRow {
  id: string;
  channel: string;
  user_id: string | null;
  to: string;
  event: string;
  ticket_number: number | null;
  status: string;
  reason: string | null;
  parts: number | null;
  price: number | null;
  sealed_payload: string | null;
}

export const deliveriesOf = async (t: TestApp, workspaceId: number, ticketNumber?: number) =>
  (
    await queryRows<DeliveryRow>(
      t.deps.database.db,
      sql`select id, channel, user_id, "to", event, ticket_number, status, reason, parts, price, sealed_payload
      from deliveries where workspace_id = ${workspaceId}
      ${ticketNumber === undefined ? sql`` : sql`and ticket_number = ${ticketNumber}`} order by id`,
    )
  ).map((d) => ({ ...d, id: String(d.id), user_id: d.user_id === null ? null : String(d.user_id) }));

export const notificationsOf = (t: TestApp, workspaceId: number, ticketNumber: number) =>
  queryRows<{ user_id: string; event: string; title: string; body: string }>(
    t.deps.database.db,
    sql`select user_id, event, title, body from notifications
      where workspace_id = ${workspaceId} and ticket_number = ${ticketNumber} order by id`,
  );

/** Who (user ids) got an in-app notification of `event` on the ticket. */
export async function toldOf(t: TestApp, workspaceId: number, ticketNumber: number, event: string) {
  const rows = await notificationsOf(t, workspaceId, ticketNumber);
  return rows
    .filter((r) => r.event === event)
    .map((r) => String(r.user_id))
    .sort();
}

export function expectSameMembers(actual: string[], expected: string[]) {
  expect([...actual].sort()).toEqual([...expected].sort());
}

/** Gives deliveries written by a test their sealed message, as the fan-out would. */
export async function sealPayloads(t: TestApp, ids: number[], payload: DeliveryPayload) {
  const sealed = sealPayload(t.deps, payload);
  await t.deps.database.executeSql('update deliveries set sealed_payload = $1 where id = any($2::bigint[])', [
    sealed,
    ids,
  ]);
}

/** Runs this workspace's queued `sms.send` jobs (sign-in codes, admin links) as the worker would. */
export async function runSmsJobs(t: TestApp, workspaceId: number): Promise<number> {
  const run = JOBS.find((j) => j.queue === 'sms.send')!.handler(t.deps) as (d: unknown) => Promise<void>;
  const { rows } = (await t.deps.database.executeSql(
    "delete from pgboss.job where name = 'sms.send' and (data->>'workspaceId')::bigint = $1 returning data",
    [workspaceId],
  )) as { rows: { data: unknown }[] };
  for (const r of rows) await run(r.data);
  return rows.length;
}

/** This workspace's notification jobs that someone else's worker holds or will take. */
async function pendingElsewhere(t: TestApp, workspaceId: number): Promise<boolean> {
  const { rows } = (await t.deps.database.executeSql(
    `select 1 from pgboss.job where name = any($1) and state in ('created', 'retry', 'active')
      and (data->>'workspaceId')::bigint = $2 limit 1`,
    [QUEUES, workspaceId],
  )) as { rows: unknown[] };
  return rows.length > 0;
}
