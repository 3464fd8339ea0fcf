import { eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TAwayInput } from '../../../contracts/people';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import type { UserRow } from './users.repo';

/**
 * Issue 20, "away": a person is away from `away_since` until they switch it off or `away_until`
 * passes (then they are present again without anyone touching the row). Automatic assignment
 * skips them; what is assigned to them goes to their substitute when that one is present.
 */
export const isAwayAt = (row: Pick<UserRow, 'awaySince' | 'awayUntil'>, now: Date) =>
  row.awaySince !== null && (row.awayUntil === null || row.awayUntil > now);

/** A bigint[] of bound ids. */
export const idArray = (ids: number[]): SQL =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::bigint[]`;

/** The same test in SQL, for the `users` row under `alias`. */
export function awaySql(alias: string, now: Date): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.away_since is not null and (${a}.away_until is null or ${a}.away_until > ${now}))`;
}

/**
 * The columns an away change writes, checked: staff only; `awayUntil` only while (becoming)
 * away, and ahead of now; the substitute a live staff account of the workspace other than the
 * person. A substitute who is away is accepted (they may be back first): assignment then simply
 * does not pass the ticket on — substitutes never chain.
 */
export async function awayColumns(ctx: Ctx, row: UserRow, input: TAwayInput): Promise<Partial<UserRow>> {
  const { away, awayUntil, substituteId } = input;
  const given = (['away', 'awayUntil', 'substituteId'] as const).filter((k) => input[k] !== undefined);
  if (!given.length) return {};
  if (row.role === 'customer') throw InvalidField(given[0], 'validation.staff_only');
  const now = ctx.deps.clock.now();
  const wasAway = isAwayAt(row, now);
  const willBeAway = away ?? wasAway;
  const set: Partial<UserRow> = {};
  if (away === false) Object.assign(set, { awaySince: null, awayUntil: null });
  if (away === true && !wasAway) Object.assign(set, { awaySince: now, awayUntil: null });
  if (awayUntil) {
    if (!willBeAway) throw InvalidField('awayUntil', 'validation.away_until_not_away');
    if (new Date(awayUntil) <= now) throw InvalidField('awayUntil', 'validation.away_until_past');
    set.awayUntil = new Date(awayUntil);
  } else if (awayUntil === null && willBeAway) set.awayUntil = null;
  if (substituteId !== undefined && substituteId !== null) {
    if (substituteId === row.id) throw InvalidField('substituteId', 'validation.substitute_self');
    const [found] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        inWorkspace(
          users,
          ctx,
          eq(users.id, substituteId),
          ne(users.role, 'customer'),
          eq(users.active, true),
          isNull(users.deletedAt),
        ),
      );
    if (!found) throw InvalidField('substituteId', 'validation.unknown_agent');
  }
  if (substituteId !== undefined) set.substituteId = substituteId;
  return set;
}

/**
 * Of the people `ids`, those away now whose substitute is present (a live, active staff account
 * that is not away itself): person → substitute. One query; none when `ids` is empty.
 */
export async function substitutesFor(ctx: Ctx, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!ids.length) return out;
  const now = ctx.deps.clock.now();
  const rows = await queryRows<{ id: number; substitute_id: number }>(
    ctx.db,
    sql`select u.id, u.substitute_id from users u
        join users s on s.id = u.substitute_id and s.workspace_id = u.workspace_id
        where u.workspace_id = ${ctx.workspaceId} and u.id = any(${idArray(ids)}) and ${awaySql('u', now)}
          and s.active and s.deleted_at is null and s.role <> 'customer' and not ${awaySql('s', now)}`,
  );
  for (const r of rows) out.set(Number(r.id), Number(r.substitute_id));
  return out;
}
