import { eq } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema';
import type { TMailbox, TUpdateMailbox } from '../../../contracts/mail';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { applyInput, checkValues, touchedFields, valuesOf } from './mailbox-settings';
import { findMailbox, toMailbox } from './mailboxes.repo';

/** PATCH: a password left out is kept, `null` clears it; nested objects patch field by field. */
export async function updateMailbox({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateMailbox;
}): Promise<TMailbox> {
  requirePermission(ctx, 'mailboxes.manage');
  const row = await findMailbox(ctx, id);
  if (!row) throw NotFound();
  const values = applyInput(ctx, valuesOf(row), input);
  await checkValues(ctx, values, id);
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    // A mailbox whose intake was switched on is fetched soon; errors start over with new settings.
    const reset =
      input.inbound !== undefined
        ? { lastError: null, consecutiveFailures: 0, nextFetchAt: values.inboundProtocol === 'none' ? null : now }
        : {};
    const [out] = await tx.db
      .update(mailboxes)
      .set({ ...values, ...reset, updatedAt: now })
      .where(inWorkspace(mailboxes, tx, eq(mailboxes.id, id)))
      .returning();
    await audit(tx, 'mailbox.updated', 'mailbox', id, { fields: touchedFields(input) });
    return toMailbox(out);
  });
}
