import type { TWeek } from '../../../contracts/calendars';
import { InvalidField } from '../../platform/errors';

/** A week with no working time at all would make every timer wait for ever. */
export function checkWeek(week: TWeek | undefined) {
  if (week && Object.values(week).every((windows) => windows.length === 0))
    throw InvalidField('week', 'validation.week_without_hours');
}
