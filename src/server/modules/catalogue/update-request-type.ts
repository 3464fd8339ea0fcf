import { eq } from 'drizzle-orm';
import { requestTypes } from '../../../db/schema';
import type { TRequestType, TUpdateRequestType, TWorkflow } from '../../../contracts/catalogue';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, type Msg } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { checkRequestTypeRefs, findRequestType, toRequestType } from './catalogue.repo';
import { statusesInUse } from './workflow-usage';

/**
 * Changes a request type. A workflow change may not drop a status that requests are in: they
 * would be left in a step that no longer exists (move them first, or keep the status).
 */
export async function updateRequestType({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateRequestType;
}): Promise<TRequestType> {
  requirePermission(ctx, 'catalog.manage');
  return withTx(ctx, async (tx) => {
    const before = await findRequestType(tx, id);
    const departmentId = input.departmentId === undefined ? undefined : input.departmentId;
    await checkRequestTypeRefs(tx, departmentId, input.workflow);
    if (input.workflow) await checkStatusesKept(tx, id, input.workflow);
    const [row] = await tx.db
      .update(requestTypes)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(requestTypes, tx, eq(requestTypes.id, id)))
      .returning();
    await audit(tx, 'request_type.updated', 'request_type', id, { name: before.name, fields: Object.keys(input) });
    return toRequestType(row);
  });
}

async function checkStatusesKept(ctx: Ctx, id: number, workflow: TWorkflow) {
  const keys = new Set(workflow.statuses.map((s) => s.key));
  const used = await statusesInUse(ctx, id);
  const fields: Record<string, Msg> = {};
  for (const [status, n] of used)
    if (!keys.has(status))
      fields['workflow.statuses'] = { key: 'validation.status_in_use', params: { status, count: n } };
  if (Object.keys(fields).length) throw Invalid(fields);
}
