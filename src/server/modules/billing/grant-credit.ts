import { MAX_BALANCE, type TCredit, type TGrantCredit } from '../../../contracts/billing';
import { withTx, type Ctx } from '../../platform/context';
import { Forbidden, InvalidField } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { audit } from '../audit';
import { addEntry, creditView, ensureAccount, raiseBalance } from './credit.repo';

/**
 * `POST /billing/credit/grant`: adds credit by hand — in a self-hosted install the admin records
 * credit bought from the SMS vendor. (In cloud mode only the platform operator grants, through
 * `addGrant` from the operator module.) The balance, the ledger row (`grant`, by
 * whom, with the note) and the audit row commit together; a grant that lifts the balance to the
 * low mark or above re-arms the low-balance warning.
 */
export async function grantCredit({ ctx, input }: { ctx: Ctx; input: TGrantCredit }): Promise<TCredit> {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin') throw Forbidden();
  // Cloud mode: the platform sells the SMS, so only its operator grants credit or sets the price.
  if (ctx.deps.config.cloud.enabled) throw Forbidden('errors.credit_operator_only');
  return withTx(ctx, async (tx) => {
    const account = await addGrant(tx, { amount: input.amount, note: input.note || null, createdById: actor.id });
    return creditView(account);
  });
}

/**
 * A grant in the caller's transaction: the balance raised (400 past MAX_BALANCE), the ledger
 * row and the audit row. Shared by the admin's grant and the platform operator's.
 */
export async function addGrant(
  tx: Ctx,
  g: { amount: number; note: string | null; reference?: string | null; createdById: number | null; by?: string },
) {
  await ensureAccount(tx);
  const account = await raiseBalance(tx, g.amount);
  if (!account) throw InvalidField('amount', 'validation.too_big', { max: MAX_BALANCE });
  const entry = await addEntry(tx, {
    kind: 'grant',
    amount: g.amount,
    balanceAfter: account.balance,
    note: g.note,
    reference: g.reference ?? null,
    createdById: g.createdById,
  });
  await audit(tx, 'credit.granted', 'credit_entry', entry!.id, {
    amount: g.amount,
    balance: account.balance,
    ...(g.by ? { operator: g.by } : {}),
  });
  return account;
}
