/**
 * npm run bench:mail-out -- [--replies 1000] [--tickets 50]
 *
 * Outgoing mail throughput: N agent replies are queued (`queued` + their `mail.reply` jobs, as
 * the API leaves them), then the real worker (`startWorker`, the registry's settings: batches
 * of 20, ten at a time, pooled SMTP connections) sends them to a local SMTP receiver
 * (STARTTLS + AUTH). Prints the time until every reply is recorded `sent`, replies per second,
 * and checks that the receiver got each exactly once.
 *
 * Runs in its own database `pishkhan_bench_mail_out` on 127.0.0.1:5432 (dropped afterwards).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { JOBS, startWorker } from '../src/server/jobs-registry';
import { closeSmtpPools } from '../src/server/modules/mail/outbound/smtp-pool';
import { MAIL_OUT_QUEUE, MAIL_OUT_WORK } from '../src/server/modules/mail/jobs';
import { dropDatabase, recreateDatabase, testDatabaseUrl } from '../test/helpers/pg-global-setup';
import { drained, mailOutWorld, queueReplies } from '../test/helpers/mail-backlog';
import { createTestApp } from '../test/helpers/test-app';

const { values: opt } = parseArgs({
  options: { replies: { type: 'string', default: '1000' }, tickets: { type: 'string', default: '50' } },
});
const N = Number(opt.replies);
const DB = 'pishkhan_bench_mail_out';

async function main() {
  await recreateDatabase(DB);
  process.env.TEST_DATABASE_URL = testDatabaseUrl(DB);
  const t = await createTestApp();
  const w = await mailOutWorld(t, Number(opt.tickets));
  try {
    const ids = await queueReplies(t, w, N);
    await startWorker(
      t.deps,
      JOBS.filter((j) => j.queue === 'mail.reply'),
    );
    const cpu0 = process.cpuUsage();
    const ms = await drained(t, ids, 600_000);
    const cpu = process.cpuUsage(cpu0);
    const got = w.smtp.received.length;
    const unique = new Set(w.smtp.received.map((m) => m.parsed.messageId)).size;
    const rate = N / (ms / 1000);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    console.log(
      `| replies | seconds | replies/s | received | distinct Message-IDs | CPU s (this process) | cpus | load |`,
    );
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
    console.log(
      `| ${N} | ${(ms / 1000).toFixed(1)} | ${rate.toFixed(1)} | ${got} | ${unique} | ${cpuS.toFixed(1)} | ${cpus().length} | ${loadavg()[0].toFixed(1)} |`,
    );
    console.log(`worker: ${JSON.stringify(MAIL_OUT_WORK)}, queue: ${JSON.stringify(MAIL_OUT_QUEUE)}`);
    if (got !== N || unique !== N) throw new Error(`expected ${N} distinct mails, got ${got} (${unique} distinct)`);
  } finally {
    closeSmtpPools(t.deps);
    await w.smtp.stop();
    await t.close();
    await dropDatabase(DB);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
