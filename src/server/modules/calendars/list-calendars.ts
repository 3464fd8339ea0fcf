import { asc, desc } from 'drizzle-orm';
import { calendars } from '../../../db/schema';
import type { TCalendar } from '../../../contracts/calendars';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { requireActor, isStaff } from '../../platform/http/access';
import { Forbidden } from '../../platform/errors';
import { offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { countCalendars, holidaysOf, toCalendar } from './calendars.repo';

/** Staff: the workspace's calendars, the default first, with their holidays. */
export async function listCalendars({ ctx, input }: { ctx: Ctx; input: PageInput }) {
  if (!isStaff(requireActor(ctx))) throw Forbidden();
  const rows = await ctx.db
    .select()
    .from(calendars)
    .where(inWorkspace(calendars, ctx))
    .orderBy(desc(calendars.isDefault), asc(calendars.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const holidays = await holidaysOf(
    ctx,
    rows.map((r) => r.id),
  );
  const items: TCalendar[] = rows.map((r) => toCalendar(r, holidays.get(r.id)!));
  return pageOf(items, await countCalendars(ctx), input);
}
