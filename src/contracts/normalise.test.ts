import { describe, expect, it } from 'vitest';
import { normalizeMobile } from './mobile';
import { normalizeDigits, normalizeText } from './text';
import { isIP } from './ip';

describe('normalizeMobile', () => {
  it.each([
    ['09121234567', '09121234567'],
    ['9121234567', '09121234567'],
    ['+989121234567', '09121234567'],
    ['00989121234567', '09121234567'],
    ['989121234567', '09121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷', '09121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', '09121234567'],
    ['+98 (912) 123-4567', '09121234567'],
  ])('%s → %s', (input, out) => expect(normalizeMobile(input)).toBe(out));

  it.each(['0912123456', '091212345678', '08121234567', '+44 7700 900123', 'abc', ''])('refuses %s', (input) =>
    expect(normalizeMobile(input)).toBeNull(),
  );
});

describe('normalizeText', () => {
  it('folds Arabic yeh and kaf, digits of three scripts, ZWNJ and diacritics', () => {
    expect(normalizeText('كتاب علي')).toBe(normalizeText('کتاب علی'));
    expect(normalizeDigits('۱۲۳٤٥٦789')).toBe('123456789');
    expect(normalizeText('می‌خواهم')).toBe('می خواهم');
    expect(normalizeText('مُحَمَّد')).toBe('محمد');
    expect(normalizeText('  Hello   WORLD ')).toBe('hello world');
  });
});

describe('isIP', () => {
  it('tells v4, v6 and neither', () => {
    expect(isIP('10.0.0.1')).toBe(4);
    expect(isIP('256.0.0.1')).toBe(0);
    expect(isIP('::1')).toBe(6);
    expect(isIP('2001:db8::1')).toBe(6);
    expect(isIP('hello')).toBe(0);
  });
});
