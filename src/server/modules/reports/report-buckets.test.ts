import { describe, expect, it } from 'vitest';
import { bucketOf, GAMMA, percentileFrom } from './report-buckets';
import { runsOf } from './report-days';

describe('report buckets', () => {
  it('puts a duration in the bucket whose bounds hold it, every bucket at most 1% wide', () => {
    for (const s of [1, 1.5, 59, 60, 61, 1_800, 5_400, 86_400, 31_536_000]) {
      const b = bucketOf(s);
      expect(GAMMA ** (b - 1)).toBeLessThanOrEqual(s * (1 + 1e-12));
      expect(s).toBeLessThan(GAMMA ** b);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.4)).toBe(0);
    expect(bucketOf(31_536_000)).toBeLessThan(32_767); // a smallint
  });

  it('interpolates as percentile_cont does', () => {
    expect(percentileFrom(2, 0.5, 1_800, 5_400)).toBe(3_600);
    expect(percentileFrom(2, 0.9, 1_800, 5_400)).toBeCloseTo(5_040);
    expect(percentileFrom(1, 0.9, 60, 60)).toBe(60);
    expect(percentileFrom(0, 0.5, null, null)).toBeNull();
  });

  it('groups days into runs of consecutive days', () => {
    expect(runsOf([])).toEqual([]);
    expect(runsOf(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05'])).toEqual([
      ['2026-02-27', '2026-03-01'],
      ['2026-03-05', '2026-03-05'],
    ]);
  });
});
