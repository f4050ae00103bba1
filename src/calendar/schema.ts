import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { issue, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import { didYouMean } from '../errors/suggest.js';
import type { DeepReadonly } from '../types/deep-readonly.js';

/**
 * `true` when `tz` is an IANA time-zone name this runtime knows, e.g.
 * `Asia/Shanghai` (also `UTC`). Anything that is not a non-empty text
 * (`undefined`, `null`, a number) is `false`.
 *
 * @param tz - candidate time-zone name
 * @returns whether `Intl` accepts it
 * @example
 * ```ts
 * isValidTimeZone('Asia/Shanghai') // → true
 * isValidTimeZone('Mars/Olympus')  // → false
 * ```
 * @category Calendars
 */
export function isValidTimeZone(tz: string): boolean {
  // Not a name (e.g. undefined, which Intl would read as the process zone): false, never a TypeError.
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zones this runtime knows, for the zone meant by a misspelt one (`Asia/Shangai`). */
let zones: readonly string[] | undefined;
function knownZones(): readonly string[] {
  if (zones === undefined) {
    try {
      zones = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
    } catch {
      zones = ['UTC'];
    }
  }
  return zones;
}

/**
 * An IANA time-zone name, e.g. `Asia/Shanghai`.
 *
 * @category Calendars
 */
export const zTimeZone = z
  .string()
  .refine(isValidTimeZone, {
    error: (iss) => {
      const hint = didYouMean(iss.input, knownZones());
      return `not a known IANA time zone: ${JSON.stringify(iss.input)}${hint || ' (e.g. "Asia/Shanghai")'}`;
    },
  })
  .meta({
    description: 'IANA time-zone name, e.g. "Asia/Shanghai". Whether the zone exists is checked when the pack is loaded, not by this schema.',
    examples: ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'],
  });

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2025-02-29).
 *
 * @category Calendars
 */
export const zIsoDate = z.iso.date({ error: 'dates are YYYY-MM-DD and must exist, e.g. "2026-02-14"' }).meta({ description: 'Calendar date, YYYY-MM-DD.' });

const zDayEntry = z
  .strictObject({
    date: zIsoDate,
    name: z.string().min(1).max(200).meta({ description: 'What the day is, for a person, e.g. "Spring Festival".' }),
  })
  .meta({ description: 'One dated entry of a calendar.' });

/**
 * Schema of a business-calendar data file (`rules/calendars/<id>.json`): the
 * public holidays and make-up workdays of a region for the years it covers.
 *
 * A day is a working day if it is listed in `workdays`, or if it is neither a
 * `weekend` day nor listed in `holidays`. Cross-field rules (dates inside
 * `years`, no duplicates, make-up workdays on weekend days) are checked by
 * {@link checkCalendarData}.
 *
 * @example
 * ```ts
 * CalendarDataSchema.parse({
 *   id: 'cn-mainland', timeZone: 'Asia/Shanghai', years: [2026], weekend: [6, 0],
 *   holidays: [{ date: '2026-01-01', name: "New Year's Day" }],
 *   workdays: [{ date: '2026-01-04', name: "make-up workday (New Year's Day)" }],
 * });
 * ```
 * @category Calendars
 */
export const CalendarDataSchema = z
  .strictObject({
    $schema: z.string().max(500).optional().meta({ description: 'Path or URL of the JSON Schema of this file (for editor autocompletion).' }),
    id: zId,
    description: z.string().min(1).max(4000).optional().meta({ description: 'What this calendar is, for a person.' }),
    source: z.string().min(1).max(2000).optional().meta({ description: 'Where the dates come from (e.g. the official notice).' }),
    timeZone: zTimeZone,
    years: z
      .array(z.number().int().min(1970).max(2200))
      .min(1)
      .max(200)
      .meta({ description: 'Years this file has complete data for; any other year is refused, never guessed.' }),
    weekend: z
      .array(z.number().int().min(0).max(6))
      .max(6)
      .meta({ description: 'Week days that are rest days unless listed in `workdays`: 0 = Sunday … 6 = Saturday.' }),
    holidays: z.array(zDayEntry).max(2000).meta({ description: 'Days off (public holidays and the bridging days of a holiday block).' }),
    workdays: z.array(zDayEntry).max(2000).meta({ description: 'Make-up workdays: weekend days that are working days.' }),
  })
  .meta({ title: 'Business calendar', description: 'Public holidays and make-up workdays of a region, by year.' });

/**
 * Business-calendar data, as validated by {@link CalendarDataSchema}.
 * Read-only all the way down: `compileCalendar` and `loadBundledCalendar`
 * return it deep-frozen (and the bundled one is shared by every caller), so
 * writing to it (`data.holidays.push(…)`) is a compile error rather than a
 * `TypeError` at run time. Writable data of the same shape is accepted
 * wherever `CalendarData` is expected; `z.infer<typeof CalendarDataSchema>`
 * is that writable shape, for building data.
 *
 * @category Calendars
 */
export type CalendarData = DeepReadonly<z.infer<typeof CalendarDataSchema>>;

/**
 * Day of week (0 = Sunday) of a `YYYY-MM-DD` date, independent of any time zone.
 *
 * @param date - a valid `YYYY-MM-DD` date
 * @returns 0 (Sunday) … 6 (Saturday)
 * @internal
 */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Checks the cross-field rules of calendar data that passed
 * {@link CalendarDataSchema}: every date lies inside `years`; no date is listed
 * twice; no date is both a holiday and a workday; every make-up workday falls
 * on a `weekend` day (a holiday may fall on any week day); `years` and
 * `weekend` have no repeats.
 *
 * @param data - schema-valid calendar data
 * @param file - file name used in issues
 * @param basePath - JSON path of the calendar inside its document (default root)
 * @returns every problem found (`SCHEMA_VIOLATION`), empty when valid
 * @example
 * ```ts
 * checkCalendarData({ ...data, workdays: [{ date: '2026-01-05', name: 'x' }] }, 'cn.json')
 * // → [{ code: 'SCHEMA_VIOLATION', path: ['workdays', 0, 'date'],
 * //      message: 'make-up workday 2026-01-05 is a Monday, not a weekend day (weekend: Saturday, Sunday); list only weekend days that are worked', … }]
 * ```
 * @category Calendars
 */
export function checkCalendarData(data: CalendarData, file = '<calendar>', basePath: JsonPath = []): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const at = (...rest: Array<string | number>): JsonPath => [...basePath, ...rest];
  const years = new Set<number>();
  data.years.forEach((y, i) => {
    if (years.has(y)) out.push(issue('SCHEMA_VIOLATION', `year ${y} is listed twice`, at('years', i), file));
    years.add(y);
  });
  const weekend = new Set<number>();
  data.weekend.forEach((d, i) => {
    if (weekend.has(d)) out.push(issue('SCHEMA_VIOLATION', `week day ${d} is listed twice`, at('weekend', i), file));
    weekend.add(d);
  });
  const yearsText = [...years].sort((a, b) => a - b).join(', ');
  const weekendText = [...weekend].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => WEEKDAY_NAMES[d]).join(', ') || 'none';

  const holidays = new Map<string, number>();
  for (const [list, seen] of [
    ['holidays', holidays],
    ['workdays', new Map<string, number>()],
  ] as const) {
    data[list].forEach((entry, i) => {
      const where = at(list, i, 'date');
      const year = Number(entry.date.slice(0, 4));
      if (!years.has(year)) {
        out.push(issue('SCHEMA_VIOLATION', `${entry.date} is outside the years this calendar covers (${yearsText})`, where, file));
      }
      const first = seen.get(entry.date);
      if (first !== undefined) {
        out.push(issue('SCHEMA_VIOLATION', `${entry.date} is listed twice in "${list}" (first at index ${first})`, where, file));
        return;
      }
      seen.set(entry.date, i);
      if (list === 'workdays') {
        const h = holidays.get(entry.date);
        if (h !== undefined) {
          out.push(issue('SCHEMA_VIOLATION', `${entry.date} is both a holiday (holidays[${h}]) and a workday`, where, file));
        }
        const wd = weekdayOf(entry.date);
        if (!weekend.has(wd)) {
          out.push(
            issue(
              'SCHEMA_VIOLATION',
              `make-up workday ${entry.date} is a ${WEEKDAY_NAMES[wd]}, not a weekend day (weekend: ${weekendText}); list only weekend days that are worked`,
              where,
              file,
            ),
          );
        }
      }
    });
  }
  return out;
}

/**
 * Converts zod issues into library issues (code `SCHEMA_VIOLATION`), prefixing
 * each path with `basePath`. Internal helper shared by the calendar and
 * numbering modules.
 *
 * @param issues - zod issues
 * @param file - file name used in issues
 * @param basePath - path of the validated value in its document
 * @returns the issues
 * @internal
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], file: string, basePath: JsonPath = []): PolicyIssue[] {
  return issues.map((i) => {
    const path = i.path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
    const message = i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return issue('SCHEMA_VIOLATION', message, [...basePath, ...path], file);
  });
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * Minutes since midnight of an `HH:MM` wall-clock time (`24:00` → 1440).
 *
 * @param hhmm - time as `HH:MM`
 * @returns minutes since midnight
 * @internal
 */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One working-time window of a day, wall-clock `HH:MM` in the calendar's zone:
 * `start` inclusive, `end` exclusive (`24:00` allowed as an end).
 *
 * @category Calendars
 */
export const WorkingWindowSchema = z
  .strictObject({
    start: z.string().regex(HHMM, { error: 'times are HH:MM from 00:00 to 23:59 (24:00 only as an end)' }).meta({ description: 'Window start, HH:MM, inclusive.' }),
    end: z.string().regex(HHMM, { error: 'times are HH:MM from 00:00 to 23:59 (24:00 only as an end)' }).meta({ description: 'Window end, HH:MM, exclusive.' }),
  })
  .meta({ description: 'A working-time window, e.g. 09:00–12:00.' });

/**
 * The working-time windows of a working day: at least one, each non-empty, in
 * ascending order and not overlapping, e.g.
 * `[{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }]`.
 *
 * @category Calendars
 */
export const WorkingHoursSchema = z
  .array(WorkingWindowSchema)
  .min(1)
  .max(24)
  .superRefine((windows, ctx) => {
    let prevEnd = -1;
    windows.forEach((w, i) => {
      if (w.start === '24:00') {
        ctx.addIssue({ code: 'custom', message: 'a window cannot start at 24:00', path: [i, 'start'] });
        return;
      }
      const s = minutesOfDay(w.start);
      const e = minutesOfDay(w.end);
      if (e <= s) ctx.addIssue({ code: 'custom', message: `window ${w.start}–${w.end} is empty: end must be after start`, path: [i, 'end'] });
      if (s < prevEnd) ctx.addIssue({ code: 'custom', message: `window ${w.start}–${w.end} starts before the previous window ends; list windows in order without overlap`, path: [i, 'start'] });
      prevEnd = Math.max(prevEnd, e);
    });
  })
  .meta({ description: 'Working-time windows of a working day, ascending, non-overlapping.' });

/**
 * Schema of a calendar as a deadline clock counts time:
 *
 * - `{ type: 'calendar' }` — every instant counts (24×7);
 * - `{ type: 'business-days', data }` — whole working days of `data`;
 * - `{ type: 'business-hours', data, hours }` — only time inside `hours` on working days.
 *
 * `timeZone` overrides the zone of `data` (default `Asia/Shanghai` for `calendar`).
 *
 * @category Calendars
 */
export const CalendarSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('calendar'),
    timeZone: zTimeZone.optional(),
  }),
  z.strictObject({
    type: z.literal('business-days'),
    data: CalendarDataSchema,
    timeZone: zTimeZone.optional(),
  }),
  z.strictObject({
    type: z.literal('business-hours'),
    data: CalendarDataSchema,
    timeZone: zTimeZone.optional(),
    hours: WorkingHoursSchema,
  }),
]);
