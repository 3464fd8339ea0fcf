import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, startWorker } from '../../src/server/jobs-registry';
import { dropStaleNotifications } from '../../src/server/modules/tickets/jobs';
import { createJobs, UnregisteredQueueError } from '../../src/server/platform/jobs';
import { createLogger } from '../../src/server/platform/logger';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { openTicket, ticketWorld } from '../helpers/tickets';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type JobRow = { id: string; state: string };
const jobsOf = (workspaceId: number) =>
  t.deps.database.executeSql(
    "select id, state from pgboss.job where name = 'notify.ticket' and (data->>'workspaceId')::bigint = $1",
    [workspaceId],
  ) as Promise<{ rows: JobRow[] }>;

async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('job queues', () => {
  it('refuses to send to a queue no module registered', async () => {
    await expect(t.deps.jobs.send('nobody.listens', { a: 1 })).rejects.toBeInstanceOf(UnregisteredQueueError);
    await expect(
      t.deps.database.db.transaction((tx) =>
        t.deps.jobs.insertMany([{ name: 'nobody.listens', data: {} }], { executor: tx }),
      ),
    ).rejects.toBeInstanceOf(UnregisteredQueueError);
  });

  it('the worker completes the notify.ticket jobs a ticket change queues', async () => {
    const w = await ticketWorld(t);
    await openTicket(w.alice.client, { departmentId: w.support.id });
    const queued = (await jobsOf(w.workspaceId)).rows;
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((j) => j.state === 'created')).toBe(true);

    await startWorker(
      t.deps,
      JOBS.filter((j) => j.queue === 'notify.ticket'),
    );
    const after = await until(
      async () => (await jobsOf(w.workspaceId)).rows,
      (rows) => rows.every((j) => j.state === 'completed'),
    );
    expect(after.map((j) => j.state)).toEqual(queued.map(() => 'completed'));
  });

  it('drops notify.ticket jobs queued more than a day ago, keeps newer ones', async () => {
    const w = await ticketWorld(t);
    // Not yet due, so the worker of the test above leaves them queued.
    const later = { startAfter: 3600 };
    const old = await t.deps.jobs.send('notify.ticket', { workspaceId: w.workspaceId, ticketId: 1, type: 'x' }, later);
    await t.deps.jobs.send('notify.ticket', { workspaceId: w.workspaceId, ticketId: 2, type: 'x' }, later);
    await t.deps.database.executeSql("update pgboss.job set created_on = now() - interval '25 hours' where id = $1", [
      old,
    ]);
    expect(await dropStaleNotifications(t.deps)).toBeGreaterThanOrEqual(1);
    const left = (await jobsOf(w.workspaceId)).rows.map((j) => j.id);
    expect(left).not.toContain(old);
    expect(left).toHaveLength(1);
  });

  it('a worker runs a batch a few at a time; a failing job is retried alone, the others complete', async () => {
    const queue = `test.batch-${process.pid}-${Date.now().toString(36)}`;
    const jobs = createJobs(t.deps.database, createLogger('silent'), [{ name: queue, retryDelay: 60 }]);
    await jobs.start();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await jobs.send(queue, { i }))!);
      let running = 0;
      let most = 0;
      await jobs.work<{ i: number }>(
        queue,
        async ({ i }) => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 100));
          running--;
          if (i === 2) throw new Error('job 2 fails');
        },
        { batchSize: 6, concurrency: 3, pollingIntervalSeconds: 1 },
      );
      const states = await until(
        async () =>
          (
            (await t.deps.database.executeSql('select id, state from pgboss.job where name = $1 order by created_on', [
              queue,
            ])) as { rows: JobRow[] }
          ).rows,
        (rows) => rows.filter((r) => r.state === 'completed').length === 5,
      );
      expect(states.map((r) => r.state)).toEqual([
        'completed',
        'completed',
        'retry',
        'completed',
        'completed',
        'completed',
      ]);
      expect(most).toBe(3);
    } finally {
      await jobs.stop();
    }
  });
});
