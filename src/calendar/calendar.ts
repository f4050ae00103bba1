import { TZDate } from '@date-fns/tz';
import { addCalendarDaysMs, canonicalZone, instantMs as instantTextMs, offsetAt, steadyOffset, wallToInstant } from '../time/instant.js';
import { InputError, issue, PolicyError, PolicyLoadError, type PolicyIssue } from '../errors/errors.js';
import { deepFreeze, screenUntrustedValue } from '../json/safe-json.js';
import { LOAD_PARSE } from '../json/zod-parse.js';
import {
  CalendarDataSchema,
  checkCalendarData,
  fromZodIssues,
  isValidTimeZone,
  minutesOfDay,
  WorkingHoursSchema,
  zIsoDate,
  type CalendarData,
} from './schema.js';

// Time model
// ----------
// Every computation works on two coordinates, both independent of the process
// time zone:
//   - instants: epoch milliseconds (`Date#getTime()`);
//   - local days: whole days since 1970-01-01 of the wall-clock calendar *in the
//     calendar's zone* ("epoch day"), plus a wall-clock time of day in ms.
// Instant → local: the instant plus the zone's offset where the offset cache
// (src/time/instant.ts) has it for that hour, else `new TZDate(ms, zone)` and
// its getters.
// Local → instant: the UTC reading of the wall clock minus the zone's offset
// (`tzOffset`, same package, through the same cache). We do not use TZDate's component constructor for
// this: it builds the value through the *system* zone and was observed to be
// off by 30 minutes around DST changes when the process runs in a zone such as
// Australia/Lord_Howe.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The time zone used when neither the calendar kind nor its data names one.
 *
 * @category Calendars
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * A working-time window, wall-clock `HH:MM` in the calendar's zone; `start`
 * inclusive, `end` exclusive.
 *
 * @category Calendars
 */
export interface WorkingWindow {
  /** Start of the window, `HH:MM` from `00:00` to `23:59`, inclusive, e.g. `09:00`. */
  readonly start: string;
  /** End of the window, `HH:MM` after `start`, exclusive; `24:00` ends it at midnight, e.g. `18:00`. */
  readonly end: string;
}

/**
 * A 24×7 calendar: every instant counts. `days` are calendar days in `timeZone`
 * (default `Asia/Shanghai`).
 *
 * @category Calendars
 */
export interface ElapsedCalendar {
  /** Always `calendar`: every instant counts, and `days` are calendar days. */
  readonly type: 'calendar';
  /**
   * IANA zone whose calendar days `days` counts, e.g. `Asia/Shanghai`; absent or `undefined`:
   * {@link DEFAULT_TIME_ZONE}.
   */
  readonly timeZone?: string | undefined;
}

/**
 * A calendar counting whole working days of `data`.
 *
 * @category Calendars
 */
export interface BusinessDaysCalendar {
  /** Always `business-days`: a duration counts whole working days of `data`. */
  readonly type: 'business-days';
  /**
   * The holidays, weekend and make-up workdays, from {@link compileCalendar} or {@link loadBundledCalendar}
   * (other data is validated when used). A year it does not cover is refused with `CALENDAR_NOT_AVAILABLE`,
   * never guessed.
   */
  readonly data: CalendarData;
  /** Overrides `data.timeZone`. */
  readonly timeZone?: string | undefined;
}

/**
 * A calendar counting only the time inside `hours` on working days of `data`.
 *
 * @category Calendars
 */
export interface BusinessHoursCalendar {
  /** Always `business-hours`: a duration counts only the time inside `hours` on working days of `data`. */
  readonly type: 'business-hours';
  /**
   * The holidays, weekend and make-up workdays, from {@link compileCalendar} or {@link loadBundledCalendar}
   * (other data is validated when used). A year it does not cover is refused with `CALENDAR_NOT_AVAILABLE`,
   * never guessed.
   */
  readonly data: CalendarData;
  /** Overrides `data.timeZone`. */
  readonly timeZone?: string | undefined;
  /** Working windows of every working day, ascending and non-overlapping. */
  readonly hours: readonly WorkingWindow[];
}

/**
 * How a deadline clock counts time: 24×7, working days, or working hours.
 *
 * @category Calendars
 */
export type CalendarSpec = ElapsedCalendar | BusinessDaysCalendar | BusinessHoursCalendar;

/**
 * A length of time to add. All parts are non-negative; `days` is a whole number.
 * A plain object with no other keys ({@link addDuration} refuses `{ weeks: 1 }`).
 *
 * @category Calendars
 */
export interface Duration {
  /**
   * Minutes, a number ≥ 0 (fractions allowed); absent or `undefined` counts as 0. Added together with
   * `hours`, after `days`.
   */
  readonly minutes?: number | undefined;
  /**
   * Hours, a number ≥ 0 (fractions allowed); absent or `undefined` counts as 0. Elapsed time on a `calendar`
   * calendar, working-window time on `business-hours`; on `business-days` only whole multiples of 24, each 24
   * one working day.
   */
  readonly hours?: number | undefined;
  /**
   * Whole days ≥ 0; absent or `undefined` counts as 0. Calendar days on a `calendar` calendar, working days
   * on `business-days` and `business-hours` (same wall-clock time on the N-th next day).
   */
  readonly days?: number | undefined;
}

// ── compiled forms ─────────────────────────────────────────────────────────

interface CompiledData {
  readonly id: string;
  readonly timeZone: string;
  readonly years: ReadonlySet<number>;
  readonly yearsText: string;
  readonly weekend: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

interface Compiled {
  readonly type: CalendarSpec['type'];
  readonly timeZone: string;
  /** Absent for `calendar`. */
  readonly data?: CompiledData;
  /** `[start, end)` in ms since local midnight, ascending (business-hours only). */
  readonly windows: ReadonlyArray<readonly [number, number]>;
}

// Validation and lookup tables are built once per data / spec object.
const dataCache = new WeakMap<object, CompiledData>();
const specCache = new WeakMap<object, Compiled>();

/**
 * Validates calendar data given in memory (for example read from a database)
 * and returns it frozen, ready to use in a {@link CalendarSpec}. Runs the
 * untrusted-JSON checks, {@link CalendarDataSchema} and
 * {@link checkCalendarData}, and reports every problem at once. A property
 * whose value is `undefined` (e.g. `description: undefined`) counts as
 * absent, as `JSON.stringify` has it; the result has no such key. Data used
 * in a spec without going through this function (or
 * {@link loadBundledCalendar}) is validated when used: once if it is deeply
 * frozen (then remembered by identity), on every call otherwise (it could
 * change between calls).
 *
 * @param data - candidate calendar data
 * @param file - file name used in issues (default `<calendar>`)
 * @returns the validated data (a frozen copy)
 * @throws {@link PolicyLoadError} listing every problem (`SCHEMA_VIOLATION`, …)
 * @example
 * ```ts
 * const data = compileCalendar(JSON.parse(text), 'calendars/cn-mainland.json');
 * isWorkingDay({ type: 'business-days', data }, '2026-02-14') // → true (make-up workday)
 * ```
 * @category Calendars
 */
export function compileCalendar(data: unknown, file = '<calendar>'): CalendarData {
  // An `undefined`-valued property (an optional `description` a host leaves out) is absent, as in JSON text.
  const screened = screenUntrustedValue(data, file, undefined, { undefinedProperties: 'absent' });
  if (screened.issues.length) throw new PolicyLoadError(screened.issues);
  const parsed = CalendarDataSchema.safeParse(screened.value, LOAD_PARSE);
  if (!parsed.success) throw new PolicyLoadError(fromZodIssues(parsed.error.issues, file));
  const issues = checkCalendarData(parsed.data, file);
  if (issues.length) throw new PolicyLoadError(issues);
  const frozen = deepFreeze(parsed.data);
  dataCache.set(frozen, buildData(frozen));
  return frozen;
}

function buildData(data: CalendarData): CompiledData {
  return {
    id: data.id,
    timeZone: data.timeZone,
    years: new Set(data.years),
    yearsText: describeYears(data.years),
    weekend: new Set(data.weekend),
    holidays: new Set(data.holidays.map((h) => h.date)),
    workdays: new Set(data.workdays.map((w) => w.date)),
  };
}

/** `[2025, 2026, 2028]` → `2025–2026, 2028`. */
function describeYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Whether a value and everything it holds are frozen — only such values can be cached by identity
 * (`Object.isFrozen` alone says nothing of the lists inside: a caller's `Object.freeze({ …, hours })`
 * could still have its hours or holidays changed between calls).
 */
function isDeepFrozen(value: unknown): boolean {
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    if (!Object.isFrozen(v)) return false;
    seen.add(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return true;
}

function compiledData(data: CalendarData): CompiledData {
  const hit = dataCache.get(data);
  if (hit) return hit;
  // Not from compileCalendar / loadBundledCalendar: validate once, then trust.
  const fresh = compileCalendar(data);
  const built = dataCache.get(fresh)!;
  if (isDeepFrozen(data)) dataCache.set(data, built);
  return built;
}

function compile(cal: CalendarSpec): Compiled {
  const hit = specCache.get(cal);
  if (hit) return hit;
  const bad = (message: string, path: Array<string | number>): never => {
    throw new PolicyError('SCHEMA_VIOLATION', [issue('SCHEMA_VIOLATION', message, path, '<calendar>')]);
  };
  if (cal === null || typeof cal !== 'object') bad('a calendar must be an object with a "type"', []);
  const type = cal.type;
  if (type !== 'calendar' && type !== 'business-days' && type !== 'business-hours') {
    bad(`unknown calendar type ${JSON.stringify(type)}: use "calendar", "business-days" or "business-hours"`, ['type']);
  }
  const data = type === 'calendar' ? undefined : compiledData(cal.data);
  const timeZone = cal.timeZone ?? data?.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) bad(`"${timeZone}" is not a known IANA time zone`, ['timeZone']);
  let windows: Array<readonly [number, number]> = [];
  if (cal.type === 'business-hours') {
    const parsed = WorkingHoursSchema.safeParse(cal.hours);
    if (!parsed.success) throw new PolicyError('SCHEMA_VIOLATION', fromZodIssues(parsed.error.issues, '<calendar>', ['hours']));
    windows = parsed.data.map((w) => [minutesOfDay(w.start) * MINUTE_MS, minutesOfDay(w.end) * MINUTE_MS] as const);
  }
  const out: Compiled = data ? { type, timeZone, data, windows } : { type, timeZone, windows };
  // Only wholly frozen specs are cached: a mutable one (or one with a mutable part) could change between calls.
  if (isDeepFrozen(cal)) specCache.set(cal, out);
  return out;
}

// ── local-day arithmetic (zone-independent) ────────────────────────────────

/**
 * The local day (days since 1970-01-01 on the zone's wall-clock calendar)
 * and wall-clock time of day (ms) of an instant in `tz`.
 *
 * @param t - epoch milliseconds
 * @param tz - IANA zone
 * @returns `{ day, ms }`
 * @example
 * ```ts
 * localOf(Date.UTC(2026, 10, 24, 17), 'Asia/Shanghai') // → { day: 20782, ms: 3_600_000 } (2026-11-25 01:00)
 * ```
 * @category Calendars
 * @internal
 */
export function localOf(t: number, tz: string): { day: number; ms: number } {
  // An hour with one whole-minute offset (nearly all): local = UTC + offset, from the offset cache.
  const offset = steadyOffset(tz, t);
  if (offset !== undefined) {
    const local = t + offset * MINUTE_MS;
    const day = Math.floor(local / DAY_MS);
    return { day, ms: local - day * DAY_MS };
  }
  const z = new TZDate(t, canonicalZone(tz));
  const day = Math.floor(utcMs(z.getFullYear(), z.getMonth(), z.getDate()) / DAY_MS);
  const ms = ((z.getHours() * 60 + z.getMinutes()) * 60 + z.getSeconds()) * 1000 + z.getMilliseconds();
  return { day, ms };
}

/** `Date.UTC` without its 0–99 → 1900s year mapping. */
function utcMs(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m, d);
  return date.getTime();
}

/**
 * The instant at wall-clock `ms` after local midnight of local `day` in `tz`: a
 * wall time that does not exist (clocks moved forward) moves forward by the
 * gap, one that exists twice is the earlier instant — unless `prefer`, an
 * offset to keep, fits ({@link wallToInstant}).
 */
function instantOf(day: number, ms: number, tz: string, prefer?: number): number {
  return wallToInstant(day * DAY_MS + ms, tz, prefer);
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Local days of 0000-01-01 and 9999-12-31: the dates `YYYY-MM-DD` can write. */
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;

function dateKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayOfKey(date: string): number {
  return Math.floor(new Date(`${date}T00:00:00Z`).getTime() / DAY_MS);
}

/** Whether local `day` is a working day; throws when the data does not cover its year. */
function working(c: Compiled, day: number): boolean {
  const data = c.data;
  if (!data) return true;
  const year = yearOf(day);
  if (!data.years.has(year)) {
    throw new PolicyError('CALENDAR_NOT_AVAILABLE', [
      issue('CALENDAR_NOT_AVAILABLE', `no holiday data for ${year} in calendar "${data.id}" (it covers ${data.yearsText})`, [], '<calendar>'),
    ]);
  }
  const key = dateKey(day);
  if (data.workdays.has(key)) return true;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return !data.weekend.has(weekday) && !data.holidays.has(key);
}

// ── input checks ───────────────────────────────────────────────────────────

function instantMs(value: unknown, name: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InputError([issue('INVALID_INSTANT', `${name} must be a valid Date`, [name])]);
  }
  return value.getTime();
}

/**
 * Local day of a Date, an ISO instant with offset (as `parseInstant`
 * reads it: impossible dates and times are refused), or a `YYYY-MM-DD` date.
 * Every issue is at `date`.
 */
function dayOfInput(value: Date | string, tz: string): number {
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      if (!zIsoDate.safeParse(value).success) {
        throw new InputError([issue('INVALID_INPUT', `"${value}" is not a date that exists`, ['date'])]);
      }
      return dayOfKey(value);
    }
    const t = instantTextMs(value);
    if (t === undefined) {
      throw new InputError([
        issue('INVALID_INSTANT', `"${value}" is neither a date YYYY-MM-DD nor an ISO 8601 instant with an explicit offset that exists`, ['date']),
      ]);
    }
    return localOf(t, tz).day;
  }
  return localOf(instantMs(value, 'date'), tz).day;
}

/** Largest epoch milliseconds a `Date` holds. */
const MAX_DATE_MS = 8.64e15;
const inDateRange = (ms: number): boolean => ms >= -MAX_DATE_MS && ms <= MAX_DATE_MS;

function outOfRange(part: 'days' | 'hours' | 'minutes'): InputError {
  return new InputError([issue('INVALID_INPUT', `these ${part} would put the due instant beyond the range of a Date (±8.64e15 ms from 1970)`, [part])]);
}

/** How a duration part that is not a number ≥ 0 is shown: text in quotes and marked as text. */
function shown(v: unknown): string {
  return typeof v === 'string' ? `${JSON.stringify(v)} (text)` : typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function durationMs(duration: Duration): { days: number; ms: number } {
  const issues: PolicyIssue[] = [];
  if (duration === null || typeof duration !== 'object' || Array.isArray(duration) || !isPlain(duration)) {
    const got = Array.isArray(duration) ? 'a list' : duration === null ? 'null' : typeof duration === 'object' ? 'an object that is not a plain object' : typeof duration;
    throw new InputError([issue('INVALID_INPUT', `a duration is a plain object { days?, hours?, minutes? }, got ${got}`, [])]);
  }
  for (const key of Object.keys(duration)) {
    if (key !== 'days' && key !== 'hours' && key !== 'minutes') {
      issues.push(issue('INVALID_INPUT', `unknown duration part ${JSON.stringify(key)}: use days, hours or minutes`, [key]));
    }
  }
  const part = (key: 'days' | 'hours' | 'minutes'): number => {
    const v: unknown = duration[key];
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      issues.push(issue('INVALID_INPUT', `${key} must be a finite number ≥ 0, got ${shown(v)}`, [key]));
      return 0;
    }
    if (key === 'days' && !Number.isInteger(v)) {
      issues.push(issue('INVALID_INPUT', `days must be a whole number, got ${v}; use hours for fractions of a day`, [key]));
      return 0;
    }
    return v;
  };
  const days = part('days');
  const ms = Math.round(part('hours') * HOUR_MS + part('minutes') * MINUTE_MS);
  if (issues.length) throw new InputError(issues);
  return { days, ms };
}

/** Same wall-clock time on the `n`-th working day after the local day of `t`. */
function addWorkingDays(c: Compiled, t: number, n: number): number {
  if (n === 0) return t;
  const { day, ms } = localOf(t, c.timeZone);
  let d = day;
  for (let found = 0; found < n; ) {
    d++;
    if (working(c, d)) found++;
  }
  // As calendar days: where that wall time is missing or doubled, the start's offset is kept when it fits.
  return instantOf(d, ms, c.timeZone, offsetAt(c.timeZone, t));
}

/** Consumes `ms` of window time from instant `t` (business-hours). */
function addWorkingTime(c: Compiled, t: number, ms: number): number {
  if (ms === 0) return t;
  let remaining = ms;
  let cursor = t;
  // `working` throws once the walk leaves the data's years, so this ends.
  for (let day = localOf(t, c.timeZone).day; ; day++) {
    if (!working(c, day)) continue;
    for (const [ws, we] of c.windows) {
      const end = instantOf(day, we, c.timeZone);
      if (cursor >= end) continue;
      const from = Math.max(cursor, instantOf(day, ws, c.timeZone));
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
      cursor = end;
    }
  }
}

// ── public API ─────────────────────────────────────────────────────────────

/**
 * Tells whether a day is a working day of the calendar: a day listed in
 * `workdays`, or a day that is neither a weekend day nor a holiday. Every day
 * is a working day of a `calendar` (24×7) calendar. An instant is classified
 * by its local date in the calendar's zone; a business-hours calendar
 * classifies the whole day (whatever the time of day).
 *
 * @param cal - the calendar
 * @param instantOrDateString - a `Date`, an ISO 8601 instant with offset (as `parseInstant` reads it:
 *   1–9 fraction digits; impossible dates and times such as Feb 30 or 24:00 are refused), or a date `YYYY-MM-DD`
 * @returns whether that local day is a working day
 * @throws PolicyError `CALENDAR_NOT_AVAILABLE` when the data does not cover the year; {@link InputError}
 *   (code `INVALID_INPUT`; issue `INVALID_INSTANT`, or `INVALID_INPUT` for a date that does not exist, always
 *   at path `date`) for a bad day
 * @example
 * ```ts
 * const cal = { type: 'business-days', data: loadBundledCalendar('cn-mainland') } as const;
 * isWorkingDay(cal, '2026-02-14')                // → true  (Saturday, make-up workday)
 * isWorkingDay(cal, '2026-02-16T10:00:00+08:00') // → false (Spring Festival)
 * isWorkingDay(cal, '2027-01-04')                // throws CALENDAR_NOT_AVAILABLE
 * ```
 * @category Calendars
 */
export function isWorkingDay(cal: CalendarSpec, instantOrDateString: Date | string): boolean {
  const c = compile(cal);
  return working(c, dayOfInput(instantOrDateString, c.timeZone));
}

/**
 * Returns the first working day strictly after the local day of `date`.
 *
 * @param cal - the calendar
 * @param date - a `Date`, an ISO 8601 instant with offset, or a date `YYYY-MM-DD`
 * @returns the next working day as `YYYY-MM-DD` (a local date in the calendar's zone)
 * @throws PolicyError `CALENDAR_NOT_AVAILABLE` when the search reaches a year the data does not cover;
 *   {@link InputError} for a bad `date`, as {@link isWorkingDay}, or (issue `INVALID_INPUT` at `date`) when
 *   the result would be after 9999-12-31 or before 0000-01-01
 * @example
 * ```ts
 * nextWorkingDay(cal, '2026-02-14') // → '2026-02-24' (02-15..02-23 Spring Festival)
 * nextWorkingDay(cal, '2026-02-13') // → '2026-02-14' (make-up Saturday)
 * ```
 * @category Calendars
 */
export function nextWorkingDay(cal: CalendarSpec, date: Date | string): string {
  const c = compile(cal);
  let d = dayOfInput(date, c.timeZone) + 1;
  while (d <= LAST_DAY && !working(c, d)) d++;
  if (d < FIRST_DAY || d > LAST_DAY) {
    throw new InputError([issue('INVALID_INPUT', 'the next working day would be outside 0000-01-01 to 9999-12-31, the dates YYYY-MM-DD can write', ['date'])]);
  }
  return dateKey(d);
}

/**
 * Adds a duration to an instant the way the calendar counts time.
 *
 * - `calendar`: `days` are calendar days in the zone (same wall-clock time),
 *   then `hours`/`minutes` are plain elapsed time.
 * - `business-days`: the due instant is the same wall-clock time on the N-th
 *   next working day (counting from the local day of `start`, whether or not it
 *   is a working day). `hours`/`minutes` are accepted only as whole multiples
 *   of 24 hours, which count as working days.
 * - `business-hours`: `days` moves to the same wall-clock time on the N-th next
 *   working day; then `hours`/`minutes` consume only time inside the working
 *   windows of working days. A start outside a window begins at the next window
 *   start; an amount that exactly fills a window ends at that window's end.
 *
 * A zero duration returns `start` unchanged. The day of `start` must be
 * covered by the data too (business kinds).
 *
 * @param cal - the calendar
 * @param start - the instant to count from
 * @param duration - how much to add (`days`, `hours`, `minutes`; all ≥ 0)
 * @returns the due instant
 * @throws PolicyError `CALENDAR_NOT_AVAILABLE` when a day outside the data's years is touched;
 *   {@link InputError} (code `INVALID_INPUT`) for a bad start (issue `INVALID_INSTANT` at `start`) or
 *   duration: issue `INVALID_INPUT` at the part (e.g. `hours` for `{ hours: -1 }` or `{ hours: '2' }`;
 *   `hours`, else `minutes`, for hours that are not whole days on a business-days calendar; the part
 *   that would carry the due instant beyond the range of a `Date`), at an unknown key (`{ weeks: 1 }`),
 *   or at `[]` for a value that is not a plain object (a list, a `Map`)
 * @example
 * ```ts
 * const data = loadBundledCalendar('cn-mainland');
 * const days = { type: 'business-days', data } as const;
 * formatInstant(addDuration(days, new Date('2026-02-13T10:00:00+08:00'), { days: 1 }), 'Asia/Shanghai');
 * // → '2026-02-14T10:00:00+08:00' (Saturday make-up workday)
 * const hours = { type: 'business-hours', data, hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] } as const;
 * formatInstant(addDuration(hours, new Date('2026-03-02T11:00:00+08:00'), { hours: 2 }), 'Asia/Shanghai');
 * // → '2026-03-02T14:30:00+08:00' (the lunch break does not count)
 * ```
 * @category Calendars
 */
export function addDuration(cal: CalendarSpec, start: Date, duration: Duration): Date {
  const t = instantMs(start, 'start');
  const { days, ms } = durationMs(duration);
  const c = compile(cal);
  // The start day counts as touched: a deadline from a day the data does not
  // cover is refused even when the due day itself would be covered.
  working(c, localOf(t, c.timeZone).day);
  switch (c.type) {
    case 'calendar': {
      // Days as proposal due dates add them (`addCalendarDays`): the same wall-clock time.
      // A result past the range of a Date would be an Invalid Date: refused at the part that overflows.
      if (days > 0 && !inDateRange(t + days * DAY_MS)) throw outOfRange('days');
      const afterDays = days > 0 ? addCalendarDaysMs(t, days, c.timeZone) : t;
      if (!inDateRange(afterDays)) throw outOfRange('days');
      const due = afterDays + ms;
      // Blamed on the minutes when the hours alone would fit.
      if (!inDateRange(due)) throw outOfRange(duration.hours && (!duration.minutes || !inDateRange(afterDays + duration.hours * HOUR_MS)) ? 'hours' : 'minutes');
      return new Date(due);
    }
    case 'business-days': {
      if (ms % DAY_MS !== 0) {
        // The caller's argument (a pack's clock is checked when the pack loads, with its own issue).
        const hours = ms / HOUR_MS;
        throw new InputError([
          issue(
            'INVALID_INPUT',
            `a business-days calendar counts whole working days: ${hours} hours is not a multiple of 24; use a business-hours calendar to count hours`,
            [duration.hours && (duration.hours * HOUR_MS) % DAY_MS !== 0 ? 'hours' : 'minutes'],
          ),
        ]);
      }
      return new Date(addWorkingDays(c, t, days + ms / DAY_MS));
    }
    case 'business-hours':
      return new Date(addWorkingTime(c, addWorkingDays(c, t, days), ms));
  }
}

/**
 * Measures the time the calendar counts between two instants: all of it for
 * `calendar`; the part inside working days (local midnight to midnight) for
 * `business-days`; the part inside working windows of working days for
 * `business-hours`. Used to compute pauses and time left on a deadline.
 *
 * For `calendar` and `business-hours`,
 * `elapsed(cal, s, addDuration(cal, s, d))` equals `d` (hours and minutes).
 *
 * @param cal - the calendar
 * @param from - start instant (inclusive)
 * @param to - end instant (exclusive)
 * @returns milliseconds of counted time; `0` when `to <= from`
 * @throws PolicyError `CALENDAR_NOT_AVAILABLE` when a day between them is outside the data's years;
 *   {@link InputError} (issue `INVALID_INSTANT` at `from` or `to`) for an invalid date
 * @example
 * ```ts
 * elapsed(hours, new Date('2026-03-02T11:00:00+08:00'), new Date('2026-03-02T14:30:00+08:00'))
 * // → 7200000 (2 h: 11:00–12:00 and 13:30–14:30)
 * ```
 * @category Calendars
 */
export function elapsed(cal: CalendarSpec, from: Date, to: Date): number {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  const c = compile(cal);
  if (b <= a) return 0;
  if (c.type === 'calendar') return b - a;
  const windows: ReadonlyArray<readonly [number, number]> = c.type === 'business-days' ? [[0, DAY_MS]] : c.windows;
  let total = 0;
  for (let day = localOf(a, c.timeZone).day; instantOf(day, 0, c.timeZone) < b; day++) {
    if (!working(c, day)) continue;
    for (const [ws, we] of windows) {
      // A whole day ends at the next local midnight (23 or 25 h on DST days).
      const s = instantOf(day, ws, c.timeZone);
      const e = we === DAY_MS ? instantOf(day + 1, 0, c.timeZone) : instantOf(day, we, c.timeZone);
      const overlap = Math.min(e, b) - Math.max(s, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

