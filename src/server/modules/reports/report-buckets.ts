import { sql, type SQL } from 'drizzle-orm';

/**
 * Durations (seconds) kept as a count and a sum per bucket, so days can be added up and a
 * percentile read from the total. Bucket b ≥ 1 holds [γ^(b-1), γ^b) with γ = 1.01 and is read
 * back as the mean of its values: exact when its values are equal (few tickets, or the same
 * duration), otherwise within 1% of any of them. Bucket 0 holds everything under a second. A
 * year is bucket 1,736; the column is a smallint.
 */
export const GAMMA = 1.01;
const LN_GAMMA = Math.log(GAMMA);

/** The bucket of a duration in seconds (SQL; null stays null). */
export const bucketSql = (seconds: SQL) =>
  sql`(case when ${seconds} >= 1 then (1 + floor(ln(${seconds}) / ${sql.raw(String(LN_GAMMA))}))::smallint
            when ${seconds} is not null then 0::smallint end)`;

/** The bucket of a duration, as bucketSql computes it (tests compare the two). */
export const bucketOf = (seconds: number) => (seconds >= 1 ? 1 + Math.floor(Math.log(seconds) / LN_GAMMA) : 0);

/**
 * A percentile as PostgreSQL's percentile_cont gives it: the position p·(n−1) among n sorted
 * values, interpolated between the two around it. `lo` and `hi` are the values (their buckets'
 * means) at ranks floor and ceil of that position.
 */
export function percentileFrom(n: number, p: number, lo: number | null, hi: number | null): number | null {
  if (!n || lo === null || hi === null) return null;
  const pos = p * (n - 1);
  return lo + (hi - lo) * (pos - Math.floor(pos));
}
