import type { Fixture } from '../load/scenarios';
import type { Run } from './load';
import type { PlanSummary, ScanNode } from './plans';
import type { Server } from './server';

export interface Variant {
  key: 'alone' | 'spread' | 'single';
  title: string;
  server: Server;
  db: string;
  fx: Fixture[];
}

type Row = { scenario: string; variant: string; round: number; run: Run };

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f1 = (n: number) => n.toFixed(1);

/**
 * Per scenario and variant, the mean over rounds of req/s, p50 and p95 (each round's p95 in
 * brackets), the p95 against the workspace alone, and CPU per request (server + PostgreSQL).
 */
export function markdown(variants: Variant[], rows: Row[]): string {
  const lines = [
    variants.map((v) => `- **${v.key}**: ${v.title}`).join('\n'),
    '',
    '| scenario | variant | req/s | p50 ms | p95 ms (rounds) | p95 / alone | CPU ms/req server + PG | buffers/req (not in shared_buffers) | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of [...new Set(rows.map((r) => r.scenario))]) {
    const of = (v: string) => rows.filter((r) => r.scenario === scenario && r.variant === v).map((r) => r.run);
    const alone = mean(of('alone').map((r) => r.p95));
    for (const v of variants) {
      const rs = of(v.key);
      if (!rs.length) continue;
      const p95 = mean(rs.map((r) => r.p95));
      const ratio =
        v.key === 'alone'
          ? '—'
          : `${((p95 / alone - 1) * 100).toFixed(1)}%${p95 / alone <= 1.1 ? '' : ' **over 10%**'}`;
      lines.push(
        `| ${scenario} | ${v.key} | ${f1(mean(rs.map((r) => r.rps)))} | ${f1(mean(rs.map((r) => r.p50)))} | ${f1(p95)} (${rs.map((r) => f1(r.p95)).join(' · ')}) | ${ratio} | ${mean(rs.map((r) => r.serverCpuMs)).toFixed(2)} + ${mean(rs.map((r) => r.pgCpuMs)).toFixed(2)} | ${f1(mean(rs.map((r) => r.buffers ?? 0)))} (${f1(mean(rs.map((r) => r.buffersRead ?? 0)))}) | ${rs.reduce((n, r) => n + r.errors + r.non2xx, 0)} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * The scans of the many-workspace plan not bounded by workspace_id that return more rows than
 * the same scan (same node, same index, in order) does for the workspace alone.
 */
function crossTenant(many: ScanNode[], alone: ScanNode[]): string[] {
  const used = new Set<number>();
  const out: string[] = [];
  for (const s of many) {
    if (s.byWorkspace) continue;
    const i = alone.findIndex(
      (a, k) => !used.has(k) && a.node === s.node && a.index === s.index && a.table === s.table,
    );
    if (i >= 0) used.add(i);
    const base = i >= 0 ? alone[i].rows : null;
    if (base !== null && s.rows <= 2 * base + 10) continue;
    if (base === null && s.rows <= 10) continue;
    out.push(`${s.node} ${s.index ?? s.table}: ${s.rows.toLocaleString('en')} rows (alone: ${base ?? 'not in plan'})`);
  }
  return out;
}

interface Explained {
  workspaceId: number;
  tickets: number;
  plans: PlanSummary[];
}

/**
 * The plans of one workspace's statements in the many-workspace database and alone: a summary
 * (execution, planning, shared buffers, the scans not bounded by workspace_id that return more
 * rows than the workspace has tickets), then every plan in full.
 */
export function planReport(p: { big: Explained; one: Explained; slug: string; database: string }): string {
  const out: string[] = [
    `EXPLAIN (ANALYZE, BUFFERS), median of 5 runs after one to warm the cache: workspace ${p.slug}`,
    `(id ${p.big.workspaceId}, ${p.big.tickets} tickets) in ${p.database} against the same workspace alone (id ${p.one.workspaceId}, ${p.one.tickets} tickets).`,
    `Cross-tenant: a scan whose Index Cond, Recheck Cond and Filter do not name workspace_id and that returns`,
    `more rows than the same scan of the same workspace alone (over 2× + 10): it reads other workspaces' rows.`,
    '',
    'statement                       | exec ms many / alone | plan ms many / alone | buffers many / alone | unbounded scans in the many-workspace plan',
    '--------------------------------|----------------------|----------------------|----------------------|-------------------------------------------',
  ];
  const full: string[] = [];
  for (const plan of p.big.plans) {
    const alone = p.one.plans.find((x) => x.key === plan.key);
    plan.statements.forEach((st, i) => {
      const base = alone?.statements[i];
      const unbounded = crossTenant(st.scans, base?.scans ?? []);
      const label = `${plan.key} ${/count\(/i.test(st.sql) ? '(page + total)' : '(page)'}`;
      out.push(
        `${label.padEnd(32)}| ${`${st.executionMs.toFixed(2)} / ${base?.executionMs.toFixed(2) ?? '—'}`.padEnd(21)}| ${`${st.planningMs.toFixed(2)} / ${base?.planningMs.toFixed(2) ?? '—'}`.padEnd(21)}| ${`${st.buffers} / ${base?.buffers ?? '—'}`.padEnd(21)}| ${unbounded.length ? unbounded.join('; ') : 'none'}`,
      );
      full.push(
        `== ${label}`,
        '',
        st.sql,
        `params: ${JSON.stringify(st.params)}`,
        '',
        `-- ${p.database}, ${p.slug}:`,
        ...st.plan,
        '',
        `-- alone:`,
        ...(base?.plan ?? ['(none)']),
        '',
      );
    });
  }
  return `${out.join('\n')}\n\n${full.join('\n')}\n`;
}
