import { requestTypes } from '../../../db/schema';
import type { TCreateRequestType, TRequestType } from '../../../contracts/catalogue';
import { withTx, type Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { checkRequestTypeRefs, findDesk, toRequestType } from './catalogue.repo';

/** E1, E2: a request type of a desk, with its form and workflow (checked by the contract and here). */
export async function createRequestType({
  ctx,
  deskId,
  input,
}: {
  ctx: Ctx;
  deskId: number;
  input: TCreateRequestType;
}): Promise<TRequestType> {
  requirePermission(ctx, 'catalog.manage');
  return withTx(ctx, async (tx) => {
    await findDesk(tx, deskId);
    await checkRequestTypeRefs(tx, input.departmentId, input.workflow);
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(requestTypes)
      .values({
        ...input,
        icon: input.icon ?? null,
        departmentId: input.departmentId ?? null,
        workspaceId: tx.workspaceId,
        deskId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'request_type.created', 'request_type', row.id, { name: row.name, deskId: String(deskId) });
    return toRequestType(row);
  });
}
