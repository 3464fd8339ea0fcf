import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { kbSuggestSessions } from '../../../db/schema';
import type { TKbSuggestion, ZKbSuggestQuery } from '../../../contracts/kb';
import { normalizeText } from '../../../contracts/text';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { kbQueryOf } from './kb-search';
import { publicGroupList } from './public-visibility';
import { idArray } from '../../platform/db/sql-ids';

export const SUGGESTIONS = 5;
/** Fewer letters than this suggest nothing (every article starts with some letter). */
const MIN_CHARS = 3;

/**
 * Up to five published articles for what a person is typing as a ticket's subject (deflection,
 * H3): the help centre's search, or any of the words in title, keywords and summary
 * (`suggestionHits`), those with more of the words first, articles in the form's language first. With `session` (the form's id), the first time suggestions are shown is recorded.
 */
export async function suggestKbArticles({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZKbSuggestQuery>;
}): Promise<{ items: TKbSuggestion[] }> {
  if (normalizeText(input.q).replace(/\s/g, '').length < MIN_CHARS) return { items: [] };
  const k = kbQueryOf(input.q, { typing: true });
  if (!k) return { items: [] };
  const groups = await publicGroupList(ctx);
  const rows = await queryRows<TKbSuggestion>(
    ctx.db,
    sql`select slug, title, summary from kb_suggestions(${ctx.workspaceId}::bigint, ${k.tsquery}, ${k.anyQuery},
          ${idArray(groups)}, ${input.locale ?? null}::text, ${SUGGESTIONS})`,
  );
  if (rows.length && input.session && !recorded(ctx.workspaceId, input.session))
    await ctx.db
      .insert(kbSuggestSessions)
      .values({ workspaceId: ctx.workspaceId, id: input.session, shownAt: ctx.deps.clock.now() })
      .onConflictDoNothing();
  return { items: rows };
}

/**
 * Sessions this process has recorded lately: a form calls on every pause in its subject, and only
 * the first call writes (the row says when suggestions were first shown); the rest skip the statement.
 */
const RECENT_MAX = 10_000;
const recent = new Set<string>();
function recorded(workspaceId: number, session: string): boolean {
  const key = `${workspaceId}:${session}`;
  if (recent.has(key)) return true;
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.add(key);
  return false;
}

/** A ticket sent from a form that was shown suggestions: it was not avoided. */
export async function linkSuggestSession(ctx: Ctx, session: string | undefined, ticketNumber: number) {
  if (!session) return;
  await ctx.db.execute(
    sql`update ${kbSuggestSessions}
           set ticket_id = (select id from tickets where workspace_id = ${ctx.workspaceId} and number = ${ticketNumber})
         where workspace_id = ${ctx.workspaceId} and id = ${session} and ticket_id is null`,
  );
}
