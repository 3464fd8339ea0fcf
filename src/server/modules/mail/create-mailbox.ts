import { mailboxes } from '../../../db/schema';
import type { TCreateMailbox, TMailbox } from '../../../contracts/mail';
import { withTx, type Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { applyInput, checkValues } from './mailbox-settings';
import { toMailbox } from './mailboxes.repo';

/** F1, F3: a department's mailbox, or (no department) the workspace's system account. */
export async function createMailbox({ ctx, input }: { ctx: Ctx; input: TCreateMailbox }): Promise<TMailbox> {
  requirePermission(ctx, 'mailboxes.manage');
  const values = applyInput(ctx, null, input);
  await checkValues(ctx, values);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(mailboxes)
      .values({
        ...values,
        workspaceId: tx.workspaceId,
        nextFetchAt: values.inboundProtocol === 'none' ? null : now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'mailbox.created', 'mailbox', row.id, {
      address: row.address,
      departmentId: row.departmentId,
      inbound: row.inboundProtocol,
    });
    return toMailbox(row);
  });
}
