import { hasContent } from '../../../platform/html';

/**
 * Removes quoted history from a reply's HTML. Runs on the message's HTML *before* it is
 * sanitised (the sanitiser drops the class/id/type attributes the markers live in); sanitise
 * the result. Never returns an empty body when the original had content: then the original.
 */
export function trimQuoted(html: string): string {
  let out = html;
  // Thunderbird, Apple Mail: <blockquote type="cite"> plus Thunderbird's attribution div.
  out = removeElements(out, 'blockquote', /\btype\s*=\s*["']?cite\b/i);
  out = removeElements(out, 'div', /\bclass\s*=\s*["'][^"']*\bmoz-cite-prefix\b/i);
  // Gmail: <div class="gmail_quote"> (attribution line included).
  out = removeElements(out, 'div', /\bclass\s*=\s*["'][^"']*\bgmail_quote\b/i);
  // Yahoo.
  out = removeElements(out, 'div', /\bclass\s*=\s*["'][^"']*\byahoo_quoted\b/i);
  out = cutOutlook(out);
  out = trimQuotedLines(out);
  out = dropEmptyTail(out);
  if (!hasContent(out) && hasContent(html)) return html;
  return out;
}

/** Removes every element `<tag …>` whose attributes match, with its balanced content. */
function removeElements(html: string, tag: string, attrs: RegExp): string {
  const open = new RegExp(`<${tag}\\b([^>]*)>`, 'gi');
  let out = html;
  for (let guard = 0; guard < 100; guard++) {
    open.lastIndex = 0;
    let m: RegExpExecArray | null;
    let start = -1;
    while ((m = open.exec(out))) {
      if (attrs.test(m[1])) {
        start = m.index;
        break;
      }
    }
    if (start < 0) return out;
    const end = balancedEnd(out, tag, start);
    out = out.slice(0, start) + out.slice(end);
  }
  return out;
}

/** Index just past the closing tag matching the element opened at `start` (or the end). */
function balancedEnd(html: string, tag: string, start: number): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[0].endsWith('/>')) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return re.lastIndex;
  }
  return html.length;
}

const HEADER_WORD = /^(from|von|de|van|da|از|فرستنده)\s*:/i;

/** Outlook puts the history after `#divRplyFwdMsg`, an `<hr>` or a top-bordered div with "From:". */
function cutOutlook(html: string): string {
  const candidates: number[] = [];
  const rply = /<div\b[^>]*\bid\s*=\s*["']?divRplyFwdMsg\b[^>]*>/i.exec(html);
  if (rply) {
    // The <hr> Outlook Web puts right before it belongs to the history too.
    const before = html.slice(0, rply.index);
    const hr = /<hr\b[^>]*>\s*$/i.exec(before);
    candidates.push(hr ? hr.index : rply.index);
  }
  const sep = /<hr\b[^>]*>|<div\b[^>]*border-top\s*:\s*solid[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(html))) {
    const following = textStart(html.slice(sep.lastIndex, sep.lastIndex + 2000));
    if (HEADER_WORD.test(following)) {
      candidates.push(m.index);
      break;
    }
  }
  if (!candidates.length) return html;
  return html.slice(0, Math.min(...candidates));
}

function textStart(fragment: string): string {
  return decode(fragment.replace(/<[^>]*>/g, ' '))
    .replace(/[\s\u200e\u200f\u202a-\u202e]+/g, ' ')
    .trimStart();
}

function decode(s: string): string {
  return s.replace(
    /&(gt|lt|amp|nbsp|quot|#39);/gi,
    (_, e: string) => ({ gt: '>', lt: '<', amp: '&', nbsp: ' ', quot: '"', '#39': "'" })[e.toLowerCase()]!,
  );
}

const MARKS = /^[\s\u200e\u200f\u202a-\u202e\u00a0]+|[\s\u200e\u200f\u202a-\u202e\u00a0]+$/g;
const ATTRIBUTION_START = /^(on\s|در تاریخ|در\s)/i;
const ATTRIBUTION_END = /(wrote|écrit|schrieb|escribió|نوشت)\s*:$/i;
const CUT_LINE = /^(-{2,}\s*(original message|forwarded message|پیام اصلی)\s*-{2,}|_{10,})$/i;

/**
 * Works line by line (lines end at <br>, </p>, </div> or a newline): drops lines starting
 * with ">" and the "On … wrote:" / «در تاریخ … نوشت:» attribution before them; a
 * "-----Original Message-----" or "_____" + From: line drops everything after it.
 */
function trimQuotedLines(html: string): string {
  const parts = html.split(/(<br\s*\/?>|<\/?(?:p|div|li|h\d|pre|tr|td|table|tbody)\b[^>]*>|\n)/i);
  // Even indexes are text between boundaries, odd ones are the boundaries.
  const lines = parts.map((p, i) => (i % 2 === 0 ? decode(p.replace(/<[^>]*>/g, '')).replace(MARKS, '') : null));
  const textIdx = lines.map((l, i) => (l !== null && l !== '' ? i : -1)).filter((i) => i >= 0);
  const drop = new Set<number>();
  let cutFrom = -1;
  for (let k = 0; k < textIdx.length; k++) {
    const i = textIdx[k];
    const line = lines[i]!;
    const next = k + 1 < textIdx.length ? lines[textIdx[k + 1]]! : '';
    if (CUT_LINE.test(line) && (line.startsWith('-') || HEADER_WORD.test(next))) {
      cutFrom = i;
      break;
    }
    if (line.startsWith('>')) {
      drop.add(i);
      continue;
    }
    const quotedNext = (j: number) => j < textIdx.length && lines[textIdx[j]]!.startsWith('>');
    if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(line)) {
      if (quotedNext(k + 1) || k + 1 === textIdx.length) drop.add(i);
    } else if (
      ATTRIBUTION_START.test(line) &&
      ATTRIBUTION_END.test(next) &&
      (quotedNext(k + 2) || k + 2 === textIdx.length)
    ) {
      drop.add(i);
      drop.add(textIdx[k + 1]);
      k++;
    }
  }
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const isText = i % 2 === 0;
    if (cutFrom >= 0 && i >= cutFrom) {
      // Keep the structure (tags) of the rest so elements stay balanced; drop its text.
      if (!isText) out.push(parts[i]);
      else out.push((parts[i].match(/<[^>]*>/g) ?? []).join(''));
      continue;
    }
    if (isText && drop.has(i)) {
      // Also drop the <br> or newline that ended the dropped line.
      const nextSep = parts[i + 1];
      if (nextSep !== undefined && /^(<br\s*\/?>|\n)$/i.test(nextSep)) i++;
      continue;
    }
    out.push(parts[i]);
  }
  return out.join('');
}

/** Removes empty elements and trailing line breaks left behind. */
function dropEmptyTail(html: string): string {
  let out = html;
  for (let guard = 0; guard < 20; guard++) {
    const next = out
      .replace(/<(p|div|span|blockquote|li|ul|ol|b|i|strong|em|font)\b[^>]*>(\s|&nbsp;|<br\s*\/?>)*<\/\1>/gi, '')
      .replace(/(\s|&nbsp;|<br\s*\/?>)+((<\/[a-z0-9]+>\s*)*)$/i, '$2');
    if (next === out) break;
    out = next;
  }
  return out.trim();
}
