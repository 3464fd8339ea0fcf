import { eq } from 'drizzle-orm';
import { requestTypes } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { findRequestType } from './catalogue.repo';

/**
 * Removes a request type from its desk: no new requests of it; the requests made keep their
 * form, values and workflow (the row stays, marked removed), so nothing they hold is lost.
 */
export async function deleteRequestType({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'catalog.manage');
  await withTx(ctx, async (tx) => {
    const row = await findRequestType(tx, id);
    await tx.db
      .update(requestTypes)
      .set({ deletedAt: tx.deps.clock.now() })
      .where(inWorkspace(requestTypes, tx, eq(requestTypes.id, id)));
    await audit(tx, 'request_type.deleted', 'request_type', id, { name: row.name });
  });
}
