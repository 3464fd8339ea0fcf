import { and, count, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { tags, tickets } from '../../../db/schema';
import type { TListTicketsQuery, TTicketPage } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { offsetOf, pageOf } from '../../platform/pagination';

/** Lists are counted exactly up to here (see ZTicketPage). */
export const COUNT_CAP = 1000;
import { isStaffActor, LIST_COLUMNS, requireTicketAccess, visibleTo, type ListRow } from './ticket-access';
import { lookupsFor, toListItem } from './ticket-mapper';
import { freshCount, rememberCount } from './count-cache';
import { ticketSearch, type TicketSearch } from './search-conditions';
import { snippetColumn, snippetsOf } from './search-snippet';
import { DESCRIBED_SHARE, readByWalk, renderKey, workspaceSize, type OrderKey } from './search-walk';
import { addDays, isDay, startOfDay, workspaceTimeZone } from './workspace-days';

type Sort = NonNullable<TListTicketsQuery['sort']>;

function orderKeys(sort: Sort): OrderKey[] {
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  const by = (expr: OrderKey['expr']): OrderKey[] => [
    { expr, desc },
    { expr: tickets.id, desc },
  ];
  switch (key) {
    case 'waiting':
      // Longest waiting first; tickets nobody waits on come last either way.
      return [
        { expr: tickets.waitingSince, desc, nullsLast: true },
        { expr: tickets.id, desc },
      ];
    case 'created':
      return by(tickets.createdAt);
    case 'number':
      return [{ expr: tickets.number, desc }];
    case 'subject':
      return by(sql`lower(${tickets.subject})`);
    case 'status':
      return by(tickets.status);
    case 'priority':
      return by(tickets.priority);
    case 'department':
      return by(sql`(select d.name from departments d where d.id = ${tickets.departmentId})`);
    case 'email':
      return by(tickets.requesterEmail);
    default:
      return by(tickets.updatedAt);
  }
}

/**
 * The orders a sort index serves as they are (pinned first): a search's page may be read by
 * walking them (search-walk.ts). Checked against the plans in search-walk.test.ts.
 */
export const WALKABLE_SORTS: readonly Sort[] = ['waiting', '-created', '-updated'];

/**
 * `createdFrom`/`createdTo`: an instant with its offset is taken as it is; a day (YYYY-MM-DD)
 * is the workspace's day — from its midnight, up to the next midnight for `createdTo`.
 */
async function createdRange(ctx: Ctx, input: TListTicketsQuery): Promise<SQL[]> {
  const { createdFrom: from, createdTo: to } = input;
  const tz = (from && isDay(from)) || (to && isDay(to)) ? await workspaceTimeZone(ctx) : 'UTC';
  const conds: SQL[] = [];
  if (from)
    conds.push(
      isDay(from) ? sql`${tickets.createdAt} >= ${startOfDay(from, tz)}` : gte(tickets.createdAt, new Date(from)),
    );
  if (to)
    conds.push(
      isDay(to) ? sql`${tickets.createdAt} < ${startOfDay(addDays(to, 1), tz)}` : lt(tickets.createdAt, new Date(to)),
    );
  return conds;
}

/** D1, D3, D6, D7: every filter and sort of the API, paginated, within what the actor may see. */
export async function listTickets({ ctx, input }: { ctx: Ctx; input: TListTicketsQuery }): Promise<TTicketPage> {
  const actor = requireTicketAccess(ctx);
  const staff = isStaffActor(actor);
  const conds: (SQL | undefined)[] = [visibleTo(actor)];
  if (input.deletedOnly && staff) conds.push(isNotNull(tickets.deletedAt));
  else if (!(input.includeDeleted && staff)) conds.push(isNull(tickets.deletedAt));
  if (input.status?.length) conds.push(inArray(tickets.status, input.status));
  if (input.priority?.length) conds.push(inArray(tickets.priority, input.priority));
  if (input.departmentId?.length) conds.push(inArray(tickets.departmentId, input.departmentId.map(Number)));
  // `@>` rather than `= any(…)`: the same test, but one the GIN index on assignee_ids serves.
  if (input.assigneeId === 'me') conds.push(sql`${tickets.assigneeIds} @> array[${actor.id}]::bigint[]`);
  else if (input.assigneeId === 'none') conds.push(sql`cardinality(${tickets.assigneeIds}) = 0`);
  else if (input.assigneeId) conds.push(sql`${tickets.assigneeIds} @> array[${Number(input.assigneeId)}]::bigint[]`);
  if (input.requesterId) conds.push(eq(tickets.requesterId, Number(input.requesterId)));
  if (input.typeId) conds.push(eq(tickets.typeId, Number(input.typeId)));
  if (input.internal !== undefined && staff) conds.push(eq(tickets.internal, input.internal));
  if (input.sla && staff) conds.push(eq(tickets.slaState, input.sla));
  conds.push(...(await createdRange(ctx, input)));
  if (input.email)
    conds.push(
      sql`${tickets.requesterEmail} like ${input.email.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`) + '%'}`,
    );
  if (input.tag) {
    const [tag] = await ctx.db
      .select({ id: tags.id })
      .from(tags)
      .where(inWorkspace(tags, ctx, sql`lower(${tags.name}) = ${input.tag.toLowerCase()}`));
    conds.push(tag ? sql`${tickets.tagIds} @> array[${tag.id}]::bigint[]` : sql`false`);
  }
  // Process time, for the in-process caches' ages (count-cache.ts, search-walk.ts).
  const now = Date.now();
  const size = input.q ? await workspaceSize(ctx, now) : null;
  const search =
    input.q && size ? ticketSearch(ctx, actor, staff, input.q, { opaque: size.share < DESCRIBED_SHARE }) : null;
  const where = and(
    inWorkspace(tickets, ctx),
    ...conds,
    search?.match,
    search?.number != null ? ne(tickets.number, search.number) : undefined,
  );
  const sort: Sort = input.sort ?? (staff ? 'waiting' : '-created');
  const keys: OrderKey[] = [...(input.pinnedFirst ? [{ expr: tickets.pinned, desc: true }] : []), ...orderKeys(sort)];
  const order = keys.map(renderKey);
  const cap = Math.max(COUNT_CAP, offsetOf(input) + input.pageSize * 10);
  const { page: _p, pageSize: _s, sort: _o, pinnedFirst: _f, ...filters } = input;
  const countKey = `${actor.id}:${cap}:${JSON.stringify(filters)}`;
  // A bare number (issue 14): the ticket with that number leads the list, whatever the sort, and
  // the tickets whose text holds the number follow in the list's order. It is read apart (one
  // row by tickets_number_uq, with every other filter; `union all` in the same statement) so that
  // the others keep the plan of any search; theirs start one row earlier on every page after the
  // first.
  const exactNumber = search?.number ?? null;
  const offset = offsetOf(input);
  const readFrom = exactNumber === null ? offset : Math.max(0, offset - 1);
  const columns = pageColumns(ctx, search, staff);
  // The total, when it is not known, is read with the page: one statement, not two.
  const owner = ctx.deps.database;
  const known = freshCount<number>(owner, ctx.workspaceId, countKey, now);
  // A number is found in few tickets, and each number is searched about once: its total comes
  // from the page itself when the page is not full, and is counted apart only when it is.
  const countLater = exactNumber !== null;
  const limit = exactNumber === null ? input.pageSize : input.pageSize + 1;
  const countQuery = ctx.db
    .select({ one: sql`1` })
    .from(tickets)
    .where(where)
    .limit(cap + 1);
  const page = ctx.db
    .select({
      ...columns,
      counted:
        known === undefined && !countLater
          ? sql<number | null>`(select count(*)::int from (${countQuery}) as capped)`
          : sql<number | null>`null::int`,
    })
    .from(tickets)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(readFrom);
  // A word search whose total is known: its page along the sort index when that pays (search-walk.ts).
  const walked =
    search && size && exactNumber === null && known !== undefined && input.pinnedFirst && WALKABLE_SORTS.includes(sort)
      ? await readByWalk({
          workspaceTickets: size.tickets,
          base: inWorkspace(tickets, ctx, ...conds),
          match: search.match,
          keys,
          matches: known,
          limit,
          offset: readFrom,
          rows: (ids) =>
            ctx.db
              .select({ ...columns, counted: sql<number | null>`null::int` })
              .from(tickets)
              .where(and(inWorkspace(tickets, ctx), ids))
              .orderBy(...order),
        })
      : null;
  const read =
    exactNumber === null
      ? (walked ?? (await page))
      : await ctx.db
          // The ticket found by its number shows its subject: it matched by number, not by text,
          // and its message lookup would cost a fifth of the whole statement.
          .select({ ...columns, snippetHtml: sql<string | null>`null::text`, counted: sql<number | null>`null::int` })
          .from(tickets)
          .where(and(inWorkspace(tickets, ctx), ...conds, eq(tickets.number, exactNumber)))
          .unionAll(page);
  const exact = exactNumber === null ? undefined : read.find((r) => r.number === exactNumber);
  const fetched = exact ? read.filter((r) => r !== exact) : read;
  let counted = known ?? fetched.find((r) => r.counted !== null)?.counted ?? null;
  if (counted === null && countLater && fetched.length < limit) counted = readFrom + fetched.length;
  if (counted === null) {
    // No row came back to carry the count: none at all from the start, else count on its own.
    counted =
      readFrom === 0 && !countLater
        ? 0
        : Number((await ctx.db.select({ n: count() }).from(countQuery.as('capped')))[0].n);
  }
  if (known === undefined) rememberCount(owner, ctx.workspaceId, countKey, now, counted);
  const rows = exactNumber === null ? fetched : numberFirst(exact, fetched, offset, input.pageSize);
  const lookups = await lookupsFor(ctx, rows);
  const snippets = search ? snippetsOf(rows, search.terms) : undefined;
  const total = counted + (exact ? 1 : 0);
  const isExact = counted <= cap;
  return {
    ...pageOf(
      rows.map((r) => {
        const item = toListItem(r, lookups);
        const snippet = snippets?.get(r.id);
        return snippet ? { ...item, snippet } : item;
      }),
      isExact ? total : cap,
      input,
    ),
    totalExact: isExact,
  };
}

/** A row of a page: the ticket, and with a search the HTML its snippet is cut from. */
type PageRow = ListRow & { snippetHtml: string | null };

/**
 * The columns of a page's rows; with a search, also the HTML each snippet is cut from. The
 * snippet's subquery is in the page's own statement (no extra round trip); PostgreSQL evaluates
 * it for the rows it returns only — after the limit on an index scan, and after a sort when it
 * sorts, since an expensive output column is computed after a sort with a limit.
 */
function pageColumns(ctx: Ctx, search: TicketSearch | null, staff: boolean) {
  return {
    ...LIST_COLUMNS,
    // Written out in full: inside a subquery a bare "id" would be the message's.
    snippetHtml: search
      ? snippetColumn(ctx, sql.raw('"tickets"."id"'), search.terms, staff)
      : sql<string | null>`null::text`,
  };
}

/**
 * The page of [exact, ...others] at `offset`, from the others read from one row before it
 * (`fetched`: up to pageSize + 1 rows from max(0, offset - 1)).
 */
function numberFirst(exact: PageRow | undefined, fetched: PageRow[], offset: number, pageSize: number) {
  if (exact) return offset === 0 ? [exact, ...fetched.slice(0, pageSize - 1)] : fetched.slice(0, pageSize);
  return offset === 0 ? fetched.slice(0, pageSize) : fetched.slice(1, pageSize + 1);
}
