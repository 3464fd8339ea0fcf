import { asc, count, eq } from 'drizzle-orm';
import { desks } from '../../../db/schema';
import type { TDesk } from '../../../contracts/catalogue';
import { inParallel, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { inWorkspace } from '../../platform/db/scope';
import { isStaff, requireActor } from '../../platform/http/access';
import { offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { findDesk, toDesk } from './catalogue.repo';

/** E1: the desks — all of them for staff, the visible ones for requesters. */
export async function listDesks({ ctx, input }: { ctx: Ctx; input: PageInput }) {
  const staff = isStaff(requireActor(ctx));
  const where = inWorkspace(desks, ctx, staff ? undefined : eq(desks.visible, true));
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(desks)
        .where(where)
        .orderBy(asc(desks.position), asc(desks.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ n: count() }).from(desks).where(where),
  );
  return pageOf<TDesk>(rows.map(toDesk), n, input);
}

/** One desk; a hidden one only for staff. */
export async function getDesk({ ctx, id }: { ctx: Ctx; id: number }): Promise<TDesk> {
  const staff = isStaff(requireActor(ctx));
  const row = await findDesk(ctx, id);
  if (!staff && !row.visible) throw NotFound('errors.desk_not_found');
  return toDesk(row);
}
