import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { cannedResponses, departments } from '../../../db/schema';
import type { TCannedResponse } from '../../../contracts/canned-responses';
import { normalizeText } from '../../../contracts/text';
import type { Actor, Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, InvalidField, NotFound } from '../../platform/errors';
import { htmlToText, sanitizeRichText } from '../../platform/html';
import { can, requireActor } from '../../platform/http/access';
import { iso } from '../../platform/pagination';

export type CannedRow = typeof cannedResponses.$inferSelect;

/** Staff only; shared responses are written by admins and agents with canned.manage. */
export function requireStaff(ctx: Ctx): Actor {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin' && actor.role !== 'agent') throw Forbidden();
  return actor;
}
export const managesShared = (actor: Actor) => can(actor, 'canned.manage');

export const toCanned = (r: CannedRow, actor: Actor): TCannedResponse => ({
  id: String(r.id),
  title: r.title,
  body: r.body,
  shortcut: r.shortcut,
  departmentIds: r.departmentIds.map(String),
  shared: r.shared,
  ownerId: r.ownerId === null ? null : String(r.ownerId),
  canEdit: r.shared ? managesShared(actor) : r.ownerId === actor.id,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

/**
 * The responses this actor may use: their own personal ones, and the shared ones — all of them
 * for those who manage shared responses, otherwise those for every department or for one of the
 * agent's departments.
 */
export function usableBy(actor: Actor): SQL {
  const own = and(eq(cannedResponses.shared, false), eq(cannedResponses.ownerId, actor.id))!;
  if (managesShared(actor)) return or(eq(cannedResponses.shared, true), own)!;
  const deps = actor.departmentIds.length
    ? sql` or ${cannedResponses.departmentIds} && ${`{${actor.departmentIds.map(Number).join(',')}}`}::bigint[]`
    : sql``;
  return or(
    and(eq(cannedResponses.shared, true), sql`(cardinality(${cannedResponses.departmentIds}) = 0${deps})`),
    own,
  )!;
}

/** One response the actor may use, else 404 (another workspace's, another agent's personal one). */
export async function findUsable(ctx: Ctx, id: number, opts: { forUpdate?: boolean } = {}): Promise<CannedRow> {
  const actor = requireStaff(ctx);
  const q = ctx.db
    .select()
    .from(cannedResponses)
    .where(inWorkspace(cannedResponses, ctx, eq(cannedResponses.id, id), usableBy(actor)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw NotFound();
  return row;
}

/** Whether the actor may write a response of this scope (403 otherwise). */
export function assertMayWrite(actor: Actor, shared: boolean, ownerId: number | null) {
  if (shared ? !managesShared(actor) : ownerId !== actor.id) throw Forbidden('errors.canned_shared_forbidden');
}

/** The folded text the list searches: title, shortcut and the body's plain text. */
export const searchNormOf = (title: string, shortcut: string | null, bodyHtml: string) =>
  normalizeText(`${title} ${shortcut ?? ''} ${htmlToText(bodyHtml)}`);

/** A shortcut as stored: Persian-folded and lower-cased, so ي/ی and ۱/1 are the same shortcut. */
export const shortcutOf = (s: string | null | undefined) => (s ? normalizeText(s) || null : null);

/** A sanitised body with some content, or 400 naming `body`. */
export function cleanBody(html: string): string {
  const clean = sanitizeRichText(html);
  if (!htmlToText(clean).length && !/<img\b/i.test(clean)) throw InvalidField('body', 'validation.required');
  return clean;
}

/** Department ids of this workspace, or 400 naming `departmentIds`. */
export async function checkDepartments(ctx: Ctx, ids: string[]): Promise<number[]> {
  const wanted = [...new Set(ids.map(Number))];
  if (!wanted.length) return [];
  const found = await ctx.db
    .select({ id: departments.id })
    .from(departments)
    .where(inWorkspace(departments, ctx, inArray(departments.id, wanted)));
  if (found.length !== wanted.length) throw InvalidField('departmentIds', 'validation.unknown_department');
  return wanted;
}

/** 400 on `shortcut` when another response of the same scope already has it. */
export async function assertShortcutFree(
  ctx: Ctx,
  shortcut: string | null,
  scope: { shared: boolean; ownerId: number | null },
  exceptId?: number,
) {
  if (!shortcut) return;
  const [hit] = await ctx.db
    .select({ id: cannedResponses.id })
    .from(cannedResponses)
    .where(
      inWorkspace(
        cannedResponses,
        ctx,
        eq(cannedResponses.shortcut, shortcut),
        eq(cannedResponses.shared, scope.shared),
        scope.shared ? undefined : eq(cannedResponses.ownerId, scope.ownerId ?? 0),
        exceptId ? sql`${cannedResponses.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  if (hit) throw InvalidField('shortcut', 'validation.shortcut_taken');
}

/**
 * A racing write that hit one of the shortcut's unique indexes (the check above passed for both):
 * the same 400 as the check. Drizzle wraps the driver's error in `cause`.
 */
export function shortcutRace(err: unknown): unknown {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === '23505' && e.constraint?.startsWith('canned_responses_'))
      return InvalidField('shortcut', 'validation.shortcut_taken');
    e = e.cause as typeof e;
  }
  return err;
}
