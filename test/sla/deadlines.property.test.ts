import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Actor, LifecycleEvent } from '../../src/lifecycle/data.js';
import { safeTransition, start, transition } from '../../src/lifecycle/machine.js';
import type { LifecycleSnapshot } from '../../src/lifecycle/snapshot.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { deadlines, overdueEffects } from '../../src/sla/deadlines.js';
import { packFiles } from '../packs.js';
import { AGENT, GM, SUPERVISOR, lcComplaint } from '../lifecycle/helpers.js';
import { cnMainlandWith2027, withCalendarData } from './completion.js';

/**
 * 24×7 clocks that pause, checked against a count made from their definition:
 * the clock counts the time between its start and its end (the stop, else now)
 * that the case spends outside its `pauseIn` states; `timeLeft` is the duration
 * less that count; `due` is the last instant at which the count has not passed
 * the duration, counting on after the end as if the clock resumed there.
 */
interface ClockDef {
  id: string;
  start: { events?: string[]; states?: string[] };
  stop?: { events?: string[]; states?: string[] };
  pauseIn: string[];
  minutes: number;
}

const CLOCKS: ClockDef[] = [
  // the shape of the defect: one stretch from intake, then paused until the case is closed
  { id: 'preliminary', start: { events: ['intake'] }, stop: { states: ['awaiting-customer'] }, pauseIn: ['third-party-review'], minutes: 48 * 60 },
  { id: 'finding', start: { events: ['start-verification'] }, stop: { events: ['determine-liability'] }, pauseIn: ['third-party-review', 'pending-approval'], minutes: 6 * 60 },
  { id: 'from-verifying', start: { states: ['verifying'] }, pauseIn: ['third-party-review', 'awaiting-customer', 'follow-up'], minutes: 30 * 60 },
  { id: 'paused-at-intake', start: { events: ['intake'] }, stop: { states: ['liability-determined'] }, pauseIn: ['received', 'third-party-review'], minutes: 2 * 60 },
  { id: 'execution', start: { states: ['executing'] }, stop: { events: ['record-follow-up'] }, pauseIn: ['follow-up'], minutes: 90 },
];

const files = packFiles('ecommerce');
files['lifecycle.json'].clocks = CLOCKS.map((c) => ({
  id: c.id,
  description: 'test',
  clause: 'test',
  start: c.start,
  ...(c.stop ? { stop: c.stop } : {}),
  pauseIn: c.pauseIn,
  duration: { minutes: c.minutes },
  calendar: { type: 'calendar' },
}));
const policy = loadPolicy({ files });
const lc = policy.lifecycle!;
const terminal = new Set([...lc.states.values()].filter((s) => s.terminal).map((s) => s.id));

interface Expected {
  clock: string;
  state: string;
  due: number;
  timeLeftMs: number;
  startedAt: number;
  stoppedAt: number | null;
}

/** The expected status of a clock, from the history and the definition above; `null` when not started. */
function expected(c: ClockDef, history: LifecycleSnapshot['history'], now: number): Expected | null {
  const at = (i: number) => Date.parse(history[i]!.at);
  const stops = (states: readonly string[]) => states.some((s) => terminal.has(s) || (c.stop?.states ?? []).includes(s));
  let first = -1;
  let last = -1;
  for (let i = 0; i < history.length && last < 0; i++) {
    const h = history[i]!;
    if (first < 0) {
      const byEvent = (c.start.events ?? []).includes(h.type);
      const k = h.entered.findIndex((s) => (c.start.states ?? []).includes(s));
      if (!byEvent && k < 0) continue;
      first = i;
      if (stops(byEvent ? h.entered : h.entered.slice(k + 1))) last = i;
    } else if ((c.stop?.events ?? []).includes(h.type) || stops(h.entered)) last = i;
  }
  if (first < 0) return null;
  const startedAt = at(first);
  const stopped = last >= 0;
  const end = stopped ? at(last) : now;
  // [from, to] stretches in which the case rests in a state that counts
  const counting: Array<[number, number]> = [];
  const upTo = stopped ? last : history.length;
  for (let i = first; i < upTo; i++) {
    const to = i + 1 < history.length && i + 1 <= upTo ? at(i + 1) : end;
    if (!c.pauseIn.includes(history[i]!.to)) counting.push([i === first ? startedAt : at(i), Math.min(to, end)]);
  }
  const duration = c.minutes * 60_000;
  const total = counting.reduce((n, [a, b]) => n + (b - a), 0);
  // after the end the clock is taken as counting on, so the count always reaches the duration
  let due = NaN;
  let acc = 0;
  for (const [a, b] of [...counting, [end, Infinity] as [number, number]]) {
    if (acc + (b - a) > duration) {
      due = a + (duration - acc);
      break;
    }
    acc += b - a;
  }
  const pausedNow = !stopped && c.pauseIn.includes(history[history.length - 1]!.to);
  const state = stopped ? (end > due ? 'breached' : 'met') : now > due ? 'breached' : pausedNow ? 'paused' : 'running';
  return { clock: c.id, state, due, timeLeftMs: duration - total, startedAt, stoppedAt: stopped ? end : null };
}

const ACTORS: Actor[] = [AGENT, SUPERVISOR, GM];
const stepArb = fc.record({
  pick: fc.nat(),
  minutes: fc.oneof(fc.constantFrom(0, 30, 60, 90, 120, 360), fc.integer({ min: 0, max: 3 * 24 * 60 })),
  actor: fc.constantFrom(...ACTORS),
  big: fc.boolean(),
  satisfaction: fc.integer({ min: 1, max: 5 }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function eventOf(type: string, s: Step, snap: LifecycleSnapshot, at: string): LifecycleEvent {
  const base = { type, at, actor: s.actor };
  const amount = s.big ? '2999.00' : '299.00';
  switch (type) {
    case 'propose':
      return { ...base, data: { options: [{ type: 'exchange', amount }, { type: 'refund', amount }], resolveBy: '2027-06-30T18:00:00+08:00' } };
    case 'customer-accept':
      return { ...base, data: { option: snap.proposal?.options[s.pick % 2]?.id ?? 'exchange' } };
    case 'record-follow-up':
      return { ...base, data: { satisfaction: s.satisfaction } };
    case 'hand-off':
      return { ...base, data: { to: ACTORS[s.pick % ACTORS.length]! } };
    case 'review-result':
      return { ...base, data: { result: 'quality-problem' } };
    default:
      return base;
  }
}

describe('paused 24×7 clocks agree with a count made from their definition', () => {
  test('random walks over the ecommerce lifecycle, read at a random later instant', () => {
    let stoppedWhilePaused = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), fc.integer({ min: 0, max: 4 * 24 * 60 }), (steps, later) => {
        const complaint = lcComplaint();
        let snap = start(policy, complaint, { actor: AGENT }).snapshot;
        let t = Date.parse(complaint.receivedAt);
        for (const s of steps) {
          const allowed = lc.allowedEvents(snap.state);
          t += s.minutes * 60_000;
          const r = safeTransition(policy, snap, eventOf(allowed[s.pick % allowed.length]!, s, snap, new Date(t).toISOString()));
          if (r.success) snap = r.data.snapshot;
        }
        const now = t + later * 60_000;
        const got = deadlines(policy, snap, { now: new Date(now) }).map((d) => ({
          clock: d.clock,
          state: d.state,
          due: d.state === 'unavailable' ? null : Date.parse(d.due),
          timeLeftMs: d.timeLeftMs,
          startedAt: Date.parse(d.startedAt),
          stoppedAt: d.stoppedAt === null ? null : Date.parse(d.stoppedAt),
        }));
        const want = CLOCKS.map((c) => expected(c, snap.history, now)).filter((x): x is Expected => x !== null);
        expect(got).toEqual(want);
        for (const c of CLOCKS) {
          const w = want.find((x) => x.clock === c.id);
          const h = snap.history;
          if (w?.stoppedAt != null && h.some((e, i) => i > 0 && Date.parse(e.at) === w.stoppedAt && c.pauseIn.includes(e.from!))) stoppedWhilePaused++;
        }
      }),
      { numRuns: 1500, seed: 20261126 },
    );
    // the walks do reach the case of the defect: a clock stopped while the case rested in a pause state
    expect(stoppedWhilePaused).toBeGreaterThan(50);
  });
});

/**
 * Clocks on working days and working hours, around the end of the bundled calendar data (2026): what
 * `deadlines` reports of a clock that lacks data — `knownState`, `due` — must be what the full evaluation
 * gives once the calendar is completed with 2027 data, whatever those data are (random holidays and
 * make-up workdays). A computed clock must not change at all.
 */
const HOURS = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
const DAYS = { type: 'business-days', data: 'cn-mainland' };
const WORKING_HOURS = { type: 'business-hours', data: 'cn-mainland', hours: HOURS };
const BUSINESS_CLOCKS = [
  { id: 'days-from-intake', start: { events: ['intake'] }, stop: { states: ['awaiting-customer'] }, pauseIn: ['third-party-review'], duration: { days: 3 }, calendar: DAYS },
  { id: 'days-finding', start: { events: ['start-verification'] }, stop: { events: ['determine-liability'] }, pauseIn: ['third-party-review', 'pending-approval'], duration: { days: 2 }, calendar: DAYS },
  { id: 'days-never-paused', start: { events: ['intake'] }, pauseIn: [], duration: { days: 4 }, calendar: DAYS },
  { id: 'hours-from-verifying', start: { states: ['verifying'] }, pauseIn: ['third-party-review', 'awaiting-customer', 'follow-up'], duration: { hours: 16 }, calendar: WORKING_HOURS },
  { id: 'working-days-on-hours', start: { states: ['verifying'] }, pauseIn: ['third-party-review'], duration: { days: 2 }, calendar: WORKING_HOURS },
  { id: 'hours-paused-at-intake', start: { events: ['intake'] }, stop: { states: ['liability-determined'] }, pauseIn: ['received', 'third-party-review'], duration: { hours: 6 }, calendar: WORKING_HOURS },
  { id: 'days-and-hours', start: { states: ['executing'] }, stop: { events: ['record-follow-up'] }, pauseIn: ['follow-up'], duration: { days: 1, hours: 4 }, calendar: WORKING_HOURS },
];
const bizFiles = packFiles('ecommerce');
bizFiles['lifecycle.json'].clocks = BUSINESS_CLOCKS.map((c) => ({ description: 'test', clause: 'test', ...c }));
const bizPolicy = loadPolicy({ files: bizFiles });
const bizLc = bizPolicy.lifecycle!;

const DAY = 86_400_000;
const dates2027 = Array.from({ length: 59 }, (_, i) => new Date(Date.UTC(2027, 0, 1) + i * DAY).toISOString().slice(0, 10));
const weekend2027 = dates2027.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
const completionArb = fc.record({ holidays: fc.subarray(dates2027), workdays: fc.subarray(weekend2027) }).map(({ holidays, workdays }) => ({
  holidays,
  workdays: workdays.filter((d) => !holidays.includes(d)),
}));
// received in the last three weeks of 2026, often exactly on an hour
const receivedArb = fc.oneof(
  fc.integer({ min: 0, max: 21 * 24 * 60 }).map((m) => Date.parse('2026-12-11T00:00:00+08:00') + m * 60_000),
  fc.integer({ min: 0, max: 21 * 24 }).map((h) => Date.parse('2026-12-11T00:00:00+08:00') + h * 3_600_000),
);
const bizStepArb = fc.record({
  pick: fc.nat(),
  minutes: fc.oneof(fc.constantFrom(0, 60, 12 * 60, 24 * 60), fc.integer({ min: 0, max: 2 * 24 * 60 })),
  // often the next such wall-clock time (+08:00) instead, some days on: edges of the working hours and days,
  // so that pauses fall wholly outside working time and stops land right after it
  at: fc.option(fc.record({ time: fc.constantFrom(0, 8 * 60, 9 * 60, 12 * 60, 13 * 60 + 30, 18 * 60, 20 * 60), days: fc.integer({ min: 0, max: 2 }) }), { freq: 2 }),
  actor: fc.constantFrom(...ACTORS),
  big: fc.boolean(),
  satisfaction: fc.integer({ min: 1, max: 5 }),
});
/** The next instant after `t` (or `t` itself) at wall-clock minute `time` in Shanghai, `days` later. */
function nextWallTime(t: number, time: number, days: number): number {
  const local = t + 8 * 3_600_000;
  let next = Math.floor(local / DAY) * DAY + time * 60_000;
  if (next < local) next += DAY;
  return next + days * DAY - 8 * 3_600_000;
}

/** Checks what `deadlines` and `overdueEffects` report on the bundled data against a completion of the data; tallies what was known. */
function checkAgainstCompletion(snap: LifecycleSnapshot, now: { now: Date }, completion: { holidays: string[]; workdays: string[] }, known: Record<string, number>): void {
  const full = withCalendarData(bizPolicy, cnMainlandWith2027(completion.holidays, completion.workdays));
  const part = deadlines(bizPolicy, snap, now);
  const all = deadlines(full, snap, now);
  expect(all.map((d) => d.clock)).toEqual(part.map((d) => d.clock));
  part.forEach((p, i) => {
    const f = all[i]!;
    if (p.state !== 'unavailable') {
      known.computed!++;
      expect(f).toEqual(p);
      return;
    }
    if (f.state === 'unavailable') return; // needs 2028 as well
    known[String(p.knownState)]!++;
    if (p.knownState !== null) expect(f.state).toBe(p.knownState);
    if (p.due !== null) {
      known.withDue!++;
      expect(f.due).toBe(p.due);
    }
  });
  // effects: a known breach gives the reminder or inquiry the completed data give (overdue time aside);
  // every other reminder or inquiry of the completed data is flagged calendar-unavailable, never dropped
  const pe = overdueEffects(bizPolicy, snap, now);
  const fe = overdueEffects(full, snap, now);
  for (const e of fe) {
    if (e.type === 'calendar-unavailable') continue;
    const mine = pe.find((x) => x.clock === e.clock)!;
    expect(mine).toBeDefined();
    if (mine.type === 'calendar-unavailable') continue;
    expect(mine).toEqual({ ...e, overdueBy: mine.overdueBy === null ? null : e.overdueBy });
  }
  for (const e of pe) {
    if (e.type !== 'calendar-unavailable') expect(fe.some((x) => x.type === e.type && x.clock === e.clock)).toBe(true);
    else {
      const p = part.find((d) => d.clock === e.clock)!;
      expect(p.state === 'unavailable' && p.knownState !== 'met' && p.knownState !== 'breached').toBe(true);
    }
  }
}

/** A wall-clock time at an edge of the working hours (or a little inside them), today or tomorrow. */
const wallArb = fc.record({ time: fc.constantFrom(0, 8 * 60, 9 * 60, 10 * 60, 12 * 60, 13 * 60 + 30, 18 * 60, 20 * 60), days: fc.integer({ min: 0, max: 1 }) });

describe('a clock without calendar data for part of it: what is reported as known holds for any completion of the data', () => {
  const tally = () => ({ met: 0, paused: 0, running: 0, breached: 0, null: 0, withDue: 0, computed: 0 });

  test('random walks across the end of 2026, read up to three weeks into 2027, against random 2027 data', () => {
    const known: Record<string, number> = tally();
    fc.assert(
      fc.property(receivedArb, fc.array(bizStepArb, { maxLength: 14 }), fc.integer({ min: 0, max: 21 * 24 * 60 }), completionArb, (received, steps, later, completion) => {
        const complaint = lcComplaint({ receivedAt: new Date(received).toISOString() });
        let snap = start(bizPolicy, complaint, { actor: AGENT }).snapshot;
        let t = received;
        for (const s of steps) {
          const allowed = bizLc.allowedEvents(snap.state);
          t = s.at ? nextWallTime(t, s.at.time, s.at.days) : t + s.minutes * 60_000;
          const r = safeTransition(bizPolicy, snap, eventOf(allowed[s.pick % allowed.length]!, s, snap, new Date(t).toISOString()));
          if (r.success) snap = r.data.snapshot;
        }
        checkAgainstCompletion(snap, { now: new Date(t + later * 60_000) }, completion, known);
      }),
      { numRuns: 1000, seed: 20261231 },
    );
    // the walks reach every kind of partial knowledge
    for (const k of Object.keys(known)) expect(known[k], k).toBeGreaterThan(20);
  });

  test('third-party reviews that begin and end at the edges of working time, in the last days of 2026', () => {
    // pauses that cost no counted time and stops right after the last working hour: the cases where the data
    // covering the clock's life is not enough to know it was met
    const known: Record<string, number> = tally();
    fc.assert(
      fc.property(
        fc.record({ day: fc.integer({ min: 0, max: 3 }), at: wallArb }),
        wallArb,
        fc.array(fc.tuple(wallArb, wallArb), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('stay', 'reject', 'review'),
        wallArb,
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        completionArb,
        (received, verification, reviews, last, lastAt, later, completion) => {
          let t = nextWallTime(Date.parse('2026-12-28T00:00:00+08:00') + received.day * DAY, received.at.time, 0);
          const complaint = lcComplaint({ receivedAt: new Date(t).toISOString() });
          const events: LifecycleEvent[] = [];
          const next = (type: string, at: { time: number; days: number }, data?: Record<string, unknown>) => {
            t = nextWallTime(t, at.time, at.days);
            events.push({ type, at: new Date(t).toISOString(), actor: AGENT, ...(data ? { data } : {}) });
          };
          next('start-verification', verification);
          for (const [from, to] of reviews) {
            next('request-third-party-review', from);
            next('review-result', to, { result: 'quality-problem' });
          }
          if (last === 'reject') next('reject-complaint', lastAt);
          if (last === 'review') next('request-third-party-review', lastAt);
          let snap = start(bizPolicy, complaint, { actor: AGENT }).snapshot;
          for (const e of events) snap = transition(bizPolicy, snap, e).snapshot;
          checkAgainstCompletion(snap, { now: new Date(t + later * 60_000) }, completion, known);
        },
      ),
      { numRuns: 1000, seed: 20270101 },
    );
    for (const k of ['met', 'paused', 'breached', 'null', 'computed']) expect(known[k], k).toBeGreaterThan(20);
  });
});
