import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { orgUnits, users } from '../../../db/schema';
import type { ZCreateOrgUnit, ZOrgUnit, ZUpdateOrgUnit } from '../../../contracts/organisation';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { isStaff, requireActor, requirePermission } from '../../platform/http/access';
import { iso } from '../../platform/pagination';
import { audit } from '../audit';

type Row = typeof orgUnits.$inferSelect;
const toUnit = (r: Row): z.infer<typeof ZOrgUnit> => ({
  id: String(r.id),
  name: r.name,
  parentId: r.parentId === null ? null : String(r.parentId),
  active: r.active,
  position: r.position,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

/** B7: the list requesters pick their unit from. A catalogue: bounded, not paged. */
export async function listOrgUnits({ ctx }: { ctx: Ctx }) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(orgUnits)
    .where(inWorkspace(orgUnits, ctx, isStaff(actor) ? undefined : eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.position), asc(orgUnits.name))
    .limit(2000);
  return { items: rows.map(toUnit), total: rows.length, page: 1, pageSize: 2000 };
}

/** The parent must exist, and must not be the unit itself or one of its descendants. */
async function checkParent(ctx: Ctx, parentId: number | null | undefined, selfId?: number) {
  if (!parentId) return;
  const all = await ctx.db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(inWorkspace(orgUnits, ctx));
  const parentOf = new Map(all.map((u) => [u.id, u.parentId]));
  if (!parentOf.has(parentId)) throw InvalidField('parentId', 'validation.unknown_org_unit');
  for (
    let at: number | null | undefined = parentId, steps = 0;
    at && steps <= all.length;
    at = parentOf.get(at), steps++
  ) {
    if (at === selfId) throw InvalidField('parentId', 'validation.org_unit_cycle');
  }
}

export async function createOrgUnit({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateOrgUnit> }) {
  requirePermission(ctx, 'catalog.manage');
  await checkParent(ctx, input.parentId);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(orgUnits)
      .values({
        workspaceId: tx.workspaceId,
        ...input,
        parentId: input.parentId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'org_unit.created', 'org_unit', row.id, { name: row.name });
    return toUnit(row);
  });
}

export async function updateOrgUnit({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.infer<typeof ZUpdateOrgUnit>;
}) {
  requirePermission(ctx, 'catalog.manage');
  await checkParent(ctx, input.parentId, id);
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(orgUnits)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(orgUnits, tx, eq(orgUnits.id, id)))
      .returning();
    if (!row) throw NotFound();
    await audit(tx, 'org_unit.updated', 'org_unit', id, input);
    return toUnit(row);
  });
}

/** Children move up to the deleted unit's parent; people in it keep no unit. */
export async function deleteOrgUnit({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'catalog.manage');
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(orgUnits)
      .where(inWorkspace(orgUnits, tx, eq(orgUnits.id, id)))
      .returning();
    if (!row) throw NotFound();
    await tx.db
      .update(orgUnits)
      .set({ parentId: row.parentId })
      .where(inWorkspace(orgUnits, tx, eq(orgUnits.parentId, id)));
    // Its people keep no unit (the column has no foreign key to do it for us).
    await tx.db
      .update(users)
      .set({ orgUnitId: null })
      .where(inWorkspace(users, tx, eq(users.orgUnitId, id)));
    await audit(tx, 'org_unit.deleted', 'org_unit', id, { name: row.name });
  });
}
