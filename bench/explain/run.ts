import type { Scenario } from './scenarios';

export interface ExplainedStatement {
  label: 'page' | 'count' | 'counters';
  sql: string;
  params: unknown[];
  plan: string[];
  executionMs: number;
  planningMs: number;
  /** Indexes the plan reads, in order of appearance. */
  indexes: string[];
  seqScanOnTickets: boolean;
}

export interface Explained {
  scenario: Scenario;
  /** The list's total (null for the dashboard). */
  total: number | null;
  statements: ExplainedStatement[];
}

/** A statement with its plan, its times and the indexes it reads. */
export function explained(
  label: ExplainedStatement['label'],
  s: { sql: string; params: unknown[] },
  plan: string[],
): ExplainedStatement {
  return {
    label,
    sql: s.sql,
    params: s.params,
    plan,
    executionMs: ms(plan, 'Execution'),
    planningMs: ms(plan, 'Planning'),
    indexes: indexesOf(plan),
    seqScanOnTickets: plan.some((l) => /Seq Scan on tickets\b/.test(l)),
  };
}

type Query = (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A plan's planning or execution time, in ms. */
export const ms = (plan: string[], what: string) =>
  Number(new RegExp(`${what} Time: ([\\d.]+) ms`).exec(plan.join('\n'))?.[1] ?? NaN);

/** The indexes a plan reads, in order of appearance. */
export const indexesOf = (plan: string[]) => [
  ...new Set(
    plan.flatMap((l) =>
      [...l.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map(
        (m) => m[1],
      ),
    ),
  ),
];

/**
 * Runs each statement once to warm the cache, then EXPLAIN (ANALYZE, BUFFERS) `runs` times,
 * and keeps the run with the median execution time.
 */
export async function explainAll(
  q: Query,
  scenario: Scenario,
  statements: { sql: string; params: unknown[] }[],
  total: number | null,
  runs: number,
): Promise<Explained> {
  const out: ExplainedStatement[] = [];
  for (const s of statements) {
    await q(s.sql, s.params);
    const plans: string[][] = [];
    for (let i = 0; i < runs; i++) {
      const rows = await q(`explain (analyze, buffers) ${s.sql}`, s.params);
      plans.push(rows.map((r) => String(r['QUERY PLAN'])));
    }
    plans.sort((a, b) => ms(a, 'Execution') - ms(b, 'Execution'));
    const plan = plans[Math.floor(plans.length / 2)];
    out.push(explained(scenario.dashboard ? 'counters' : /^select count\(/i.test(s.sql) ? 'count' : 'page', s, plan));
  }
  return { scenario, total, statements: out };
}
