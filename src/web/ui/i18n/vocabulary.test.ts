/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One Persian word per concept (issue 14, point 6): docs/glossary.md names the word to use and,
 * in its "not" column, the variants that must not appear; docs/glossary-forbidden.json is that
 * column in a form a program reads. This fails when a value of either Persian translation file
 * (the web app's and the server's) uses a forbidden variant, when a word of the glossary's "not"
 * column is missing from the JSON list (so the two cannot drift apart), or when an exception has
 * no reason or no longer applies.
 */

interface Term {
  en: string;
  use: string;
  not: string[];
  prefix?: boolean;
  keys?: string;
  allow?: string[];
  pattern?: string;
}
interface Exception {
  file: 'web' | 'server';
  key: string;
  not: string;
  reason: string;
}
type Tree = { [k: string]: string | Tree };

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const list = JSON.parse(read('docs/glossary-forbidden.json')) as { terms: Term[]; exceptions: Exception[] };
const glossary = read('docs/glossary.md');

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, string]],
  );
}
const FILES = {
  web: leaves(JSON.parse(read('src/web/ui/i18n/fa.json')) as Tree),
  server: Object.entries(JSON.parse(read('src/server/i18n/fa.json')) as Record<string, string>),
};

/** A letter, a combining mark (the hamza of «هٔ», vowel signs) or a digit: inside a word. ZWNJ is not. */
const WORD = '[\\p{L}\\p{M}\\p{N}]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The expression that finds one variant: a whole word (a suffix after a ZWNJ still counts), or a word start. */
function matcher(term: Term, variant: string): RegExp {
  if (term.pattern) return new RegExp(term.pattern, 'gu');
  return new RegExp(`(?<!${WORD})${escape(variant)}${term.prefix ? '' : `(?!${WORD})`}`, 'gu');
}

interface Hit {
  file: 'web' | 'server';
  key: string;
  not: string;
  term: Term;
  value: string;
}

/** Every forbidden variant in a value, after removing the phrases its term allows. */
function hitsIn(file: 'web' | 'server', key: string, value: string): Hit[] {
  const hits: Hit[] = [];
  for (const term of list.terms) {
    if (term.keys && !new RegExp(term.keys).test(key)) continue;
    let text = value;
    // Allowed phrases become a non-letter of the same length, so what is around them keeps its boundaries.
    for (const ok of term.allow ?? []) text = text.replaceAll(ok, '·'.repeat(ok.length));
    const variants = term.pattern ? [term.not[0]] : term.not;
    for (const v of variants) if (matcher(term, v).test(text)) hits.push({ file, key, not: v, term, value });
  }
  return hits;
}

const allHits = (Object.keys(FILES) as Array<'web' | 'server'>).flatMap((file) =>
  FILES[file].flatMap(([key, value]) => hitsIn(file, key, value)),
);
const excused = (h: Hit) => list.exceptions.some((e) => e.file === h.file && e.key === h.key && e.not === h.not);

/** The glossary's "not" cells: each row's third column without the notes in parentheses, split at «،». */
function glossaryNotWords(): string[] {
  const words: string[] = [];
  for (const line of glossary.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | English | Persian | not | meaning |  → ['', en, fa, not, meaning, '']
    if (cells.length !== 6 || /^-+$/.test(cells[1]) || cells[3] === 'not') continue;
    for (const part of cells[3].replace(/\([^)]*\)/g, '').split('،')) {
      const w = part.replace(/[`«»]/g, '').trim();
      if (w) words.push(w);
    }
  }
  return words;
}

describe('vocabulary: the Persian texts follow docs/glossary.md', () => {
  it('the checker finds whole words, suffixes after a ZWNJ, and leaves longer words and allowed phrases', () => {
    const one = (value: string, key = 'x.y') => hitsIn('web', key, value).map((h) => h.not);
    expect(one('دپارتمان‌ها')).toEqual(['دپارتمان']);
    expect(one('هنوز دپارتمانی نیست')).toEqual(['دپارتمان']);
    expect(one('نام کاربری')).toEqual([]);
    expect(one('کاربران')).toEqual(['کاربران']);
    expect(one('مدیر سامانه و مدیران سامانه؛ مدیریت')).toEqual([]);
    expect(one('فقط مدیر')).toEqual(['مدیر']);
    expect(one('مرکز تیکت‌ها')).toEqual([]);
    expect(one('مرکز تیکت')).toEqual(['مرکز تیکت']);
    expect(one('همه‌ی تیکت‌ها')).toEqual(['ه‌ی']);
    expect(one('همهٔ تیکت‌ها؛ نتیجه‌ای')).toEqual([]);
    expect(one('اولویت: کم اول', 'center.sort.priorityDesc')).toEqual(['کم']);
    expect(one('دست‌کم ۸ نویسه', 'auth.passwordHint')).toEqual([]);
    expect(one('به‌صورت خودکار')).toEqual([]);
    expect(one('به صورت خودکار')).toEqual(['به صورت']);
  });

  it('no value of the web or the server fa.json uses a variant the glossary forbids', () => {
    const problems = allHits
      .filter((h) => !excused(h))
      .map((h) => `${h.file} ${h.key}: «${h.not}» → use «${h.term.use}» (${h.term.en}) in «${h.value}»`);
    expect(problems).toEqual([]);
  });

  it('every exception says why, and still applies', () => {
    for (const e of list.exceptions) {
      expect(e.reason.trim().length, `${e.file} ${e.key}: an exception needs a reason`).toBeGreaterThan(10);
      expect(
        allHits.some((h) => h.file === e.file && h.key === e.key && h.not === e.not),
        `${e.file} ${e.key} «${e.not}» no longer uses the variant: remove the exception`,
      ).toBe(true);
    }
  });

  it('every word of the glossary’s "not" column is in docs/glossary-forbidden.json', () => {
    const listed = new Set(list.terms.flatMap((t) => t.not));
    const words = glossaryNotWords();
    expect(words.length).toBeGreaterThan(20);
    expect(words.filter((w) => !listed.has(w))).toEqual([]);
    expect(glossary).toContain('glossary-forbidden.json');
  });
});
