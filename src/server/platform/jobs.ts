import PgBoss from 'pg-boss';
import type { Database, Executor } from './db/database';
import { rawOf } from './db/database';
import type { Logger } from './logger';
import type { AppDeps } from './context';

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

export interface SendOptions {
  /** Enqueue inside this transaction, so the job exists only if the change commits. */
  executor?: Executor;
  startAfter?: Date | number;
  singletonKey?: string;
  retryLimit?: number;
}

/**
 * Background jobs on pg-boss 10, in the same database in both modes. Side effects (mail, SMS,
 * webhooks) are enqueued with `executor` set to the transaction of the change that causes them.
 */
export interface Jobs {
  start(): Promise<void>;
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /** Many plain jobs (no singleton or delay) in one statement, inside `executor`'s transaction. */
  insertMany(jobs: { name: string; data: object }[], opts: { executor: Executor }): Promise<void>;
  work<T>(name: string, handler: JobHandler<T>, opts?: WorkOptions): Promise<void>;
  schedule(name: string, cron: string, data?: object): Promise<void>;
  stop(): Promise<void>;
  /** The pg-boss instance, for the few things the interface does not cover (tests, admin). */
  readonly boss: PgBoss;
}

/**
 * One queue of a module (`modules/<m>/jobs.ts`): its handler, built from the infrastructure,
 * an optional cron schedule (Asia/Tehran) and worker options. The server's job registry
 * (`src/server/jobs-registry.ts`) collects them: the queues created at start and the workers
 * come from there, so no job is sent to a queue nobody consumes.
 */
export interface JobDefinition<T = never> {
  queue: string;
  handler: (deps: AppDeps) => JobHandler<T>;
  /** Cron expression, in the Asia/Tehran time zone. */
  schedule?: string;
  options?: WorkOptions;
  /** Runs once when the worker starts, before the handler (e.g. dropping a stale backlog). */
  prepare?: (deps: AppDeps) => Promise<void>;
}

export interface WorkOptions {
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

/** Types a job definition by its payload; the registry keeps them side by side. */
export const defineJob = <T>(def: JobDefinition<T>): JobDefinition => def as unknown as JobDefinition;

/** Thrown by `send`/`insertMany` for a queue no module registered: the job would never run. */
export class UnregisteredQueueError extends Error {
  constructor(readonly queue: string) {
    super(`Job queue "${queue}" has no handler: declare it in a module's jobs.ts and the job registry`);
  }
}

/** `queues`: every registered queue (the job registry's); created at start, and the only ones `send` accepts. */
export function createJobs(database: Database, log: Logger, queues: readonly string[]): Jobs {
  const registered = new Set(queues);
  const check = (name: string) => {
    if (!registered.has(name)) throw new UnregisteredQueueError(name);
  };
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    // Archive and maintenance run inside the supervisor; keep them modest on a small machine.
    maintenanceIntervalSeconds: 300,
    monitorStateIntervalSeconds: 60,
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  let started = false;
  return {
    boss,
    async start() {
      if (started) return;
      await boss.start();
      for (const name of queues) {
        if (!(await boss.getQueue(name)))
          await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
      }
      started = true;
    },
    async send(name, data, opts = {}) {
      check(name);
      const { executor, ...rest } = opts;
      return boss.send(name, data, { ...rest, ...(executor ? { db: rawOf(executor) } : {}) });
    },
    async insertMany(jobs, opts) {
      if (!jobs.length) return;
      for (const j of jobs) check(j.name);
      await boss.insert(
        jobs.map((j) => ({ name: j.name, data: j.data })),
        { db: rawOf(opts.executor) },
      );
    },
    async work(name, handler, opts = {}) {
      await boss.work<object>(
        name,
        { batchSize: opts.batchSize ?? 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data as never, { id: job.id, name: job.name });
        },
      );
    },
    async schedule(name, cron, data = {}) {
      await boss.schedule(name, cron, data, { tz: 'Asia/Tehran' });
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
