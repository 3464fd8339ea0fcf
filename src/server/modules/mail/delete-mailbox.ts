import { eq } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { findMailbox } from './mailboxes.repo';

export async function deleteMailbox({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  requirePermission(ctx, 'mailboxes.manage');
  const row = await findMailbox(ctx, id);
  if (!row) throw NotFound();
  await withTx(ctx, async (tx) => {
    await tx.db.delete(mailboxes).where(inWorkspace(mailboxes, tx, eq(mailboxes.id, id)));
    await audit(tx, 'mailbox.deleted', 'mailbox', id, { address: row.address, departmentId: row.departmentId });
  });
}
