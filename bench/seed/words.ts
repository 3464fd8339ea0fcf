import { readFileSync } from 'node:fs';
import { normalizeText } from '../../src/contracts/text';
import { htmlToText } from '../../src/server/platform/html';
import { Rng, Weighted } from './random';
import type { Forms } from './search-vector';

export type Lang = 'fa' | 'en';

/** Punctuation a word may carry: none, sentence ends, commas (Persian and Latin). */
const SUFFIXES = ['', '.', '?', ',', '؟', '،'] as const;
const [NONE, DOT, QUESTION, COMMA, FA_QUESTION, FA_COMMA] = [0, 1, 2, 3, 4, 5];
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const SUFFIX_BYTES = SUFFIXES.map(utf8);
const P_OPEN = utf8('<p>');
const P_CLOSE = utf8('</p>');

/** A growing byte buffer: a chunk's message bodies, end to end. */
export class Bytes {
  buf = new Uint8Array(1 << 20);
  length = 0;

  private room(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number) {
    this.room(1);
    this.buf[this.length++] = b;
  }

  put(bytes: Uint8Array) {
    this.room(bytes.length);
    const buf = this.buf;
    let o = this.length;
    for (let j = 0; j < bytes.length; j++) buf[o++] = bytes[j];
    this.length = o;
  }

  text(from: number, to: number): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + from, to - from).toString('utf8');
  }
}

/**
 * A word list. For every word: the written forms (as is, capitalised to start a sentence, as
 * typed on an Arabic keyboard with ي and ك) and the search forms (normalizeText of the word,
 * with each possible punctuation) whose lexemes the database tells us once (see Forms).
 * normalizeText works character by character apart from folding whitespace, so a text's
 * normalised form is its words' normalised forms joined by spaces; `sampleSegment` checks it.
 */
interface Lexicon {
  words: string[];
  first: string[];
  arabic: string[];
  /** UTF-8 of words, first and arabic, for messages written as bytes. */
  wordBytes: Uint8Array[];
  firstBytes: Uint8Array[];
  arabicBytes: Uint8Array[];
  /** forms[k * SUFFIXES.length + s] */
  forms: number[];
  freq: Weighted;
}

function lexicon(file: string, forms: Forms): Lexicon {
  const words = readFileSync(new URL(`../words/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.some((w) => /[&<>"'\\\s]/.test(w)))
    throw new Error(`${file}: words must be single tokens without HTML-special characters`);
  const first = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const arabic = words.map((w) => w.replace(/ی/g, 'ي').replace(/ک/g, 'ك'));
  return {
    words,
    first,
    arabic,
    wordBytes: words.map(utf8),
    firstBytes: first.map(utf8),
    arabicBytes: arabic.map(utf8),
    forms: words.flatMap((w) => SUFFIXES.map((s) => forms.id(normalizeText(w) + s))),
    freq: Weighted.zipf(words.length, 0.9),
  };
}

export interface Style {
  lang: Lang;
  arabicKeyboard: boolean;
}

export class TextGenerator {
  private readonly lex: Record<Lang, Lexicon>;

  constructor(readonly forms: Forms) {
    this.lex = { fa: lexicon('fa.txt', forms), en: lexicon('en.txt', forms) };
  }

  style(rng: Rng, lang: Lang): Style {
    return { lang, arabicKeyboard: lang === 'fa' && rng.chance(0.05) };
  }

  /** A subject of 3–8 words, capitalised, without punctuation. */
  subject(rng: Rng, style: Style): { raw: string; norm: string; forms: number[] } {
    const raw: string[] = [];
    const forms: number[] = [];
    for (let i = 0, count = rng.int(3, 8); i < count; i++) {
      // Persian text borrows an English word now and then ("vpn", "outlook").
      const mixed = style.lang === 'fa' && rng.chance(0.03);
      const l = mixed ? this.lex.en : this.lex[style.lang];
      const k = l.freq.index(rng);
      raw.push(mixed ? l.words[k] : style.arabicKeyboard ? l.arabic[k] : i === 0 ? l.first[k] : l.words[k]);
      forms.push(l.forms[k * SUFFIXES.length + NONE]);
    }
    return { raw: raw.join(' '), norm: forms.map((f) => this.forms.keys[f]).join(' '), forms };
  }

  /**
   * A message of 10–80 words in one to three paragraphs (`<p>…</p>`), written as UTF-8 into
   * `out` (building strings costs more than everything else here); returns its search forms.
   */
  message(rng: Rng, style: Style, out: Bytes): number[] {
    const fa = style.lang === 'fa';
    let left = Math.min(80, Math.max(10, Math.round(10 + rng.exp(28))));
    const forms: number[] = [];
    let paras = 0;
    while (left > 0) {
      const inPara = paras === 2 ? left : Math.min(left, rng.int(8, 40));
      out.put(P_OPEN);
      let inSentence = inPara;
      let firstWord = true;
      while (inSentence > 0) {
        const count = inSentence < 14 ? inSentence : rng.int(5, 12);
        // The same draws, in the same order, as words() — only the output differs.
        for (let i = 0; i < count; i++) {
          const mixed = fa && rng.chance(0.03);
          const l = mixed ? this.lex.en : this.lex[style.lang];
          const k = l.freq.index(rng);
          let s = NONE;
          if (i === count - 1) s = rng.chance(0.2) ? (fa ? FA_QUESTION : QUESTION) : DOT;
          else if (i > 1 && rng.chance(0.06)) s = fa ? FA_COMMA : COMMA;
          if (!firstWord) out.byte(32);
          firstWord = false;
          out.put(
            mixed
              ? l.wordBytes[k]
              : style.arabicKeyboard
                ? l.arabicBytes[k]
                : i === 0
                  ? l.firstBytes[k]
                  : l.wordBytes[k],
          );
          if (s) out.put(SUFFIX_BYTES[s]);
          forms.push(l.forms[k * SUFFIXES.length + s]);
        }
        inSentence -= count;
      }
      out.put(P_CLOSE);
      paras++;
      left -= inPara;
    }
    return forms;
  }

  /** normalizeText(htmlToText(html)) — what the application indexes — checked against the forms. */
  sampleSegment(html: string, forms: number[]): string {
    const norm = normalizeText(htmlToText(html));
    const ours = forms.map((f) => this.forms.keys[f]).join(' ');
    if (norm !== ours) throw new Error(`generated search text differs from the application's:\n${norm}\n${ours}`);
    return norm;
  }
}

/** The signature block add-message.ts appends to an agent's reply (names need no escaping), as UTF-8. */
export function signatureHtml(text: string): Uint8Array {
  return utf8(`<div dir="auto" class="signature">${text.replace(/\n/g, '<br>')}</div>`);
}
