import type { CopyWriter } from './copy-writer';
import { VectorBuilder, type Forms } from './search-vector';

const MAXNUMPOS = 256; // as search-vector.ts: positions kept per lexeme
const PERSIAN = /^[\u0620-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF]+$/u;
const PREFIX = new Set(['می', 'نمی', 'بی']);
const SUFFIX = new Set('ها,های,هایی,هایم,هایت,هایش,هایمان,هایتان,هایشان,ای,ام,ات,اش,ایم,اید,اند,تر,ترین,ی'.split(','));
const LETTER = new Set(
  'آ,ای,بی,پی,تی,سی,جی,چی,اچ,دی,ار,آر,زد,اس,اف,کیو,کی,ال,ام,ان,او,وی,دبلیو,ایکس,اکس,وای,آی,یو'.split(','),
);
const [IS_PREFIX, IS_SUFFIX, IS_LETTER, JOINABLE] = [1, 2, 4, 8];

/** What search_joins() needs to know of each lexeme, computed once per Forms. */
class LexemeFacts {
  readonly text: string[];
  readonly rank = new Map<string, number>();
  /** JOINABLE (Persian letters only, ≤ 24 characters) and its prefix / suffix / letter flags. */
  readonly flags: Uint8Array;
  /** The digit runs of a lexeme that holds digits and other characters (empty otherwise). */
  readonly numbers: string[][];

  constructor(forms: Forms) {
    this.text = forms.lexemes.map((b) => Buffer.from(b).toString('utf8'));
    if (this.text.length >= 131_072) throw new Error('more lexemes than a position key holds');
    this.flags = new Uint8Array(this.text.length);
    this.numbers = this.text.map((l, i) => {
      this.rank.set(l, i);
      if ([...l].length <= 24 && PERSIAN.test(l))
        this.flags[i] =
          JOINABLE |
          (PREFIX.has(l) ? IS_PREFIX : 0) |
          (SUFFIX.has(l) ? IS_SUFFIX : 0) |
          (LETTER.has(l) ? IS_LETTER : 0);
      return /[0-9]/.test(l) && !/^[0-9]+$/.test(l) ? (l.match(/[0-9]+/g) ?? []) : [];
    });
  }
}

/** VectorBuilder's state (TS-private there, plain properties at run time). */
interface State {
  pool: Uint16Array;
  count: Int32Array;
  touched: Int32Array;
  nTouched: number;
  maxpos: number;
}

/**
 * A VectorBuilder whose vectors already hold what the application adds with
 * `v || search_joins(v)` (migration 0013): the joined spellings of neighbouring Persian word
 * parts and the numbers inside longer tokens, as lexemes without positions. Running
 * search_joins() in SQL over every ticket after the load costs ~0.9 ms a ticket (a quarter of an
 * hour for a million on one core); here it is computed on the generator thread. Both seeds
 * compare a sample with the SQL the application runs (verifySample), joins included.
 */
export class JoinedVectorBuilder extends VectorBuilder {
  private readonly facts: LexemeFacts;
  private readonly lexemeBytes: readonly Uint8Array[];
  private out = new Uint8Array(1 << 16);

  constructor(forms: Forms) {
    super(forms);
    this.facts = new LexemeFacts(forms);
    this.lexemeBytes = forms.lexemes;
  }

  override write(w: CopyWriter, prefix: Uint8Array) {
    const s = this as unknown as State;
    const lexes = s.touched.subarray(0, s.nTouched).sort();
    const extra = this.joins(s, lexes);
    this.encode(w, s, lexes, extra, prefix);
    for (const lex of lexes) s.count[lex] = 0;
    s.nTouched = 0;
    s.maxpos = 0;
  }

  /** search_joins(v) less what v already holds: lexemes (as bytes) in tsvector order. */
  private joins(s: State, lexes: Int32Array): Uint8Array[] {
    const { flags, text, numbers, rank } = this.facts;
    const found = new Set<string>();
    // (position, lexeme) of the joinable lexemes, by position (key = pos · 2^17 + lexeme).
    const keys: number[] = [];
    for (const l of lexes) {
      for (const n of numbers[l]) found.add(n);
      if (!(flags[l] & JOINABLE)) continue;
      for (let j = l * MAXNUMPOS, end = j + s.count[l]; j < end; j++)
        if (s.pool[j] < 16383) keys.push(s.pool[j] * 131072 + l);
    }
    const sorted = Int32Array.from(keys).sort();
    const pos = (k: number) => Math.floor(k / 131072);
    const lex = (k: number) => k % 131072;
    for (let i = 0; i < sorted.length; i++) {
      const a = lex(sorted[i]);
      const pa = pos(sorted[i]);
      for (let j = i + 1; j < sorted.length && pos(sorted[j]) <= pa + 1; j++) {
        if (pos(sorted[j]) !== pa + 1) continue;
        const b = lex(sorted[j]);
        if (flags[a] & IS_PREFIX || flags[b] & IS_SUFFIX || flags[a] & flags[b] & IS_LETTER)
          found.add(text[a] + text[b]);
        if (!(flags[a] & flags[b] & IS_LETTER)) continue;
        for (let k = j + 1; k < sorted.length && pos(sorted[k]) <= pa + 2; k++)
          if (pos(sorted[k]) === pa + 2 && flags[lex(sorted[k])] & IS_LETTER)
            found.add(text[a] + text[b] + text[lex(sorted[k])]);
      }
    }
    const extra: Uint8Array[] = [];
    for (const f of found) {
      const r = rank.get(f);
      if (r !== undefined && s.count[r] > 0) continue; // already in v, with its positions
      extra.push(r !== undefined ? this.lexemeBytes[r] : Buffer.from(f, 'utf8'));
    }
    return extra.sort((x, y) => Buffer.compare(x, y));
  }

  /**
   * tsvectorsend's format (as CopyWriter.tsvector), the lexemes of v and the joins merged in
   * order, each after `prefix` (which all share, so the order stays).
   */
  private encode(w: CopyWriter, s: State, lexes: Int32Array, extra: Uint8Array[], prefix: Uint8Array) {
    let size = 4;
    for (const l of lexes) size += prefix.length + this.lexemeBytes[l].length + 3 + 2 * s.count[l];
    for (const e of extra) size += prefix.length + e.length + 3;
    if (this.out.length < size) this.out = new Uint8Array(size * 2);
    const b = this.out;
    const n = lexes.length + extra.length;
    b[0] = n >>> 24;
    b[1] = (n >>> 16) & 0xff;
    b[2] = (n >>> 8) & 0xff;
    b[3] = n & 0xff;
    let o = 4;
    const put = (lexeme: Uint8Array, from: number, npos: number) => {
      b.set(prefix, o);
      o += prefix.length;
      b.set(lexeme, o);
      o += lexeme.length;
      b[o++] = 0;
      b[o++] = npos >> 8;
      b[o++] = npos & 0xff;
      for (let j = from, end = from + npos; j < end; j++) {
        b[o++] = s.pool[j] >> 8;
        b[o++] = s.pool[j] & 0xff;
      }
    };
    let e = 0;
    for (const l of lexes) {
      const bytes = this.lexemeBytes[l];
      while (e < extra.length && Buffer.compare(extra[e], bytes) < 0) put(extra[e++], 0, 0);
      put(bytes, l * MAXNUMPOS, s.count[l]);
    }
    while (e < extra.length) put(extra[e++], 0, 0);
    w.bytes(b, 0, o);
  }
}
