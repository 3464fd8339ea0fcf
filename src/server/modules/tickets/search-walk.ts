import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';

/**
 * A search's page read by walking the list's sort index (issue 19, point 6).
 *
 * PostgreSQL estimates how many tickets a word matches from statistics of the whole table. With
 * many workspaces in one table it takes the word's share of every ticket and multiplies it by the
 * workspace's share, as if the two were independent — but the word is keyed by workspace
 * (migration 0031), so a word in a third of a workspace's tickets is estimated at a handful, and
 * the planner reads all its matches and sorts them instead of walking the sort index until the
 * page is full (the plan it takes for the same workspace alone: 1.9 against 0.9 ms at 1,000
 * tickets). We know better than the estimate: the list's total — the exact number of matches —
 * was counted a moment ago (count-cache.ts), and the workspace's size is a cached count. When the
 * walk reads fewer rows than the matches, the page is read that way; otherwise the planner decides.
 *
 * For the same reason a workspace the statistics do not describe (a small share of the table) has
 * its searches planned without them (`opaque`, search-conditions.ts): the estimate would be
 * wrong and costs more to make than the statement to run.
 */

/** A workspace with more tickets than this is left to the planner (its own rows shape the statistics). */
export const WALK_MAX_TICKETS = 20_000;
/** Reading a row on the walk (index entry, heap row, the words checked) against a match read through the bitmap. */
const WALK_ROW_COST = 2.5;
/** The bitmap's fixed part (building it from the GIN, trigram and requester indexes), in matches. */
const BITMAP_FIXED = 200;

/** One key of a list's order: the expression, its direction, and nulls last where the sort says so. */
export interface OrderKey {
  expr: SQL | PgColumn;
  desc: boolean;
  nullsLast?: boolean;
}

export const renderKey = (k: OrderKey): SQL =>
  sql`${k.expr} ${sql.raw(k.desc ? 'desc' : 'asc')}${k.nullsLast ? sql` nulls last` : sql``}`;

/**
 * How many rows of the workspace's ordered list a walk may read for the page through `through`
 * (offset + page size), or null when reading the `matches` through the bitmap costs less. The
 * bound is three times the rows the walk expects to read at the workspace's density of matches:
 * matches that cluster past it leave the page short, and the caller then reads it the usual way.
 */
export function walkBound(through: number, workspaceTickets: number, matches: number): number | null {
  if (workspaceTickets > WALK_MAX_TICKETS || matches <= 0) return null;
  const expected = (through * workspaceTickets) / matches;
  if (WALK_ROW_COST * expected >= BITMAP_FIXED + matches) return null;
  return Math.min(workspaceTickets, Math.ceil(expected * 3) + through);
}

/**
 * Below this share of the table's tickets (its most common workspace values, from ANALYZE), a
 * workspace's words are not what the vectors' statistics describe: its searches are planned
 * without them (search-conditions.ts, `opaque`).
 */
export const DESCRIBED_SHARE = 0.05;

export interface WorkspaceSize {
  /** Its tickets not deleted, counted up to WALK_MAX_TICKETS + 1. */
  tickets: number;
  /** Its share of the table's tickets by the planner's statistics (0 when not among the most common). */
  share: number;
}

const SIZE_TTL_MS = 5 * 60_000;
const MAX_WORKSPACES = 10_000;
const sizes = new WeakMap<object, Map<number, { size: WorkspaceSize; at: number }>>();

/**
 * How big the workspace is, for the search's plan; one statement, kept five minutes (`now`: the
 * caller's reading of the process clock, as for the count cache).
 */
export async function workspaceSize(ctx: Ctx, now: number): Promise<WorkspaceSize> {
  const owner = ctx.deps.database;
  let byWs = sizes.get(owner);
  if (!byWs) sizes.set(owner, (byWs = new Map()));
  const hit = byWs.get(ctx.workspaceId);
  if (hit && now - hit.at <= SIZE_TTL_MS) return hit.size;
  const capped = ctx.db
    .select({ one: sql`1` })
    .from(tickets)
    .where(inWorkspace(tickets, ctx, sql`${tickets.deletedAt} is null`))
    .limit(WALK_MAX_TICKETS + 1);
  const [size] = await ctx.db
    .select({
      tickets: sql<number>`count(*)::int`,
      share: sql<number>`coalesce((select m.f from pg_stats s
        cross join lateral unnest(s.most_common_vals::text::bigint[], s.most_common_freqs) as m(v, f)
        where s.schemaname = current_schema() and s.tablename = 'tickets' and s.attname = 'workspace_id'
          and m.v = ${ctx.workspaceId}), 0)::float8`,
    })
    .from(capped.as('capped'));
  if (byWs.size >= MAX_WORKSPACES) byWs.clear();
  byWs.set(ctx.workspaceId, { size, at: now });
  return size;
}

let walked = 0;
/** Pages read by a walk since the process started (for tests and diagnostics). */
export const pagesWalked = () => walked;

/**
 * The page of a word search whose total (`matches`) is known, read by a walk when the walk pays
 * (walkBound), else null. `rows` reads the page's rows under a condition on their ids. Only a full
 * page is taken from the walk: in a total order its first `limit` matches are the page's, while a
 * short one may have stopped at the bound — the caller then reads the page the usual way.
 */
export async function readByWalk<R>(
  opts: Omit<Parameters<typeof walkedIds>[0], 'bound'> & {
    workspaceTickets: number;
    matches: number;
    rows: (ids: SQL) => Promise<R[]>;
  },
): Promise<R[] | null> {
  const bound = walkBound(opts.offset + opts.limit, opts.workspaceTickets, opts.matches);
  if (bound === null) return null;
  const rows = await opts.rows(walkedIds({ ...opts, bound }));
  if (rows.length < opts.limit) return null;
  walked++;
  return rows;
}

/**
 * The condition "one of the first `limit` matches after `offset`, in the list's order, among the
 * first `bound` rows of the list": the inner statement walks the sort index (its LIMIT keeps the
 * match from being pushed into it and tells the planner only the first rows are wanted), the
 * outer keeps the matches in the same order. The page itself is then read by id.
 */
export function walkedIds(opts: {
  base: SQL;
  match: SQL;
  keys: OrderKey[];
  bound: number;
  limit: number;
  offset: number;
}): SQL {
  const { base, match, keys, bound, limit, offset } = opts;
  const named = keys.map((k, i) => sql`${k.expr} as ${sql.identifier(`k${i}`)}`);
  const inner = sql`select ${tickets.id} as id, (${match}) as hit, ${sql.join(named, sql`, `)}
    from ${tickets} where ${base} order by ${sql.join(keys.map(renderKey), sql`, `)} limit ${bound}`;
  const outer = keys.map((k, i) => renderKey({ ...k, expr: sql`w.${sql.identifier(`k${i}`)}` }));
  return sql`${tickets.id} = any(array(select w.id from (${inner}) w where w.hit
    order by ${sql.join(outer, sql`, `)} limit ${limit} offset ${offset}))`;
}
