import { seedPeople } from './people';
import { Forms, verifySample } from './search-vector';
import { lastId, reserveIds, type Sink } from './sink';
import { FILE_COLUMNS, MESSAGE_COLUMNS, PARTICIPANT_COLUMNS, TICKET_COLUMNS, type Sample } from './tickets';
import { generatedChunks } from './worker';
import { TextGenerator } from './words';

export interface LoadOptions {
  seed: number;
  tickets: number;
  workspaceId: number;
  adminId: number;
  start: number;
  now: number;
  /** Drop the bulk tables' secondary indexes and foreign keys during the load, recreate them after. */
  rebuildIndexes: boolean;
  chunk: number;
  log: (line: string) => void;
}

export interface LoadSummary {
  customers: number;
  agents: number;
  tickets: number;
  messages: number;
  notes: number;
  files: number;
  participants: number;
  seconds: { people: number; tickets: number; indexes: number; vacuum: number; total: number };
}

export const BULK_TABLES = ['tickets', 'messages', 'files', 'ticket_participants'];

/** The secondary indexes and foreign keys of the bulk tables, as SQL that recreates them. */
export async function secondaryObjects(sink: Sink) {
  const list = BULK_TABLES.map((t) => `'${t}'`).join(', ');
  const indexes = await sink.query<{ name: string; def: string }>(
    `select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class ci on ci.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in (${list})
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by c.relname, ci.relname`,
  );
  const fks = await sink.query<{ name: string; tbl: string; def: string }>(
    `select k.conname as name, c.relname as tbl, pg_get_constraintdef(k.oid) as def
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.relname in (${list})`,
  );
  return { indexes, fks };
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * Fills the workspace in one transaction: people, then tickets with their messages,
 * attachment records and participants, chunk by chunk, by binary COPY. A worker thread
 * generates while this one loads. The bulk tables' secondary indexes and foreign keys are
 * dropped first and recreated from their own definitions at the end (faster than keeping them
 * current row by row); a failure rolls everything back, indexes included.
 */
export async function loadWorkspace(sink: Sink, o: LoadOptions): Promise<LoadSummary> {
  const t0 = performance.now();
  const embedded = sink.kind === 'embedded';
  await sink.query('begin');
  try {
    await sink.query(`set local maintenance_work_mem = '${embedded ? '256MB' : '1GB'}'`);
    await sink.query(`set local synchronous_commit = off`);
    const saved = o.rebuildIndexes ? await secondaryObjects(sink) : { indexes: [], fks: [] };
    for (const fk of saved.fks) await sink.query(`alter table ${fk.tbl} drop constraint ${fk.name}`);
    for (const ix of saved.indexes) await sink.query(`drop index ${ix.name}`);

    const forms = new Forms();
    new TextGenerator(forms); // registers the word forms, in the order the generator thread will find them
    const customers = Math.max(10, Math.floor(o.tickets / 10));
    const world = await seedPeople(sink, forms, {
      seed: o.seed,
      workspaceId: o.workspaceId,
      adminId: o.adminId,
      customers,
      start: o.start,
    });
    await forms.resolve(sink);
    const tPeople = seconds(t0);
    o.log(
      `people: ${world.agents.length} agents, ${customers} customers, 20 departments, ${world.tagIds.length} tags; ${forms.keys.length} word forms, ${forms.lexemes.length} lexemes (${tPeople.toFixed(1)} s)`,
    );

    // Ticket ids are reserved up front; message ids are taken from the sequence as they come
    // (the table is locked against other writers until the load commits).
    const ticketBase = await reserveIds(sink, 'tickets', o.tickets);
    await sink.query('lock table messages in exclusive mode');
    const messageSeq = await lastId(sink, 'messages');
    const n = { messages: 0, notes: 0, files: 0, participants: 0 };
    const samples: Sample[] = [];
    const t1 = performance.now();
    let lastLog = t1;
    let wait = 0;
    let tw = performance.now();
    const chunks = generatedChunks({
      world,
      forms: forms.snapshot(),
      opts: {
        seed: o.seed,
        total: o.tickets,
        start: o.start,
        now: o.now,
        ticketBase,
        messageBase: messageSeq.last,
        sampleEvery: 997,
      },
      chunk: o.chunk,
      ahead: 2,
    });
    for await (const c of chunks) {
      wait += performance.now() - tw;
      await sink.copy('tickets', TICKET_COLUMNS, c.tickets);
      await sink.copy('messages', MESSAGE_COLUMNS, c.messages);
      await sink.copy('files', FILE_COLUMNS, c.files);
      await sink.copy('ticket_participants', PARTICIPANT_COLUMNS, c.participants);
      n.messages += c.counts.messages;
      n.notes += c.counts.notes;
      n.files += c.counts.files;
      n.participants += c.counts.participants;
      samples.push(...c.samples);
      if (performance.now() - lastLog > 5000 || c.to === o.tickets) {
        lastLog = performance.now();
        const s = seconds(t1);
        o.log(
          `tickets ${c.to.toLocaleString('en')}/${o.tickets.toLocaleString('en')} · messages ${n.messages.toLocaleString('en')} · ${Math.round(c.to / s).toLocaleString('en')} tickets/s · ${s.toFixed(0)} s (waited ${(wait / 1000).toFixed(0)} s for the generator)`,
        );
      }
      tw = performance.now();
    }
    await sink.query(`select setval('${messageSeq.seq}', ${messageSeq.last + n.messages})`);
    const tTickets = seconds(t1);
    await sink.query(
      `insert into ticket_counters (workspace_id, last_number) values ($1, $2)
       on conflict (workspace_id) do update set last_number = greatest(ticket_counters.last_number, excluded.last_number)`,
      [o.workspaceId, o.tickets],
    );

    // The vectors already hold the joined spellings of Persian word parts and the numbers inside
    // longer tokens (search_joins(), migration 0013), under the workspace's prefix (0031): the
    // generator adds them (joined-vector.ts), so no UPDATE of every ticket runs here.

    const t2 = performance.now();
    for (const ix of saved.indexes) {
      const t = performance.now();
      await sink.query(ix.def);
      o.log(`index ${ix.name}: ${seconds(t).toFixed(1)} s`);
    }
    for (const fk of saved.fks) await sink.query(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`);
    const tIndexes = seconds(t2);
    await verifySample(sink, samples);
    o.log(`search vectors of ${samples.length} sample tickets match the application's to_tsvector(…) || … exactly`);
    await sink.query('commit');

    // What autovacuum would do soon anyway: statistics, hint bits and the visibility map
    // (index-only scans), so that plans measured right after the seed are the steady-state ones.
    const t3 = performance.now();
    for (const t of ['users', 'department_agents', ...BULK_TABLES]) await sink.query(`vacuum (analyze) ${t}`);
    const tVacuum = seconds(t3);
    return {
      customers,
      agents: world.agents.length,
      tickets: o.tickets,
      ...n,
      seconds: { people: tPeople, tickets: tTickets, indexes: tIndexes, vacuum: tVacuum, total: seconds(t0) },
    };
  } catch (err) {
    await sink.query('rollback').catch(() => {});
    throw err;
  }
}
