import { compileCalendar, type CalendarSpec } from '../../src/calendar/calendar.js';
import { loadBundledCalendar } from '../../src/calendar/load.js';
import type { CalendarData } from '../../src/calendar/schema.js';
import type { Policy } from '../../src/pack/policy.js';

/**
 * The bundled `cn-mainland` data (2025–2026) completed with 2027: weekends off, plus the given
 * holidays and make-up workdays (`YYYY-MM-DD`). One of the data a later release could bring.
 */
export function cnMainlandWith2027(holidays: readonly string[] = ['2027-01-01'], workdays: readonly string[] = []): CalendarData {
  const cn = loadBundledCalendar('cn-mainland');
  return compileCalendar({
    ...cn,
    id: 'cn-mainland',
    years: [...cn.years, 2027],
    holidays: [...cn.holidays, ...holidays.map((date) => ({ date, name: 'test holiday' }))],
    workdays: [...cn.workdays, ...workdays.map((date) => ({ date, name: 'test workday' }))],
  });
}

/**
 * The policy with the calendar data of its working-day clocks replaced by `data` (a completion of the
 * bundled data): what the same pack computes once the missing year is there. Test-only: the lifecycle is
 * copied with its clocks' calendars swapped, everything else shared.
 */
export function withCalendarData(policy: Policy, data: CalendarData): Policy {
  const lc = policy.lifecycle!;
  const swap = (cal: CalendarSpec): CalendarSpec => (cal.type === 'calendar' ? cal : Object.freeze({ ...cal, data }));
  const clocks = lc.clocks.map((c) => Object.freeze({ ...c, calendar: swap(c.calendar), resumeCalendar: swap(c.resumeCalendar) }));
  return { ...policy, lifecycle: { ...lc, clocks } } as Policy;
}
