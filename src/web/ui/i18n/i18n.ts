import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Lang = 'fa' | 'en';
export const LANGS: Lang[] = ['fa', 'en'];
const STORAGE_KEY = 'pishkhan.lang';

/** The language before sign-in: what this browser chose last, else Persian. After sign-in the person's own choice wins. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fa' || saved === 'en') return saved;
  } catch {
    /* storage may be blocked */
  }
  return 'fa';
}

export const dirOf = (lang: string) => (lang === 'fa' ? 'rtl' : 'ltr');

/**
 * Each language's texts are a chunk of their own, fetched when that language is first used: a
 * first visit downloads one language, not both (test/e2e/weight.test.ts). main.tsx renders after
 * `i18nReady`, so no text shows before its language is in.
 */
const bundles: Record<Lang, () => Promise<{ default: Record<string, unknown> }>> = {
  fa: () => import('./fa.json'),
  en: () => import('./en.json'),
};

export async function loadLang(lang: Lang): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const texts = (await bundles[lang]()).default;
  i18n.addResourceBundle(lang, 'translation', texts, true, true);
}

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: initialLang(),
  fallbackLng: 'fa',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The first language's texts (and Persian, the fallback, behind it). */
export const i18nReady: Promise<void> = loadLang(initialLang()).then(() => loadLang('fa'));

/** Applies a language to i18next, the document (lang, dir) and this browser's memory. */
export function applyLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
  if (i18n.language !== lang) void loadLang(lang).then(() => i18n.changeLanguage(lang));
}

applyLang(initialLang());

export default i18n;
