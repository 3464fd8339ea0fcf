import type { TPlan } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { listAllPlans } from '../cloud';

/** `GET /operator/plans`: every plan, inactive ones too, in their display order. */
export async function listPlans({ ctx }: { ctx: Ctx }): Promise<TPlan[]> {
  return listAllPlans(ctx.db);
}
