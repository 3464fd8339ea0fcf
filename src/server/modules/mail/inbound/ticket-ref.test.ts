import { describe, expect, it } from 'vitest';
import { replySubject, threadIds, ticketNumberFromSubject, normalizeMessageId } from './ticket-ref';

describe('ticketNumberFromSubject', () => {
  it.each([
    ['Re: [#123] Printer broken', 123],
    ['RE: Printer broken [#45]', 45],
    ['Fwd: [ # 7 ] x', 7],
    ['Question about #123', 123],
    ['#88', 88],
    ['Ticket #123 update', 123],
    ['ticket 123', 123],
    ['تیکت #۱۲۳', 123],
    ['پاسخ: تیکت شماره ۴۵۶', 456],
    ['ج: [#٧٨٩] چاپگر', 789],
    ['Re: [#۱۲] order #999', 12],
  ])('%s → %s', (subject, n) => expect(ticketNumberFromSubject(subject)).toBe(n));

  it.each([
    'Printer broken',
    '',
    'Room 101',
    'issue#5',
    'price 100#',
    '#0',
    '#1234567890',
    'C# question',
    '&#1234; entity',
  ])('%s → null', (subject) => expect(ticketNumberFromSubject(subject)).toBeNull());

  it('uses custom prefixes', () => {
    expect(ticketNumberFromSubject('Case 42 reopened', ['case'])).toBe(42);
    expect(ticketNumberFromSubject('Ticket 42', ['case'])).toBeNull();
  });
});

describe('replySubject', () => {
  it.each([
    ['Printer broken', 'Re: [#123] Printer broken'],
    ['Re: Printer broken', 'Re: [#123] Printer broken'],
    ['Re: [#123] Printer broken', 'Re: [#123] Printer broken'],
    ['Re: Re: [#123] [#123] Printer broken', 'Re: [#123] Printer broken'],
    ['RE: Fwd: AW: [#123] Printer  broken', 'Re: [#123] Printer broken'],
    ['پاسخ: [#۱۲۳] چاپگر', 'Re: [#123] چاپگر'],
    ['Printer [#123] broken', 'Re: [#123] Printer broken'],
    ['About [#99]', 'Re: [#123] About [#99]'],
    ['', 'Re: [#123]'],
    ['Re:', 'Re: [#123]'],
  ])('%s → %s', (subject, out) => expect(replySubject(123, subject)).toBe(out));

  it('is idempotent', () => {
    const once = replySubject(5, 'Hello');
    expect(replySubject(5, once)).toBe(once);
  });
});

describe('threadIds', () => {
  it('cleans, orders (In-Reply-To, then newest reference first) and deduplicates', () => {
    expect(threadIds({ inReplyTo: ' <b@x> ', references: ['<a@x>', '<b@x>', '< c@x >'] })).toEqual([
      'b@x',
      'c@x',
      'a@x',
    ]);
  });
  it('handles several ids in one value, missing brackets and empty input', () => {
    expect(threadIds({ inReplyTo: null, references: ['<a@x> <b@x>', 'c@x'] })).toEqual(['c@x', 'b@x', 'a@x']);
    expect(threadIds({ inReplyTo: '', references: [] })).toEqual([]);
    expect(threadIds({ inReplyTo: '<>', references: ['  '] })).toEqual([]);
  });
  it('normalizeMessageId strips brackets and whitespace', () => {
    expect(normalizeMessageId(' <m1@example.com> ')).toBe('m1@example.com');
    expect(normalizeMessageId('<>')).toBeNull();
    expect(normalizeMessageId(null)).toBeNull();
  });
});
