import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json' with { type: 'json' };
import fa from '../i18n/fa.json' with { type: 'json' };
import { localeFromHeader, t } from './i18n';

describe('server messages', () => {
  it('fa and en have the same keys and the same placeholders', () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en))
      expect(holes((fa as Record<string, string>)[key]), key).toEqual(holes((en as Record<string, string>)[key]));
  });
  it('picks the language from Accept-Language, Persian by default', () => {
    expect(localeFromHeader(undefined)).toBe('fa');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('de-DE,en;q=0.5,fa;q=0.8')).toBe('fa');
    expect(localeFromHeader('de')).toBe('fa');
  });
  it('fills placeholders, with Persian digits in Persian', () => {
    expect(t('fa', 'errors.rate_limited', { seconds: 30 })).toContain('۳۰');
    expect(t('en', 'errors.rate_limited', { seconds: 30 })).toContain('30');
  });
});
