import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Actor, LifecycleEvent } from '../../src/lifecycle/data.js';
import { safeTransition, start } from '../../src/lifecycle/machine.js';
import type { LifecycleSnapshot } from '../../src/lifecycle/snapshot.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { deadlines } from '../../src/sla/deadlines.js';
import { packFiles } from '../packs.js';
import { AGENT, GM, SUPERVISOR, lcComplaint } from '../lifecycle/helpers.js';

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
