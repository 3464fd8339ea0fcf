import type { TCredit } from '../../../contracts/billing';
import type { Ctx } from '../../platform/context';
import { can, requireActor } from '../../platform/http/access';
import { Forbidden } from '../../platform/errors';
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
  return creditView(await readAccount(ctx));
}
