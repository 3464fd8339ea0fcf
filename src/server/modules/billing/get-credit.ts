import type { TCredit } from '../../../contracts/billing';
import type { Ctx } from '../../platform/context';
import { can, requireActor } from '../../platform/http/access';
import { Forbidden } from '../../platform/errors';
import { getPlatformSettings } from '../cloud';
import { creditView, readAccount } from './credit.repo';

/** Who may read the credit, its ledger and its usage: settings or billing managers (admins hold both). */
export function requireCreditReader(ctx: Ctx) {
  const actor = requireActor(ctx);
  if (!can(actor, 'settings.manage') && !can(actor, 'billing.manage')) throw Forbidden();
  return actor;
}

/** `GET /billing/credit`: balance, price per SMS part, whether charging is on and the balance low. */
export async function getCredit({ ctx }: { ctx: Ctx }): Promise<TCredit> {
  requireCreditReader(ctx);
  const view = creditView(await readAccount(ctx));
  // Cloud mode: the price charged is the operator's, whatever the account row still holds.
  // Charging is always on there and the platform's own messages are free (charge-sms.ts).
  if (ctx.deps.config.cloud.enabled) {
    view.pricePerSms = (await getPlatformSettings(ctx.db)).smsPrice;
    view.charging = true;
    view.codesExempt = true;
    view.lowBalance = view.balance < view.lowBalanceThreshold;
  }
  return view;
}
