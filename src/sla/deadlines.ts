import { addDuration, elapsed } from '../calendar/calendar.js';
import { computeFacts } from '../conditions/facts.js';
import { InputError, issue, PolicyError, type PolicyIssue } from '../errors/errors.js';
import type { SlaEffect } from '../lifecycle/effects.js';
import type { LifecycleFactContext } from '../lifecycle/facts.js';
import type { CompiledClock, CompiledLifecycle } from '../lifecycle/kind.js';
import { INTAKE_EVENT } from '../lifecycle/schema.js';
import { readSnapshot } from '../lifecycle/machine.js';
import { requireLifecycle, type LifecycleSnapshot } from '../lifecycle/snapshot.js';
import type { Policy } from '../pack/policy.js';
import { formatInstant, parseInstant, toInstant } from '../time/instant.js';

/**
 * Where a clock stands: `running` (counting, not yet due), `met` (stopped in
 * time), `breached` (due passed while it ran, or stopped late), `paused` (in a
 * state where it does not count), or `unavailable` (its business calendar has
 * no data for a day it needs, so it has no due instant: see
 * {@link UnavailableClockStatus}). The first four are the states of a
 * {@link ComputedClockStatus}.
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
  readonly clock: string;
  readonly startedAt: string;
  /** When it stopped (or `null` while it runs). */
  readonly stoppedAt: string | null;
  readonly calendar: 'calendar' | 'business-days' | 'business-hours';
  readonly duration: { readonly days?: number; readonly hours?: number; readonly minutes?: number };
  readonly clause: string;
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
  readonly state: Exclude<ClockState, 'unavailable'>;
  /** Counted time left (negative: overdue), ISO 8601 duration such as `PT1H30M` or `-PT15M`. */
  readonly timeLeft: string;
  /** The same in milliseconds of counted time. */
  readonly timeLeftMs: number;
}

/**
 * A clock that has started but whose business calendar has no data for a day
 * it needs (the bundled `cn-mainland` data covers 2025–2026): no due instant
 * and no time left — never a guess — and the `CALENDAR_NOT_AVAILABLE` issue
 * that says why. The other clocks of the case are computed as usual.
 *
 * @category SLA
 */
export interface UnavailableClockStatus extends ClockStatusBase {
  readonly due: null;
  readonly state: 'unavailable';
  readonly timeLeft: null;
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
 * lacks data, `unavailable` ({@link UnavailableClockStatus}: `due`,
 * `timeLeft` and `timeLeftMs` are `null`, `problem` says why). Narrow on
 * `state`.
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
      if (after.some((s) => c.stopStates.has(s) || lc.states.get(s)?.terminal)) {
        stopIdx = i;
        break;
      }
      continue;
    }
    if (c.stopEvents.has(e.type) || e.entered.some((s) => c.stopStates.has(s) || lc.states.get(s)?.terminal)) {
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

function evaluate(lc: CompiledLifecycle, c: CompiledClock, t: Timeline, now: number): ComputedClockStatus {
  const cal = c.calendar;
  const due0 = addDuration(cal, new Date(t.startedAt), c.duration).getTime();
  const counted = (a: number, b: number) => elapsed(cal, new Date(a), new Date(b));
  // Never paused: stopped at its start, or one counting stretch from the start that is still open or
  // runs up to the stop. A stretch that ended earlier (paused until the stop) is a pause like any other.
  const only = t.segments.length === 1 ? t.segments[0]! : null;
  const noPause =
    t.segments.length === 0
      ? t.stoppedAt !== null && t.stoppedAt === t.startedAt
      : only !== null && only[0] === t.startedAt && (t.stoppedAt === null ? only[1] === null : only[1] === t.stoppedAt) && !t.pausedNow;
  let due: number | null = null;
  let remaining = 0;
  if (noPause) due = due0;
  else {
    remaining = counted(t.startedAt, due0);
    for (const [s, e] of t.segments) {
      const cand = s === t.startedAt ? due0 : addDuration(c.resumeCalendar, new Date(s), { minutes: remaining / 60_000 }).getTime();
      // A closed segment that ends exactly when the time runs out is not a breach yet.
      if (e === null || cand < e) {
        due = cand;
        break;
      }
      remaining -= counted(s, e);
    }
  }
  const reached = due !== null;
  if (due === null) due = addDuration(c.resumeCalendar, new Date(t.stoppedAt ?? now), { minutes: remaining / 60_000 }).getTime();
  const end = t.stoppedAt ?? now;
  let state: ComputedClockStatus['state'];
  if (t.stoppedAt !== null) state = t.stoppedAt > due ? 'breached' : 'met';
  else if (t.pausedNow) state = reached && due < end ? 'breached' : 'paused';
  else state = now > due ? 'breached' : 'running';
  let left: number;
  if (state === 'breached') {
    // Overdue: counted time after the due instant, pauses excluded.
    const segs = noPause ? [[t.startedAt, end] as const] : t.segments.map(([s, e]) => [s, e ?? end] as const);
    left = -segs.reduce((acc, [s, e]) => (e > due! ? acc + counted(Math.max(s, due!), e) : acc), 0);
  } else if (state === 'paused') left = remaining;
  else left = counted(end, due);
  const tz = lc.timeZone;
  return {
    clock: c.id,
    due: formatInstant(new Date(due), tz),
    state,
    timeLeft: isoDuration(left),
    timeLeftMs: left,
    startedAt: formatInstant(new Date(t.startedAt), tz),
    stoppedAt: t.stoppedAt === null ? null : formatInstant(new Date(t.stoppedAt), tz),
    calendar: cal.type,
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
    if (!tl) return;
    try {
      out.push(evaluate(lc, c, tl, t));
    } catch (e) {
      // One clock's missing calendar data costs that clock only: the others are still reported.
      if (!(e instanceof PolicyError) || e.code !== 'CALENDAR_NOT_AVAILABLE') throw e;
      out.push(unavailable(lc, c, index, tl, e));
    }
  });
  return out;
}

/** The status of a clock whose calendar has no data for a day it needs. */
function unavailable(lc: CompiledLifecycle, c: CompiledClock, index: number, t: Timeline, e: PolicyError): UnavailableClockStatus {
  const cause = e.issues[0];
  const problem: PolicyIssue = {
    code: 'CALENDAR_NOT_AVAILABLE',
    file: lc.file,
    path: ['clocks', index, 'calendar'],
    message: `clock "${c.id}": ${cause?.message ?? e.message}`,
  };
  const tz = lc.timeZone;
  return {
    clock: c.id,
    due: null,
    state: 'unavailable',
    timeLeft: null,
    timeLeftMs: null,
    startedAt: formatInstant(new Date(t.startedAt), tz),
    stoppedAt: t.stoppedAt === null ? null : formatInstant(new Date(t.stoppedAt), tz),
    calendar: c.calendar.type,
    duration: { ...c.duration },
    clause: c.decl.clause,
    description: c.decl.description,
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
 * reported per clock, `state: 'unavailable'` with its `CALENDAR_NOT_AVAILABLE`
 * issue as `problem` (see {@link UnavailableClockStatus}); the other clocks
 * are computed as usual. Pure.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - the snapshot (as returned, or as stored)
 * @param options - `now`, not before the last event
 * @returns one status per started clock, in the order the pack declares them; narrow on `state` (`unavailable` has `due`, `timeLeft` and `timeLeftMs` `null`)
 * @throws InputError for a bad `now` or a malformed snapshot; PolicyError `SNAPSHOT_MIGRATION_REQUIRED`, `KIND_MISSING` (never `CALENDAR_NOT_AVAILABLE`: that is a clock's `problem`)
 * @example
 * ```ts
 * deadlines(policy, snapshot, { now: '2026-11-20T11:00:00+08:00' })[0]
 * // → { clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'running', timeLeft: 'PT1H', … }
 * // a working-day clock that needs 2027 while the calendar data covers 2025–2026:
 * // → { clock: 'investigation-report', state: 'unavailable', due: null, timeLeft: null, timeLeftMs: null,
 * //     problem: { code: 'CALENDAR_NOT_AVAILABLE', file: 'lifecycle.json', path: ['clocks', 0, 'calendar'],
 * //                message: 'clock "investigation-report": no holiday data for 2027 …' }, … }
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
 * stopped after its due instant. A clock whose calendar has no data for a day
 * it needs (`unavailable` in {@link deadlines}) gives a `calendar-unavailable`
 * effect with its `problem`, open or closed case alike, so that someone
 * extends the calendar data; the other clocks' reminders and inquiries are
 * produced as usual. Hosts run it periodically (and may dedupe on complaint
 * id, clock and due). Pure.
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
 * // a working-day clock without calendar data, next to an overdue 24×7 clock:
 * // → [{ type: 'calendar-unavailable', clock: 'investigation-report', problem: { code: 'CALENDAR_NOT_AVAILABLE', … }, … },
 * //    { type: 'reminder', clock: 'case-closure-domestic', … }]
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
    if (s.state === 'unavailable') {
      // Its deadline cannot be known: say so, for open and closed cases alike, rather than drop it.
      out.push({ type: 'calendar-unavailable', clock: s.clock, problem: { ...s.problem, path: [...s.problem.path] }, owner: { ...snap.owner }, handler: { ...snap.handler }, complaintId: snap.complaintId, revision: snap.revision, at });
      continue;
    }
    if (s.state !== 'breached') continue;
    // Open case, clock stopped late: nothing to chase; the inquiry comes once the case is closed.
    if (!closed && s.stoppedAt !== null) continue;
    out.push({
      type: closed ? 'inquiry' : 'reminder',
      clock: s.clock,
      due: s.due,
      overdueBy: isoDuration(-s.timeLeftMs),
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
 * `unavailable` clocks and their `calendar-unavailable` effects included.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - a snapshot returned by `start`, `transition` or `replay`
 * @param now - the clock
 * @returns the clock statuses and the overdue effects
 * @throws InputError when `now` is before the snapshot's last event (never `CALENDAR_NOT_AVAILABLE`)
 * @example
 * ```ts
 * const { deadlines, effects } = slaReport(policy, replay(policy, c, events).snapshot, new Date());
 * deadlines.some((d) => d.state === 'unavailable') // → true when a calendar needs more data
 * ```
 * @category SLA
 */
export function slaReport(policy: Policy, snapshot: LifecycleSnapshot, now: Date): { deadlines: ClockStatus[]; effects: SlaEffect[] } {
  const lc = requireLifecycle(policy);
  const statuses = compute(lc, snapshot, now);
  return { deadlines: statuses, effects: effectsOf(lc, snapshot, statuses, now) };
}
