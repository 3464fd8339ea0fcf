import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db/open-database';
import { migrate } from '../../src/server/platform/db/migrate';
import { createWorkspace } from '../../src/server/modules/workspaces/create-workspace';
import { hashPassword } from '../../src/server/platform/crypto';
import { systemClock } from '../../src/server/platform/clock';
import type { AppDeps } from '../../src/server/platform/context';
import { BULK_TABLES, secondaryObjects } from '../seed/load';
import { seedPeople, USER_PASSWORD, type World } from '../seed/people';
import { Forms, verifySample } from '../seed/search-vector';
import { lastId, pgSink, reserveIds } from '../seed/sink';
import { FILE_COLUMNS, MESSAGE_COLUMNS, PARTICIPANT_COLUMNS, TICKET_COLUMNS, type Sample } from '../seed/tickets';
import { TextGenerator } from '../seed/words';
import type { TenantsBatch, TenantsWorkerInput } from './generate-worker';

export const ADMIN_PASSWORD = 'bench-admin-1'; // as bench:seed, so bench/load's prepare() signs in
const DAY = 86_400_000;

export interface TenantsSeedOptions {
  url: string;
  workspaces: number;
  tickets: number;
  agents: number;
  customers: number;
  seed: number;
  now: number;
  /** Tickets per COPY, about (a slice of each workspace of a group). */
  chunk: number;
  /** Tickets of one workspace in a row in the heap (see generate-worker.ts). */
  slice: number;
  /**
   * Workspaces (0-based) seeded as twins of the first: the same people and tickets, so that a
   * request of theirs does the same work as the first workspace's (tenants.ts's spread sample).
   */
  twins?: ReadonlySet<number>;
  log: (line: string) => void;
}

export interface TenantsSeedSummary {
  workspaces: number;
  tickets: number;
  messages: number;
  notes: number;
  files: number;
  participants: number;
  agents: number;
  customers: number;
  seconds: { workspaces: number; people: number; tickets: number; indexes: number; vacuum: number; total: number };
}

/** The slug of the k-th workspace (0-based). */
export const slugOf = (k: number) => `t${String(k + 1).padStart(4, '0')}`;
/** Each workspace its own random streams (people, tickets), from one --seed; a twin the first's. */
const seedOf = (seed: number, k: number, twins?: ReadonlySet<number>) => seed * 100_000 + (twins?.has(k) ? 0 : k);
const seconds = (since: number) => (performance.now() - since) / 1000;

async function pool<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** The generator thread's batches, each acknowledged once written (bounds the memory in flight). */
async function* batches(input: Omit<TenantsWorkerInput, 'entry'>): AsyncGenerator<TenantsBatch> {
  const worker = new Worker(new URL('../seed/worker-boot.mjs', import.meta.url), {
    workerData: { ...input, entry: '../tenants/generate-worker.ts' },
  });
  const queue: TenantsBatch[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on('message', (m: TenantsBatch | { done: true }) => {
    if ('done' in m) done = true;
    else queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => ((failure = err), wake?.()));
  worker.on('exit', (code) => {
    if (!done && !failure) failure = new Error(`the generator thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        worker.postMessage('next');
      } else if (failure) throw failure;
      else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Fills an empty (migrated here) database with `workspaces` workspaces of `tickets` tickets
 * each, with bench:seed's generators (bench/seed/*) — people per workspace by seedPeople, each
 * ticket by TicketGenerator, binary COPY — but the bulk tables' indexes dropped and rebuilt
 * once for all workspaces, one password hash for every generated person, and the workspaces'
 * tickets interleaved in the heap. The workspaces themselves (settings, default levels,
 * calendar, admin) are made by the product's createWorkspace.
 */
export async function seedTenants(o: TenantsSeedOptions): Promise<TenantsSeedSummary> {
  const t0 = performance.now();
  const start = o.now - 730 * DAY;
  const database = await openDatabase({ databaseUrl: o.url, poolSize: 4 });
  const made: { id: number; adminId: number }[] = [];
  try {
    const applied = await migrate(database);
    if (applied.length) o.log(`migrated: ${applied.length} migration(s)`);
    const [{ n }] = (await database.executeSql('select count(*)::int as n from workspaces')).rows as { n: number }[];
    if (n > 0) throw new Error('the database already has workspaces: seed a fresh one');
    // Self-hosted workspaces (no cloud trial subscription).
    const deps = { database, clock: systemClock, config: { cloud: { enabled: false } } } as unknown as AppDeps;
    made.push(
      ...(await pool(o.workspaces, 4, async (k) => {
        const { workspace, admin } = await createWorkspace(deps, {
          slug: slugOf(k),
          name: `Tenant ${k + 1} (${o.tickets.toLocaleString('en')} tickets)`,
          admin: {
            username: 'admin',
            password: ADMIN_PASSWORD,
            name: 'مدیر آزمون',
            email: `admin@${slugOf(k)}.pishkhan.local`,
          },
        });
        return { id: workspace.id, adminId: admin.id };
      })),
    );
  } finally {
    await database.close();
  }
  const tWorkspaces = seconds(t0);
  o.log(`${o.workspaces} workspaces created by createWorkspace (${tWorkspaces.toFixed(1)} s)`);

  const client = new pg.Client({ connectionString: o.url, application_name: 'pishkhan-bench-tenants-seed' });
  await client.connect();
  const sink = pgSink(client);
  try {
    await sink.query('begin');
    await sink.query(`set local maintenance_work_mem = '1GB'`);
    await sink.query(`set local synchronous_commit = off`);
    const saved = await secondaryObjects(sink);
    for (const fk of saved.fks) await sink.query(`alter table ${fk.tbl} drop constraint ${fk.name}`);
    for (const ix of saved.indexes) await sink.query(`drop index ${ix.name}`);

    const tp = performance.now();
    const forms = new Forms();
    new TextGenerator(forms); // registers the word forms, in the order the generator thread will find them
    const passwordHash = await hashPassword(USER_PASSWORD);
    const worlds: World[] = [];
    for (let k = 0; k < made.length; k++) {
      worlds.push(
        await seedPeople(sink, forms, {
          seed: seedOf(o.seed, k, o.twins),
          workspaceId: made[k].id,
          adminId: made[k].adminId,
          customers: o.customers,
          start,
          agents: o.agents,
          passwordHash,
        }),
      );
      if ((k + 1) % 100 === 0) o.log(`people of ${k + 1} workspaces (${seconds(tp).toFixed(0)} s)`);
    }
    await forms.resolve(sink);
    const tPeople = seconds(tp);
    o.log(
      `people: ${o.agents} agents, ${o.customers} customers, 20 departments per workspace; ${forms.keys.length} word forms (${tPeople.toFixed(1)} s)`,
    );

    const ticketBase = await reserveIds(sink, 'tickets', o.tickets * made.length);
    await sink.query('lock table messages in exclusive mode');
    const messageSeq = await lastId(sink, 'messages');
    const n = { tickets: 0, messages: 0, notes: 0, files: 0, participants: 0 };
    const samples: Sample[] = [];
    const slice = Math.min(o.slice, o.tickets);
    const t1 = performance.now();
    let lastLog = t1;
    for await (const b of batches({
      worlds,
      forms: forms.snapshot(),
      seeds: made.map((_, k) => seedOf(o.seed, k, o.twins)),
      tickets: o.tickets,
      start,
      now: o.now,
      ticketBases: made.map((_, k) => ticketBase + k * o.tickets),
      messageBase: messageSeq.last,
      slice,
      group: Math.max(1, Math.floor(o.chunk / slice)),
      sampleStride: 50,
      ahead: 2,
    })) {
      await sink.copy('tickets', TICKET_COLUMNS, b.tickets);
      await sink.copy('messages', MESSAGE_COLUMNS, b.messages);
      await sink.copy('files', FILE_COLUMNS, b.files);
      await sink.copy('ticket_participants', PARTICIPANT_COLUMNS, b.participants);
      for (const key of Object.keys(n) as (keyof typeof n)[]) n[key] += b.counts[key];
      samples.push(...b.samples);
      if (performance.now() - lastLog > 10_000 || b.round === b.rounds) {
        lastLog = performance.now();
        o.log(
          `tickets ${n.tickets.toLocaleString('en')} · messages ${n.messages.toLocaleString('en')} · batch ${b.round}/${b.rounds} · ${seconds(t1).toFixed(0)} s`,
        );
      }
    }
    await sink.query(`select setval('${messageSeq.seq}', ${messageSeq.last + n.messages})`);
    const tTickets = seconds(t1);
    await sink.query(
      `insert into ticket_counters (workspace_id, last_number) select unnest($1::bigint[]), $2
       on conflict (workspace_id) do update set last_number = greatest(ticket_counters.last_number, excluded.last_number)`,
      [made.map((m) => m.id), o.tickets],
    );
    // The joined spellings of Persian word parts (search_joins, migration 0013) are already in
    // the vectors (seed/joined-vector.ts), not added by an UPDATE of every ticket.

    const t2 = performance.now();
    for (const ix of saved.indexes) {
      const t = performance.now();
      await sink.query(ix.def);
      o.log(`index ${ix.name}: ${seconds(t).toFixed(1)} s`);
    }
    for (const fk of saved.fks) await sink.query(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`);
    const tIndexes = seconds(t2);
    await verifySample(sink, samples);
    o.log(`search vectors of ${samples.length} sample tickets match the application's to_tsvector(…) || … exactly`);
    await sink.query('commit');

    const t3 = performance.now();
    for (const t of ['users', 'department_agents', ...BULK_TABLES]) await sink.query(`vacuum (analyze) ${t}`);
    const tVacuum = seconds(t3);
    return {
      workspaces: made.length,
      ...n,
      agents: o.agents * made.length,
      customers: o.customers * made.length,
      seconds: {
        workspaces: tWorkspaces,
        people: tPeople,
        tickets: tTickets,
        indexes: tIndexes,
        vacuum: tVacuum,
        total: seconds(t0),
      },
    };
  } catch (err) {
    await sink.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** Creates (or re-creates) a database by name on the admin URL's server; returns its URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
