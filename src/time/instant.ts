import { z } from 'zod';
import { TZDate, tzOffset } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';
import { InputError, issue, quoted, shortText, type JsonPath } from '../errors/errors.js';

const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days before each month (1–12) of a common year. */
const MONTH_START = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * Days from 1970-01-01 to a proleptic Gregorian date. Years 1901–2099 (every
 * fourth year a leap year, no century in between) in small-integer
 * arithmetic; others by H. Hinnant's `days_from_civil`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  if (year > 1900 && year < 2100) return 365 * (year - 1970) + ((year - 1969) >> 2) + MONTH_START[month]! + (month > 2 && (year & 3) === 0 ? 1 : 0) + day - 1;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The two-digit number at `at`, or -1 (also past the end: `NaN` compares false). */
function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM[:SS[.f…]](Z|±HH:MM)` (fraction: 1–9
 * digits, truncated to milliseconds as `Date.parse` does), or `undefined`.
 * Written out digit by digit: this runs three times per decision.
 */
export function instantMs(text: string): number | undefined {
  const n = text.length;
  if (n < 17 || n > 35 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return undefined;
  const hi = two(text, 0);
  const lo = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  const year = hi * 100 + lo;
  // Leap years as before: the old check used Date.UTC, which reads years 0–99 as 1900–1999 (so 0000-02-29 is refused).
  if (day > 28 && day > (month === 2 ? (isLeap(year < 100 ? year + 1900 : year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!)) return undefined;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(at) === 58) {
    second = two(text, at + 1);
    if (second < 0 || second > 59) return undefined;
    at += 3;
    if (text.charCodeAt(at) === 46) {
      let count = 0;
      at++;
      for (let c = text.charCodeAt(at) - 48; c >= 0 && c <= 9; c = text.charCodeAt(at) - 48) {
        if (count < 3) millis = millis * 10 + c;
        count++;
        at++;
      }
      if (count < 1 || count > 9) return undefined;
      millis *= count === 1 ? 100 : count === 2 ? 10 : 1;
    }
  }
  let offsetMinutes = 0;
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */) {
    if (at + 1 !== n) return undefined;
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    if (at + 6 !== n || text.charCodeAt(at + 3) !== 58) return undefined;
    const oh = two(text, at + 1);
    const om = two(text, at + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = sign === 43 ? oh * 60 + om : -(oh * 60 + om);
  } else return undefined;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offsetMinutes * 60_000;
}

/**
 * Parses ISO 8601 text that carries its offset (`Z` or `±hh:mm`). A time
 * without an offset is refused: every instant carries its time zone.
 * Accepted: `YYYY-MM-DDTHH:MM`, optional `:SS` and then an optional fraction
 * of 1–9 digits (kept to the millisecond, truncated), then `Z` or `±hh:mm`;
 * impossible dates and times (Feb 30, 24:00, offset hours above 23) are
 * refused. Scanned by hand: no regular expression, no `Date.parse`.
 *
 * @param text - e.g. `2026-11-25T09:30:00+08:00`
 * @returns the instant, or `undefined` if the text is not such an instant
 * @example
 * ```ts
 * parseInstant('2026-11-25T09:30:00+08:00')?.toISOString() // → '2026-11-25T01:30:00.000Z'
 * parseInstant('2026-11-25T09:30:00')                      // → undefined
 * ```
 * @category Time
 */
export function parseInstant(text: string): Date | undefined {
  const ms = instantMs(typeof text === 'string' ? text : textOf(text));
  return ms === undefined ? undefined : new Date(ms);
}

/**
 * True when `text` is an instant {@link parseInstant} accepts (no `Date` is made).
 *
 * @param text - candidate text
 * @returns whether it parses
 * @example
 * ```ts
 * isInstantText('2026-11-25T09:30:00+08:00') // → true
 * isInstantText('2026-02-30T09:30:00+08:00') // → false
 * ```
 * @category Time
 */
export function isInstantText(text: string): boolean {
  return instantMs(text) !== undefined;
}

/**
 * zod schema for an instant: ISO 8601 text with an explicit offset.
 *
 * @category Time
 */
export const zInstant = z
  .string({ error: (iss) => (iss.input === undefined ? 'required' : 'an instant must be ISO 8601 text with an offset, e.g. "2026-11-25T09:30:00+08:00"') })
  .refine(isInstantText, {
    error: (iss) => `an instant must be ISO 8601 with an explicit offset, e.g. "2026-11-25T09:30:00+08:00" (got ${quoted(iss.input)})`,
  })
  .meta({ description: 'ISO 8601 instant with an explicit offset, e.g. "2026-11-25T09:30:00+08:00".' });

/**
 * Reads the `now` a caller passes: a `Date` or ISO text with an offset.
 *
 * @param now - the clock reading
 * @param path - where it came from, for the error
 * @returns the instant
 * @throws {@link InputError} (code `INVALID_INPUT`) with one issue `INVALID_INSTANT` at `path`
 * @example
 * ```ts
 * toInstant('2026-11-25T09:30:00+08:00').toISOString() // → '2026-11-25T01:30:00.000Z'
 * toInstant('2026-11-25 09:30')                        // throws InputError: INVALID_INSTANT at $.now
 * ```
 * @category Time
 */
export function toInstant(now: Date | string, path: JsonPath = ['now']): Date {
  const d = typeof now === 'string' ? parseInstant(now) : now instanceof Date && !Number.isNaN(now.getTime()) ? new Date(now.getTime()) : undefined;
  if (!d) {
    throw new InputError([
      issue('INVALID_INSTANT', `expected a Date or ISO 8601 text with an offset, got ${quoted(textOf(now))}`, path),
    ]);
  }
  return d;
}

/** `String(v)`, or `[object Object]` for a value `String` cannot convert (an object without a prototype). */
function textOf(v: unknown): string {
  try {
    return String(v);
  } catch {
    return '[object Object]';
  }
}

const HOUR_MS = 3_600_000;
const SLOTS = 32_768; // direct-mapped: UTC hour number → slot (hour mod 2^15): 3.7 years of hours without a collision
const MAX_ZONES = 16; // 320 KiB each; further zones share one cache
const NO_STEADY_OFFSET = -32_768; // in `offsets`: that hour needs the exact path

const canonicalNames = new Map<string, string>();
const MAX_SPELLINGS = 256;

/**
 * The zone's canonical IANA name (`asia/SHANGHAI` → `Asia/Shanghai`), the
 * name every call into `@date-fns/tz` is made with: it keeps a formatter
 * per name it is given, so passing spellings through would keep one
 * (≈ 20 KB) per spelling a caller ever sent. The first 256 spellings are
 * remembered; later ones are worked out each time. An unknown zone is
 * returned as it is (the caller reports it).
 *
 * @param timeZone - an IANA zone name, any letter case
 * @returns the canonical name
 * @example
 * ```ts
 * canonicalZone('asia/shanghai') // → 'Asia/Shanghai'
 * ```
 * @category Time
 * @internal
 */
export function canonicalZone(timeZone: string): string {
  // Never ask Intl about a non-name: `timeZone: undefined` is the process zone.
  if (typeof timeZone !== 'string' || timeZone.length === 0) return timeZone;
  const known = canonicalNames.get(timeZone);
  if (known !== undefined) return known;
  let name: string;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
  if (canonicalNames.size < MAX_SPELLINGS) canonicalNames.set(timeZone, name);
  return name;
}

/** Per zone: the offsets of the UTC hours seen lately. */
interface ZoneCache {
  /** The zone's canonical name (for `tzOffset`). */
  canonical: string;
  /** The UTC hour number held in each slot (NaN: empty). */
  readonly hours: Float64Array;
  /** Offset in minutes of that hour, or NO_STEADY_OFFSET. */
  readonly offsets: Int16Array;
}
const zones = new Map<string, ZoneCache>();
const newZoneCache = (timeZone: string): ZoneCache => ({
  canonical: canonicalZone(timeZone),
  hours: new Float64Array(SLOTS).fill(Number.NaN),
  offsets: new Int16Array(SLOTS),
});
/** Zones beyond the first 64 share one cache (still exact: every slot records what it holds). */
const overflowZone = newZoneCache('UTC');
let overflowOwner = '';

let lastZoneName = '';
let lastZoneCache: ZoneCache | undefined;

function zoneCache(timeZone: string): ZoneCache {
  if (timeZone === lastZoneName && lastZoneCache) return lastZoneCache; // one pack zone, many calls
  let z = zones.get(timeZone);
  if (z) {
    lastZoneName = timeZone;
    lastZoneCache = z;
    return z;
  }
  if (zones.size < MAX_ZONES) zones.set(timeZone, (z = newZoneCache(timeZone)));
  else {
    if (overflowOwner !== timeZone) {
      overflowZone.hours.fill(Number.NaN);
      overflowZone.canonical = canonicalZone(timeZone);
      overflowOwner = timeZone;
    }
    z = overflowZone;
  }
  return z;
}

/**
 * The zone's UTC offset in whole minutes, the same for the whole UTC hour
 * holding `ms`; `undefined` when that hour holds an offset change, the offset
 * has seconds (historical local mean time) or the zone is unknown. One
 * `Intl` look-up pair per zone and hour, then an array read.
 *
 * @param timeZone - IANA zone
 * @param ms - epoch milliseconds
 * @returns minutes east of UTC, or `undefined`
 * @example
 * ```ts
 * steadyOffset('Asia/Shanghai', Date.UTC(2026, 10, 25)) // → 480
 * ```
 * @category Time
 * @internal
 */
export function steadyOffset(timeZone: string, ms: number): number | undefined {
  const z = zoneCache(timeZone);
  const hour = Math.floor(ms / HOUR_MS);
  const slot = hour & (SLOTS - 1);
  let offset: number;
  if (z.hours[slot] === hour) offset = z.offsets[slot]!;
  else {
    const start = hour * HOUR_MS;
    const first = tzOffset(z.canonical, new Date(start));
    const last = tzOffset(z.canonical, new Date(start + HOUR_MS - 1));
    offset = first === last && Number.isInteger(first) && Math.abs(first) < 1440 ? first : NO_STEADY_OFFSET;
    z.hours[slot] = hour;
    z.offsets[slot] = offset;
  }
  return offset === NO_STEADY_OFFSET ? undefined : offset;
}

/**
 * Adds whole calendar days in a time zone: the same wall-clock time `days`
 * days later there, whatever the process `TZ` and across offset changes
 * (date-fns `addDays` on a plain `Date` counts days in the host zone).
 *
 * @param instant - the start
 * @param days - whole days (may be negative)
 * @param timeZone - IANA zone, e.g. `Asia/Shanghai`
 * @returns the instant `days` local days later
 * @throws InputError for an invalid `Date` (issue `INVALID_INSTANT` at `instant`), days that are not a whole number
 *   or that would carry the result beyond the range of a `Date` (`INVALID_INPUT` at `days`), or a zone that is
 *   unknown or not a non-empty text — `undefined` never means the process zone (`INVALID_INPUT` at `timeZone`)
 * @example
 * ```ts
 * addCalendarDays(new Date('2026-03-07T18:00:00Z'), 1, 'America/Los_Angeles').toISOString() // → '2026-03-08T17:00:00.000Z' (DST starts)
 * ```
 * @category Time
 */
export function addCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const problems = [
    ...(instant instanceof Date && !Number.isNaN(instant.getTime()) ? [] : [issue('INVALID_INSTANT', 'the instant is not a valid Date', ['instant'])]),
    ...(Number.isSafeInteger(days) ? [] : [issue('INVALID_INPUT', `days is a whole number, got ${shortText(textOf(days))}`, ['days'])]),
  ];
  if (problems.length) throw new InputError(problems);
  checkZone(timeZone);
  const t = instant.getTime();
  // Past the range of a Date the result would be an Invalid Date (and the offset look-ups NaN).
  const result = Math.abs(t + days * DAY_MS) <= MAX_DATE_MS ? addCalendarDaysMs(t, days, timeZone) : Number.NaN;
  if (!(Math.abs(result) <= MAX_DATE_MS)) {
    throw new InputError([issue('INVALID_INPUT', `${days} days from ${instant.toISOString()} is beyond the range of a Date (±8.64e15 ms from 1970)`, ['days'])]);
  }
  return new Date(result);
}

/**
 * Throws an `InputError` (issue `INVALID_INPUT` at `timeZone`) unless the
 * zone is a non-empty name `Intl` knows (never the process zone: `undefined`
 * is refused); known spellings are remembered (up to a bound).
 *
 * @param timeZone - an IANA zone name, as given
 */
function checkZone(timeZone: string): void {
  if (KNOWN_ZONES.has(timeZone)) return;
  // Before Intl: `timeZone: undefined` would silently mean the process zone.
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    const got = typeof timeZone === 'string' ? 'an empty text' : timeZone === null ? 'null' : typeof timeZone;
    throw new InputError([issue('INVALID_INPUT', `timeZone must be an IANA time zone name such as "Asia/Shanghai", got ${got}`, ['timeZone'])]);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InputError([issue('INVALID_INPUT', `"${timeZone}" is not a known IANA time zone`, ['timeZone'])]);
  }
  if (KNOWN_ZONES.size < MAX_SPELLINGS) KNOWN_ZONES.add(timeZone);
}

/**
 * The instant at which a zone's clocks show a wall-clock time. A time that
 * does not exist there (clocks moved forward over it) or exists twice (clocks
 * moved back) is settled by `prefer`, an offset the caller would keep — the
 * start's, when days are added to an instant — if it is one of the two around
 * the change; otherwise a missing time moves forward by the gap and a doubled
 * time takes the earlier instant (what Temporal calls `compatible`).
 *
 * @param wall - the wall-clock time, as epoch milliseconds of the same fields in UTC
 * @param timeZone - IANA zone
 * @param prefer - an offset in minutes to keep when it fits (optional)
 * @returns epoch milliseconds
 * @example
 * ```ts
 * // 02:30 does not exist in New York on 2026-03-08: 03:30 EDT
 * wallToInstant(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York') // → Date.UTC(2026, 2, 8, 7, 30)
 * ```
 * @category Time
 * @internal
 */
export function wallToInstant(wall: number, timeZone: string, prefer?: number): number {
  // The instant is within a day of `wall`; zones change offset at most once in two days.
  const a = offsetAt(timeZone, wall - DAY_MS);
  const b = offsetAt(timeZone, wall + DAY_MS);
  const ta = wall - a * 60_000;
  if (a === b) return ta;
  const tb = wall - b * 60_000;
  const fitsA = offsetAt(timeZone, ta) === a;
  const fitsB = offsetAt(timeZone, tb) === b;
  if (fitsA && fitsB) return prefer === b ? tb : prefer === a ? ta : Math.min(ta, tb); // doubled
  if (fitsA) return ta;
  if (fitsB) return tb;
  return prefer === b ? tb : ta; // missing: `ta` reads as wall + the gap after the change
}

/**
 * The zone's UTC offset in minutes at an instant, as `tzOffset` of
 * `@date-fns/tz` gives it, from the per-hour cache when the hour has one
 * steady whole-minute offset (one array read), else from `tzOffset`.
 *
 * @param timeZone - IANA zone
 * @param ms - epoch milliseconds
 * @returns minutes east of UTC
 * @example
 * ```ts
 * offsetAt('Asia/Shanghai', Date.UTC(2026, 10, 25)) // → 480
 * ```
 * @category Time
 * @internal
 */
export const offsetAt = (timeZone: string, ms: number): number => steadyOffset(timeZone, ms) ?? tzOffset(canonicalZone(timeZone), new Date(ms));



/**
 * {@link addCalendarDays} on epoch milliseconds.
 *
 * @param t - epoch milliseconds
 * @param days - whole days (may be negative)
 * @param timeZone - IANA zone
 * @returns epoch milliseconds `days` local days later
 * @example
 * ```ts
 * addCalendarDaysMs(Date.UTC(2026, 2, 7, 18), 1, 'America/Los_Angeles') // → Date.UTC(2026, 2, 8, 17)
 * ```
 * @category Time
 * @internal
 */
export function addCalendarDaysMs(t: number, days: number, timeZone: string): number {
  const target = t + days * DAY_MS; // right when the offset does not change
  const before = offsetAt(timeZone, t);
  const atTarget = offsetAt(timeZone, target);
  if (before === atTarget) return target;
  // local = utc + offset: keep the local time, using the offset in force at the result.
  const guess = target + (before - atTarget) * 60_000;
  return target + (before - offsetAt(timeZone, guess)) * 60_000;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

/** `YYYY-MM-DDT` of a day number since 1970-01-01 (H. Hinnant's `civil_from_days`). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
}

/** Day numbers printed lately (direct-mapped, NaN: empty) and their `YYYY-MM-DDT` texts (the same in every zone). */
const dayKeys = new Float64Array(SLOTS).fill(Number.NaN);
const dayTexts = new Array<string>(SLOTS).fill('');

/** `YYYY-MM-DDT` of a day number, cached per day. */
function dayPrefix(days: number): string {
  const slot = days & (SLOTS - 1);
  if (dayKeys[slot] === days) return dayTexts[slot]!;
  const prefix = dayText(days);
  dayKeys[slot] = days;
  dayTexts[slot] = prefix;
  return prefix;
}

/** `HH:MM:SS` of seconds since midnight. */
function clockText(secs: number): string {
  const hh = Math.floor(secs / 3600);
  const rest = secs - hh * 3600;
  const mm = Math.floor(rest / 60);
  return `${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[rest - mm * 60]}`;
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall-clock time given as milliseconds since 1970. */
function wallText(wallMs: number): string {
  const days = Math.floor(wallMs / DAY_MS);
  return dayPrefix(days) + clockText(Math.floor((wallMs - days * DAY_MS) / 1000));
}

/** `.mmm` of milliseconds 1–999 (0: no fraction, `''`). */
function millisText(millis: number): string {
  return millis === 0 ? '' : millis < 10 ? `.00${millis}` : millis < 100 ? `.0${millis}` : `.${millis}`;
}

/**
 * The last time of day printed with an offset (milliseconds since local midnight; offset in minutes)
 * and its `HH:MM:SS[.mmm]±hh:mm` text.
 */
let lastTimeOfDay = -1;
let lastSuffixOffset = Number.NaN;
let lastSuffix = '';

/**
 * {@link wallText} (and `.mmm` when the milliseconds are not zero) followed
 * by the offset text. The time-of-day-and-offset part of the last call is
 * reused: a decision prints `now` and due dates whole days later, all at the
 * same time of day.
 */
function zonedText(wallMs: number, offset: number): string {
  const days = Math.floor(wallMs / DAY_MS);
  const timeOfDay = wallMs - days * DAY_MS;
  if (timeOfDay !== lastTimeOfDay || offset !== lastSuffixOffset) {
    const secs = Math.floor(timeOfDay / 1000);
    lastSuffix = clockText(secs) + millisText(timeOfDay - secs * 1000) + offsetText(offset);
    lastTimeOfDay = timeOfDay;
    lastSuffixOffset = offset;
  }
  return dayPrefix(days) + lastSuffix;
}

/**
 * True when `text` — read by {@link instantMs} — is `YYYY-MM-DDTHH:MM:SS±hh:mm`
 * with `offset`, i.e. exactly what {@link zonedText} prints for its instant
 * (an offset of zero is printed `Z`, so `+00:00` is not). Length 25 leaves no
 * room for a fraction: the instant is a whole second, which zonedText prints
 * without one.
 */
function printedWith(text: string, offset: number): boolean {
  return text.length === 25 && offset !== 0 && text.charCodeAt(19) === (offset > 0 ? 43 : 45) && two(text, 20) * 60 + two(text, 23) === Math.abs(offset);
}

/** {@link zonedText}'s bookkeeping for a text that already is its result. */
function givenText(text: string, wallMs: number, offset: number): string {
  const days = Math.floor(wallMs / DAY_MS);
  const timeOfDay = wallMs - days * DAY_MS;
  if (timeOfDay !== lastTimeOfDay || offset !== lastSuffixOffset) {
    lastSuffix = text.slice(11);
    lastTimeOfDay = timeOfDay;
    lastSuffixOffset = offset;
  }
  return text;
}

/** `+08:00` / `-03:30` / `Z` by offset in minutes (−1439…1439). */
const OFFSET_TEXTS = new Map<number, string>();
function offsetText(offset: number): string {
  let text = OFFSET_TEXTS.get(offset);
  if (text === undefined) {
    const abs = Math.abs(offset);
    text = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${TWO_DIGITS[Math.trunc(abs / 60)]}:${TWO_DIGITS[abs % 60]}`;
    OFFSET_TEXTS.set(offset, text);
  }
  return text;
}

/** The last instant printed: a decision prints the same due instant for several remedies. */
let lastMs = Number.NaN;
let lastZone = '';
let lastText = '';
/** Its offset (minutes) and local day number (days since 1970-01-01 on the zone's calendar). */
let lastOffset = 0;
let lastDay = 0;

/**
 * Prints an instant as ISO 8601 with the offset of `timeZone` (`Z` when the
 * offset is zero), exactly like date-fns `formatISO(new TZDate(instant,
 * timeZone))` for a whole second; milliseconds that are not zero follow the
 * seconds as three digits (`17:30:00.500+08:00`). The text reads back as the
 * same instant whenever the zone's offset at that instant is a whole number
 * of minutes — every offset in use since the 1970s. Before standard time a
 * zone's offset may have had seconds (local mean time, e.g. `Asia/Shanghai`
 * before 1901: +08:05:43); ISO 8601 text cannot hold those seconds, so the
 * offset is printed without them (`+08:05`) after the true wall-clock time,
 * and the text reads back as an instant off by them (here 43 s later; at
 * most 59 s). The offset is cached per zone
 * and UTC hour and the text written by hand; an hour holding an offset
 * change, a year outside 1000–9999 or an offset with seconds takes the
 * date-fns path.
 *
 * @param instant - the instant
 * @param timeZone - IANA zone, e.g. `Asia/Shanghai`
 * @returns e.g. `2026-11-25T17:30:00+08:00`, or `2026-11-25T17:30:00.500+08:00` with milliseconds
 * @throws {@link InputError} (code `INVALID_INPUT`): issue `INVALID_INPUT` at `timeZone` for an unknown
 *   zone or one that is not a non-empty text (`undefined` never means the process zone), `INVALID_INSTANT` at `instant` for an invalid date or a value that is not a `Date`
 * @example
 * ```ts
 * formatInstant(new Date('2026-11-25T09:30:00Z'), 'Asia/Shanghai')     // → '2026-11-25T17:30:00+08:00'
 * formatInstant(new Date('2026-11-25T09:30:00.07Z'), 'Asia/Shanghai')  // → '2026-11-25T17:30:00.070+08:00'
 * formatInstant(new Date('1900-01-01T00:00:00Z'), 'Asia/Shanghai')     // → '1900-01-01T08:05:43+08:05' (reads back 43 s off)
 * ```
 * @category Time
 */
export function formatInstant(instant: Date, timeZone: string): string {
  return formatEpochMs(instant instanceof Date ? instant.getTime() : Number.NaN, timeZone);
}

/**
 * {@link formatInstant} of epoch milliseconds (no `Date` needed).
 *
 * @param ms - epoch milliseconds
 * @param timeZone - IANA zone
 * @returns e.g. `2026-11-25T17:30:00+08:00`
 * @throws InputError as {@link formatInstant}
 * @example
 * ```ts
 * formatEpochMs(Date.UTC(2026, 10, 25, 9, 30), 'Asia/Shanghai') // → '2026-11-25T17:30:00+08:00'
 * ```
 * @category Time
 * @internal
 */
export function formatEpochMs(ms: number, timeZone: string): string {
  return formatEpochMsOf(ms, timeZone, undefined);
}

/**
 * {@link formatEpochMs}, given the text the instant came from: when that
 * text already is the result — ISO 8601 to the second (no fraction) with
 * the zone's offset at that instant, as a host clock in the pack's zone
 * prints it — it is returned itself instead of being printed again (same
 * characters). Other texts, milliseconds among them, are printed.
 *
 * @param ms - epoch milliseconds
 * @param timeZone - IANA zone
 * @param given - text that {@link instantMs} reads as `ms`, or `undefined`
 * @returns the same text as `formatEpochMs(ms, timeZone)`
 * @example
 * ```ts
 * formatEpochMsOf(instantMs('2026-11-25T17:30:00+08:00')!, 'Asia/Shanghai', '2026-11-25T17:30:00+08:00') // → the given text itself
 * formatEpochMsOf(instantMs('2026-11-25T09:30:00Z')!, 'Asia/Shanghai', '2026-11-25T09:30:00Z')           // → '2026-11-25T17:30:00+08:00'
 * ```
 * @category Time
 * @internal
 */
export function formatEpochMsOf(ms: number, timeZone: string, given: string | undefined): string {
  if (ms === lastMs && timeZone === lastZone) return lastText;
  // lastZone starts as '' (nothing printed yet): '' must still be checked.
  if (timeZone !== lastZone || timeZone === '') checkZone(timeZone);
  if (Number.isNaN(ms)) throw new InputError([issue('INVALID_INSTANT', 'the instant is not a valid Date', ['instant'])]);
  const offset = steadyOffset(timeZone, ms);
  // Years 1000–9999: four digits without padding or sign, as formatISO prints them.
  if (offset !== undefined && ms >= MIN_FAST_MS && ms <= MAX_FAST_MS) {
    const wall = ms + offset * 60_000;
    const text = given !== undefined && printedWith(given, offset) ? givenText(given, wall, offset) : zonedText(wall, offset);
    lastMs = ms;
    lastZone = timeZone;
    lastText = text;
    lastOffset = offset;
    lastDay = Math.floor(wall / DAY_MS);
    return text;
  }
  return withMillis(formatISO(new TZDate(ms, canonicalZone(timeZone))), ms);
}

/**
 * date-fns `formatISO` text (to the second) with the instant's milliseconds
 * put after the seconds, when they are not zero. The zone offsets are whole
 * seconds, so the wall clock's milliseconds are the instant's.
 */
function withMillis(text: string, ms: number): string {
  const millis = ms - Math.floor(ms / 1000) * 1000;
  if (millis === 0) return text;
  const end = text.indexOf('T') + 9; // after HH:mm:ss
  return text.slice(0, end) + millisText(millis) + text.slice(end);
}

/**
 * The text of `days` calendar days and then `hours` hours after `ms`, when
 * that can be written from the last text {@link formatEpochMs} printed: `ms`
 * is that instant in that zone, `hours` is whole days, and the offset is the
 * same at `ms`, after the days and after the hours — then the due instant is
 * the same wall-clock time `days + hours / 24` local days later. Otherwise
 * `undefined` (print the instant worked out with `addCalendarDaysMs`).
 *
 * @param ms - epoch milliseconds, printed last
 * @param days - whole calendar days
 * @param hours - elapsed hours
 * @param timeZone - IANA zone
 * @returns the text, or `undefined`
 * @example
 * ```ts
 * formatEpochMs(Date.UTC(2026, 10, 20, 2), 'Asia/Shanghai');                // → '2026-11-20T10:00:00+08:00'
 * formatDaysAfterLast(Date.UTC(2026, 10, 20, 2), 7, 24, 'Asia/Shanghai')   // → '2026-11-28T10:00:00+08:00'
 * ```
 * @category Time
 * @internal
 */
export function formatDaysAfterLast(ms: number, days: number, hours: number, timeZone: string): string | undefined {
  if (ms !== lastMs || timeZone !== lastZone || hours % 24 !== 0) return undefined;
  const afterDays = ms + days * DAY_MS;
  const due = afterDays + hours * HOUR_MS;
  if (!(due >= MIN_FAST_MS && due <= MAX_FAST_MS) || steadyOffset(timeZone, due) !== lastOffset) return undefined;
  if (days !== 0 && hours !== 0 && steadyOffset(timeZone, afterDays) !== lastOffset) return undefined;
  return dayPrefix(lastDay + days + hours / 24) + lastSuffix;
}

/**
 * `date.toISOString()` (UTC, milliseconds, `Z`), written by hand for years
 * 1000–9999 — several times faster than V8's — and by `toISOString`
 * otherwise.
 *
 * @param date - a valid date
 * @returns e.g. `2026-11-25T01:30:00.000Z`
 * @example
 * ```ts
 * toIsoUtc(new Date(Date.UTC(2026, 10, 25, 1, 30))) // → '2026-11-25T01:30:00.000Z'
 * ```
 * @category Time
 */
export function toIsoUtc(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= MIN_ISO_MS && ms < MAX_ISO_MS)) return date.toISOString();
  const millis = ms - Math.floor(ms / 1000) * 1000;
  return `${wallText(ms)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

const KNOWN_ZONES = new Set<string>(); // only names checkZone accepted: never undefined
const MAX_DATE_MS = 8.64e15;
const MIN_ISO_MS = Date.UTC(1000, 0, 1);
const MAX_ISO_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1;
/** 1000-01-02T00:00Z and 9999-12-30T00:00Z: any offset (< 24 h) keeps the wall-clock year within 1000–9999. */
const MIN_FAST_MS = Date.UTC(1000, 0, 2);
const MAX_FAST_MS = Date.UTC(9999, 11, 30);
