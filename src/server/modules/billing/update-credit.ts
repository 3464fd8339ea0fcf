import { eq, sql } from 'drizzle-orm';
import { creditAccounts } from '../../../db/schema';
import type { TCredit, TUpdateCredit } from '../../../contracts/billing';
import { withTx, type Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { audit } from '../audit';
import { creditView, ensureAccount } from './credit.repo';
import { afterCharge } from './low-balance';

/**
 * `PATCH /billing/credit`: the self-hosted admin turns charging on or off, sets the price of one
 * SMS part and the low-balance mark. (Cloud mode, where charging is always on and the operator
 * sets the price, is not modelled yet.) The warning is re-armed when the account stops being
 * low (charging off, or the mark now at or under the balance); turning charging on while the
 * balance is already low warns the admins at once.
 */
export async function updateCredit({ ctx, input }: { ctx: Ctx; input: TUpdateCredit }): Promise<TCredit> {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin') throw Forbidden();
  // Cloud mode: the platform sells the SMS, so only its operator grants credit or sets the price.
  if (ctx.deps.config.cloud.enabled) throw Forbidden('errors.credit_operator_only');
  return withTx(ctx, async (tx) => {
    await ensureAccount(tx);
    const a = creditAccounts;
    const charging = input.charging ?? sql`${a.charging}`;
    const low = input.lowBalanceThreshold ?? sql`${a.lowBalance}`;
    const [row] = await tx.db
      .update(a)
      .set({
        ...(input.charging !== undefined && { charging: input.charging }),
        ...(input.pricePerSms !== undefined && { pricePerSms: input.pricePerSms }),
        ...(input.lowBalanceThreshold !== undefined && { lowBalance: input.lowBalanceThreshold }),
        ...(input.codesExempt !== undefined && { codesExempt: input.codesExempt }),
        lowNotifiedAt: sql`case when not ${charging} or ${a.balance} >= ${low} then null else ${a.lowNotifiedAt} end`,
        updatedAt: tx.deps.clock.now(),
      })
      .where(eq(a.workspaceId, tx.workspaceId))
      .returning();
    await audit(tx, 'credit.updated', 'credit_account', null, { ...input });
    if (await afterCharge(tx, row)) row.lowNotifiedAt = tx.deps.clock.now();
    return creditView(row);
  });
}
