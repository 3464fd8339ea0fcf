import { eq } from 'drizzle-orm';
import { desks, requestTypes } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { deskHasRequests, findDesk } from './catalogue.repo';

/**
 * Removes a desk that has no requests, with its request types. A desk with requests is
 * refused (hide it instead): its requests keep their keys and their workflows.
 */
export async function deleteDesk({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'catalog.manage');
  await withTx(ctx, async (tx) => {
    const desk = await findDesk(tx, id);
    if (await deskHasRequests(tx, id)) throw Conflict('errors.desk_has_requests');
    await tx.db.delete(requestTypes).where(inWorkspace(requestTypes, tx, eq(requestTypes.deskId, id)));
    await tx.db.delete(desks).where(inWorkspace(desks, tx, eq(desks.id, id)));
    await audit(tx, 'desk.deleted', 'desk', id, { key: desk.key });
  });
}
