/**
 * npm run bench:reports -- [--url http://127.0.0.1:3400] [--workspace bench] [--duration 15]
 *                          [--warmup 5] [--connections 16] [--pid PID] [--export-days 366]
 *                          [--database-url URL --backfill] [--xlsx] [--export-only]
 *
 * K4 at scale, against a running server on a `npm run bench:seed` database (bench/README.md):
 * 0. With --database-url: the first overview claims the workspace's report days; waits until the
 *    `reports.build` job has counted them (report_state.built_at) and reports how long it took.
 * 1. `GET /reports/overview` under autocannon as the admin (every ticket visible): the default
 *    range (last 30 days), the longest (366 days), 30 days of one department, 30 days ending on
 *    a random day of the last year (336 such ranges: repeated ones are answered from the
 *    overview cache), 366 days ending on a random day, any range of 1–366 days (a third for one
 *    department: never repeated, so every one is computed); with --database-url also the last
 *    30 and 366 days while tickets change (5 open tickets' status every 100 ms, so each overview
 *    recounts today first). p50/p95/p99.
 * 2. `GET /reports/export.csv` of the last `--export-days` days (366 at most: at 1M tickets over
 *    the seed's two years about 500,000 rows), read to the end while the server's RSS is sampled
 *    from /proc/<pid>/status every 100 ms: rows, seconds, rows/s, RSS before and at its peak.
 *    With --xlsx the workbook too.
 * --months-wait S (with --database-url): how long to wait for the reports.months job to add up
 * the two years' whole months (default 120; 0 for a server from before report_months).
 * --backfill (with --database-url) first stamps tickets.first_response_at from the first staff
 * reply, as migration 0029 does, for a database seeded before that column existed.
 * Writes bench/results/<date>-reports.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { drive, rssMb, type Measured } from './load/measure';
import { getJson, signIn } from './load/session';

const { values: o } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3400' },
    workspace: { type: 'string', default: 'bench' },
    'admin-password': { type: 'string', default: 'bench-admin-1' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    pid: { type: 'string' },
    'export-days': { type: 'string', default: '366' },
    'database-url': { type: 'string' },
    backfill: { type: 'boolean', default: false },
    xlsx: { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
    'export-only': { type: 'boolean', default: false },
    /** Seconds to wait for the whole past months to be added up (0: a server from before report_months). */
    'months-wait': { type: 'string', default: '120' },
  },
});
const url = o.url!.replace(/\/$/, '');
const DAY = 86_400_000;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function serverPid(): number | undefined {
  if (o.pid) return Number(o.pid);
  try {
    const port = new URL(url).port || '80';
    const m = /pid=(\d+)/.exec(execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: 'utf8' }));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Today in Tehran (the seed's workspace keeps the default zone) and the day `n` days before. */
const tehranDay = (t: number) => new Date(t + 3.5 * 3600_000).toISOString().slice(0, 10);

async function backfill(databaseUrl: string) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const t0 = Date.now();
    const r = await c.query(`update tickets t set first_response_at = m.first from (
        select ticket_id, min(created_at) as first from messages
        where kind = 'reply' and author_kind = 'agent' group by ticket_id) m
      where m.ticket_id = t.id and t.first_response_at is null`);
    await c.query('vacuum analyze tickets');
    log(`backfilled first_response_at on ${r.rowCount} tickets in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}

interface ExportRun {
  format: string;
  days: number;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number | null;
  rssPeakMb: number | null;
  status: number;
}

/** Downloads one export to the end, counting lines and bytes, sampling the server's RSS. */
async function exportRun(
  headers: Record<string, string>,
  format: 'csv' | 'xlsx',
  from: string,
  to: string,
  days: number,
  pid: number | undefined,
): Promise<ExportRun> {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    const r = rssMb(pid);
    if (r !== null && (peak === null || r > peak)) peak = r;
  }, 100);
  const t0 = Date.now();
  const res = await fetch(`${url}/api/v1/reports/export.${format}?from=${from}&to=${to}`, { headers });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(sampler);
  const seconds = (Date.now() - t0) / 1000;
  const rows = format === 'csv' ? Math.max(0, lines - 1) : 0;
  return {
    format,
    days,
    rows,
    bytes,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: rows ? Math.round(rows / seconds) : 0,
    rssBeforeMb: before,
    rssPeakMb: peak,
    status: res.status,
  };
}

async function main() {
  if (o.backfill) {
    if (!o['database-url']) throw new Error('--backfill needs --database-url');
    await backfill(o['database-url']);
  }
  const pid = serverPid();
  const admin = await signIn(url, o.workspace!, 'admin', o['admin-password']!);
  const headers = { ...admin, 'x-workspace': o.workspace! };
  const departments = await getJson<{ items: { id: string }[] }>(url, '/api/v1/departments?pageSize=100', headers);
  const today = tehranDay(Date.now());
  const daysAgo = (n: number) => tehranDay(Date.now() - n * DAY);
  const opts = { connections: Number(o.connections), durationS: Number(o.duration), warmupS: Number(o.warmup), pid };
  const scenarios: { name: string; path: string | (() => string) }[] = [
    { name: 'overview-30d', path: '/api/v1/reports/overview' },
    { name: 'overview-366d', path: `/api/v1/reports/overview?from=${daysAgo(365)}&to=${today}` },
    {
      name: 'overview-30d-department',
      // A different department on each request: no plan or buffer is warmed for one only.
      path: () =>
        `/api/v1/reports/overview?departmentId=${departments.items[Math.floor(Math.random() * departments.items.length)].id}`,
    },
  ];
  scenarios.push({
    name: 'overview-30d-random-range',
    path: () => {
      const end = Math.floor(Math.random() * 336);
      return `/api/v1/reports/overview?from=${daysAgo(end + 29)}&to=${daysAgo(end)}`;
    },
  });
  scenarios.push({
    name: 'overview-366d-random-range',
    path: () => {
      const end = Math.floor(Math.random() * 300);
      return `/api/v1/reports/overview?from=${daysAgo(end + 365)}&to=${daysAgo(end)}`;
    },
  });
  scenarios.push({
    // A range of 1–366 days ending on any day of the last year, a third of them for one
    // department: ~2.6 million different overviews, so none is answered from the overview cache.
    name: 'overview-any-range-never-repeated',
    path: () => {
      const end = Math.floor(Math.random() * 366);
      const length = 1 + Math.floor(Math.random() * 366);
      const dep =
        Math.random() < 1 / 3
          ? `&departmentId=${departments.items[Math.floor(Math.random() * departments.items.length)].id}`
          : '';
      return `/api/v1/reports/overview?from=${daysAgo(end + length - 1)}&to=${daysAgo(end)}${dep}`;
    },
  });
  const t0 = Date.now();
  const sample = await getJson<{ created: number; closed: number }>(url, '/api/v1/reports/overview', headers);
  log(`last 30 days: ${sample.created} created, ${sample.closed} closed (first overview ${Date.now() - t0} ms)`);
  const db = o['database-url'] ? new pg.Client({ connectionString: o['database-url'] }) : null;
  await db?.connect();
  let buildSeconds: number | null = null;
  if (db) {
    for (;;) {
      const r = await db.query(
        `select s.built_at is not null as built, extract(epoch from (coalesce(s.built_at, now()) - s.created_at)) as s
         from report_state s join workspaces w on w.id = s.workspace_id where w.slug = $1`,
        [o.workspace],
      );
      if (r.rows[0]?.built) {
        buildSeconds = Math.round(Number(r.rows[0].s) * 10) / 10;
        break;
      }
      await new Promise((done) => setTimeout(done, 1000));
    }
    log(`report days built in ${buildSeconds} s`);
    // The whole past months of the two years are asked for by two overviews and added up by the
    // reports.months job (the server's worker); waits until they are, at most two minutes.
    const t1 = Date.now();
    for (const end of [0, 365])
      await getJson(url, `/api/v1/reports/overview?from=${daysAgo(end + 365)}&to=${daysAgo(end)}`, headers);
    let months = 0;
    while (Date.now() - t1 < Number(o['months-wait']) * 1000) {
      const r = await db.query(
        `select cardinality(s.months_built) as n from report_state s join workspaces w on w.id = s.workspace_id
         where w.slug = $1`,
        [o.workspace],
      );
      months = Number(r.rows[0]?.n ?? 0);
      if (months >= 23) break;
      await new Promise((done) => setTimeout(done, 1000));
    }
    log(`${months} whole months added up in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
  const rows: (Partial<Measured> & { scenario: string })[] = [];
  for (const s of o['export-only'] ? [] : scenarios) {
    log(`${s.name}…`);
    const m = await drive(url, { path: s.path, headers }, opts);
    rows.push({ scenario: s.name, ...m });
    log(`${s.name}: ${m.rps} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}`);
  }
  if (db && !o['export-only']) {
    // Open tickets of the last 30 days, switched between active and pending (both "running"):
    // the statement trigger marks today and each ticket's creation day; each overview recounts them.
    // Over 366 days every change is a new version: the year is added up again, from the whole
    // months already added up (report_months) and the days of the two months at its ends.
    const open = (
      await db.query(
        `select t.id from tickets t join workspaces w on w.id = t.workspace_id
         where w.slug = $1 and t.status in ('active', 'pending') and t.created_at > now() - interval '30 days' limit 2000`,
        [o.workspace],
      )
    ).rows.map((r) => Number(r.id));
    for (const [name, path] of [
      ['overview-30d-while-writing', '/api/v1/reports/overview'],
      ['overview-366d-while-writing', `/api/v1/reports/overview?from=${daysAgo(365)}&to=${today}`],
    ]) {
      let changes = 0;
      // Every update is kept and awaited before the client ends (an update still queued when it
      // ended rejected unhandled and stopped the bench).
      const pending: Promise<unknown>[] = [];
      const writer = setInterval(() => {
        const ids = Array.from({ length: 5 }, () => open[Math.floor(Math.random() * open.length)]);
        changes += 5;
        pending.push(
          db.query(
            `update tickets set status = (case status when 'active' then 'pending' else 'active' end)::ticket_status
           where id = any($1::bigint[]) and status in ('active', 'pending')`,
            [ids],
          ),
        );
      }, 100);
      log(`${name}…`);
      const m = await drive(url, { path, headers }, opts);
      clearInterval(writer);
      await Promise.all(pending);
      rows.push({ scenario: name, ...m });
      log(`${name} (${changes} ticket changes): ${m.rps} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, p99 ${m.p99} ms`);
    }
  }
  await db?.end();
  const days = Math.min(366, Number(o['export-days']));
  const exports: ExportRun[] = [];
  for (const format of o.xlsx ? (['csv', 'xlsx'] as const) : (['csv'] as const)) {
    log(`export.${format} of ${days} days…`);
    const r = await exportRun(headers, format, daysAgo(days - 1), today, days, pid);
    exports.push(r);
    log(`export.${format}: ${JSON.stringify(r)}`);
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const result = { label: o.label, url, at: new Date().toISOString(), buildSeconds, overview: rows, exports };
  writeFileSync(new URL(`./results/${stamp}-reports.json`, import.meta.url), JSON.stringify(result, null, 2));
  const md = [
    ...(buildSeconds !== null ? [`report days built in ${buildSeconds} s`, ''] : []),
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | non-2xx | server RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.non2xx} | ${r.rssPeakMb ?? '—'} |`,
    ),
    '',
    '| export | days | rows | MB | seconds | rows/s | RSS before MB | RSS peak MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...exports.map(
      (e) =>
        `| ${e.format} | ${e.days} | ${e.rows || '—'} | ${(e.bytes / 1048576).toFixed(1)} | ${e.seconds} | ${e.rowsPerSecond || '—'} | ${e.rssBeforeMb ?? '—'} | ${e.rssPeakMb ?? '—'} |`,
    ),
  ].join('\n');
  writeFileSync(new URL(`./results/${stamp}-reports.md`, import.meta.url), `${o.label ? `${o.label}\n\n` : ''}${md}\n`);
  console.log(`\n${md}`);
}

main().catch((err) => {
  console.error(`bench:reports failed: ${err.stack ?? err}`);
  process.exit(1);
});
