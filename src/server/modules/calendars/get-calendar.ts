import type { TCalendar } from '../../../contracts/calendars';
import type { Ctx } from '../../platform/context';
import { Forbidden, NotFound } from '../../platform/errors';
import { isStaff, requireActor } from '../../platform/http/access';
import { calendarOut, findCalendar } from './calendars.repo';

export async function getCalendar({ ctx, id }: { ctx: Ctx; id: number }): Promise<TCalendar> {
  if (!isStaff(requireActor(ctx))) throw Forbidden();
  if (!(await findCalendar(ctx, id))) throw NotFound();
  return calendarOut(ctx, id);
}
