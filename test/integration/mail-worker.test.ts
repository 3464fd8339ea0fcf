import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, startWorker } from '../../src/server/jobs-registry';
import { closeSmtpPools } from '../../src/server/modules/mail/outbound/smtp-pool';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../helpers/pg-global-setup';
import { deliveryCounts, drained, mailOutWorld, queueReplies, type MailOutWorld } from '../helpers/mail-backlog';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * Issue 12, jobs: the `mail.reply` worker as it runs in production (the registry's settings),
 * in a database of its own — its worker must not take other test files' jobs.
 */
const DB = `pishkhan_mail_worker_${process.pid}_${Date.now().toString(36)}`;
let t: TestApp;
let w: MailOutWorld;
beforeAll(async () => {
  await recreateDatabase(DB);
  const shared = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = testDatabaseUrl(DB);
  try {
    t = await createTestApp();
  } finally {
    process.env.TEST_DATABASE_URL = shared;
  }
  w = await mailOutWorld(t, 20);
}, 60_000);
afterAll(async () => {
  if (t) closeSmtpPools(t.deps);
  await w?.smtp.stop();
  await t?.close();
  if (!process.env.KEEP_TEST_DB) await dropDatabase(DB);
});

type JobRow = { id: string; state: string; retry_count: number };
const jobOf = async (id: string) =>
  (
    (await t.deps.database.executeSql('select id, state, retry_count from pgboss.job where id = $1', [id])) as {
      rows: JobRow[];
    }
  ).rows[0];

describe('the mail.reply worker', () => {
  it('takes again the job of a worker that died holding it, within the minute, and mails the reply once', async () => {
    const [id] = await queueReplies(t, w, 1);
    // A worker takes the job and dies: it is active, and nobody will complete it.
    const [taken] = await t.deps.jobs.boss.fetch<{ messageId: number }>('mail.reply');
    expect(taken.data.messageId).toBe(id);
    expect((await jobOf(taken.id)).state).toBe('active');
    // The queue's expiry is 30 s (asserted in jobs-registry.test.ts); this job is made to expire
    // after 1 s so the test need not wait the 30. Everything after that is production: the
    // maintenance interval (10 s), the retry delay (2–4 s) and the worker's polling.
    await t.deps.database.executeSql("update pgboss.job set expire_in = interval '1 second' where id = $1", [taken.id]);
    const diedAt = performance.now();
    await startWorker(
      t.deps,
      JOBS.filter((j) => j.queue === 'mail.reply'),
    );
    const ms = await drained(t, [id], 40_000);
    expect(ms).toBeLessThan(1_000 + 2 * 10_000 + 4_000 + 1_000 + 2_000);
    // The handler marks the delivery sent and returns; pg-boss completes the job in a statement
    // of its own after that, so on a loaded machine the job may still read `active` for a moment.
    let job = await jobOf(taken.id);
    for (const until = performance.now() + 5_000; job.state === 'active' && performance.now() < until;) {
      await new Promise((r) => setTimeout(r, 50));
      job = await jobOf(taken.id);
    }
    expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
    expect(w.smtp.received).toHaveLength(1);
    console.info(`dead worker's job mailed ${((performance.now() - diedAt) / 1000).toFixed(1)} s after it expired`);
  }, 50_000);

  it('drains 300 queued replies in batches well within the 1,000-a-minute pace', async () => {
    const ids = await queueReplies(t, w, 300);
    const before = w.smtp.received.length;
    const ms = await drained(t, ids, 30_000);
    console.info(`300 replies sent in ${(ms / 1000).toFixed(1)} s (${(300 / (ms / 1000)).toFixed(1)}/s)`);
    // 1,000 in 60 s is 300 in 18 s.
    expect(ms).toBeLessThan(18_000);
    expect(await deliveryCounts(t, ids)).toEqual({ sent: 300 });
    const mails = w.smtp.received.slice(before);
    expect(mails).toHaveLength(300);
    expect(new Set(mails.map((m) => m.parsed.messageId)).size).toBe(300);
  }, 40_000);
});
