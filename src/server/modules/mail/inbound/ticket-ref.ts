import { normalizeDigits } from '../../../../contracts/text';
import type { ParsedInbound } from './parsed-inbound';

const DEFAULT_PREFIXES = ['ticket', 'تیکت', 'تیکت شماره', 'درخواست'];
const MAX = 999_999_999;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The subject patterns for a list of prefixes, built once per list (intake asks for every mail). */
const patternCache = new Map<string, RegExp[]>();
function patternsFor(prefixes: string[]): RegExp[] {
  const key = prefixes.join('\u0000');
  const hit = patternCache.get(key);
  if (hit) return hit;
  const words = prefixes
    .map((p) => escapeRe(p.trim()))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const patterns = [
    /\[\s*#\s*(\d{1,9})\s*\]/,
    ...(words.length
      ? [new RegExp(`(?:^|[^\\p{L}\\p{N}_])(?:${words.join('|')})\\s*(?:#|:|no\\.?|شماره)?\\s*(\\d{1,9})(?!\\d)`, 'iu')]
      : []),
    /(?:^|[^\p{L}\p{N}_&])#\s?(\d{1,9})(?![\d\p{L}])/u,
  ];
  if (patternCache.size < 32) patternCache.set(key, patterns);
  return patterns;
}

/**
 * The ticket number a subject refers to: `[#123]` first (our own tag), then `Ticket #123` /
 * `تیکت #۱۲۳` (any of `prefixes`, `#` optional), then a bare `#123`. Persian and Arabic digits
 * count. A bare `#123` may be a customer's own order number: intake should check the sender.
 */
export function ticketNumberFromSubject(subject: string, prefixes: string[] = DEFAULT_PREFIXES): number | null {
  const s = normalizeDigits(subject.normalize('NFC')).replace(/[\u200c\u200e\u200f]/g, ' ');
  const patterns = patternsFor(prefixes);
  for (const re of patterns) {
    const m = re.exec(s);
    if (m) {
      const n = Number(m[1]);
      if (n >= 1 && n <= MAX) return n;
    }
  }
  return null;
}

const REPLY_PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|wg|رد|پاسخ|ج)\s*(?:\[\d+\])?\s*[:：]\s*|\[\s*#\s*[\d۰-۹٠-٩]+\s*\]\s*)/i;

/** `Re: [#123] subject`, however many Re:/Fwd:/[#…] the incoming subject already carried. */
export function replySubject(number: number, subject: string): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  for (let guard = 0; guard < 50; guard++) {
    const next = rest.replace(REPLY_PREFIX, '');
    if (next === rest) break;
    rest = next;
  }
  rest = rest
    .replace(/\s*\[\s*#\s*([\d۰-۹٠-٩]+)\s*\]\s*/g, (tag, n: string) =>
      Number(normalizeDigits(n)) === number ? ' ' : tag,
    )
    .replace(/\s+/g, ' ')
    .trim();
  return rest ? `Re: [#${number}] ${rest}` : `Re: [#${number}]`;
}

/** A Message-ID without angle brackets and whitespace, or null when nothing is left. */
export function normalizeMessageId(id: string | null | undefined): string | null {
  const clean = (id ?? '').replace(/[<>\s]/g, '');
  return clean.length ? clean : null;
}

function idsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1]);
  const raw = bracketed.length ? bracketed : value.split(/[\s,]+/);
  return raw.map(normalizeMessageId).filter((x): x is string => x !== null);
}

/**
 * Message-IDs this message replies to, most specific first: In-Reply-To, then References
 * newest to oldest; without brackets or whitespace, deduplicated.
 */
export function threadIds(parsed: Pick<ParsedInbound, 'inReplyTo' | 'references'>): string[] {
  const refs = parsed.references.flatMap(idsIn).reverse();
  const all = [...idsIn(parsed.inReplyTo ?? ''), ...refs];
  return [...new Set(all)];
}
