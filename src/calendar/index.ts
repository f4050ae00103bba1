export {
  addDuration,
  compileCalendar,
  DEFAULT_TIME_ZONE,
  elapsed,
  isWorkingDay,
  nextWorkingDay,
  type BusinessDaysCalendar,
  type BusinessHoursCalendar,
  type CalendarSpec,
  type Duration,
  type ElapsedCalendar,
  type WorkingWindow,
} from './calendar.js';
export { bundledCalendarIds, loadBundledCalendar } from './load.js';
export {
  CalendarDataSchema,
  CalendarSpecSchema,
  checkCalendarData,
  isValidTimeZone,
  WorkingHoursSchema,
  WorkingWindowSchema,
  zIsoDate,
  zTimeZone,
  type CalendarData,
} from './schema.js';
export { formatInstant } from '../time/instant.js';
