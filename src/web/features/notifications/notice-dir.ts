/**
 * The direction of a notification's sentences. The server writes its title and text in the
 * person's language, with names and subjects inside them; a title always starts with the
 * sentence's own words («تیکت جدید #…», "New ticket #…"), a text may start with a name ("John
 * Smith در بخش … ثبت کرد"), where `dir="auto"` would take the name's direction. So the first
 * letter of the title decides for both (what `dir="auto"` would say of the title), and the names
 * inside keep their own direction as parts of the sentence.
 */
export function noticeDir(title: string, lang: string): 'rtl' | 'ltr' {
  const first = /\p{L}/u.exec(title)?.[0];
  if (!first) return lang === 'fa' ? 'rtl' : 'ltr';
  return /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(first) ? 'rtl' : 'ltr';
}
