import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fa from './fa.json';
import en from './en.json';

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

void i18n.use(initReactI18next).init({
  resources: { fa: { translation: fa }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'fa',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Applies a language to i18next, the document (lang, dir) and this browser's memory. */
export function applyLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = dirOf(lang);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

applyLang(initialLang());

export default i18n;
