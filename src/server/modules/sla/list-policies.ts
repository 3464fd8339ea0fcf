import { asc, count } from 'drizzle-orm';
import { slaPolicies } from '../../../db/schema';
import type { TSlaPolicy } from '../../../contracts/sla';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden } from '../../platform/errors';
import { isStaff, requireActor } from '../../platform/http/access';
import { offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { findPolicy, toPolicy } from './sla-policies.repo';

/** Staff: the SLA policies in the order they are matched. */
export async function listSlaPolicies({ ctx, input }: { ctx: Ctx; input: PageInput }) {
  if (!isStaff(requireActor(ctx))) throw Forbidden();
  const where = inWorkspace(slaPolicies, ctx);
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(slaPolicies)
        .where(where)
        .orderBy(asc(slaPolicies.position), asc(slaPolicies.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ n: count() }).from(slaPolicies).where(where),
  );
  return pageOf<TSlaPolicy>(rows.map(toPolicy), n, input);
}

export async function getSlaPolicy({ ctx, id }: { ctx: Ctx; id: number }) {
  if (!isStaff(requireActor(ctx))) throw Forbidden();
  return findPolicy(ctx, id);
}
