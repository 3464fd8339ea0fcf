import { describe, expect, it } from 'vitest';
import { nextMonth, planMonths, wholeMonths } from './report-months';

describe('report months', () => {
  it('finds the months lying wholly within a range, leap February and the year’s turn included', () => {
    expect(wholeMonths('2024-01-15', '2024-04-29')).toEqual(['2024-02-01', '2024-03-01']);
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual(['2024-02-01']);
    expect(wholeMonths('2023-02-01', '2023-02-27')).toEqual([]);
    expect(wholeMonths('2025-12-07', '2026-12-07')).toHaveLength(11);
    expect(nextMonth('2025-12-01')).toBe('2026-01-01');
  });

  it('reads built months whole and every other day of the range as runs of days', () => {
    const built = new Set(['2026-01-01', '2026-03-01', '2026-05-01']);
    expect(planMonths('2025-12-20', '2026-04-10', built)).toEqual({
      months: ['2026-01-01', '2026-03-01'],
      dayRuns: [
        ['2025-12-20', '2025-12-31'],
        ['2026-02-01', '2026-02-28'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(planMonths('2026-01-01', '2026-01-31', built)).toEqual({ months: ['2026-01-01'], dayRuns: [] });
    expect(planMonths('2026-02-03', '2026-02-09', built)).toEqual({
      months: [],
      dayRuns: [['2026-02-03', '2026-02-09']],
    });
  });
});
