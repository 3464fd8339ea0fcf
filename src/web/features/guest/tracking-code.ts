import { appUrl } from '../../app/workspace-path';
import { latinDigits } from '../../ui/format';

/**
 * Guest tracking codes as people type them (the server reads them the same way): new codes are
 * 12 characters of Crockford base32, any case, with or without dashes and spaces, Persian or
 * Arabic digits, O for 0 and I or L for 1. Older codes (24 characters) are left as typed.
 */
const SEPARATORS = /[\s\u00AD\u200B-\u200F\u2010-\u2015\u2060\u2212_-]/g;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** The code as it is shown: `K7QM-4XWD-9JRT` for a new one, else as typed (trimmed). */
export function displayCode(typed: string): string {
  const c = latinDigits(typed.trim()).replace(SEPARATORS, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(c) ? c.match(/.{4}/g)!.join('-') : typed.trim();
}

/** The guest ticket page's path, and its full address on this site (for copying). */
export const guestTicketPath = (number: number, code: string) =>
  `/guest/tickets/${number}?code=${encodeURIComponent(code)}`;
export const guestTicketUrl = (number: number, code: string) => appUrl(guestTicketPath(number, code));

/**
 * Copies a text: the Clipboard API where the page may use it (HTTPS, localhost), else the old
 * way through a hidden text area (a plain-HTTP intranet install). Resolves whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
