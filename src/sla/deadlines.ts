import { addDuration, elapsed, isWorkingDay, localOf, type CalendarSpec } from '../calendar/calendar.js';
import { computeFacts } from '../conditions/facts.js';
import { InputError, issue, PolicyError, type PolicyIssue } from '../errors/errors.js';
import type { SlaEffect } from '../lifecycle/effects.js';
import type { LifecycleFactContext } from '../lifecycle/facts.js';
import type { CompiledClock, CompiledLifecycle } from '../lifecycle/kind.js';
import { INTAKE_EVENT } from '../lifecycle/schema.js';
import { readSnapshot } from '../lifecycle/machine.js';
import { requireLifecycle, type LifecycleSnapshot } from '../lifecycle/snapshot.js';
import { versionBelow } from '../lifecycle/version.js';
import type { Policy } from '../pack/policy.js';
import { tzOffset } from '@date-fns/tz';
import { canonicalZone, formatInstant, parseInstant, toInstant, wallToInstant } from '../time/instant.js';
import { minutesOfDay } from '../calendar/schema.js';

/**
 * Where a clock stands: `running` (counting, not yet due), `met` (stopped in
 * time), `breached` (due passed while it ran, or stopped late), `paused` (in a
 * state where it does not count), or `unavailable` (its business calendar has
 * no data for a day it needs, so something about it cannot be computed: see
 * {@link UnavailableClockStatus}, whose `knownState` says what is known all the
 * same). The first four are the states of a {@link ComputedClockStatus}.
 *
 * @category SLA
 */
export type ClockState = 'running' | 'met' | 'breached' | 'paused' | 'unavailable';

/**
 * What every clock status says, computed or not.
 *
 * @category SLA
 */
export interface ClockStatusBase {
  /** The clock id from the lifecycle file, e.g. `first-contact`. */
  readonly clock: string;
  /**
   * When the clock started: the `at` of the first history entry with one of its start events or entering one
   * of its start states (for `intake`, the complaint's `receivedAt`), ISO 8601 with the pack's offset, e.g.
   * `2026-11-20T10:00:00+08:00`.
   */
  readonly startedAt: string;
  /** When it stopped (or `null` while it runs). */
  readonly stoppedAt: string | null;
  /** How the clock counts time: its calendar's `type` (`calendar` is 24×7). */
  readonly calendar: 'calendar' | 'business-days' | 'business-hours';
  /** The clock's duration as declared, counted on its calendar, e.g. `{ hours: 2 }` or `{ days: 3 }`. */
  readonly duration: { readonly days?: number; readonly hours?: number; readonly minutes?: number };
  /** The clock's `clause` from the lifecycle file: the source it implements, e.g. `seed 003 art.3 §九.3`. */
  readonly clause: string;
  /** The clock's `description` from the lifecycle file, for a person. */
  readonly description: string;
}

/**
 * A clock whose due instant and time left could be computed.
 *
 * @category SLA
 */
export interface ComputedClockStatus extends ClockStatusBase {
  /**
   * Due instant, ISO 8601 with the pack's offset. For a `paused` clock: the due
   * instant if it resumed at `now`; for a `met` clock: the due instant as it
   * stood when it stopped (stopped while paused: as if it resumed at the stop).
   */
  readonly due: string;
  /** `running`, `paused`, `met` or `breached` (see {@link ClockState}). */
  readonly state: Exclude<ClockState, 'unavailable'>;
  /** Counted time left (negative: overdue), ISO 8601 duration such as `PT1H30M` or `-PT15M`. */
  readonly timeLeft: string;
  /** The same in milliseconds of counted time. */
  readonly timeLeftMs: number;
}

/**
 * A clock that has started but whose business calendar has no data for a day
 * it needs (the bundled `cn-mainland` data covers 2025–2026): what the data
 * allow is given — never a guess — with the `CALENDAR_NOT_AVAILABLE` issue
 * that says what is missing. The other clocks of the case are computed as usual.
 *
 * - `knownState` `breached`, `due` given: the due instant and the breach need
 *   only days the data cover; counting the overdue time does not (`timeLeft`
 *   `null`). It gives its reminder or inquiry as a computed breach does, with
 *   `overdueBy: null`.
 * - `knownState` `met`, `running` or `paused`, `due` `null`: the data cover the
 *   time the clock counted (its counting stretches; pauses count nothing, so
 *   they may lie beyond the data) and prove that its time had not run out by
 *   its end (the stop, else `now`); the due instant lies beyond the data. A
 *   `met` clock stays met whatever the missing data say.
 * - `knownState` `null`: the data do not prove the state. Usually it depends on
 *   the missing data; the proof is conservative, so a clock whose pauses fall
 *   outside working time near the data's end can be `null` though every
 *   completion of the data would make it met (it then raises a
 *   `calendar-unavailable` effect, never a wrong state).
 *
 * @category SLA
 */
export interface UnavailableClockStatus extends ClockStatusBase {
  /**
   * The due instant when the data allow it (ISO 8601 with the pack's offset,
   * as in {@link ComputedClockStatus.due}), else `null`.
   */
  readonly due: string | null;
  /** Always `unavailable`: `knownState` says what is known of the state. */
  readonly state: 'unavailable';
  /**
   * The state the clock certainly has, whatever the missing calendar data
   * say, or `null` when it depends on them.
   */
  readonly knownState: Exclude<ClockState, 'unavailable'> | null;
  /** Always `null`: the time left needs the missing calendar data. */
  readonly timeLeft: null;
  /** Always `null`, as `timeLeft`. */
  readonly timeLeftMs: null;
  /**
   * The `CALENDAR_NOT_AVAILABLE` issue: `file` the lifecycle file, `path`
   * `['clocks', i, 'calendar']`, message `clock "<id>": no holiday data for …`.
   */
  readonly problem: PolicyIssue;
}

/**
 * One SLA clock of a case at `now`: computed ({@link ComputedClockStatus},
 * `state` `running`, `paused`, `met` or `breached`) or, when its calendar
 * lacks data, `unavailable` ({@link UnavailableClockStatus}: `timeLeft` and
 * `timeLeftMs` are `null`, `due` is `null` unless known, `knownState` is what
 * is known of the state, `problem` says what is missing). Narrow on `state`.
 *
 * @category SLA
 */
export type ClockStatus = ComputedClockStatus | UnavailableClockStatus;

/**
 * Options of {@link deadlines} and {@link overdueEffects}.
 *
 * @category SLA
 */
export interface DeadlineOptions {
  /** The clock: a `Date` or ISO 8601 with an offset; not before the snapshot's last event. */
  readonly now: Date | string;
}

/**
 * Formats milliseconds as an ISO 8601 duration of hours, minutes and seconds
 * (milliseconds as a decimal fraction of the seconds: a clock breached by
 * 1 ms is `-PT0.001S`, never `-PT0S`).
 *
 * @param ms - milliseconds (negative for "overdue by")
 * @returns e.g. `PT2H`, `PT1H30M`, `-PT15M`, `PT0S`, `PT1.5S`
 * @example
 * ```ts
 * isoDuration(5_400_000) // → 'PT1H30M'
 * isoDuration(-900_000)  // → '-PT15M'
 * isoDuration(-1)        // → '-PT0.001S'
 * ```
 * @category SLA
 */
export function isoDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  let s = Math.floor(abs / 1000);
  const frac = Math.round(abs - s * 1000); // milliseconds, shown as a decimal fraction of the seconds
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const seconds = frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}S` : s ? `${s}S` : '';
  const body = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${seconds}`;
  return `${sign}PT${body || '0S'}`;
}

interface Timeline {
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  /** Active (counting) segments, ascending; the last one's end is `null` while it runs. */
  readonly segments: ReadonlyArray<readonly [number, number | null]>;
  /** Paused at the end (at stop, or now). */
  readonly pausedNow: boolean;
}

const ms = (text: string) => parseInstant(text)!.getTime();
const DAY_MS = 86_400_000;

/** Which clocks apply to the complaint (evaluated at intake). */
function applies(lc: CompiledLifecycle, clock: CompiledClock, snap: LifecycleSnapshot): boolean {
  if (!clock.when) return true;
  const intake = snap.history[0]!;
  const ctx: LifecycleFactContext = {
    complaint: snap.complaint,
    now: parseInstant(snap.complaint.receivedAt)!,
    timeZone: lc.timeZone,
    state: lc.initial,
    event: INTAKE_EVENT,
    actor: intake.actor,
    data: {},
    owner: snap.owner,
    handler: intake.actor,
    greenChannel: snap.priority === 'high',
    satisfaction: null,
    proposal: null,
    reviewResult: null,
    liabilityUpheld: null,
    handOffs: 0,
  };
  return clock.when(computeFacts(lc.facts, lc.usedFacts, ctx), null);
}

/** Start, stop and the counting segments of a clock, from the history. */
function timeline(lc: CompiledLifecycle, c: CompiledClock, snap: LifecycleSnapshot, now: number): Timeline | null {
  const h = snap.history;
  // A case opened under an earlier lifecycle version keeps the stops the clock had then (`earlierStops`).
  let stopEvents = c.stopEvents;
  let stopStates = c.stopStates;
  for (const x of c.earlierStops) {
    if (!versionBelow(snap.lifecycle.version, x.before)) continue;
    stopEvents = new Set([...stopEvents, ...x.events]);
    stopStates = new Set([...stopStates, ...x.states]);
  }
  let startIdx = -1;
  let stopIdx = -1;
  for (let i = 0; i < h.length; i++) {
    const e = h[i]!;
    if (startIdx < 0) {
      const byEvent = c.startEvents.has(e.type);
      const stateAt = e.entered.findIndex((s) => c.startStates.has(s));
      if (!byEvent && stateAt < 0) continue;
      startIdx = i;
      // Stop in the same step only by a state entered after the start.
      const after = byEvent ? e.entered : e.entered.slice(stateAt + 1);
      if (after.some((s) => stopStates.has(s) || lc.states.get(s)?.terminal)) {
        stopIdx = i;
        break;
      }
      continue;
    }
    if (stopEvents.has(e.type) || e.entered.some((s) => stopStates.has(s) || lc.states.get(s)?.terminal)) {
      stopIdx = i;
      break;
    }
  }
  if (startIdx < 0) return null;
  const startedAt = ms(h[startIdx]!.at);
  const stoppedAt = stopIdx >= 0 ? ms(h[stopIdx]!.at) : null;
  const end = stoppedAt ?? now;
  const last = stopIdx >= 0 ? stopIdx : h.length - 1;
  const segments: Array<[number, number | null]> = [];
  let pausedNow = false;
  for (let i = startIdx; i <= last; i++) {
    if (i === stopIdx) break;
    const from = i === startIdx ? startedAt : ms(h[i]!.at);
    const to = i < last ? ms(h[i + 1]!.at) : end;
    const paused = c.pauseIn.has(h[i]!.to);
    if (i === last) pausedNow = paused;
    if (paused || to < from) continue;
    const prev = segments[segments.length - 1];
    if (prev && prev[1] === from) prev[1] = to;
    else segments.push([from, to]);
  }
  if (stoppedAt === null) {
    const open = segments[segments.length - 1];
    if (open && !pausedNow && open[1] === now) open[1] = null;
  } else if (stopIdx === startIdx) {
    segments.length = 0;
  }
  return { startedAt, stoppedAt, segments, pausedNow: stoppedAt === null ? pausedNow : false };
}

/** Whether an error is a calendar's missing data (anything else is thrown on). */
const isCalendarGap = (e: unknown): e is PolicyError => e instanceof PolicyError && e.code === 'CALENDAR_NOT_AVAILABLE';

/**
 * Never paused: stopped at its start, or one counting stretch from the start that is still open or runs
 * up to the stop. A stretch that ended earlier (paused until the stop) is a pause like any other.
 */
function neverPaused(t: Timeline): boolean {
  const only = t.segments.length === 1 ? t.segments[0]! : null;
  return t.segments.length === 0
    ? t.stoppedAt !== null && t.stoppedAt === t.startedAt
    : only !== null && only[0] === t.startedAt && (t.stoppedAt === null ? only[1] === null : only[1] === t.stoppedAt) && !t.pausedNow;
}

/** Where a clock's time runs out (step (a) of the evaluation). */
interface DueInstant {
  /** The due instant (epoch ms). */
  readonly due: number;
  /** The time ran out inside a counting stretch; else `due` is where it would, counting on from the end. */
  readonly reached: boolean;
  /** Counted time left at the end when not `reached` (ms). */
  readonly remaining: number;
  readonly noPause: boolean;
}

/** (a) The due instant and whether a counting stretch reached it. Throws `CALENDAR_NOT_AVAILABLE` as the calendar does. */
function dueInstant(c: CompiledClock, t: Timeline, now: number): DueInstant {
  const cal = c.calendar;
  const due0 = addDuration(cal, new Date(t.startedAt), c.duration).getTime();
  const noPause = neverPaused(t);
  if (noPause) return { due: due0, reached: true, remaining: 0, noPause };
  let remaining = elapsed(cal, new Date(t.startedAt), new Date(due0));
  for (const [s, e] of t.segments) {
    const cand = s === t.startedAt ? due0 : addDuration(c.resumeCalendar, new Date(s), { minutes: remaining / 60_000 }).getTime();
    // A closed segment that ends exactly when the time runs out is not a breach yet.
    if (e === null || cand < e) return { due: cand, reached: true, remaining, noPause };
    remaining -= elapsed(cal, new Date(s), new Date(e));
  }
  const due = addDuration(c.resumeCalendar, new Date(t.stoppedAt ?? now), { minutes: remaining / 60_000 }).getTime();
  return { due, reached: false, remaining, noPause };
}

/** (b) The state, from the due instant, the end and the pause. Pure: needs no calendar. */
function stateOf(t: Timeline, d: DueInstant, now: number): ComputedClockStatus['state'] {
  const end = t.stoppedAt ?? now;
  if (t.stoppedAt !== null) return t.stoppedAt > d.due ? 'breached' : 'met';
  if (t.pausedNow) return d.reached && d.due < end ? 'breached' : 'paused';
  return now > d.due ? 'breached' : 'running';
}

/** (c) Counted time left (negative: overdue). Throws `CALENDAR_NOT_AVAILABLE` as the calendar does. */
function timeLeftOf(c: CompiledClock, t: Timeline, d: DueInstant, state: ComputedClockStatus['state'], now: number): number {
  const counted = (a: number, b: number) => elapsed(c.calendar, new Date(a), new Date(b));
  const end = t.stoppedAt ?? now;
  const due = d.due;
  if (state === 'breached') {
    // Overdue: counted time after the due instant, pauses excluded.
    const segs = d.noPause ? [[t.startedAt, end] as const] : t.segments.map(([s, e]) => [s, e ?? end] as const);
    return -segs.reduce((acc, [s, e]) => (e > due ? acc + counted(Math.max(s, due), e) : acc), 0);
  }
  if (state === 'paused') return d.remaining;
  return counted(end, due);
}

/**
 * Local midnight at the start of the first day, at or after the local day of `from`, whose year the
 * calendar has no data for (the calendar refuses exactly those days). Only for business calendars.
 */
function dataEnd(cal: CalendarSpec, from: number): number {
  if (cal.type === 'calendar') return Infinity;
  const tz = cal.timeZone ?? cal.data.timeZone;
  const { day } = localOf(from, tz);
  const covered = (date: string) => {
    try {
      isWorkingDay(cal, date);
      return true;
    } catch (e) {
      if (isCalendarGap(e)) return false;
      throw e;
    }
  };
  const first = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (!covered(first)) return wallToInstant(day * DAY_MS, tz);
  let year = Number(first.slice(0, 4)) + 1;
  while (covered(`${String(year).padStart(4, '0')}-01-01`)) year++;
  return wallToInstant(Date.UTC(year, 0, 1), tz);
}

/**
 * What the state of a clock is known to be when its due instant cannot be computed (step (a) failed for
 * lack of calendar data): `met` (stopped), `paused` or `running` when the data prove that its time had
 * not run out by the end of its life (`end` = the stop, else `now`); `null` when they do not.
 *
 * Why this is sound. The calendar walks (`addDuration`, `elapsed`) start at an instant at or after the
 * clock's start and look at the local days in order up to the day of their answer; they fail at the first
 * day whose year the data lack, and only then. Let D be the first such day at or after the start's day.
 * Let Σ be the time counted in the clock's counting stretches (all inside [start, end]); if the data do
 * not cover them, nothing is claimed (`null`).
 *
 * 1. Never paused (one stretch, [start, end]): step (a) is `due = addDuration(start, duration)` alone, so
 *    that walk reached D: with any data for D onwards the due lies on D or later, at or after
 *    midnight(D). Σ = elapsed(start, end) was computed, so when end > start every day from the start's
 *    whose midnight is before `end` is covered: midnight(D) ≥ end (when end = start, due ≥ start = end
 *    anyway). So due ≥ end, and the state rule (stopped: breached iff stop > due; running: breached iff
 *    now > due) gives `met` or `running`.
 * 2. With pauses, let B be the clock's budget of counted time, elapsed(start, due0) with
 *    `due0 = addDuration(start, duration)`, where step (a) starts. When due0 cannot be computed, a lower
 *    bound of B that the data give is used instead ({@link budgetAtLeast}; e.g. elapsed(start,
 *    midnight(D)), since due0 ≥ midnight(D) as in 1); Σ below it is below B. If Σ < B, no stretch reaches
 *    the due. A stretch that begins at the start reaches it when due0 is before the stretch's end, so only
 *    if elapsed(start, that end) ≥ B. Any other stretch k reaches it when its candidate — the first
 *    instant at which the count from the stretch's beginning reaches what is left, B − (counted in the
 *    stretches before k), counted on the resume calendar, which counts as the clock's calendar does — is
 *    before the stretch's end (or, for the open stretch, before `now`), so only if the time counted up
 *    to and including stretch k is ≥ B. Both contradict Σ < B. So a stopped clock is `met` (its due,
 *    counted on from the stop, is not before the stop), a paused one `paused`, one in an open stretch
 *    `running` — whatever the missing data say, and whether or not the data cover the pauses (which
 *    count nothing).
 *
 * Comparing Σ with B, not merely checking that the data cover the clock's life, matters: a clock of N
 * working days on working hours, started before opening time, whose pauses cost no counted time (a pause
 * overnight) can have Σ equal to all the working time up to midnight(D), which is then B; with data
 * completing the calendar, a stretch after the pause reaches the due at the last closing time before D,
 * before `end` — breached — while the same clock never paused would be met. Such a clock is left unknown
 * (`null`). `test/sla/deadlines.property.test.ts` checks every claim against the full evaluation on data
 * completed at random.
 */
function knownWithoutDue(c: CompiledClock, t: Timeline, now: number): ComputedClockStatus['state'] | null {
  const cal = c.calendar;
  const counted = (a: number, b: number) => elapsed(cal, new Date(a), new Date(b));
  const end = t.stoppedAt ?? now;
  const notRunOut = t.stoppedAt !== null ? 'met' : t.pausedNow ? 'paused' : 'running';
  try {
    if (neverPaused(t)) {
      counted(t.startedAt, end); // 1: the data cover [start, end], so the due is not before `end`
      return notRunOut;
    }
    const sum = t.segments.reduce((acc, [s, e]) => acc + counted(s, e ?? end), 0);
    return sum < budgetAtLeast(c, t) ? notRunOut : null;
  } catch (e) {
    if (!isCalendarGap(e)) throw e;
    return null;
  }
}

/**
 * B of {@link knownWithoutDue}, or a lower bound of it that the data allow: the counted time from the
 * start to `due0 = addDuration(start, duration)`.
 *
 * - due0 computed: B exactly.
 * - Otherwise the walk of the N working days (N the `days`; on business-days the whole duration in days)
 *   reached D, the first day the data lack, so N ≥ 1 and it lands on x: the start's wall-clock time m
 *   on a day d ≥ D that is a working day whatever the missing data say. On business-days due0 = x; on
 *   business-hours due0 adds the hours and minutes h to x in working time, and the count from x to due0
 *   is exactly h (`elapsed(x, addDuration(x, h)) = h`). Counted time is additive and each day's windows
 *   lie within that day, so elapsed(start, x) ≥ elapsed(start, midnight(D)) + W, W the counted time of
 *   day d before x (days between D and d count ≥ 0): the part of each window [ws, we) of day d (the
 *   whole day on business-days) before m, clamped: max(0, min(we, m) − ws). A start outside working
 *   hours gives every window that closed before m in full and none opened after it (before the first
 *   opening: W = 0); N = 0 (x = the start, walked only when the start's day lacks data) adds nothing.
 *   Where the zone's offset changes, each instant of a wall time on day d is that wall time minus one of
 *   the zone's offsets, so a span of wall time s counts at least s − J in real time, J the spread of the
 *   zone's offsets from D on ({@link offsetSpread}; 0 for a zone without offset changes): each window
 *   adds max(0, min(we, m) − ws − J). So B ≥ elapsed(start, midnight(D)) + W (+ h on business-hours).
 */
function budgetAtLeast(c: CompiledClock, t: Timeline): number {
  const cal = c.calendar;
  const start = new Date(t.startedAt);
  const upTo = (x: number) => elapsed(cal, start, new Date(x));
  const gap = (e: unknown): void => {
    if (!isCalendarGap(e)) throw e;
  };
  try {
    return upTo(addDuration(cal, start, c.duration).getTime());
  } catch (e) {
    gap(e);
  }
  if (cal.type === 'calendar') return 0; // never reached: a 24×7 calendar needs no data
  const { days = 0, hours = 0, minutes = 0 } = c.duration;
  const h = Math.round(hours * 3_600_000 + minutes * 60_000); // as addDuration reads it
  if (cal.type === 'business-hours') {
    try {
      return upTo(addDuration(cal, start, { days }).getTime()) + h; // x within the data: B exactly
    } catch (e) {
      gap(e);
    }
  }
  // N, the working days walked: `days` on business-hours, the whole duration on business-days.
  const n = cal.type === 'business-hours' ? days : days + h / DAY_MS;
  const w = n >= 1 && Number.isInteger(n) ? beforeWallTime(cal, t.startedAt) : 0;
  return upTo(dataEnd(cal, t.startedAt)) + w + (cal.type === 'business-hours' ? h : 0);
}

/**
 * W of {@link budgetAtLeast}: a lower bound of the counted time, on any working day d from the data's
 * end on, before the start's wall-clock time m: Σ over the windows of max(0, min(we, m) − ws − J).
 */
function beforeWallTime(cal: Exclude<CalendarSpec, { type: 'calendar' }>, startedAt: number): number {
  const tz = cal.timeZone ?? cal.data.timeZone;
  const m = localOf(startedAt, tz).ms;
  const windows: ReadonlyArray<readonly [number, number]> =
    cal.type === 'business-days' ? [[0, DAY_MS]] : cal.hours.map((x) => [minutesOfDay(x.start) * 60_000, minutesOfDay(x.end) * 60_000] as const);
  const j = offsetSpread(tz, dataEnd(cal, startedAt));
  return windows.reduce((acc, [ws, we]) => acc + Math.max(0, Math.min(we, m) - ws - j), 0);
}

const spreads = new Map<string, number>();
const SPREAD_YEARS = 40;

/**
 * J of {@link budgetAtLeast}: the largest difference of two UTC offsets the zone has (ms) from two days
 * before the UTC year of `from` on, read at every 7th day for {@link SPREAD_YEARS} years — every offset
 * regime of the time-zone rules (summer time, a Ramadan suspension) lasts longer than a week, and after
 * their last listed change the rules repeat yearly. Read with `tzOffset` (not the per-hour offset
 * cache, which these far-off hours would crowd); cached per zone and year (at most 64 entries).
 */
function offsetSpread(tz: string, from: number): number {
  const year = new Date(from).getUTCFullYear();
  const key = `${tz} ${year}`;
  const hit = spreads.get(key);
  if (hit !== undefined) return hit;
  const zone = canonicalZone(tz);
  const first = Date.UTC(year, 0, 1) - 2 * DAY_MS;
  let lo = Infinity;
  let hi = -Infinity;
  for (let at = first; at < first + SPREAD_YEARS * 366 * DAY_MS; at += 7 * DAY_MS) {
    const o = tzOffset(zone, new Date(at));
    lo = Math.min(lo, o);
    hi = Math.max(hi, o);
  }
  const spread = (hi - lo) * 60_000;
  if (spreads.size >= 64) spreads.clear();
  spreads.set(key, spread);
  return spread;
}

/**
 * The status of one clock: computed in full when the calendar data allow it, else `unavailable` with
 * what the data do tell. Step (a) may fail for lack of data (the due lies beyond them): then the state
 * may still be known ({@link knownWithoutDue}). Step (c) may fail after (a) succeeded (a breach whose
 * overdue time reaches into a year without data): the due and the state are known, the time left not.
 */
function evaluate(lc: CompiledLifecycle, c: CompiledClock, index: number, t: Timeline, now: number): ClockStatus {
  let d: DueInstant;
  try {
    d = dueInstant(c, t, now);
  } catch (e) {
    if (!isCalendarGap(e)) throw e;
    return unavailable(lc, c, index, t, e, knownWithoutDue(c, t, now), null);
  }
  const state = stateOf(t, d, now);
  let left: number;
  try {
    left = timeLeftOf(c, t, d, state, now);
  } catch (e) {
    if (!isCalendarGap(e)) throw e;
    return unavailable(lc, c, index, t, e, state, d.due);
  }
  const tz = lc.timeZone;
  return {
    clock: c.id,
    due: formatInstant(new Date(d.due), tz),
    state,
    timeLeft: isoDuration(left),
    timeLeftMs: left,
    ...common(lc, c, t),
  };
}

/** The fields every status of a clock has. */
function common(lc: CompiledLifecycle, c: CompiledClock, t: Timeline) {
  const tz = lc.timeZone;
  return {
    startedAt: formatInstant(new Date(t.startedAt), tz),
    stoppedAt: t.stoppedAt === null ? null : formatInstant(new Date(t.stoppedAt), tz),
    calendar: c.calendar.type,
    duration: { ...c.duration },
    clause: c.decl.clause,
    description: c.decl.description,
  };
}

/** Deadlines of a trusted snapshot (no re-validation). */
function compute(lc: CompiledLifecycle, snap: LifecycleSnapshot, now: Date): ClockStatus[] {
  const t = now.getTime();
  const last = snap.history[snap.history.length - 1]!;
  if (t < ms(last.at)) {
    throw new InputError([issue('INVALID_INPUT', `now (${formatInstant(now, lc.timeZone)}) is before the snapshot's last event (${last.at})`, ['now'])]);
  }
  const out: ClockStatus[] = [];
  lc.clocks.forEach((c, index) => {
    if (!applies(lc, c, snap)) return;
    const tl = timeline(lc, c, snap, t);
    // One clock's missing calendar data costs that clock only (and only what the data cannot tell).
    if (tl) out.push(evaluate(lc, c, index, tl, t));
  });
  return out;
}

/** The status of a clock whose calendar has no data for a day it needs: what is known, and why the rest is not. */
function unavailable(
  lc: CompiledLifecycle,
  c: CompiledClock,
  index: number,
  t: Timeline,
  e: PolicyError,
  knownState: UnavailableClockStatus['knownState'],
  due: number | null,
): UnavailableClockStatus {
  const cause = e.issues[0];
  const problem: PolicyIssue = {
    code: 'CALENDAR_NOT_AVAILABLE',
    file: lc.file,
    path: ['clocks', index, 'calendar'],
    message: `clock "${c.id}": ${cause?.message ?? e.message}`,
  };
  return {
    clock: c.id,
    due: due === null ? null : formatInstant(new Date(due), lc.timeZone),
    state: 'unavailable',
    knownState,
    timeLeft: null,
    timeLeftMs: null,
    ...common(lc, c, t),
    problem,
  };
}

/**
 * The SLA clocks of a case at `now`: for each clock that applies to the
 * complaint and has started, its due instant, time left and state. Computed
 * from the snapshot's history alone, so a snapshot restored from storage
 * never loses a timer (unlike delayed events held in memory). Clocks are
 * those of the loaded policy (see the migration rule of `readSnapshot`).
 * A clock whose business calendar has no data for a day it needs is
 * reported per clock, `state: 'unavailable'` with what the data allow —
 * `knownState` and, when known, `due` — and its `CALENDAR_NOT_AVAILABLE`
 * issue as `problem` (see {@link UnavailableClockStatus}); the other clocks
 * are computed as usual. Pure.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - the snapshot (as returned, or as stored)
 * @param options - `now`, not before the last event
 * @returns one status per started clock, in the order the pack declares them; narrow on `state` (`unavailable` has `timeLeft` and `timeLeftMs` `null`, `due` `null` unless known, and `knownState`)
 * @throws InputError for a bad `now` or a malformed snapshot; PolicyError `SNAPSHOT_MIGRATION_REQUIRED`, `KIND_MISSING` (never `CALENDAR_NOT_AVAILABLE`: that is a clock's `problem`)
 * @example
 * ```ts
 * deadlines(policy, snapshot, { now: '2026-11-20T11:00:00+08:00' })[0]
 * // → { clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'running', timeLeft: 'PT1H', … }
 * // a working-day clock due in 2026, still open in 2027 while the calendar data covers 2025–2026:
 * // the due and the breach are known, the overdue time is not
 * // → { clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', state: 'unavailable', knownState: 'breached',
 * //     timeLeft: null, timeLeftMs: null,
 * //     problem: { code: 'CALENDAR_NOT_AVAILABLE', file: 'lifecycle.json', path: ['clocks', 0, 'calendar'],
 * //                message: 'clock "investigation-report": no holiday data for 2027 …' }, … }
 * // one whose due lies in 2027, read in 2027: → { …, due: null, state: 'unavailable', knownState: null, … }
 * ```
 * @category SLA
 */
export function deadlines(policy: Policy, snapshot: unknown, options: DeadlineOptions): ClockStatus[] {
  const lc = requireLifecycle(policy);
  const snap = readSnapshot(policy, snapshot);
  if (!options || options.now === undefined) throw new InputError([issue('INVALID_INSTANT', 'deadlines() needs { now }: it never reads the system clock', ['now'])]);
  return compute(lc, snap, toInstant(options.now));
}

/**
 * The overdue effects of a case at `now` (seed 003 art.3 §十四): a `reminder`
 * (催办) for each clock of an open case that is past due and still running or
 * paused, and an `inquiry` (洽办) for each clock of a closed case that
 * stopped after its due instant. A clock whose calendar has no data for a
 * day it needs (`unavailable` in {@link deadlines}) gives what its
 * `knownState` calls for:
 *
 * - `breached`: its reminder or inquiry, exactly as a computed breach, with
 *   the known `due` and `overdueBy: null` (counting the overdue time needs the
 *   missing data). No `calendar-unavailable` effect: what must be done is
 *   known, and `overdueBy: null` already says the amount is not.
 * - `met`: nothing — it is met whatever the missing data say.
 * - `running`, `paused` or `null`: a `calendar-unavailable` effect with its
 *   `problem`, open or closed case alike — its coming due instant (or whether
 *   it was breached) is unknown until someone extends the calendar data.
 *
 * The other clocks' effects are produced as usual. Hosts run it periodically
 * and may dedupe: a reminder or an inquiry on complaint id, `type`, clock and
 * `due` (a reminder and the later inquiry of the same clock share clock and
 * due; `due` is always known for them); a `calendar-unavailable` effect, which
 * has no due, on complaint id, `type`, clock and `problem.message` — the
 * message names the missing year, so the alert repeats only when other data
 * are missing, not at every new revision of the case. Pure.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - the snapshot
 * @param options - `now`
 * @returns the effects, in clock order
 * @throws the same errors as {@link deadlines} (never `CALENDAR_NOT_AVAILABLE`)
 * @example
 * ```ts
 * overdueEffects(policy, snapshot, { now: '2026-11-20T13:00:00+08:00' })
 * // → [{ type: 'reminder', clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', overdueBy: 'PT1H', … }]
 * // a working-day clock due in 2027 without calendar data, next to an overdue 24×7 clock:
 * // → [{ type: 'calendar-unavailable', clock: 'investigation-report', problem: { code: 'CALENDAR_NOT_AVAILABLE', … }, … },
 * //    { type: 'reminder', clock: 'case-closure-domestic', … }]
 * // a working-day clock breached in 2026, read in 2027:
 * // → [{ type: 'reminder', clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', overdueBy: null, … }]
 * ```
 * @category SLA
 */
export function overdueEffects(policy: Policy, snapshot: unknown, options: DeadlineOptions): SlaEffect[] {
  const lc = requireLifecycle(policy);
  const snap = readSnapshot(policy, snapshot);
  if (!options || options.now === undefined) throw new InputError([issue('INVALID_INSTANT', 'overdueEffects() needs { now }: it never reads the system clock', ['now'])]);
  const now = toInstant(options.now);
  return effectsOf(lc, snap, compute(lc, snap, now), now);
}

function effectsOf(lc: CompiledLifecycle, snap: LifecycleSnapshot, statuses: readonly ClockStatus[], now: Date): SlaEffect[] {
  const closed = lc.states.get(snap.state)?.terminal === true;
  const at = formatInstant(now, lc.timeZone);
  const out: SlaEffect[] = [];
  for (const s of statuses) {
    const state = s.state === 'unavailable' ? s.knownState : s.state;
    if (s.state === 'unavailable' && state !== 'breached' && state !== 'met') {
      // Its coming due instant, or whether it was breached, is unknown: say so, open or closed case alike.
      out.push({ type: 'calendar-unavailable', clock: s.clock, problem: { ...s.problem, path: [...s.problem.path] }, owner: { ...snap.owner }, handler: { ...snap.handler }, complaintId: snap.complaintId, revision: snap.revision, at });
      continue;
    }
    if (state !== 'breached') continue;
    // Open case, clock stopped late: nothing to chase; the inquiry comes once the case is closed.
    if (!closed && s.stoppedAt !== null) continue;
    out.push({
      type: closed ? 'inquiry' : 'reminder',
      clock: s.clock,
      due: s.due!, // a breach is known only with its due instant
      overdueBy: s.timeLeftMs === null ? null : isoDuration(-s.timeLeftMs),
      stoppedAt: s.stoppedAt,
      owner: { ...snap.owner },
      handler: { ...snap.handler },
      complaintId: snap.complaintId,
      revision: snap.revision,
      at,
    });
  }
  return out;
}

/**
 * Deadlines and overdue effects of a snapshot already validated (used by the
 * CLI after a replay): what {@link deadlines} and {@link overdueEffects} give,
 * `unavailable` clocks and their effects included.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - a snapshot returned by `start`, `transition` or `replay`
 * @param now - the clock: a `Date` or ISO 8601 text with an offset
 * @returns the clock statuses and the overdue effects
 * @throws InputError for a `now` that is not a valid instant (issue `INVALID_INSTANT` at `now`) or is before the snapshot's last event (never `CALENDAR_NOT_AVAILABLE`)
 * @example
 * ```ts
 * const { deadlines, effects } = slaReport(policy, replay(policy, c, events).snapshot, new Date());
 * effects.some((e) => e.type === 'calendar-unavailable') // → true when a clock's due or state awaits more calendar data
 * ```
 * @category SLA
 */
export function slaReport(policy: Policy, snapshot: LifecycleSnapshot, now: Date | string): { deadlines: ClockStatus[]; effects: SlaEffect[] } {
  const lc = requireLifecycle(policy);
  const at = toInstant(now);
  const statuses = compute(lc, snapshot, at);
  return { deadlines: statuses, effects: effectsOf(lc, snapshot, statuses, at) };
}
