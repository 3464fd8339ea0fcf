/**
 * npm run bench -- --scenario <name|all> [--url URL] [--workspace SLUG] [--duration 20]
 *                  [--warmup 5] [--connections 16] [--pid PID] [--database-url URL] [--label TEXT]
 *
 * Drives a running server (seeded with `npm run bench:seed`) with autocannon, after a warm-up,
 * and writes bench/results/<date>-<scenario>.json plus a markdown table. With --database-url it
 * also measures the raw-PostgreSQL floor of creating a ticket and listing a queue.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { drive, rssMb, type Measured } from './load/measure';
import { prepare, requestFor, SCENARIOS, type ScenarioName } from './load/scenarios';
import { sseFanout } from './load/sse-fanout';
import { floorCreate, floorQueue } from './load/floor';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a.startsWith('--'))
    args.set(
      a.slice(2),
      process.argv[i + 1]?.startsWith('--') || process.argv[i + 1] === undefined ? 'true' : process.argv[++i],
    );
}
const url = (args.get('url') ?? 'http://localhost:3000').replace(/\/$/, '');
const workspace = args.get('workspace') ?? 'bench';
const durationS = Number(args.get('duration') ?? 20);
const warmupS = Number(args.get('warmup') ?? 5);
const connections = Number(args.get('connections') ?? 16);
const scenarioArg = args.get('scenario') ?? 'all';
const databaseUrl = args.get('database-url') ?? process.env.DATABASE_URL;
const label = args.get('label') ?? '';

/** The server's PID: given, or found from the port it listens on. */
function serverPid(): number | undefined {
  if (args.get('pid')) return Number(args.get('pid'));
  try {
    const port = new URL(url).port || '80';
    const out = execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: 'utf8' });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

type Row = { scenario: string } & Partial<Measured> & Record<string, unknown>;

async function main() {
  const pid = serverPid();
  const fixture = await prepare(
    url,
    workspace,
    args.get('admin-password') ?? 'bench-admin-1',
    args.get('user-password') ?? 'bench-user-1',
  );
  const wanted: string[] =
    scenarioArg === 'all'
      ? [...SCENARIOS, 'sse-fanout', ...(databaseUrl ? ['floor-create', 'floor-queue'] : [])]
      : scenarioArg.split(',');
  const rows: Row[] = [];
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  for (const name of wanted) {
    process.stdout.write(`${name}… `);
    let row: Row;
    if (name === 'sse-fanout') {
      const created: number[] = [];
      const r = await sseFanout(url, fixture.agent, {
        connections: Number(args.get('sse-connections') ?? 500),
        changes: 20,
        create: async () => {
          const res = await fetch(`${url}/api/v1/tickets`, {
            method: 'POST',
            headers: { ...fixture.agent, 'content-type': 'application/json' },
            body: JSON.stringify({ subject: 'fan-out', body: '<p>fan-out</p>', departmentId: fixture.agentDepartment }),
          });
          const n = ((await res.json()) as { number: number }).number;
          created.push(n);
          return n;
        },
      });
      row = { scenario: name, ...r, rssPeakMb: rssMb(pid) };
    } else if (name === 'floor-create' || name === 'floor-queue') {
      const fn = name === 'floor-create' ? floorCreate : floorQueue;
      row = { scenario: name, ...(await fn(databaseUrl!, workspace, { connections, durationS, warmupS })) };
    } else {
      row = {
        scenario: name,
        ...(await drive(url, requestFor(name as ScenarioName, fixture), { connections, durationS, warmupS, pid })),
      };
    }
    rows.push(row);
    writeFileSync(
      new URL(`./results/${stamp}-${name}.json`, import.meta.url),
      JSON.stringify({ label, url, connections, durationS, at: new Date().toISOString(), ...row }, null, 2),
    );
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  const table = markdown(rows);
  writeFileSync(
    new URL(`./results/${stamp}-${scenarioArg.replace(/,/g, '+')}.md`, import.meta.url),
    `${label ? `${label}\n\n` : ''}${table}\n`,
  );
  process.stdout.write(`\n${table}\n`);
}

function markdown(rows: Row[]): string {
  const head =
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | server RSS MB |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map((r) =>
    r.scenario === 'sse-fanout'
      ? `| sse-fanout (${r.connected} streams, ${r.deliveries} deliveries, ${r.missing} missing) | — | ${r.p50} | ${r.p95} | ${r.p99} | — | — | ${r.rssPeakMb ?? '—'} |`
      : `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors ?? 0} | ${r.non2xx ?? 0} | ${r.rssPeakMb ?? '—'} |`,
  );
  return [head, ...body].join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
