import { eq } from 'drizzle-orm';
import { triggers } from '../../../db/schema';
import type { TCreateTrigger, TTrigger, TUpdateTrigger } from '../../../contracts/triggers';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { audit } from '../audit';
import { forgetTriggerEvents } from './trigger-cache';
import { checkTriggerRefs, findTriggerRow, toTrigger } from './triggers.repo';

/** Triggers are the administrators' (they act on every ticket of the workspace). */
export function requireAdmin(ctx: Ctx) {
  if (requireActor(ctx).role !== 'admin') throw Forbidden();
}

export async function createTrigger({ ctx, input }: { ctx: Ctx; input: TCreateTrigger }): Promise<TTrigger> {
  requireAdmin(ctx);
  const made = await withTx(ctx, async (tx) => {
    await checkTriggerRefs(tx, input);
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(triggers)
      .values({ ...input, workspaceId: tx.workspaceId, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, 'trigger.created', 'trigger', row.id, { name: row.name, event: row.event });
    return toTrigger(row);
  });
  forgetTriggerEvents(ctx);
  return made;
}

/** Only what is sent changes: a reorder sends `position` alone. */
export async function updateTrigger({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateTrigger;
}): Promise<TTrigger> {
  requireAdmin(ctx);
  const updated = await withTx(ctx, async (tx) => {
    await findTriggerRow(tx, id);
    await checkTriggerRefs(tx, input);
    const [row] = await tx.db
      .update(triggers)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(triggers, tx, eq(triggers.id, id)))
      .returning();
    await audit(tx, 'trigger.updated', 'trigger', id, { fields: Object.keys(input) });
    return toTrigger(row);
  });
  forgetTriggerEvents(ctx);
  return updated;
}

/** Its runs stay in the log (they name the trigger by id, and keep its name in their detail). */
export async function deleteTrigger({ ctx, id }: { ctx: Ctx; id: number }) {
  requireAdmin(ctx);
  await withTx(ctx, async (tx) => {
    const row = await findTriggerRow(tx, id);
    await tx.db.delete(triggers).where(inWorkspace(triggers, tx, eq(triggers.id, id)));
    await audit(tx, 'trigger.deleted', 'trigger', id, { name: row.name });
  });
  forgetTriggerEvents(ctx);
}
