import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { invalidTextPaths } from './http/validation';
import { createLogger, serializeError } from './logger';

function capture() {
  const lines: string[] = [];
  const log = createLogger(
    'info',
    new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  );
  return { log, text: () => lines.join('') };
}

describe('error serializer (issue 12)', () => {
  it('keeps the statement and drops every bound value, even one spanning lines or inside JSON', () => {
    const cause = Object.assign(new Error('value too long for type character varying(20)'), {
      code: '22001',
      detail: 'Failing row contains (7, Sara Rahimi, sara@example.com).',
    });
    const err = new DrizzleQueryError(
      'insert into users (name, email, data) values ($1, $2, $3)',
      ['Sara Rahimi', 'line one\nline two of a private note', { address: 'Tehran, Valiasr 12' }],
      cause,
    );
    const { log, text } = capture();
    log.error({ err }, 'unhandled error');
    const out = text();
    expect(out).toContain('insert into users (name, email, data) values ($1, $2, $3)');
    expect(out).toContain('value too long');
    for (const secret of ['Sara Rahimi', 'private note', 'line one', 'Valiasr', 'sara@example.com'])
      expect(out).not.toContain(secret);
  });

  it('drops the fields that carry data (PGlite errors carry params and queryOptions)', () => {
    const err = Object.assign(new Error('invalid input syntax for type integer: "0912 123 4567"'), {
      query: 'select $1::int',
      params: ['0912 123 4567'],
      queryOptions: { rowMode: 'object' },
      where: 'COPY users, line 1',
      code: '22P02',
    });
    const out = serializeError(err) as Record<string, unknown>;
    expect(out).toMatchObject({ query: 'select $1::int', code: '22P02' });
    expect(out).not.toHaveProperty('params');
    expect(out).not.toHaveProperty('queryOptions');
    expect(out).not.toHaveProperty('where');
    expect(JSON.stringify(out)).not.toContain('0912 123 4567');
  });

  it('cleans a Drizzle message kept as a string, and leaves other values alone', () => {
    expect(serializeError('Failed query: select $1\nparams: a@b.c\nmore')).toBe(
      'Failed query: select $1\nparams: [redacted]',
    );
    expect(serializeError(42)).toBe(42);
    expect((serializeError(new Error('plain')) as { message: string }).message).toBe('plain');
  });
});

describe('invalid text', () => {
  it('finds NUL and lone surrogates in values and keys, by path; leaves pairs and other text', () => {
    expect(
      invalidTextPaths({ a: 'ok 🔥 چاپ‌گر', b: ['x', 'y\u0000'], c: { d: '\ud83d' }, 'e\u0000': 1, f: '\udc00z' }),
    ).toEqual([['b', 1], ['c', 'd'], ['e\ufffd'], ['f']]);
    expect(invalidTextPaths('\u0000')).toEqual([[]]);
    expect(invalidTextPaths(Buffer.from([0, 0]))).toEqual([]);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(invalidTextPaths(deep)[0]).toHaveLength(20_000);
  });
});
