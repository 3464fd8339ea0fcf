import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/**
 * Where generated rows go: binary `COPY … FROM STDIN` on PostgreSQL (pg-copy-streams), binary
 * `COPY … FROM '/dev/blob'` on PGlite.
 */
export interface Sink {
  kind: 'postgres' | 'embedded';
  /** Binary COPY data (CopyWriter.finish()); null copies nothing. */
  copy(table: string, columns: readonly string[], data: Uint8Array | null): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export function pgSink(client: pg.Client): Sink {
  return {
    kind: 'postgres',
    async copy(table, columns, data) {
      if (!data) return;
      const stream = client.query(
        copyStreams.from(`copy ${table} (${columns.join(', ')}) from stdin with (format binary)`),
      );
      await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), stream);
    },
    async query(text, params) {
      return (await client.query(text, params)).rows;
    },
  };
}

export function pgliteSink(client: PGlite): Sink {
  return {
    kind: 'embedded',
    async copy(table, columns, data) {
      if (!data) return;
      const blob = new Blob([data]);
      await client.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format binary)`, [], { blob });
    },
    async query(text, params) {
      return (await client.query(text, params)).rows as never[];
    },
  };
}

/** The identity sequence of a table and the last value it handed out. */
export async function lastId(sink: Sink, table: string): Promise<{ seq: string; last: number }> {
  const [{ seq }] = await sink.query<{ seq: string }>(`select pg_get_serial_sequence('${table}', 'id') as seq`);
  const [{ last }] = await sink.query<{ last: string }>(
    `select case when is_called then last_value else last_value - 1 end as last from ${seq}`,
  );
  return { seq, last: Number(last) };
}

/**
 * Reserves `count` ids of a table's identity sequence and returns the one before the first
 * (the rows get base+1 … base+count); COPY may write identity columns itself.
 */
export async function reserveIds(sink: Sink, table: string, count: number): Promise<number> {
  if (count <= 0) return 0;
  const [{ seq }] = await sink.query<{ seq: string }>(`select pg_get_serial_sequence('${table}', 'id') as seq`);
  const [{ base }] = await sink.query<{ base: string }>(
    `select setval('${seq}', s.base + ${count}) - ${count} as base
       from (select case when is_called then last_value else last_value - 1 end as base from ${seq}) s`,
  );
  return Number(base);
}
