import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TCredit } from '../../../contracts/billing';
import type { ZOperatorCredit } from '../../../contracts/cloud';
import { workspaces } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { addGrant, creditView } from '../billing';
import type { OperatorIdentity } from './operator-auth';

/**
 * `POST /operator/workspaces/:id/credit`: the operator adds SMS credit to a workspace (a gift,
 * a refund, a payment received outside Zarinpal). The balance, the ledger row (a `grant` with
 * the note, its reference naming the operator) and the workspace's audit row commit together,
 * through the billing module's own ledger functions — so the low-balance warning re-arms as
 * with any grant.
 */
export async function grantWorkspaceCredit({
  ctx,
  operator,
  workspaceId,
  input,
}: {
  ctx: Ctx;
  operator: OperatorIdentity;
  workspaceId: number;
  input: z.infer<typeof ZOperatorCredit>;
}): Promise<TCredit> {
  const credit = await withTx({ ...ctx, workspaceId }, async (tx) => {
    const [ws] = await tx.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId));
    if (!ws) throw NotFound('errors.workspace_not_found');
    const account = await addGrant(tx, {
      amount: input.amount,
      note: input.note,
      reference: `operator:${operator.username}`,
      createdById: null,
      by: operator.username,
    });
    return creditView(account);
  });
  ctx.deps.log.info(
    { reqId: ctx.requestId, operator: operator.username, workspaceId, amount: input.amount },
    'operator granted SMS credit',
  );
  return credit;
}
