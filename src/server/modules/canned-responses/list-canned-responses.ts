import { asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { cannedResponses } from '../../../db/schema';
import type { TListCannedResponsesQuery } from '../../../contracts/canned-responses';
import { normalizeText } from '../../../contracts/text';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { offsetOf, pageOf } from '../../platform/pagination';
import { requireStaff, toCanned, usableBy } from './canned.repo';

const likeEscape = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * K6: the responses the caller may use, by title. `q` searches title, shortcut and body folded
 * the Persian way (the trigram index on search_norm); `departmentId` keeps those for that
 * department and those for every department.
 */
export async function listCannedResponses({ ctx, input }: { ctx: Ctx; input: TListCannedResponsesQuery }) {
  const actor = requireStaff(ctx);
  const conds: (SQL | undefined)[] = [usableBy(actor)];
  const q = input.q ? normalizeText(input.q) : '';
  if (q) conds.push(sql`${cannedResponses.searchNorm} like ${`%${likeEscape(q)}%`}`);
  if (input.departmentId !== undefined)
    conds.push(
      sql`(cardinality(${cannedResponses.departmentIds}) = 0 or ${input.departmentId} = any(${cannedResponses.departmentIds}))`,
    );
  if (input.scope === 'shared') conds.push(eq(cannedResponses.shared, true));
  if (input.scope === 'personal') conds.push(eq(cannedResponses.shared, false));
  const where = inWorkspace(cannedResponses, ctx, ...conds);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(cannedResponses)
      .where(where)
      .orderBy(asc(sql`lower(${cannedResponses.title})`), asc(cannedResponses.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ total: count() }).from(cannedResponses).where(where),
  ]);
  return pageOf(
    rows.map((r) => toCanned(r, actor)),
    Number(total),
    input,
  );
}
