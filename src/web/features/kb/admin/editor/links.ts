/** An address as people type it: a bare domain gets https://; mailto:, tel: and /paths stay. */
export function normaliseHref(text: string): string {
  const v = text.trim();
  if (!v) return '';
  return /^(https?:\/\/|mailto:|tel:|\/|#)/i.test(v) ? v : `https://${v}`;
}
