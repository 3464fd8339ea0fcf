import { eq } from 'drizzle-orm';
import { slaPolicies } from '../../../db/schema';
import type { TCreateSlaPolicy, TSlaPolicy, TUpdateSlaPolicy } from '../../../contracts/sla';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { checkPolicyRefs, findPolicy, toPolicy } from './sla-policies.repo';
import { queueSlaRecompute } from './recompute-sla';

/** E3: a new SLA policy; the open tickets are recomputed after commit (the first match may change). */
export async function createSlaPolicy({ ctx, input }: { ctx: Ctx; input: TCreateSlaPolicy }): Promise<TSlaPolicy> {
  requirePermission(ctx, 'settings.manage');
  return withTx(ctx, async (tx) => {
    await checkPolicyRefs(tx, input);
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(slaPolicies)
      .values({
        ...input,
        calendarId: input.calendarId ?? null,
        workspaceId: tx.workspaceId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'sla_policy.created', 'sla_policy', row.id, { name: row.name });
    await queueSlaRecompute(tx);
    return toPolicy(row);
  });
}

export async function updateSlaPolicy({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateSlaPolicy;
}): Promise<TSlaPolicy> {
  requirePermission(ctx, 'settings.manage');
  return withTx(ctx, async (tx) => {
    await findPolicy(tx, id);
    await checkPolicyRefs(tx, input);
    const [row] = await tx.db
      .update(slaPolicies)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(slaPolicies, tx, eq(slaPolicies.id, id)))
      .returning();
    await audit(tx, 'sla_policy.updated', 'sla_policy', id, { fields: Object.keys(input) });
    await queueSlaRecompute(tx);
    return toPolicy(row);
  });
}

export async function deleteSlaPolicy({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'settings.manage');
  await withTx(ctx, async (tx) => {
    const p = await findPolicy(tx, id);
    await tx.db.delete(slaPolicies).where(inWorkspace(slaPolicies, tx, eq(slaPolicies.id, id)));
    await audit(tx, 'sla_policy.deleted', 'sla_policy', id, { name: p.name });
    await queueSlaRecompute(tx);
  });
}
