/** The empty prefix: a tsvector's lexemes as they are. */
const EMPTY = new Uint8Array(0);

/**
 * Rows in PostgreSQL's binary COPY format, written straight into a Buffer: no text escaping,
 * no date formatting, and no parsing on the server side. One writer holds one COPY's data.
 * Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
const PG_EPOCH_MS = 946_684_800_000; // 2000-01-01T00:00:00Z
const INT8_OID = 20;
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);

export class CopyWriter {
  private buf: Buffer;
  private o = 0;
  rows = 0;

  constructor(size = 1 << 20) {
    // Never from Buffer's shared pool: the worker transfers these ArrayBuffers.
    this.buf = Buffer.allocUnsafeSlow(Math.max(size, 64));
    this.o = HEADER.copy(this.buf, 0);
  }

  private room(n: number) {
    if (this.o + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.o + n));
    this.buf.copy(next, 0, 0, this.o);
    this.buf = next;
  }

  private i64(v: number) {
    const hi = Math.floor(v / 4_294_967_296);
    this.buf.writeInt32BE(hi, this.o);
    this.buf.writeUInt32BE(v - hi * 4_294_967_296, this.o + 4);
    this.o += 8;
  }

  row(fields: number): this {
    this.room(2);
    this.o = this.buf.writeInt16BE(fields, this.o);
    this.rows++;
    return this;
  }

  null(): this {
    this.room(4);
    this.o = this.buf.writeInt32BE(-1, this.o);
    return this;
  }

  int8(v: number | null): this {
    if (v === null) return this.null();
    this.room(12);
    this.o = this.buf.writeInt32BE(8, this.o);
    this.i64(v);
    return this;
  }

  int4(v: number): this {
    this.room(8);
    this.o = this.buf.writeInt32BE(4, this.o);
    this.o = this.buf.writeInt32BE(v, this.o);
    return this;
  }

  bool(v: boolean): this {
    this.room(5);
    this.o = this.buf.writeInt32BE(1, this.o);
    this.buf[this.o++] = v ? 1 : 0;
    return this;
  }

  /** text, and enums (whose binary form is their label). */
  text(s: string | null | undefined): this {
    if (s == null) return this.null();
    this.room(4 + s.length * 3);
    const n = this.buf.write(s, this.o + 4, 'utf8');
    this.buf.writeInt32BE(n, this.o);
    this.o += 4 + n;
    return this;
  }

  /** A text field given as UTF-8 bytes src[from…to). */
  bytes(src: Uint8Array, from: number, to: number): this {
    const n = to - from;
    this.room(4 + n);
    this.o = this.buf.writeInt32BE(n, this.o);
    this.buf.set(src.subarray(from, to), this.o);
    this.o += n;
    return this;
  }

  /** timestamptz from epoch milliseconds: microseconds since 2000-01-01. */
  time(ms: number | null): this {
    if (ms === null) return this.null();
    this.room(12);
    this.o = this.buf.writeInt32BE(8, this.o);
    this.i64((ms - PG_EPOCH_MS) * 1000);
    return this;
  }

  /** bigint[] (one dimension, no nulls). */
  int8Array(values: readonly number[]): this {
    const n = values.length;
    const size = n ? 20 + 12 * n : 12;
    this.room(4 + size);
    this.o = this.buf.writeInt32BE(size, this.o);
    this.o = this.buf.writeInt32BE(n ? 1 : 0, this.o);
    this.o = this.buf.writeInt32BE(0, this.o);
    this.o = this.buf.writeInt32BE(INT8_OID, this.o);
    if (n) {
      this.o = this.buf.writeInt32BE(n, this.o);
      this.o = this.buf.writeInt32BE(1, this.o);
      for (const v of values) {
        this.o = this.buf.writeInt32BE(8, this.o);
        this.i64(v);
      }
    }
    return this;
  }

  /**
   * tsvector (tsvectorsend's format): the lexeme count, then each lexeme as its bytes and a
   * NUL, the number of positions and the positions (uint16, weight D). `lexes` are indexes
   * into `lexemes`, ascending = PostgreSQL's order; lexeme l has count[l] positions at
   * pool[l * stride …]. Every lexeme is written after `prefix` (the workspace's `<id>:`, migration
   * 0031): a prefix shared by all of a vector's lexemes keeps their order.
   */
  tsvector(
    lexemes: readonly Uint8Array[],
    lexes: Int32Array,
    pool: Uint16Array,
    count: Int32Array,
    stride: number,
    prefix: Uint8Array = EMPTY,
  ): this {
    let size = 4;
    for (const l of lexes) size += prefix.length + lexemes[l].length + 3 + 2 * count[l];
    this.room(4 + size);
    this.o = this.buf.writeInt32BE(size, this.o);
    this.o = this.buf.writeInt32BE(lexes.length, this.o);
    const b = this.buf;
    let o = this.o;
    for (const l of lexes) {
      const lex = lexemes[l];
      for (let j = 0; j < prefix.length; j++) b[o++] = prefix[j];
      for (let j = 0; j < lex.length; j++) b[o++] = lex[j];
      b[o++] = 0;
      const n = count[l];
      b[o++] = n >> 8;
      b[o++] = n & 0xff;
      for (let j = l * stride, end = j + n; j < end; j++) {
        b[o++] = pool[j] >> 8;
        b[o++] = pool[j] & 0xff;
      }
    }
    this.o = o;
    return this;
  }

  /** The COPY data, with its trailer. */
  finish(): Buffer {
    this.room(2);
    this.o = this.buf.writeInt16BE(-1, this.o);
    return this.buf.subarray(0, this.o);
  }
}
