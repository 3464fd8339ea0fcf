import type { Ctx } from '../../platform/context';
import { Forbidden, InvalidField, NotFound } from '../../platform/errors';
import { isStaff, requireActor } from '../../platform/http/access';
import { findCalendar, workCalendarOf } from './calendars.repo';
import { addWorkingMinutes } from './working-time';

/**
 * K2: when `workingMinutes` of the calendar's working time have passed since `from` — the
 * arithmetic every timer and SLA uses, open to staff for checking a calendar.
 */
export async function calendarDue({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: { from: string; workingMinutes: number };
}): Promise<{ due: string }> {
  if (!isStaff(requireActor(ctx))) throw Forbidden();
  const row = await findCalendar(ctx, id);
  if (!row) throw NotFound();
  try {
    return {
      due: addWorkingMinutes(await workCalendarOf(ctx, row), new Date(input.from), input.workingMinutes).toISOString(),
    };
  } catch (err) {
    // A calendar whose holidays leave no working time in reach: said, not a 500.
    if (err instanceof RangeError) throw InvalidField('workingMinutes', 'validation.no_working_time');
    throw err;
  }
}
