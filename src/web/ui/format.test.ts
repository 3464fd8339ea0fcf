import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, todayIn } from './format';

/** Times on the workspace's clock, days as days: the browser's own zone plays no part. */
describe('web date formatting', () => {
  const at = '2026-03-20T21:00:00Z'; // 00:30 on 21 March in Tehran, 20 March in UTC
  const dayOnly: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

  it('shows an instant in the given time zone', () => {
    expect(formatDate(at, 'en', false, dayOnly, 'Asia/Tehran')).toBe('21/03/2026');
    expect(formatDate(at, 'en', false, dayOnly, 'UTC')).toBe('20/03/2026');
    expect(formatDate(at, 'en', false, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'Asia/Tehran')).toBe(
      '00:30',
    );
  });

  it('falls back to the browser zone for a zone it does not know, rather than failing', () => {
    expect(formatDate(at, 'en', false, dayOnly, 'Mars/Olympus')).toMatch(/^\d\d\/03\/2026$/);
  });

  it('shows a calendar day as that day in any zone, in the Persian calendar too', () => {
    expect(formatDay('2026-03-21', 'en', false, dayOnly)).toBe('21/03/2026');
    expect(formatDay('2026-03-21', 'fa', false, dayOnly)).toBe('1405/01/01');
    expect(formatDay('not a day', 'en', false)).toBe('');
  });

  it("knows today's day in a zone", () => {
    expect(todayIn('Asia/Tehran', new Date(at))).toBe('2026-03-21');
    expect(todayIn('UTC', new Date(at))).toBe('2026-03-20');
  });
});
