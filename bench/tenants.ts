/**
 * npm run bench:tenants -- [--workspaces 1000] [--tickets 1000] [--sample 50] [--rounds 2]
 *                          [--duration 15] [--warmup 5] [--connections 16] [--skip-seed] [--keep]
 *                          [--no-twins] [--scenarios a,b]
 *
 * Issue 19, point 6: many workspaces on one PostgreSQL. Seeds two databases with bench:seed's
 * generators (bench/tenants/seed.ts): `pishkhan_bench_tenants`, 1,000 workspaces of 1,000
 * tickets each, and `pishkhan_bench_tenants_one`, one such workspace alone (the baseline). Then
 * starts the server on each (web only) and runs the load runner's queue and search scenarios
 * against both, alternately, at the README's concurrency: against the big database spread over
 * `--sample` random workspaces' agents (seeded as twins of the first, so that each request does the
 * work of the alone one's; --no-twins gives them their own data), and against one of its workspaces
 * alone. Last, EXPLAIN
 * (ANALYZE, BUFFERS) of the same list statements for one workspace in each database, with every
 * scan that is not bounded by the workspace flagged. Writes bench/results/<date>-tenants.{json,md}
 * and bench/results/tenants-<date>-plans.txt; drops both databases unless --keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Rng } from './seed/random';
import { freshDatabase, seedTenants, slugOf, type TenantsSeedSummary } from './tenants/seed';
import { startServer, type Server } from './tenants/server';
import { fixtures, measure, spread, TENANT_SCENARIOS, type Run } from './tenants/load';
import { explainWorkspace } from './tenants/plans';
import { markdown, planReport, type Variant } from './tenants/report';

const { values: o } = parseArgs({
  options: {
    workspaces: { type: 'string', default: '1000' },
    tickets: { type: 'string', default: '1000' },
    agents: { type: 'string', default: '20' },
    customers: { type: 'string', default: '100' },
    sample: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    scenarios: { type: 'string', default: TENANT_SCENARIOS.join(',') },
    seed: { type: 'string', default: '1' },
    chunk: { type: 'string', default: '5000' },
    slice: { type: 'string', default: '25' },
    database: { type: 'string', default: 'pishkhan_bench_tenants' },
    'baseline-database': { type: 'string', default: 'pishkhan_bench_tenants_one' },
    'skip-seed': { type: 'boolean', default: false },
    /** Seed the spread sample's workspaces as twins of the first (--no-twins: each its own data). */
    twins: { type: 'boolean', default: true },
    'skip-load': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;
const num = (k: keyof typeof o) => Number(o[k]);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function urlOf(name: string) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabases() {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    for (const name of [o.database!, o['baseline-database']!])
      await c.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await c.end();
  }
}

/** The spread sample: distinct workspaces (0-based) drawn at random, reproducibly from --seed. */
function sampleOf(): number[] {
  const rng = new Rng(num('seed'), 'tenants-sample');
  const ks = new Set<number>();
  while (ks.size < Math.min(num('sample'), num('workspaces'))) ks.add(rng.int(0, num('workspaces') - 1));
  return [...ks];
}

/**
 * Whether the sampled workspaces hold the first one's tickets (seeded with --twins): then a
 * request of theirs does the work of the first's, and spread against alone measures sharing the
 * database only. Without twins their lists differ (the filtered queue returns 0–8 rows where the
 * first's returns 1), and so does the work of a request.
 */
async function twinsOf(url: string, slugs: string[]): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select count(distinct (t.subject, t.status, t.priority, t.message_count))::int as n from tickets t
         join workspaces w on w.id = t.workspace_id where w.slug = any($1) and t.number <= 20`,
      [[slugOf(0), ...slugs]],
    );
    return rows[0].n <= 20;
  } finally {
    await c.end();
  }
}

async function seedBoth(): Promise<{ big: TenantsSeedSummary; one: TenantsSeedSummary }> {
  const common = {
    tickets: num('tickets'),
    agents: num('agents'),
    customers: num('customers'),
    seed: num('seed'),
    now: Math.floor(Date.now() / DAY) * DAY,
    chunk: num('chunk'),
    slice: num('slice'),
  };
  log(`seeding ${o['baseline-database']}: 1 workspace of ${common.tickets} tickets`);
  const one = await seedTenants({
    ...common,
    url: await freshDatabase(ADMIN_URL, o['baseline-database']!),
    workspaces: 1,
    log: (l) => log(`  ${l}`),
  });
  log(`seeding ${o.database}: ${num('workspaces')} workspaces of ${common.tickets} tickets`);
  const twins = o.twins ? new Set(sampleOf()) : undefined;
  if (twins) log(`  the ${twins.size} sampled workspaces are twins of ${slugOf(0)} (same people and tickets)`);
  const big = await seedTenants({
    ...common,
    url: await freshDatabase(ADMIN_URL, o.database!),
    workspaces: num('workspaces'),
    twins,
    log: (l) => log(`  ${l}`),
  });
  log(`seeded in ${big.seconds.total.toFixed(0)} s (baseline ${one.seconds.total.toFixed(0)} s)`);
  return { big, one };
}

async function main() {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const results = new URL('./results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  const seeded = o['skip-seed'] ? null : await seedBoth();
  const servers: Server[] = [];
  try {
    const big = await startServer(urlOf(o.database!), 3411);
    servers.push(big);
    const one = await startServer(urlOf(o['baseline-database']!), 3412);
    servers.push(one);
    const slugs = new Set(sampleOf().map(slugOf));
    const alike = await twinsOf(urlOf(o.database!), [...slugs]);
    log(`signing in the agents of ${slugs.size} workspaces (${[...slugs].slice(0, 5).join(', ')}, …)`);
    const sampleFx = await fixtures(big.url, [...slugs]);
    // The first workspace of each database has the same seed, hence the same people and tickets:
    // the same workspace, alone and among the others.
    const [oneFx] = await fixtures(one.url, [slugOf(0)]);
    const [firstFx] = await fixtures(big.url, [slugOf(0)]);
    const variants: Variant[] = [
      {
        key: 'alone',
        title: `one workspace alone (${o['baseline-database']})`,
        server: one,
        db: o['baseline-database']!,
        fx: [oneFx],
      },
      {
        key: 'spread',
        title: `${o.database}: ${slugs.size} workspaces at random, ${alike ? `twins of ${slugOf(0)}` : 'each its own data'}`,
        server: big,
        db: o.database!,
        fx: sampleFx,
      },
      {
        key: 'single',
        title: `${o.database}: workspace ${slugOf(0)} only`,
        server: big,
        db: o.database!,
        fx: [firstFx],
      },
    ];
    const runs: { scenario: string; variant: string; round: number; run: Run }[] = [];
    const scenarios = o.scenarios!.split(',') as typeof TENANT_SCENARIOS;
    const opts = { connections: num('connections'), durationS: num('duration'), warmupS: num('warmup') };
    if (!o['skip-load'])
      for (let round = 1; round <= num('rounds'); round++)
        for (const scenario of scenarios)
          // Each round starts with another variant, so that none always runs first (or after another).
          for (const v of [...variants.slice((round - 1) % 3), ...variants.slice(0, (round - 1) % 3)]) {
            const run = await measure(v.server, urlOf(v.db), spread(scenario, v.fx), opts);
            runs.push({ scenario, variant: v.key, round, run });
            log(
              `round ${round} ${scenario} ${v.key}: ${run.rps} req/s, p50 ${run.p50}, p95 ${run.p95} ms, errors ${run.errors}, non-2xx ${run.non2xx}, CPU ${run.serverCpuMs} + ${run.pgCpuMs} ms/req, ${run.buffers} buffers/req (${run.buffersRead} read), load ${run.load}`,
            );
          }

    log(`EXPLAIN (ANALYZE, BUFFERS) for ${slugOf(0)} in both databases`);
    const plansBig = await explainWorkspace(urlOf(o.database!), slugOf(0), firstFx);
    const plansOne = await explainWorkspace(urlOf(o['baseline-database']!), slugOf(0), oneFx);
    const plansText = planReport({ big: plansBig, one: plansOne, slug: slugOf(0), database: o.database! });
    writeFileSync(new URL(`tenants-${stamp}-plans.txt`, results), plansText);
    const table = markdown(variants, runs);
    writeFileSync(
      new URL(`${stamp}-tenants.json`, results),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          options: o,
          seeded,
          sample: [...slugs],
          runs,
          plans: { big: plansBig, one: plansOne },
        },
        null,
        2,
      ),
    );
    writeFileSync(new URL(`${stamp}-tenants.md`, results), `${table}\n`);
    console.log(`\n${table}\n\n${plansText.split('\n== ')[0]}`);
    log(`wrote bench/results/${stamp}-tenants.{json,md} and bench/results/tenants-${stamp}-plans.txt`);
  } finally {
    for (const s of servers) await s.stop();
    if (!o.keep) {
      await dropDatabases();
      log(`dropped ${o.database} and ${o['baseline-database']} (--keep keeps them)`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
