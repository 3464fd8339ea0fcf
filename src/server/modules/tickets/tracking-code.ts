import { randomBytes } from 'node:crypto';
import { normalizeDigits } from '../../../contracts/text';
import { safeEqual, sha256 } from '../../platform/crypto';

/**
 * Guest tracking codes (F4, issue 14). New codes are 12 characters of Crockford's base32 —
 * 60 random bits — shown in groups of four (`K7QM-4XWD-9JRT`). The alphabet has no O, I, L or
 * U, so a typed O is read as 0 and a typed I or L as 1: nothing the guest can misread changes
 * the code. Typed codes are accepted in any case, with or without dashes and spaces, and with
 * Persian or Arabic digits.
 *
 * Codes issued before (24 characters of base64url, 144 bits, case-sensitive) keep working: a
 * typed code is checked both as it was written (old format) and in its canonical form (new).
 * Only sha256 of a code is stored, and the stored hash is compared in constant time.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;
const GROUP = 4;

/** A new code in canonical form (12 characters, no dashes). 256 is a multiple of 32: no bias. */
export function newTrackingCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return code;
}

/** `K7QM4XWD9JRT` → `K7QM-4XWD-9JRT`, as it is shown and mailed. */
export const groupCode = (canonical: string) => canonical.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

// Spaces, dashes of every kind, the zero-width joiners a copy from a Persian text may carry.
const SEPARATORS = /[\s\u00AD\u058A\u05BE\u200B-\u200F\u2010-\u2015\u2060\u2212\uFE58\uFE63\uFF0D_-]/g;
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** The canonical form of a typed new-format code, or null when it cannot be one. */
export function canonicalCode(typed: string): string | null {
  if (typed.length > 64) return null;
  const c = normalizeDigits(typed.normalize('NFKC'))
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CANONICAL.test(c) ? c : null;
}

/** What is stored for a new code: sha256 of its canonical form. */
export const trackingHash = (canonical: string) => sha256(canonical);

/**
 * The hashes a typed code may stand for: as written (an old code) and, when it reads as one,
 * its canonical new form. Always two, so the work does not depend on what was typed.
 */
export function candidateHashes(typed: string): [string, string] {
  const raw = typed.trim();
  const canonical = canonicalCode(raw);
  return [sha256(raw), sha256(canonical ?? `\u0000${raw}`)];
}

/** Whether `stored` is the hash of the typed code, in either format; constant time, no early exit. */
export function codeMatches(typed: string, stored: string | null): boolean {
  const [a, b] = candidateHashes(typed);
  // A ticket without a code (mail from an unknown sender) is compared with a hash nothing has.
  const against = stored ?? sha256(`\u0000none`);
  const x = safeEqual(a, against);
  const y = safeEqual(b, against);
  return x || y;
}

/** The code as a guest should see it again: grouped when it is a new one, else as it was given. */
export function presentableCode(typed: string): string {
  const canonical = canonicalCode(typed.trim());
  return canonical ? groupCode(canonical) : typed.trim();
}
