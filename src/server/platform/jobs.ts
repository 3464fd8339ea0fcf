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
  /** With singletonKey: one such job per this many seconds (a second send in that time is dropped). */
  singletonSeconds?: number;
  retryLimit?: number;
}

/** A job queued with others in one statement: its queue, its data, and when it may start (default now). */
export interface OutboxJob {
  name: string;
  data: object;
  startAfter?: Date;
}

/**
 * Background jobs on pg-boss 10, in the same database in both modes. Side effects (mail, SMS,
 * webhooks) are enqueued with `executor` set to the transaction of the change that causes them.
 */
export interface Jobs {
  start(): Promise<void>;
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /** Many plain jobs (no singleton; a start time each may have) in one statement, inside `executor`'s transaction. */
  insertMany(jobs: OutboxJob[], opts: { executor: Executor }): Promise<void>;
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
  /** How long a taken job may stay active, and how a failed one is retried (see `QueueOptions`). */
  queueOptions?: QueueOptions;
  /** Runs once when the worker starts, before the handler (e.g. dropping a stale backlog). */
  prepare?: (deps: AppDeps) => Promise<void>;
}

export interface WorkOptions {
  /** Jobs taken in one fetch (default 1). */
  batchSize?: number;
  /** How many jobs of a batch run at the same time (default 1: one after the other). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /**
   * `deadline`: work that is due at an instant (timers, SLA checks). `background`: work set off by
   * other work (notification fan-out, sending). In one process a background batch waits while
   * deadline batches run — a burst of 10,000 timers is not slowed by the notices it causes —
   * but never longer than half its queue's expiry, so it is not taken twice. Default: neither.
   */
  lane?: 'deadline' | 'background';
  /** A background batch waits at most this long (default: half the queue's expiry). */
  maxYieldSeconds?: number;
}

/**
 * A queue's settings in pg-boss (`createQueue`/`updateQueue`, applied at every start).
 * `expireInSeconds` is how long a job may stay active: past it, the supervisor's maintenance
 * sends it back to retry — that is how the jobs of a killed worker come back. It must cover a
 * whole batch (`batchSize / concurrency` rounds of the handler), not one job.
 */
export interface QueueOptions {
  expireInSeconds?: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) for each further one when `retryBackoff`. */
  retryDelay?: number;
  retryBackoff?: boolean;
}

export interface QueueSpec extends QueueOptions {
  name: string;
}

/**
 * The supervisor: expired active jobs are found by pg-boss's maintenance (`failJobsByTimeout`,
 * with archiving and dropping), run every `maintenanceIntervalSeconds` by one process at a time
 * (a timestamp in `pgboss.version`; a tick that comes a little early is skipped, so in the worst
 * case it runs every two intervals). The state monitor only counts jobs for the
 * `monitor-states` event, which nothing here listens to: it plays no part in expiry.
 */
export const SUPERVISION = { maintenanceIntervalSeconds: 10, monitorStateIntervalSeconds: 300 } as const;

/**
 * What a queue gets when its definition says nothing: 30 s to finish, five retries 3–6 s, 6–12 s…
 * apart — so a dead worker's job is taken again within a minute (`worstRecoverySeconds`).
 * A job whose failures deserve a longer wait (mail to a busy server) queues its next attempt
 * itself with `startAfter`; one that legitimately runs long sets a longer `expireInSeconds`.
 */
export const QUEUE_DEFAULTS: Required<QueueOptions> = {
  expireInSeconds: 30,
  retryLimit: 5,
  retryDelay: 3,
  retryBackoff: true,
};

/** The default worker: one job at a time, polled every 2 s. */
export const WORK_DEFAULTS: Required<Omit<WorkOptions, 'lane' | 'maxYieldSeconds'>> = {
  batchSize: 1,
  concurrency: 1,
  pollingIntervalSeconds: 2,
};

/**
 * The longest a job can wait, after the worker that took it dies, before a worker takes it
 * again: it expires, the next maintenance (at worst two intervals later) sends it back to
 * retry, the first retry's delay passes (up to twice `retryDelay` with backoff), and a worker
 * polls.
 */
export function worstRecoverySeconds(q: QueueOptions, w: WorkOptions = {}): number {
  const o = { ...QUEUE_DEFAULTS, ...q };
  const poll = w.pollingIntervalSeconds ?? WORK_DEFAULTS.pollingIntervalSeconds;
  return (
    o.expireInSeconds + 2 * SUPERVISION.maintenanceIntervalSeconds + o.retryDelay * (o.retryBackoff ? 2 : 1) + poll
  );
}

/** Types a job definition by its payload; the registry keeps them side by side. */
export const defineJob = <T>(def: JobDefinition<T>): JobDefinition => def as unknown as JobDefinition;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * The deadline lane of one process: how many deadline batches are running and when the last
 * ended. Between two batches of a burst the worker fetches again at once, so "busy" lasts a
 * little past the end of a batch (`GRACE_MS`) and a background batch does not slip in between.
 */
export function createLanes(now: () => number = () => performance.now()) {
  const GRACE_MS = 300;
  const STEP_MS = 50;
  let running = 0;
  let lastEnd = -Infinity;
  const busy = () => running > 0 || now() - lastEnd < GRACE_MS;
  return {
    busy,
    async deadline<T>(fn: () => Promise<T>): Promise<T> {
      running++;
      try {
        return await fn();
      } finally {
        running--;
        lastEnd = now();
      }
    },
    /** Waits until no deadline work runs, or `maxMs` have passed; returns the milliseconds waited. */
    async yieldToDeadlines(maxMs: number): Promise<number> {
      const start = now();
      while (busy() && now() - start < maxMs) await new Promise((r) => setTimeout(r, STEP_MS));
      return now() - start;
    },
  };
}

/**
 * Several processes starting together on an empty database (a fleet after a deploy,
 * test/integration/many-processes.test.ts) race where pg-boss 10 does not expect it: a process
 * that waited on another's schema install fails `CREATE SCHEMA IF NOT EXISTS` with a unique
 * violation (and is left half-started), and two creating the same queue deadlock on its
 * partition. The other process has then done (or is doing) the work: look again and go on.
 */
const RACE_CODES = new Set(['23505', '40P01', '42P06', '42P07', '42710']);
const raced = (err: unknown) => RACE_CODES.has(String((err as { code?: unknown }).code));

async function againIfRaced(fn: () => Promise<void>, tries = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!raced(err) || i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

/** Installs pg-boss's schema before `boss.start()`, which then finds it (see `againIfRaced`). */
async function installQueueSchema(database: Database) {
  await againIfRaced(async () => {
    const { rows } = await database.executeSql<{ installed: boolean }>(
      "select exists (select 1 from pg_catalog.pg_tables where schemaname = 'pgboss' and tablename = 'version') as installed",
    );
    if (!rows[0].installed) await database.executeSql(PgBoss.getConstructionPlans('pgboss'));
  });
}

/** Thrown by `send`/`insertMany` for a queue no module registered: the job would never run. */
export class UnregisteredQueueError extends Error {
  constructor(readonly queue: string) {
    super(`Job queue "${queue}" has no handler: declare it in a module's jobs.ts and the job registry`);
  }
}

/**
 * `queues`: every registered queue (the job registry's, names or specs with their
 * `QueueOptions`); created — or brought up to date — at start, and the only ones `send` accepts.
 */
export function createJobs(database: Database, log: Logger, queues: readonly (string | QueueSpec)[]): Jobs {
  const specs = queues.map((q) => (typeof q === 'string' ? { name: q } : q));
  const registered = new Set(specs.map((q) => q.name));
  const check = (name: string) => {
    if (!registered.has(name)) throw new UnregisteredQueueError(name);
  };
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: 'pgboss',
    ...SUPERVISION,
    ...QUEUE_DEFAULTS,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  let started = false;
  const lanes = createLanes();
  const expiryOf = new Map(specs.map((q) => [q.name, q.expireInSeconds ?? QUEUE_DEFAULTS.expireInSeconds]));
  return {
    boss,
    async start() {
      if (started) return;
      await installQueueSchema(database);
      await boss.start();
      for (const spec of specs) {
        const options = { ...QUEUE_DEFAULTS, ...spec };
        // Existing installs get the current settings too (jobs already queued keep theirs).
        await againIfRaced(async () => {
          if (await boss.getQueue(spec.name)) await boss.updateQueue(spec.name, options);
          else await boss.createQueue(spec.name, options);
        });
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
        jobs.map((j) => ({ name: j.name, data: j.data, ...(j.startAfter ? { startAfter: j.startAfter } : {}) })),
        { db: rawOf(opts.executor) },
      );
    },
    async work(name, handler, opts = {}) {
      const o = { ...WORK_DEFAULTS, ...opts };
      let workerId: string | null = null;
      workerId = await boss.work<object>(
        name,
        { batchSize: o.batchSize, pollingIntervalSeconds: o.pollingIntervalSeconds },
        async (jobs) => {
          if (o.lane === 'background')
            await lanes.yieldToDeadlines((o.maxYieldSeconds ?? expiryOf.get(name)! / 2) * 1000);
          // A full batch means more are probably waiting: fetch again at once, not after the interval.
          if (jobs.length >= o.batchSize && workerId) boss.notifyWorker(workerId);
          // Each job succeeds or fails alone: a failed one is sent back to retry here, and
          // pg-boss completes the others (still active) when this returns.
          const run = () =>
            eachLimited(jobs, o.concurrency, async (job) => {
              try {
                await handler(job.data as never, { id: job.id, name: job.name });
              } catch (e) {
                const err = e instanceof Error ? e : new Error(String(e));
                log.warn({ err, queue: name, jobId: job.id }, 'job failed; the queue retries it');
                await boss.fail(name, job.id, { message: err.message, stack: err.stack ?? null });
              }
            });
          await (o.lane === 'deadline' ? lanes.deadline(run) : run());
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
