/**
 * npm run bench:seed -- --tickets N [--database-url URL | --embedded DIR] [--workspace SLUG]
 *                       [--seed 1] [--now ISO] [--replace] [--keep-indexes] [--chunk 5000]
 *
 * Migrates the database, creates a workspace (admin / bench-admin-1) and fills it with
 * generated, realistic data (bench/seed/*.ts): 20 departments, 200 agents, N/10 customers, N
 * tickets with about five messages each, internal notes, attachment records, followers.
 * Deterministic for a given --seed, --now and --chunk. Without --database-url it uses
 * DATABASE_URL; --embedded fills an embedded (PGlite) data directory instead.
 */
import { parseArgs } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase } from '../src/server/platform/db/open-database';
import { migrate } from '../src/server/platform/db/migrate';
import { queryRows, type Database } from '../src/server/platform/db/database';
import { createWorkspace } from '../src/server/modules/workspaces/create-workspace';
import { systemClock } from '../src/server/platform/clock';
import type { AppDeps } from '../src/server/platform/context';
import { sql } from 'drizzle-orm';
import { loadWorkspace } from './seed/load';
import { USER_PASSWORD } from './seed/people';
import { pgliteSink, pgSink, type Sink } from './seed/sink';

export const ADMIN_PASSWORD = 'bench-admin-1';
const DAY = 86_400_000;

function options() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string' },
      'database-url': { type: 'string' },
      embedded: { type: 'string' },
      workspace: { type: 'string', default: 'bench' },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
      replace: { type: 'boolean', default: false },
      'keep-indexes': { type: 'boolean', default: false },
      chunk: { type: 'string', default: '5000' },
    },
  });
  const tickets = Number(values.tickets);
  if (!Number.isInteger(tickets) || tickets < 1) fail('--tickets N is required (a positive whole number)');
  const databaseUrl = values['database-url'] ?? (values.embedded ? undefined : process.env.DATABASE_URL);
  if (!databaseUrl && !values.embedded) {
    fail(
      'no database: pass --database-url postgres://user@host:5432/db or set DATABASE_URL (or --embedded DIR to fill an embedded PGlite data directory)',
    );
  }
  // Dates run over the two years before `now`: midnight UTC today unless given, so that a seed
  // is reproducible within a day, or exactly with --now.
  const now = values.now ? Date.parse(values.now) : Math.floor(Date.now() / DAY) * DAY;
  if (Number.isNaN(now)) fail('--now must be an ISO date');
  return { ...values, tickets, databaseUrl, now, seed: Number(values.seed), chunk: Number(values.chunk) };
}

function fail(message: string): never {
  console.error(`bench:seed: ${message}`);
  process.exit(2);
}

async function bulkSink(
  database: Database,
  url: string | undefined,
): Promise<{ sink: Sink; close: () => Promise<void> }> {
  if (url) {
    const client = new pg.Client({ connectionString: url, application_name: 'pishkhan-bench-seed' });
    await client.connect();
    return { sink: pgSink(client), close: () => client.end() };
  }
  // PGlite has one connection; drizzle keeps it at session.client (as rawOf() relies on).
  const client = (database.db as unknown as { session: { client: PGlite } }).session.client;
  return { sink: pgliteSink(client), close: async () => {} };
}

async function main() {
  const o = options();
  const t0 = performance.now();
  const database = await openDatabase(
    o.databaseUrl ? { databaseUrl: o.databaseUrl, poolSize: 2 } : { dataDir: o.embedded! },
  );
  let bulk: Awaited<ReturnType<typeof bulkSink>> | undefined;
  let workspaceId: number | undefined;
  try {
    const applied = await migrate(database);
    if (applied.length) console.log(`migrated: ${applied.length} migration(s)`);
    const existing = await queryRows<{ id: number }>(
      database.db,
      sql`select id from workspaces where slug = ${o.workspace}`,
    );
    if (existing.length) {
      if (!o.replace)
        fail(`workspace "${o.workspace}" exists; pass --replace to delete it first, or --workspace another-slug`);
      console.log(`deleting workspace "${o.workspace}"…`);
      await database.db.execute(sql`delete from workspaces where id = ${existing[0].id}`);
    }
    // Only what createWorkspace reads: a self-hosted workspace (no trial subscription, no admin link).
    const deps = { database, clock: systemClock, config: { cloud: { enabled: false } } } as unknown as AppDeps;
    const { workspace, admin } = await createWorkspace(deps, {
      slug: o.workspace,
      name: `Pishkhan bench (${o.tickets.toLocaleString('en')} tickets)`,
      admin: { username: 'admin', password: ADMIN_PASSWORD, name: 'مدیر آزمون', email: 'admin@bench.pishkhan.local' },
    });
    workspaceId = workspace.id;
    console.log(
      `workspace "${o.workspace}" (id ${workspace.id}) on ${database.kind}; seed ${o.seed}; ${o.tickets.toLocaleString('en')} tickets up to ${new Date(o.now).toISOString()}`,
    );

    bulk = await bulkSink(database, o.databaseUrl);
    const s = await loadWorkspace(bulk.sink, {
      seed: o.seed,
      tickets: o.tickets,
      workspaceId: workspace.id,
      adminId: admin.id,
      now: o.now,
      start: o.now - 730 * DAY,
      rebuildIndexes: !o['keep-indexes'],
      chunk: o.chunk,
      log: (line) => console.log(line),
    });
    const total = (performance.now() - t0) / 1000;
    const rows = s.tickets + s.messages + s.files + s.participants + s.customers;
    console.log(`
done in ${total.toFixed(1)} s
  tickets       ${s.tickets.toLocaleString('en').padStart(12)}
  messages      ${s.messages.toLocaleString('en').padStart(12)}  (${s.notes.toLocaleString('en')} internal notes)
  attachments   ${s.files.toLocaleString('en').padStart(12)}  (file rows only)
  participants  ${s.participants.toLocaleString('en').padStart(12)}
  customers     ${s.customers.toLocaleString('en').padStart(12)}
  agents        ${s.agents.toLocaleString('en').padStart(12)}
  time          people ${s.seconds.people.toFixed(1)} s · tickets ${s.seconds.tickets.toFixed(1)} s · indexes ${s.seconds.indexes.toFixed(1)} s · vacuum/analyze ${s.seconds.vacuum.toFixed(1)} s
  speed         ${Math.round(s.tickets / total).toLocaleString('en')} tickets/s · ${Math.round(rows / total).toLocaleString('en')} rows/s overall
sign in: admin / ${ADMIN_PASSWORD}; agents agent1…agent200 and customers (see users) / ${USER_PASSWORD}`);
  } catch (err) {
    // A failed load rolls back; remove the empty workspace too.
    if (workspaceId !== undefined)
      await database.db.execute(sql`delete from workspaces where id = ${workspaceId}`).catch(() => {});
    throw err;
  } finally {
    await bulk?.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
