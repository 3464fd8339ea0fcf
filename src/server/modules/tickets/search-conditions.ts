import { sql, type SQL } from 'drizzle-orm';
import { normalizeMobile } from '../../../contracts/mobile';
import { tickets } from '../../../db/schema';
import type { Actor, Ctx } from '../../platform/context';
import type { SnippetTerms } from './search-snippet';
import { inWorkspaceQuery, normalizeText, numberQueryOf, plainTsqueryOf, queryWords, tsqueryOf } from './search-text';

/** People whose tickets a name search reaches at most (a common first name matches many). */
export const MAX_REQUESTERS = 500;

/** What `q` asks of the ticket list (list-tickets.ts). */
export interface TicketSearch {
  /** The condition on `tickets` (text, and for staff the requester). */
  match: SQL;
  /** A bare number: this ticket comes first, before the texts that hold the number. */
  number: number | null;
  /** What the snippets mark. */
  terms: SnippetTerms;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);
const EMAILISH = /^[a-z0-9._%+@-]{3,}$/;

/**
 * The search conditions for `q`. Every branch is one an index serves (docs/queries.md):
 * - the text: `search_public` (subject and replies) and, for staff, `search_notes` (GIN; both keyed
 *   by workspace, so the lookup reads this workspace's entries only — migration 0031), and
 *   `subject_norm like` (trigram) for a part of a word; a bare number is looked up as a whole
 *   word, and ticket `number` itself is the caller's (first on the page);
 * - staff only, the requester: people whose name or username has the words (GIN on
 *   users_name_search_gin, reading this workspace's entries only), whose e-mail or alternate
 *   e-mail is the query (users_email_uq, users_alternate_emails_gin) or whose mobile it is in any writing (users_mobile_uq) — their
 *   tickets through tickets_requester_idx —, and the ticket's requester e-mail (members' and
 *   guests') starting with the query (tickets_email_idx). A guest's name is in the public text.
 * Customers see only their own tickets, so for them the requester is never searched.
 */
export function ticketSearch(
  ctx: Ctx,
  actor: Actor,
  staff: boolean,
  q: string,
  { opaque = false }: { opaque?: boolean } = {},
): TicketSearch {
  const asNumber = numberQueryOf(q);
  const text: SQL[] = [];
  let terms: SnippetTerms;
  // `opaque` (a workspace the table's statistics do not describe: search-walk.ts): the query is
  // handed over as a one-time subquery's value, which the GIN indexes take as they take a
  // constant, but which the planner does not look up in the vectors' statistics — among a
  // thousand workspaces 10,000 words of others', decompressed at every estimate, 0.3 ms per `@@`
  // (a search's page statement 1.9 → 1.0 ms to plan). The planner then takes the default share
  // (0.5%) of the rows its index conditions leave: the workspace is a key of both GIN indexes
  // (migration 0036), so that is 0.5% of the workspace's tickets, and the matches are read
  // through them. Such a workspace's words are guessed small by the statistics too (its share of
  // the table times theirs); its dense words are walked (search-walk.ts).
  const keyedQuery = (tsquery: SQL) => {
    const keyed = inWorkspaceQuery(ctx.workspaceId, tsquery);
    return opaque ? sql`(select ${keyed})` : keyed;
  };
  if (asNumber) {
    const tsq = keyedQuery(sql`to_tsquery('simple', ${`'${asNumber.digits}'`})`);
    text.push(sql`${tickets.searchPublic} @@ ${tsq}`);
    if (staff) text.push(sql`${tickets.searchNotes} @@ ${tsq}`);
    terms = { digits: asNumber.digits };
  } else {
    const words = queryWords(q);
    const wordsQuery = tsqueryOf(q);
    const tsq = wordsQuery && keyedQuery(wordsQuery);
    const norm = normalizeText(q);
    text.push(sql`${tickets.subjectNorm} like ${`%${escapeLike(norm)}%`}`);
    if (tsq) text.push(sql`${tickets.searchPublic} @@ ${tsq}`);
    if (tsq && staff) text.push(sql`${tickets.searchNotes} @@ ${tsq}`);
    terms = { words };
    if (staff) text.push(...requesterConditions(ctx, q, words));
  }
  return { match: sql`(${sql.join(text, sql` or `)})`, number: asNumber?.number ?? null, terms };
}

function requesterConditions(ctx: Ctx, q: string, words: string[]): SQL[] {
  const people: SQL[] = [];
  const nameQuery = plainTsqueryOf(words);
  // Both sides carry the workspace's prefix (migration 0028): the index's entries for the name are
  // this workspace's people only, however common the name is in others.
  if (nameQuery)
    people.push(
      sql`users_name_vector(u.workspace_id, u.name, u.username) @@ workspace_lexemes(${ctx.workspaceId}::bigint, ${nameQuery})`,
    );
  const email = q.trim().toLowerCase();
  if (email.includes('@') && !/\s/.test(email)) {
    people.push(sql`(lower(u.email) = ${email} and u.deleted_at is null and u.email is not null)`);
    people.push(sql`u.alternate_emails @> array[${email}]::text[]`);
  }
  const mobile = normalizeMobile(q);
  if (mobile) people.push(sql`(u.mobile = ${mobile} and u.deleted_at is null and u.mobile is not null)`);
  const out: SQL[] = [];
  if (people.length)
    out.push(sql`${tickets.requesterId} = any(array(select u.id from users u
      where u.workspace_id = ${ctx.workspaceId} and (${sql.join(people, sql` or `)}) limit ${MAX_REQUESTERS}))`);
  if (EMAILISH.test(email)) out.push(sql`${tickets.requesterEmail} like ${`${escapeLike(email)}%`}`);
  return out;
}
