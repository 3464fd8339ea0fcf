import type { SQL } from 'drizzle-orm';
import type { ticketEvents } from '../../db/schema';
import type { Permission, Role } from '../../contracts/permissions';
import type { Config } from './config';
import type { Clock } from './clock';
import type { Executor, Database } from './db/database';
import type { Jobs, OutboxJob } from './jobs';
import type { Locale } from './i18n';
import type { Logger } from './logger';
import type { Mailer } from './mailer';
import type { FileStorage } from './storage';
import type { SmsGateway } from './sms';

/** The infrastructure an app is built from; tests swap what they must (clock, mailer...). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  jobs: Jobs;
  storage: FileStorage;
  mailer: Mailer;
  sms: SmsGateway;
  log: Logger;
}

export interface Actor {
  id: number;
  role: Role;
  name: string;
  username: string;
  permissions: ReadonlySet<Permission>;
  /** Departments the agent belongs to. */
  departmentIds: number[];
  ticketAccess: boolean;
  locale: Locale;
  via: 'session' | 'token';
  sessionId?: string;
  /** For an API token: what it may do besides acting as its owner (`api`, `tokens`). */
  scopes?: readonly string[];
  /** For an API token: when it stops working (a token never mints one outliving it). */
  expiresAt?: Date | null;
  /** K11: two-factor sign-in is on for this person (the request context enforces the workspace's rule). */
  twoFactor?: boolean;
}

/**
 * What every action receives: who acts, in which workspace, and through which executor (the
 * database or an open transaction). Every repository query is scoped by `workspaceId`.
 */
export interface Ctx {
  workspaceId: number;
  actor: Actor | null;
  db: Executor;
  inTx: boolean;
  locale: Locale;
  ip: string;
  requestId: string;
  deps: AppDeps;
  /**
   * When set (bulk writers such as mail intake), announcements are collected here and sent by
   * the writer in one statement each before its transaction commits (`flushOutbox`).
   */
  outbox?: TxOutbox;
  /**
   * K7: a trigger acting (the system, no actor): how deep in a chain of triggers' own changes,
   * the triggers already fired in it (loop protection), and the name the event log shows.
   */
  automation?: { depth: number; fired: number[]; name: string };
}

/** Jobs and NOTIFY payloads of one transaction, sent together at its end. */
export interface TxOutbox {
  jobs: OutboxJob[];
  /** NOTIFY payloads, as SQL (`livePayload`: some read the ticket's participants when sent). */
  notifies: SQL[];
  /** Event-log rows (C21), written by the NOTIFY's statement — collected only when the writer sets it. */
  events?: (typeof ticketEvents.$inferInsert)[];
}

/** Runs `fn` in a transaction, reusing the caller's when there is one. */
export async function withTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTx) return fn(ctx);
  return ctx.deps.database.db.transaction(async (tx) => fn({ ...ctx, db: tx, inTx: true }));
}

/**
 * Runs independent queries together — in parallel on the pool, one after the other inside a
 * transaction, whose single connection must not be given two queries at once.
 */
export async function inParallel<T extends readonly unknown[]>(
  ctx: Pick<Ctx, 'inTx'>,
  ...tasks: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (!ctx.inTx) return Promise.all(tasks.map((task) => task())) as unknown as Promise<T>;
  const out: unknown[] = [];
  for (const task of tasks) out.push(await task());
  return out as unknown as T;
}
