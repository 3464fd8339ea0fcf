/**
 * npm run bench:explain -- [--database-url URL | --scratch N] [--also URL] [--workspace bench] [--out docs/queries.md]
 *
 * EXPLAIN (ANALYZE, BUFFERS) of the main ticket list queries, exactly as the application
 * issues them: the actions (listTickets, dashboard) run against a seeded workspace with a
 * Drizzle logger that captures their SQL and parameters, which are then explained. With
 * --scratch N (the default, N = 100,000) a database pishkhan_queries_<pid> is created on
 * BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), seeded with
 * `bench:seed`, and dropped at the end. --also URL adds the timings measured on a second
 * (larger) seeded database to the summary. Writes the markdown report (docs/queries.md).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ZListTicketsQuery } from '../src/contracts/tickets';
import { openDatabase } from '../src/server/platform/db/open-database';
import { systemClock } from '../src/server/platform/clock';
import type { AppDeps, Ctx } from '../src/server/platform/context';
import { listTickets } from '../src/server/modules/tickets/list-tickets';
import { dashboard } from '../src/server/modules/tickets/dashboard';
import { SCENARIOS, type Who } from './explain/scenarios';
import { people } from './explain/people';
import { explainAll, type Explained } from './explain/run';
import { report } from './explain/report';
import { explainKept, type KeptPlan } from './explain/kept-plans';
import { getTicket } from '../src/server/modules/tickets/get-ticket';
import { listMessages } from '../src/server/modules/tickets/thread';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    scratch: { type: 'string' },
    workspace: { type: 'string', default: 'bench' },
    out: { type: 'string', default: 'docs/queries.md' },
    runs: { type: 'string', default: '5' },
    /** A second, larger seeded database: its timings join the summary table. */
    also: { type: 'string' },
  },
});

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function urlOf(name: string) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Measured {
  results: Explained[];
  tickets: number;
  messages: number;
  notes: string[];
  version: string;
  /** The ticket page's prepared statements and the plans PostgreSQL keeps for them. */
  kept: KeptPlan[];
}

/** Runs every scenario's action, captures its SQL on tickets (the page and its count) and explains it. */
async function measure(url: string): Promise<Measured> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const database = await openDatabase({
    databaseUrl: url,
    poolSize: 2,
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  });
  try {
    const q = async (text: string, values?: unknown[]) =>
      (await database.executeSql(text, values)).rows as Record<string, unknown>[];
    const p = await people(q, args.workspace);
    const deps = { database, clock: systemClock } as unknown as AppDeps;
    const ctxOf = (who: Who): Ctx => ({
      workspaceId: p.workspaceId,
      actor: p[who],
      db: database.db,
      inTx: false,
      locale: 'fa',
      ip: '127.0.0.1',
      requestId: 'explain',
      deps,
    });
    const results: Explained[] = [];
    for (const s of SCENARIOS) {
      captured.length = 0;
      const ctx = ctxOf(s.who);
      let total: number | null = null;
      if (s.dashboard) await dashboard({ ctx });
      else total = (await listTickets({ ctx, input: ZListTicketsQuery.parse(s.list!(p.fixture)) })).total;
      // Lookups of names (departments, users, tags) are left out: they read a page's ids by primary key.
      const statements = captured.filter((c) => /from "?tickets"? /.test(c.sql));
      results.push(await explainAll(q, s, statements, total, Number(args.runs)));
      console.log(
        `${s.key}: ${results
          .at(-1)!
          .statements.map((x) => `${x.executionMs.toFixed(2)} ms`)
          .join(' + ')}`,
      );
    }
    // The ticket page (the ticket, then its thread) of a ~20-message ticket in the agent's departments.
    const [page] = await q(
      `select number from tickets where workspace_id = $1 and department_id = any($2::bigint[])
         and message_count between 18 and 24 and deleted_at is null order by id desc limit 1`,
      [p.workspaceId, p.agent.departmentIds],
    );
    captured.length = 0;
    if (page) {
      const ctx = ctxOf('agent');
      await getTicket({ ctx, number: Number(page.number) });
      await listMessages({ ctx, number: Number(page.number) });
    }
    const kept = await explainKept(url, [...captured]);
    console.log(
      `ticket page: ${kept.map((k) => `${k.executionMs.toFixed(2)} ms${k.generic ? ' (generic)' : ''}`).join(' + ')}`,
    );
    const [{ version }] = await q('select version()');
    const [{ tickets }] = await q('select count(*)::int as tickets from tickets where workspace_id = $1', [
      p.workspaceId,
    ]);
    const [{ messages }] = await q('select count(*)::int as messages from messages where workspace_id = $1', [
      p.workspaceId,
    ]);
    return {
      results,
      version: String(version),
      tickets: Number(tickets),
      messages: Number(messages),
      notes: p.notes,
      kept,
    };
  } finally {
    await database.close();
  }
}

async function main() {
  let url = args['database-url'];
  let scratch: string | null = null;
  try {
    if (!url) {
      const tickets = Number(args.scratch ?? 100_000);
      scratch = `pishkhan_queries_${process.pid}`;
      url = urlOf(scratch);
      await admin(`create database "${scratch}"`);
      console.log(`scratch database ${scratch}: seeding ${tickets.toLocaleString('en')} tickets…`);
      const seed = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'bench/seed.ts', '--tickets', String(tickets), '--database-url', url],
        { stdio: 'inherit' },
      );
      if (seed.status !== 0) throw new Error('seeding failed');
    }
    const main = await measure(url);
    const also = args.also ? await measure(args.also) : null;
    writeFileSync(
      args.out,
      report({ ...main, also: also && { results: also.results, tickets: also.tickets, kept: also.kept } }),
    );
    console.log(`wrote ${args.out}`);
  } finally {
    if (scratch) await admin(`drop database if exists "${scratch}" with (force)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
