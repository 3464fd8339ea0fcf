import en from '../i18n/en.json' with { type: 'json' };
import fa from '../i18n/fa.json' with { type: 'json' };

export type Locale = 'fa' | 'en';
const catalogs: Record<Locale, Record<string, string>> = { fa, en };
export const LOCALES: Locale[] = ['fa', 'en'];

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Picks fa or en from an Accept-Language header; Persian is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'fa';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('fa')) return 'fa';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fa';
}

/** Translates a message key, filling {placeholders}. Numbers show in Persian digits for fa. */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    if (typeof value === 'number' && locale === 'fa')
      return String(value).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]);
    return String(value);
  });
}

export function hasKey(key: string): boolean {
  return key in catalogs.en;
}
