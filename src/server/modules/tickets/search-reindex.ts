import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import type { Database } from '../../platform/db/database';
import { queryRows } from '../../platform/db/database';
import { defineJob, type JobDefinition } from '../../platform/jobs';

/**
 * Migration 0013 changed what a ticket's search vectors hold (search-text.ts: the joined spellings
 * of Persian word parts, numbers inside longer tokens, a guest's name). New and edited tickets get
 * the new form from the write path; the tickets that existed before are rebuilt here, from their
 * stored vectors (search_joins() works on a vector's positions, so no message is read again; the
 * stored words carry the workspace's prefix since migration 0031, so the joins are computed on
 * the bare words and prefixed in turn):
 * in batches of BATCH tickets by id, each batch its own short transaction that also records how
 * far the rebuild got (`search_reindex`), so that no row stays locked for long, writers are never
 * held up for more than one batch, and a stopped rebuild resumes where it was. The row goes when
 * the last ticket is done. Applying the rebuild twice to a ticket changes nothing that is searched.
 */
export const SEARCH_REINDEX_QUEUE = 'tickets.search-reindex';
const BATCH = 500;

/** One batch of `name`'s rebuild; answers false when nothing is left. */
export async function reindexSearchBatch(database: Database, name = 'joins-1', batch = BATCH): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const [state] = await queryRows<{ done: string }>(
      tx,
      sql`select done_through_id::text as done from search_reindex where name = ${name} for update skip locked`,
    );
    if (!state) return false;
    const [row] = await queryRows<{ last: string | null }>(
      tx,
      sql`with batch as (select id from tickets where id > ${Number(state.done)} order by id limit ${batch}),
        done as (
          update tickets t set
            search_public = t.search_public || workspace_lexemes(t.workspace_id, search_joins(bare_lexemes(t.search_public))
              || case when t.guest_name is null then ''::tsvector else search_vector(search_norm(t.guest_name)) end),
            search_notes = t.search_notes || workspace_lexemes(t.workspace_id, search_joins(bare_lexemes(t.search_notes)))
          from batch where t.id = batch.id
          returning t.id)
        select max(id)::text as last from done`,
    );
    if (row?.last == null) {
      await tx.execute(sql`delete from search_reindex where name = ${name}`);
      return false;
    }
    await tx.execute(sql`update search_reindex set done_through_id = ${Number(row.last)} where name = ${name}`);
    return true;
  });
}

/** Runs the pending rebuilds to the end (or until `budgetMs` has passed); answers whether all is done. */
export async function reindexSearch(
  database: Database,
  budgetMs = Infinity,
  now: () => number = () => performance.now(),
): Promise<boolean> {
  const until = now() + budgetMs;
  const pending = await queryRows<{ name: string }>(database.db, sql`select name from search_reindex order by name`);
  for (const { name } of pending) {
    while (await reindexSearchBatch(database, name)) if (now() > until) return false;
  }
  return true;
}

/**
 * The job that runs the rebuild in the background: 20 seconds of batches every minute until it
 * is done (then each run finds nothing to do in one query). Short runs keep the promise that a
 * dead worker's job is taken again within a minute (expiry 30 s). Registered in tickets/jobs.ts.
 */
export const searchReindexJob = (): JobDefinition =>
  defineJob({
    queue: SEARCH_REINDEX_QUEUE,
    handler: (deps: AppDeps) => async () => {
      const done = await reindexSearch(deps.database, 20_000);
      if (!done) deps.log.info({ queue: SEARCH_REINDEX_QUEUE }, 'search vectors: rebuild continues');
    },
    schedule: '* * * * *',
    queueOptions: { expireInSeconds: 30 },
  });
