import type { CopyWriter } from './copy-writer';
import type { Sink } from './sink';

const MAXNUMPOS = 256; // positions kept per lexeme by tsvector || tsvector
const MAXENTRYPOS = 1 << 14;

/**
 * The search vectors, built without running PostgreSQL's text parser on gigabytes of text
 * (to_tsvector costs ~0.4 µs a character, most of a million-ticket load). Text is generated
 * from a fixed set of word forms (a normalised word, maybe followed by punctuation); the
 * database itself tokenises each form once — to_tsvector('simple', form) — and a ticket's
 * vector is assembled from those lexemes the way the application builds it: one
 * to_tsvector per subject and message, joined with `||` (which shifts positions by the
 * left side's largest position and keeps at most 256 positions per lexeme). The loader
 * compares a sample with the SQL the application runs (see verifySample).
 */
export interface FormsSnapshot {
  keys: string[];
  parts: Int32Array[];
  widths: Int32Array;
  lexemes: Uint8Array[];
}

export class Forms {
  private readonly index = new Map<string, number>();
  readonly keys: string[] = [];
  private parts: Int32Array[] = [];
  /** Per form: how many positions it takes. */
  private widths: Int32Array = new Int32Array(0);
  /** UTF-8 bytes of every lexeme, in tsvector order. */
  readonly lexemes: Uint8Array[] = [];

  /** What a worker thread needs to rebuild these forms (structured-clone friendly). */
  snapshot(): FormsSnapshot {
    return { keys: this.keys, parts: this.parts, widths: this.widths, lexemes: this.lexemes };
  }

  static from(s: FormsSnapshot): Forms {
    const f = new Forms();
    s.keys.forEach((k) => f.id(k));
    f.parts = s.parts;
    f.widths = s.widths;
    f.lexemes.push(...s.lexemes);
    return f;
  }

  id(key: string): number {
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.index.set(key, id);
    }
    return id;
  }

  /** The forms of an already normalised text (words separated by single spaces). */
  idsOf(norm: string): number[] {
    return norm ? norm.split(' ').map((w) => this.id(w)) : [];
  }

  /** Asks the database how it tokenises every registered form. */
  async resolve(sink: Sink) {
    const rows = await sink.query<{ ord: string; lexeme: string; positions: number[] | string }>(
      `select f.ord, u.lexeme, u.positions from unnest($1::text[]) with ordinality f(k, ord), unnest(to_tsvector('simple', f.k)) u`,
      [this.keys],
    );
    const found = new Map<string, Buffer>();
    for (const r of rows) if (!found.has(r.lexeme)) found.set(r.lexeme, Buffer.from(r.lexeme, 'utf8'));
    // Lexemes are numbered in tsvector order (bytes compared as memcmp, then the shorter first:
    // what Buffer.compare does), so that sorting numbers sorts lexemes.
    const sorted = [...found.entries()].sort((a, b) => Buffer.compare(a[1], b[1]));
    const rank = new Map(sorted.map(([lexeme], i) => [lexeme, i]));
    this.lexemes.push(...sorted.map(([, bytes]) => bytes));
    const parts: number[][] = this.keys.map(() => []);
    this.widths = new Int32Array(this.keys.length);
    for (const r of rows) {
      const form = Number(r.ord) - 1;
      const positions = typeof r.positions === 'string' ? r.positions.slice(1, -1).split(',').map(Number) : r.positions;
      for (const p of positions) {
        parts[form].push(rank.get(r.lexeme)!, p);
        this.widths[form] = Math.max(this.widths[form], p);
      }
    }
    this.parts = parts.map((p) => Int32Array.from(p));
  }

  /** Lexeme numbers and positions relative to the form, interleaved. */
  partsOf(form: number) {
    return this.parts[form];
  }
  widthOf(form: number) {
    return this.widths[form];
  }
}

/** One ticket's vector, segment by segment (subject, then each message). */
export class VectorBuilder {
  /** Positions of lexeme r at pool[r * MAXNUMPOS …], count[r] of them. */
  private pool = new Uint16Array(0);
  private count = new Int32Array(0);
  private touched = new Int32Array(4096);
  private nTouched = 0;
  private maxpos = 0;

  constructor(private readonly forms: Forms) {}

  /** Appends to_tsvector('simple', <segment>) with `||`. */
  add(formIds: readonly number[]) {
    const lexemes = this.forms.lexemes.length;
    if (this.count.length < lexemes) {
      this.pool = new Uint16Array(lexemes * MAXNUMPOS);
      this.count = new Int32Array(lexemes);
      this.touched = new Int32Array(lexemes);
    }
    const { pool, count, touched } = this;
    const shift = this.maxpos;
    let p = 0;
    let top = this.maxpos;
    for (let i = 0; i < formIds.length; i++) {
      const f = formIds[i];
      const parts = this.forms.partsOf(f);
      for (let k = 0; k < parts.length; k += 2) {
        const lex = parts[k];
        const n = count[lex];
        if (n === 0) touched[this.nTouched++] = lex;
        // Within one message no lexeme reaches to_tsvector's own limits (255 positions, 16383).
        if (n < MAXNUMPOS && (n === 0 || pool[lex * MAXNUMPOS + n - 1] !== MAXENTRYPOS - 1)) {
          const pos = Math.min(shift + p + parts[k + 1], MAXENTRYPOS - 1);
          pool[lex * MAXNUMPOS + n] = pos;
          count[lex] = n + 1;
          if (pos > top) top = pos;
        }
      }
      p += this.forms.widthOf(f);
    }
    this.maxpos = top;
  }

  /**
   * Writes the vector as a binary tsvector field and starts a new one; every lexeme after
   * `prefix`, the workspace's `<id>:` as the application stores it (search_vector(ws, t)).
   */
  write(w: CopyWriter, prefix: Uint8Array) {
    const lexes = this.touched.subarray(0, this.nTouched).sort();
    w.tsvector(this.forms.lexemes, lexes, this.pool, this.count, MAXNUMPOS, prefix);
    for (const lex of lexes) this.count[lex] = 0;
    this.nTouched = 0;
    this.maxpos = 0;
  }
}

/**
 * Recomputes a sample of tickets' vectors with the application's own SQL — to_tsvector per
 * subject and message, concatenated with ||, the joins, the workspace's prefix — and throws if
 * any differs from what was loaded.
 */
export async function verifySample(
  sink: Sink,
  samples: { id: number; publicSegments: string[]; noteSegments: string[] }[],
) {
  if (!samples.length) return;
  await sink.query(`create or replace function pg_temp.bench_vector(segments text[]) returns tsvector language plpgsql as $$
    declare v tsvector := ''; s text;
    begin foreach s in array segments loop v := v || to_tsvector('simple', s); end loop; return v || search_joins(v); end $$`);
  const rows = await sink.query<{ id: string }>(
    `select t.id from tickets t join (select unnest($1::bigint[]) as id, unnest($2::text[]) as pub, unnest($3::text[]) as notes) s on s.id = t.id
      where t.search_public <> workspace_lexemes(t.workspace_id, pg_temp.bench_vector(string_to_array(s.pub, E'\\x1f')))
         or t.search_notes <> workspace_lexemes(t.workspace_id, pg_temp.bench_vector(coalesce(string_to_array(nullif(s.notes, ''), E'\\x1f'), '{}')))`,
    [
      samples.map((s) => s.id),
      samples.map((s) => s.publicSegments.join('\x1f')),
      samples.map((s) => s.noteSegments.join('\x1f')),
    ],
  );
  if (rows.length)
    throw new Error(`search vectors differ from the application's for tickets ${rows.map((r) => r.id).join(', ')}`);
}
