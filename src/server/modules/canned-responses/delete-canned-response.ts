import { eq } from 'drizzle-orm';
import { cannedResponses } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { audit } from '../audit';
import { assertMayWrite, findUsable, requireStaff } from './canned.repo';

/** K6: removes a response: one's own personal one, or a shared one with canned.manage. */
export async function deleteCannedResponse({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  const actor = requireStaff(ctx);
  await withTx(ctx, async (tx) => {
    const cur = await findUsable(tx, id, { forUpdate: true });
    assertMayWrite(actor, cur.shared, cur.ownerId);
    await tx.db.delete(cannedResponses).where(inWorkspace(cannedResponses, tx, eq(cannedResponses.id, id)));
    await audit(tx, 'canned_response.deleted', 'canned_response', id, { title: cur.title, shared: cur.shared });
  });
}
