import { describe, expect, it } from 'vitest';
import { nextMonth, wholeMonths } from './report-months';

describe('report months', () => {
  it('finds the months lying wholly within a range, leap February and the year’s turn included', () => {
    expect(wholeMonths('2024-01-15', '2024-04-29')).toEqual(['2024-02-01', '2024-03-01']);
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual(['2024-02-01']);
    expect(wholeMonths('2023-02-01', '2023-02-27')).toEqual([]);
    expect(wholeMonths('2025-12-07', '2026-12-07')).toHaveLength(11);
    expect(wholeMonths('2026-01-01', '2026-12-31')).toHaveLength(12);
    expect(nextMonth('2025-12-01')).toBe('2026-01-01');
  });
});
