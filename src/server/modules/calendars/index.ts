/** Public surface of the business calendars module (K2, E3). */
export { calendarsRoutes } from './calendars.routes';
export { calendarsApiDocs } from './calendars.api-docs';
export { addDefaultCalendars } from './default-calendar';
export {
  addWorkingMinutes,
  isWorkingInstant,
  nextWorkingStart,
  workingMinutesBetween,
  type WorkCalendar,
} from './working-time';
export { workCalendarFor } from './calendar-for';
