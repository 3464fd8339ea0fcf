import { describe, expect, it } from 'vitest';
import {
  asNumber,
  caretAfterDigits,
  cleanAmount,
  emptyDraft,
  groupThousands,
  parseTicketRef,
  shownAmount,
  unitName,
  valuesToSend,
} from './field-values';

describe('request form values', () => {
  const fields = [
    { key: 'name', kind: 'text' as const },
    { key: 'amount', kind: 'money' as const },
    { key: 'mobile', kind: 'mobile' as const },
    { key: 'count', kind: 'number' as const },
    { key: 'priority', kind: 'priority' as const },
    { key: 'note', kind: 'longtext' as const },
  ];

  it('starts empty, with priorities at the default', () => {
    expect(emptyDraft(fields, 'high')).toEqual({
      name: '',
      amount: '',
      mobile: '',
      count: '',
      priority: 'high',
      note: '',
    });
  });

  it('sends numbers as numbers, phone numbers in Latin digits, and leaves empty fields out', () => {
    const draft = {
      name: ' علی ',
      amount: '1250000',
      mobile: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
      count: '2.5',
      priority: 'low',
      note: '  ',
    };
    expect(valuesToSend(fields, draft)).toEqual({
      name: 'علی',
      amount: 1250000,
      mobile: '09121234567',
      count: 2.5,
      priority: 'low',
    });
  });

  it('groups amounts by thousands, in Persian digits when wanted, and reads any digits back', () => {
    expect(groupThousands('1250000')).toBe('1,250,000');
    expect(groupThousands('999')).toBe('999');
    expect(shownAmount('1250000', true)).toBe('۱٬۲۵۰٬۰۰۰');
    expect(shownAmount('1250000', false)).toBe('1,250,000');
    expect(cleanAmount('۱٬۲۵۰٬۰۰۰')).toBe('1250000');
    expect(cleanAmount('1,250,000 تومان')).toBe('1250000');
    expect(cleanAmount('١٢٣')).toBe('123');
  });

  it('keeps the caret after the same digit', () => {
    expect(caretAfterDigits('۱٬۲۵۰', 2)).toBe(3);
    expect(caretAfterDigits('1,250', 1)).toBe(1);
    expect(caretAfterDigits('1,250', 4)).toBe(5);
    expect(caretAfterDigits('1,250', 0)).toBe(0);
  });

  it('shows stored values: numbers from text, units by name', () => {
    expect(asNumber(1250000)).toBe(1250000);
    expect(asNumber('۱٬۲۵۰')).toBe(1250);
    expect(asNumber('abc')).toBeNull();
    expect(unitName({ id: '3', name: 'کتابخانه' })).toBe('کتابخانه');
    expect(unitName('3', [{ id: '3', name: 'کتابخانه' }])).toBe('کتابخانه');
  });

  it('reads a ticket address as a number or a key', () => {
    expect(parseTicketRef('12')).toEqual({ number: 12 });
    expect(parseTicketRef('#12')).toEqual({ number: 12 });
    expect(parseTicketRef('۱۲')).toEqual({ number: 12 });
    expect(parseTicketRef('SETIRAN-3')).toEqual({ key: 'SETIRAN-3' });
    expect(parseTicketRef('setiran-3')).toEqual({ key: 'SETIRAN-3' });
    expect(parseTicketRef('0')).toBeNull();
    expect(parseTicketRef('S-3')).toBeNull();
    expect(parseTicketRef(undefined)).toBeNull();
  });
});
