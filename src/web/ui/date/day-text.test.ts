import { describe, expect, it } from 'vitest';
import { addDays, formatDayNumeric, latinDigits } from '../format';
import { dateOfDay, dayOfDate, looksComplete, readDayText } from './day-text';

describe('date field text', () => {
  it('shows a day as year/month/day: Jalali with the chosen digits in Persian, Gregorian in English', () => {
    expect(formatDayNumeric('2026-12-02', 'fa', true)).toBe('۱۴۰۵/۰۹/۱۱');
    expect(formatDayNumeric('2026-12-02', 'fa', false)).toBe('1405/09/11');
    expect(formatDayNumeric('2026-03-21', 'fa', true)).toBe('۱۴۰۵/۰۱/۰۱');
    expect(formatDayNumeric('2026-03-20', 'fa', false)).toBe('1404/12/29');
    expect(formatDayNumeric('2026-12-02', 'en', true)).toBe('2026/12/02');
    expect(formatDayNumeric('2026-12-2', 'fa', true)).toBe('');
  });

  it('reads Persian, Arabic and Latin digits, with any usual separator', () => {
    expect(latinDigits('۱۴۰۵/۰۹/۱۱ ١٤٠٥')).toBe('1405/09/11 1405');
    for (const text of [
      '۱۴۰۵/۰۹/۱۱',
      '١٤٠٥/٠٩/١١',
      '1405/9/11',
      '۱۴۰۵-۹-۱۱',
      ' 1405.09.11 ',
      '۱۴۰۵۰۹۱۱',
      '\u200f۱۴۰۵/۰۹/۱۱',
    ])
      expect(readDayText(text, 'fa'), text).toBe('2026-12-02');
    expect(readDayText('2026/12/02', 'en')).toBe('2026-12-02');
    expect(readDayText('۲۰۲۶/۱۲/۰۲', 'en')).toBe('2026-12-02');
  });

  it('takes a plainly Gregorian year in Persian as Gregorian', () => {
    expect(readDayText('2026/12/02', 'fa')).toBe('2026-12-02');
  });

  it('tells an empty field (null) from a text that is no day (undefined)', () => {
    expect(readDayText('  ', 'fa')).toBeNull();
    for (const text of ['۱۴۰۵/۰۹', 'فردا', '05/09/11', '1405/13/01', '1405/07/31', '1404/12/30', '12/02/2026'])
      expect(readDayText(text, 'fa'), text).toBeUndefined();
    expect(readDayText('1403/12/30', 'fa')).toBe('2025-03-20'); // 1403 is a leap year
    expect(readDayText('2026/02/29', 'en')).toBeUndefined();
    expect(readDayText('2028/02/29', 'en')).toBe('2028-02-29');
  });

  it('applies a typed day once it looks finished', () => {
    expect(looksComplete('۱۴۰۵/۰۹/۱')).toBe(false);
    expect(looksComplete('۱۴۰۵/۰۹/۱۱')).toBe(true);
    expect(looksComplete('1405/9/11')).toBe(true);
    expect(looksComplete('14050911')).toBe(true);
    expect(looksComplete('140509')).toBe(false);
  });

  it('moves between YYYY-MM-DD and local dates, and counts days', () => {
    expect(dayOfDate(dateOfDay('2026-12-02')!)).toBe('2026-12-02');
    expect(dateOfDay('2026-12-2')).toBeNull();
    expect(dateOfDay(null)).toBeNull();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('nope', 1)).toBe('');
  });
});
