import { and, asc, count, eq } from 'drizzle-orm';
import { requestTypes } from '../../../db/schema';
import type { TRequestType } from '../../../contracts/catalogue';
import { inParallel, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { isStaff, requireActor } from '../../platform/http/access';
import { offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { findDesk, findRequestType, liveRequestTypes, toRequestType } from './catalogue.repo';

/** E1: a desk's request types — all for staff; for requesters the visible ones of a visible desk. */
export async function listRequestTypes({ ctx, deskId, input }: { ctx: Ctx; deskId: number; input: PageInput }) {
  const staff = isStaff(requireActor(ctx));
  const desk = await findDesk(ctx, deskId);
  if (!staff && !desk.visible) throw NotFound('errors.desk_not_found');
  const where = and(liveRequestTypes(ctx, deskId), staff ? undefined : eq(requestTypes.visible, true));
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(requestTypes)
        .where(where)
        .orderBy(asc(requestTypes.position), asc(requestTypes.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ n: count() }).from(requestTypes).where(where),
  );
  return pageOf<TRequestType>(rows.map(toRequestType), n, input);
}

/** One request type; for requesters only a visible one of a visible desk. */
export async function getRequestType({ ctx, id }: { ctx: Ctx; id: number }): Promise<TRequestType> {
  const staff = isStaff(requireActor(ctx));
  const row = await findRequestType(ctx, id);
  if (!staff && (!row.visible || !(await findDesk(ctx, row.deskId)).visible))
    throw NotFound('errors.request_type_not_found');
  return toRequestType(row);
}
