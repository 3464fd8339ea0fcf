import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJobs, QUEUE_DEFAULTS, SUPERVISION, UnregisteredQueueError, worstRecoverySeconds } from './platform/jobs';
import type { Database } from './platform/db/database';
import { createLogger } from './platform/logger';
import { JOB_QUEUE_NAMES as JOB_QUEUES, JOBS } from './jobs-registry';

const SERVER = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/**
 * Every queue name the server's code sends to: `jobs.send(NAME`, `jobs.insertMany([{ name: NAME`
 * and the bulk writers' `outbox.jobs.push({ name: NAME`. NAME is a string or an exported constant.
 */
function queuesSentTo(): { where: string; queue: string | null; expr: string }[] {
  const files = sourceFiles(SERVER).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const constants = new Map<string, string>();
  for (const f of files) for (const m of f.text.matchAll(/export const (\w+) = '([^']+)'/g)) constants.set(m[1], m[2]);
  const sends = [
    /jobs\.send(?:<[^>]*>)?\(\s*([\w'".-]+)/g,
    /insertMany\(\s*\[\s*\{\s*name:\s*([\w'".-]+)/g,
    /jobs\.push\(\s*\{\s*name:\s*([\w'".-]+)/g,
  ];
  return files.flatMap((f) =>
    sends.flatMap((re) =>
      [...f.text.matchAll(re)].map((m) => {
        const expr = m[1];
        const literal = /^['"](.+)['"]$/.exec(expr);
        const line = f.text.slice(0, m.index).split('\n').length;
        return {
          where: `${relative(SERVER, f.path)}:${line}`,
          expr,
          queue: literal ? literal[1] : (constants.get(expr) ?? null),
        };
      }),
    ),
  );
}

describe('job registry', () => {
  it('declares each queue once, with a handler', () => {
    expect(new Set(JOB_QUEUES).size).toBe(JOB_QUEUES.length);
    for (const def of JOBS) expect(typeof def.handler, def.queue).toBe('function');
    expect(JOB_QUEUES).toContain('notify.ticket');
  });

  it('every queue the code sends to has a handler', () => {
    const sends = queuesSentTo();
    // The scan sees the senders it must see (so an empty scan cannot pass).
    expect(sends.map((s) => s.queue)).toEqual(expect.arrayContaining(['notify.ticket', 'mail.reply', 'sms.send']));
    const unknown = sends.filter((s) => s.queue === null || !JOB_QUEUES.includes(s.queue));
    expect(unknown, 'send to a registered queue, named by a string or an exported constant').toEqual([]);
  });

  it('schedules are valid five-field cron expressions', () => {
    for (const def of JOBS.filter((j) => j.schedule)) expect(def.schedule!.split(' '), def.queue).toHaveLength(5);
  });

  it('send and insertMany refuse a queue that is not registered', async () => {
    const database = { executeSql: () => Promise.reject(new Error('no database')) } as unknown as Database;
    const jobs = createJobs(database, createLogger('silent'), ['known.queue']);
    await expect(jobs.send('unknown.queue', {})).rejects.toBeInstanceOf(UnregisteredQueueError);
    await expect(
      jobs.insertMany([{ name: 'unknown.queue', data: {} }], { executor: {} as never }),
    ).rejects.toBeInstanceOf(UnregisteredQueueError);
    // A registered queue gets past the guard (and then reaches the missing database).
    await expect(jobs.send('known.queue', {})).rejects.toThrow('no database');
  });

  it("a dead worker's jobs are taken again within a minute (production settings)", () => {
    // Expiry is found by maintenance (pg-boss 10: failJobsByTimeout in the supervisor), at worst two intervals apart.
    expect(SUPERVISION.maintenanceIntervalSeconds).toBeLessThanOrEqual(10);
    expect(QUEUE_DEFAULTS.expireInSeconds).toBeLessThanOrEqual(60); // pg-boss's own default is 15 minutes
    // Long runs that are scheduled again anyway: the mailbox fetch (its lease lasts five
    // minutes, and it is not retried) and the hourly maintenance jobs.
    // The SLA recompute walks every open ticket after a policy or calendar change; run again, it redoes it.
    // A directory sync reads a whole directory; the next minute's schedule starts it again.
    // A report build counts a workspace's days from scratch; the refresh job sends a stalled one again.
    const LONG: Record<string, number> = {
      'mail.fetch': 300,
      'tickets.auto-close': 600,
      'maintenance.cleanup': 600,
      'sla.recompute': 600,
      'directories.sync': 600,
      'reports.build': 600,
    };
    for (const def of JOBS) {
      const expire = def.queueOptions?.expireInSeconds ?? QUEUE_DEFAULTS.expireInSeconds;
      if (def.queue in LONG) expect(expire, def.queue).toBe(LONG[def.queue]);
      else expect(worstRecoverySeconds(def.queueOptions ?? {}, def.options), def.queue).toBeLessThanOrEqual(60);
    }
    const reply = JOBS.find((j) => j.queue === 'mail.reply')!;
    expect(reply.queueOptions).toMatchObject({ expireInSeconds: 30, retryDelay: 2 });
    expect(reply.options).toMatchObject({ batchSize: 20, concurrency: 10, pollingIntervalSeconds: 1 });
    expect(worstRecoverySeconds(reply.queueOptions!, reply.options)).toBe(30 + 20 + 4 + 1);
  });
});
