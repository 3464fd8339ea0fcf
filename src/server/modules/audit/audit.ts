import { auditLog } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

/** Writes an audit row through the caller's executor, so it commits with the change. */
export async function audit(
  ctx: Ctx,
  action: string,
  entity: string,
  entityId: number | string | null,
  data?: Record<string, unknown>,
) {
  await ctx.db.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorId: ctx.actor?.id ?? null,
    action,
    entity,
    entityId: entityId === null ? null : String(entityId),
    data: data ?? null,
    ip: ctx.ip,
    createdAt: ctx.deps.clock.now(),
  });
}
