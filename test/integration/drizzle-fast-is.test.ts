import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Column, is, Param, Placeholder, SQL, sql, Table } from 'drizzle-orm';
import { PgColumn, PgTable, PgTimestamp } from 'drizzle-orm/pg-core';
import { tickets, users } from '../../src/db/schema';
import { ORIGINAL_IS, rememberingIs } from '../../scripts/drizzle-fast-is.mjs';

// The server bundle replaces drizzle-orm's `is` with one that remembers its answer per class
// (scripts/drizzle-fast-is.mjs). It must give the library's answers, throw where it throws, and
// refuse to build when the library's function is not the one it replaces.
const entityPath = join(createRequire(import.meta.url).resolve('drizzle-orm'), '..', 'entity.js');
const dir = mkdtempSync(join(tmpdir(), 'pk-fast-is-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadRemembering(): Promise<typeof is> {
  const file = join(dir, 'entity.mjs');
  writeFileSync(file, rememberingIs(readFileSync(entityPath, 'utf8')));
  return ((await import(pathToFileURL(file).href)) as { is: typeof is }).is;
}

class NotAnEntity {}
/** A Column of another copy of drizzle-orm: matched by its entityKind, not by instanceof. */
class OwnColumnLike {}
Object.defineProperty(OwnColumnLike, Symbol.for('drizzle:entityKind'), { value: 'Column' });

describe('the server bundle’s remembering drizzle `is`', () => {
  it('answers as drizzle-orm’s own for values and types of every kind, the second time as the first', async () => {
    const fastIs = await loadRemembering();
    const values: unknown[] = [
      tickets.id,
      tickets.createdAt,
      users.name,
      tickets,
      sql`1`,
      sql`${tickets.id} = ${1}`.as('x'),
      new Param(1),
      sql.placeholder('p'),
      new OwnColumnLike(),
      new NotAnEntity(),
      {},
      [],
      new Date(),
      'text',
      1,
      null,
      undefined,
    ];
    const types = [Column, PgColumn, PgTimestamp, SQL, SQL.Aliased, Table, PgTable, Param, Placeholder];
    for (let round = 0; round < 2; round++)
      for (const v of values)
        for (const t of types) expect([v, t, fastIs(v, t as never)]).toEqual([v, t, is(v, t as never)]);
  });

  it('throws as the library does for a class that is not an entity, each time', async () => {
    const fastIs = await loadRemembering();
    for (let round = 0; round < 2; round++) {
      expect(() => fastIs(tickets.id, NotAnEntity as never)).toThrow(/doesn't look like a Drizzle entity/);
      expect(() => is(tickets.id, NotAnEntity as never)).toThrow(/doesn't look like a Drizzle entity/);
    }
    // …but an instance of it is simply that (instanceof comes first in both).
    expect(fastIs(new NotAnEntity(), NotAnEntity as never)).toBe(true);
    expect(is(new NotAnEntity(), NotAnEntity as never)).toBe(true);
  });

  it('refuses a drizzle-orm whose `is` is not the one it replaces', () => {
    expect(readFileSync(entityPath, 'utf8')).toContain(ORIGINAL_IS);
    expect(() => rememberingIs('function is(value, type) { return false; }')).toThrow(/review the plugin/);
  });
});
