import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { replay, start, transition } from '../../src/lifecycle/machine.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { deadlines, isoDuration, overdueEffects, slaReport } from '../../src/sla/deadlines.js';
import { packFiles } from '../packs.js';
import { cnMainlandWith2027, withCalendarData } from './completion.js';
import { AGENT, SUPERVISOR, caseIn, ecommerce, ev, lcComplaint, proposal, thrown } from '../lifecycle/helpers.js';

const brief = (list: ReturnType<typeof deadlines>) => list.map((d) => ({ clock: d.clock, due: d.due, state: d.state, timeLeft: d.timeLeft }));
const fresh = (over: Parameters<typeof lcComplaint>[0] = {}) => start(ecommerce, lcComplaint(over), { actor: AGENT }).snapshot;

describe('ecommerce clocks, in calendar hours from receivedAt', () => {
  test('an ordinary complaint right after intake: first contact 2 h, preliminary solution 48 h', () => {
    expect(deadlines(ecommerce, fresh(), { now: '2026-11-20T10:00:00+08:00' })).toEqual([
      {
        clock: 'first-contact',
        due: '2026-11-20T12:00:00+08:00',
        state: 'running',
        timeLeft: 'PT2H',
        timeLeftMs: 7_200_000,
        startedAt: '2026-11-20T10:00:00+08:00',
        stoppedAt: null,
        calendar: 'calendar',
        duration: { hours: 2 },
        clause: 'seed 000 §2.2; seed 000 §3.2',
        description: expect.stringContaining('within 2 hours'),
      },
      expect.objectContaining({ clock: 'preliminary-solution', due: '2026-11-22T10:00:00+08:00', state: 'running', timeLeft: 'PT48H', calendar: 'calendar', duration: { hours: 48 } }),
    ]);
  });

  test.each([
    ['ordinary', false, ['first-contact', 'preliminary-solution']],
    ['complex', false, ['progress-feedback', 'preliminary-solution']],
    ['complex', true, ['first-contact', 'progress-feedback', 'preliminary-solution']],
  ] as const)('%s complaint, vulnerable %s → %j', (severity, vulnerable, clocks) => {
    const d = deadlines(ecommerce, fresh({ severity, customer: { vulnerable } }), { now: '2026-11-20T10:00:00+08:00' });
    expect(d.map((x) => x.clock)).toEqual(clocks);
    if (severity === 'complex') expect(d.find((x) => x.clock === 'progress-feedback')!.due).toBe('2026-11-21T10:00:00+08:00');
  });

  test('instants given in another offset are printed with the pack\'s offset', () => {
    const d = deadlines(ecommerce, fresh({ receivedAt: '2026-11-30T17:30:00Z' }), { now: '2026-11-30T18:00:00Z' });
    expect(brief(d)).toEqual([
      { clock: 'first-contact', due: '2026-12-01T03:30:00+08:00', state: 'running', timeLeft: 'PT1H30M' },
      { clock: 'preliminary-solution', due: '2026-12-03T01:30:00+08:00', state: 'running', timeLeft: 'PT47H30M' },
    ]);
  });

  test('running past due is a breach; an open case gets a reminder (催办)', () => {
    const s = fresh();
    const now = { now: '2026-11-20T12:30:00+08:00' };
    expect(brief(deadlines(ecommerce, s, now))[0]).toEqual({ clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'breached', timeLeft: '-PT30M' });
    expect(overdueEffects(ecommerce, s, now)).toEqual([
      { type: 'reminder', clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', overdueBy: 'PT30M', stoppedAt: null, owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 0, at: '2026-11-20T12:30:00+08:00' },
    ]);
  });

  test('stopping in time is met; stopping late is a breach that a closed case answers with an inquiry (洽办)', () => {
    const inTime = transition(ecommerce, fresh(), ev('start-verification', '11:30')).snapshot;
    expect(brief(deadlines(ecommerce, inTime, { now: '2026-11-20T13:00:00+08:00' }))[0]).toEqual({ clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'met', timeLeft: 'PT30M' });
    const late = transition(ecommerce, fresh(), ev('start-verification', '12:45')).snapshot;
    const d = deadlines(ecommerce, late, { now: '2026-11-20T13:00:00+08:00' })[0]!;
    expect([d.state, d.timeLeft, d.stoppedAt]).toEqual(['breached', '-PT45M', '2026-11-20T12:45:00+08:00']);
    // open case: the clock has stopped, there is nobody to chase
    expect(overdueEffects(ecommerce, late, { now: '2026-11-20T13:00:00+08:00' })).toEqual([]);
    const closed = transition(ecommerce, late, ev('reject-complaint', '14:00')).snapshot;
    expect(overdueEffects(ecommerce, closed, { now: '2026-11-21T09:00:00+08:00' })).toEqual([
      { type: 'inquiry', clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', overdueBy: 'PT45M', stoppedAt: '2026-11-20T12:45:00+08:00', owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 2, at: '2026-11-21T09:00:00+08:00' },
    ]);
  });

  test('progress feedback stops when the customer is told: a progress report, a third-party review, the proposal or a not-upheld answer — not a liability finding alone', () => {
    const c = { severity: 'complex' } as const;
    const at = { now: '2026-11-22T00:00:00+08:00' };
    const progress = (events: Parameters<typeof replay>[2]) => deadlines(ecommerce, replay(ecommerce, lcComplaint(c), events).snapshot, at).find((d) => d.clock === 'progress-feedback')!;
    const verify = ev('start-verification', '10:30');
    expect(progress([verify, ev('request-third-party-review', '2026-11-21T09:00:00+08:00')])).toMatchObject({ state: 'met', timeLeft: 'PT1H', stoppedAt: '2026-11-21T09:00:00+08:00' });
    expect(progress([verify, ev('report-progress', '2026-11-21T09:30:00+08:00')])).toMatchObject({ state: 'met', timeLeft: 'PT30M', stoppedAt: '2026-11-21T09:30:00+08:00' });
    expect(progress([verify, ev('reject-complaint', '2026-11-21T11:00:00+08:00')])).toMatchObject({ state: 'breached', timeLeft: '-PT1H', stoppedAt: '2026-11-21T11:00:00+08:00' });
    // the proposal reaching the customer (entering awaiting-customer) is progress feedback
    const offered = [verify, ev('determine-liability', '11:00'), ev('propose', '12:00', proposal())];
    expect(progress(offered)).toMatchObject({ state: 'met', timeLeft: 'PT22H', stoppedAt: '2026-11-20T12:00:00+08:00' });
    // a liability finding the customer is not told of does not stop it: still running, 14 h overdue, and chased
    const found = replay(ecommerce, lcComplaint(c), [verify, ev('determine-liability', '2026-11-21T09:00:00+08:00')]).snapshot;
    expect(deadlines(ecommerce, found, at).find((d) => d.clock === 'progress-feedback')).toMatchObject({ state: 'breached', timeLeft: '-PT14H', stoppedAt: null });
    expect(overdueEffects(ecommerce, found, at).filter((e) => e.clock === 'progress-feedback')).toEqual([
      { type: 'reminder', clock: 'progress-feedback', due: '2026-11-21T10:00:00+08:00', overdueBy: 'PT14H', stoppedAt: null, owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 2, at: '2026-11-22T00:00:00+08:00' },
    ]);
    // telling the customer later stops it, late
    const told = transition(ecommerce, found, ev('report-progress', '2026-11-21T12:00:00+08:00')).snapshot;
    expect(deadlines(ecommerce, told, at).find((d) => d.clock === 'progress-feedback')).toMatchObject({ state: 'breached', timeLeft: '-PT2H', stoppedAt: '2026-11-21T12:00:00+08:00' });
  });

  test('report-progress keeps the state and asks the host to notify the customer', () => {
    const r = transition(ecommerce, caseIn('liability-determined').snapshot, ev('report-progress', '12:00', { note: 'testing at the lab' }));
    expect(r.snapshot.state).toBe('liability-determined');
    expect(r.effects).toEqual([{ type: 'notify', to: 'customer', template: 'progress-reported', recipient: null, complaintId: 'C-2611-0001', revision: 3, at: '2026-11-20T12:00:00+08:00', transition: 'report-progress' }]);
    expect(r.snapshot.history.at(-1)).toEqual({ revision: 3, type: 'report-progress', at: '2026-11-20T12:00:00+08:00', actor: AGENT, data: { note: 'testing at the lab' }, from: 'liability-determined', to: 'liability-determined', entered: [], transitions: ['report-progress'] });
    expect(thrown(() => transition(ecommerce, caseIn('closed').snapshot, ev('report-progress', '2026-11-25T12:00:00+08:00')))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  test('the preliminary solution is given when the proposal reaches the customer, after approval if needed', () => {
    const pending = caseIn('pending-approval').snapshot;
    expect(deadlines(ecommerce, pending, { now: '2026-11-21T10:00:00+08:00' }).find((d) => d.clock === 'preliminary-solution')).toMatchObject({ state: 'running', timeLeft: 'PT24H' });
    const approved = transition(ecommerce, pending, ev('approve', '2026-11-22T11:00:00+08:00', {}, SUPERVISOR)).snapshot;
    expect(deadlines(ecommerce, approved, { now: '2026-11-23T00:00:00+08:00' }).find((d) => d.clock === 'preliminary-solution')).toMatchObject({
      state: 'breached',
      timeLeft: '-PT1H',
      stoppedAt: '2026-11-22T11:00:00+08:00',
    });
    const direct = caseIn('awaiting-customer').snapshot;
    expect(deadlines(ecommerce, direct, { now: '2026-11-30T00:00:00+08:00' }).find((d) => d.clock === 'preliminary-solution')).toMatchObject({ state: 'met', timeLeft: 'PT46H', stoppedAt: '2026-11-20T12:00:00+08:00' });
  });

  test('closing a case stops every clock', () => {
    const closed = transition(ecommerce, caseIn('verifying').snapshot, ev('reject-complaint', '11:00')).snapshot;
    expect(brief(deadlines(ecommerce, closed, { now: '2026-12-31T00:00:00+08:00' }))).toEqual([
      { clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'met', timeLeft: 'PT1H30M' },
      { clock: 'preliminary-solution', due: '2026-11-22T10:00:00+08:00', state: 'met', timeLeft: 'PT47H' },
    ]);
  });

  test('a restored snapshot never loses a timer', () => {
    const live = caseIn('pending-approval').snapshot;
    const restored = JSON.parse(JSON.stringify(live));
    const now = { now: '2026-11-23T10:00:00+08:00' };
    expect(deadlines(ecommerce, restored, now)).toEqual(deadlines(ecommerce, live, now));
    expect(overdueEffects(ecommerce, restored, now).map((e) => [e.type, e.clock, 'overdueBy' in e ? e.overdueBy : null])).toEqual([['reminder', 'preliminary-solution', 'PT24H']]);
  });

  test('now must not be before the last event', () => {
    expect(thrown(() => deadlines(ecommerce, caseIn('verifying').snapshot, { now: '2026-11-20T10:29:00+08:00' })).issues[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['now'] });
    expect(thrown(() => deadlines(ecommerce, fresh(), { now: '2026-11-20 11:00' })).issues[0]).toMatchObject({ code: 'INVALID_INSTANT', path: ['now'] });
    expect(thrown(() => deadlines(ecommerce, fresh(), {} as never)).issues[0]).toMatchObject({ code: 'INVALID_INSTANT', path: ['now'] });
  });

  test('isoDuration', () => {
    expect([isoDuration(0), isoDuration(7_200_000), isoDuration(5_400_000), isoDuration(-900_000), isoDuration(3_723_999), isoDuration(90 * 3_600_000)]).toEqual(['PT0S', 'PT2H', 'PT1H30M', '-PT15M', 'PT1H2M3.999S', 'PT90H']);
    // a breach of under a second is not "overdue by 0 seconds"
    expect([isoDuration(-1), isoDuration(1500), isoDuration(-60_010), isoDuration(3_600_000.4)]).toEqual(['-PT0.001S', 'PT1.5S', '-PT1M0.01S', 'PT1H']);
  });
});

/** The ecommerce pack with one clock replaced by `clock`. */
function withClock(clock: Record<string, unknown>) {
  const files = packFiles('ecommerce');
  files['lifecycle.json'].clocks = [{ id: 'test-clock', description: 'test', clause: 'test', start: { events: ['intake'] }, ...clock }];
  return loadPolicy({ files });
}

describe('paused clocks', () => {
  const p = withClock({ stop: { states: ['awaiting-customer'] }, pauseIn: ['third-party-review'], duration: { hours: 48 }, calendar: { type: 'calendar' } });
  const events = [ev('start-verification', '10:30'), ev('request-third-party-review', '11:00'), ev('review-result', '15:00', { result: 'quality-problem' })];

  test('a clock does not count while the case is in a pause state', () => {
    const inReview = replay(p, lcComplaint(), events.slice(0, 2)).snapshot;
    expect(brief(deadlines(p, inReview, { now: '2026-11-20T13:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-11-22T12:00:00+08:00', state: 'paused', timeLeft: 'PT47H' }]);
    expect(overdueEffects(p, inReview, { now: '2026-11-25T13:00:00+08:00' })).toEqual([]);
    const back = replay(p, lcComplaint(), events).snapshot;
    expect(brief(deadlines(p, back, { now: '2026-11-20T16:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-11-22T14:00:00+08:00', state: 'running', timeLeft: 'PT46H' }]);
    expect(brief(deadlines(p, back, { now: '2026-11-22T15:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-11-22T14:00:00+08:00', state: 'breached', timeLeft: '-PT1H' }]);
  });

  test('a breach stays a breach while paused, and the pause is not counted as overdue time', () => {
    const late = replay(p, lcComplaint(), [ev('start-verification', '10:30'), ev('request-third-party-review', '2026-11-22T12:00:00+08:00')]).snapshot;
    const d = deadlines(p, late, { now: '2026-11-23T12:00:00+08:00' });
    expect(brief(d)).toEqual([{ clock: 'test-clock', due: '2026-11-22T10:00:00+08:00', state: 'breached', timeLeft: '-PT2H' }]);
    expect(overdueEffects(p, late, { now: '2026-11-23T12:00:00+08:00' })[0]).toMatchObject({ type: 'reminder', overdueBy: 'PT2H' });
  });

  test('stopped after a pause: met, with the due instant shifted by the pause', () => {
    const s = replay(p, lcComplaint(), [...events, ev('determine-liability', '16:00'), ev('propose', '17:00', proposal())]).snapshot;
    expect(brief(deadlines(p, s, { now: '2026-11-21T00:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-11-22T14:00:00+08:00', state: 'met', timeLeft: 'PT45H' }]);
  });

  test('stopped while paused after one stretch from the start: met, due as if it resumed at the stop, no inquiry', () => {
    // The pack's 48 h preliminary-solution clock, paused during third-party review: 2 h counted
    // (10:00–12:00), then in review until the complaint is rejected eight days later.
    const files = packFiles('ecommerce');
    files['lifecycle.json'].clocks.find((c: { id: string }) => c.id === 'preliminary-solution').pauseIn = ['third-party-review'];
    const paused = loadPolicy({ files });
    const complaint = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/scripts/01-ordinary-resolved.json'), 'utf8')).complaint;
    const s = replay(paused, complaint, [ev('start-verification', '10:30'), ev('request-third-party-review', '12:00'), ev('reject-complaint', '2026-11-28T12:00:00+08:00')], { intake: { actor: AGENT } }).snapshot;
    const now = { now: '2026-11-28T12:00:00+08:00' };
    expect(deadlines(paused, s, now).find((d) => d.clock === 'preliminary-solution')).toEqual({
      clock: 'preliminary-solution',
      due: '2026-11-30T10:00:00+08:00', // the stop + the 46 h left
      state: 'met',
      timeLeft: 'PT46H',
      timeLeftMs: 46 * 3_600_000,
      startedAt: '2026-11-20T10:00:00+08:00',
      stoppedAt: '2026-11-28T12:00:00+08:00',
      calendar: 'calendar',
      duration: { hours: 48 },
      clause: 'seed 000 §1.2; seed 003 art.2 §1',
      description: expect.stringContaining('within 48 hours'),
    });
    expect(overdueEffects(paused, s, now)).toEqual([]);
    // the same history with the clock stopped while still counting is unchanged: due 48 h after the start
    const counting = replay(paused, complaint, [ev('start-verification', '10:30'), ev('reject-complaint', '12:00')], { intake: { actor: AGENT } }).snapshot;
    expect(brief(deadlines(paused, counting, now)).find((d) => d.clock === 'preliminary-solution')).toEqual({ clock: 'preliminary-solution', due: '2026-11-22T10:00:00+08:00', state: 'met', timeLeft: 'PT46H' });
  });

  test('stopped while paused after the time ran out: breached by the counted time only, with an inquiry', () => {
    // 48 h counted (10:00 Fri – 10:00 Sun) + 2 h more, then in review for five days and rejected
    const s = replay(p, lcComplaint(), [ev('start-verification', '10:30'), ev('request-third-party-review', '2026-11-22T12:00:00+08:00'), ev('reject-complaint', '2026-11-27T12:00:00+08:00')]).snapshot;
    const now = { now: '2026-11-28T09:00:00+08:00' };
    expect(brief(deadlines(p, s, now))).toEqual([{ clock: 'test-clock', due: '2026-11-22T10:00:00+08:00', state: 'breached', timeLeft: '-PT2H' }]);
    expect(overdueEffects(p, s, now)).toEqual([
      { type: 'inquiry', clock: 'test-clock', due: '2026-11-22T10:00:00+08:00', overdueBy: 'PT2H', stoppedAt: '2026-11-27T12:00:00+08:00', owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 3, at: '2026-11-28T09:00:00+08:00' },
    ]);
  });
});

describe('clocks on business calendars (mainland China 2025–2026)', () => {
  const days = withClock({ duration: { days: 1 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
  test.each([
    ['Friday before the Spring Festival make-up Saturday', '2026-02-13T10:00:00+08:00', '2026-02-14T10:00:00+08:00'],
    ['the make-up Saturday, then nine days off', '2026-02-14T10:00:00+08:00', '2026-02-24T10:00:00+08:00'],
    ['inside the Spring Festival', '2026-02-18T10:00:00+08:00', '2026-02-24T10:00:00+08:00'],
    ['New Year 2026: the make-up Sunday', '2025-12-31T10:00:00+08:00', '2026-01-04T10:00:00+08:00'],
    ['before National Day', '2026-09-30T16:00:00+08:00', '2026-10-08T16:00:00+08:00'],
    ['National Day make-up Saturday', '2026-10-09T09:00:00+08:00', '2026-10-10T09:00:00+08:00'],
    ['Labour Day 2025', '2025-04-30T10:00:00+08:00', '2025-05-06T10:00:00+08:00'],
    ['an ordinary Friday', '2026-11-20T10:00:00+08:00', '2026-11-23T10:00:00+08:00'],
  ])('1 working day: %s', (_n, received, due) => {
    const s = start(days, lcComplaint({ receivedAt: received }), { actor: AGENT }).snapshot;
    expect(deadlines(days, s, { now: received })[0]).toMatchObject({ clock: 'test-clock', due, state: 'running', calendar: 'business-days' });
  });

  const hours = withClock({ duration: { hours: 2 }, calendar: { type: 'business-hours', data: 'cn-mainland', hours: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] } });
  test.each([
    ['within the morning', '2026-11-20T09:00:00+08:00', '2026-11-20T11:00:00+08:00'],
    ['across lunch', '2026-11-20T11:00:00+08:00', '2026-11-20T14:30:00+08:00'],
    ['received at lunch', '2026-11-20T12:30:00+08:00', '2026-11-20T15:30:00+08:00'],
    ['Friday evening into the make-up Saturday', '2026-02-13T17:00:00+08:00', '2026-02-14T10:00:00+08:00'],
    ['before Qingming', '2026-04-03T17:30:00+08:00', '2026-04-07T10:30:00+08:00'],
    ['on a holiday', '2026-10-03T10:00:00+08:00', '2026-10-08T11:00:00+08:00'],
    ['a night received in UTC', '2026-11-19T22:00:00Z', '2026-11-20T11:00:00+08:00'],
  ])('2 working hours: %s', (_n, received, due) => {
    const s = start(hours, lcComplaint({ receivedAt: received }), { actor: AGENT }).snapshot;
    expect(deadlines(hours, s, { now: received })[0]).toMatchObject({ due, state: 'running', timeLeft: 'PT2H', calendar: 'business-hours' });
  });

  test('time left counts working time only', () => {
    const s = start(hours, lcComplaint({ receivedAt: '2026-02-13T17:00:00+08:00' }), { actor: AGENT }).snapshot;
    expect(brief(deadlines(hours, s, { now: '2026-02-14T09:30:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-02-14T10:00:00+08:00', state: 'running', timeLeft: 'PT30M' }]);
    expect(brief(deadlines(hours, s, { now: '2026-02-24T09:30:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-02-14T10:00:00+08:00', state: 'breached', timeLeft: '-PT7H' }]); // Sat 6.5 h + Tue 0.5 h: the Spring Festival does not count
  });

  test('a day outside the calendar\'s years is reported for that clock (unavailable), never guessed', () => {
    const problem = { code: 'CALENDAR_NOT_AVAILABLE', file: 'lifecycle.json', path: ['clocks', 0, 'calendar'], message: 'clock "test-clock": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)' };
    const s = start(days, lcComplaint({ receivedAt: '2026-12-31T10:00:00+08:00' }), { actor: AGENT }).snapshot;
    const now = { now: '2026-12-31T10:00:00+08:00' };
    // due on the next working day, in 2027: running (nothing has been counted yet), its due unknown
    expect(deadlines(days, s, now)).toEqual([
      {
        clock: 'test-clock',
        due: null,
        state: 'unavailable',
        knownState: 'running',
        timeLeft: null,
        timeLeftMs: null,
        startedAt: '2026-12-31T10:00:00+08:00',
        stoppedAt: null,
        calendar: 'business-days',
        duration: { days: 1 },
        clause: 'test',
        description: 'test',
        problem,
      },
    ]);
    expect(overdueEffects(days, s, now)).toEqual([{ type: 'calendar-unavailable', clock: 'test-clock', problem, owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 0, at: '2026-12-31T10:00:00+08:00' }]);
    const s2027 = start(hours, lcComplaint({ receivedAt: '2027-01-04T10:00:00+08:00', order: { deliveredAt: null } }), { actor: AGENT }).snapshot;
    expect(deadlines(hours, s2027, { now: '2027-01-04T10:00:00+08:00' }).map((d) => [d.clock, d.state, d.due, d.timeLeftMs, d.state === 'unavailable' ? [d.knownState, d.problem.path] : null])).toEqual([
      // at its very start it is running whatever the data say; its due is unknown
      ['test-clock', 'unavailable', null, null, ['running', ['clocks', 0, 'calendar']]],
    ]);
    // the lifecycle itself never needs the calendar: the case moves on
    expect(transition(days, s, ev('start-verification', '2027-01-05T10:00:00+08:00')).snapshot.state).toBe('verifying');
    // other errors still throw: a now before the last event
    expect(thrown(() => deadlines(days, s, { now: '2026-12-31T09:00:00+08:00' })).issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['now'], message: "now (2026-12-31T09:00:00+08:00) is before the snapshot's last event (2026-12-31T10:00:00+08:00)" },
    ]);
    expect(thrown(() => overdueEffects(days, s, { now: 'tomorrow' })).issues[0]).toMatchObject({ code: 'INVALID_INSTANT', path: ['now'] });
  });

  test('paused on a business-hours clock', () => {
    const p = withClock({ pauseIn: ['third-party-review'], stop: { states: ['awaiting-customer'] }, duration: { hours: 4 }, calendar: { type: 'business-hours', data: 'cn-mainland', hours: [{ start: '09:00', end: '18:00' }] } });
    // received Fri 16:00 (2 h counted), review from 18:00 Fri to Tue 10:00, then 2 h left
    const s = replay(p, lcComplaint({ receivedAt: '2026-11-20T16:00:00+08:00' }), [
      ev('start-verification', '16:30'),
      ev('request-third-party-review', '18:00'),
      ev('review-result', '2026-11-24T10:00:00+08:00'),
    ]).snapshot;
    expect(brief(deadlines(p, s, { now: '2026-11-24T10:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-11-24T12:00:00+08:00', state: 'running', timeLeft: 'PT2H' }]);
  });

  test('business days with a pause resume on whole working days', () => {
    const p = withClock({ pauseIn: ['third-party-review'], stop: { states: ['awaiting-customer'] }, duration: { days: 2 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
    // received Thu 2026-09-24 12:00 (25–27 are Mid-Autumn holidays); in review from Mon 28 00:00 to Tue 29 12:00
    const s = replay(p, lcComplaint({ receivedAt: '2026-09-24T12:00:00+08:00' }), [
      ev('start-verification', '2026-09-24T13:00:00+08:00'),
      ev('request-third-party-review', '2026-09-28T00:00:00+08:00'),
      ev('review-result', '2026-09-29T12:00:00+08:00'),
    ]).snapshot;
    // counted before the pause: Thu 12:00–24:00 = 12 h of the 48 h; after: Tue 12:00 + 36 h of working days → Wed 24:00 = Thu 2026-10-01 00:00
    expect(brief(deadlines(p, s, { now: '2026-09-29T12:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-10-01T00:00:00+08:00', state: 'running', timeLeft: 'PT36H' }]);
  });
});

describe('manufacturer clocks (seed 003 art.3 §九.3, §九.6, §十)', () => {
  const m = loadPolicy('manufacturer');

  test('a working-day clock that needs 2027 is unavailable; the 24×7 closure clock and its reminder and inquiry are still given', () => {
    // received Mon 2026-12-28; the investigation ends Tue 12-29, so its report is due three working days later, in 2027
    const complaint = lcComplaint({ receivedAt: '2026-12-28T10:00:00+08:00' });
    const events = [ev('start-verification', '2026-12-28T11:00:00+08:00'), ev('finish-investigation', '2026-12-29T10:00:00+08:00')];
    const open = replay(m, complaint, events, { intake: { actor: AGENT } }).snapshot;
    const problem = { code: 'CALENDAR_NOT_AVAILABLE', file: 'lifecycle.json', path: ['clocks', 0, 'calendar'], message: 'clock "investigation-report": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)' };
    const now = { now: '2027-01-11T10:00:00+08:00' };
    const d = deadlines(m, open, now);
    // due on a 2027 working day and read in 2027: whether it ran out is unknown
    expect(d[0]).toEqual({
      clock: 'investigation-report',
      due: null,
      state: 'unavailable',
      knownState: null,
      timeLeft: null,
      timeLeftMs: null,
      startedAt: '2026-12-29T10:00:00+08:00',
      stoppedAt: null,
      calendar: 'business-days',
      duration: { days: 3 },
      clause: 'seed 003 art.3 §九.3',
      description: expect.any(String),
      problem,
    });
    expect(brief(d.slice(1))).toEqual([{ clock: 'case-closure-domestic', due: '2027-01-10T10:00:00+08:00', state: 'breached', timeLeft: '-PT24H' }]);
    const base = { owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', at: '2027-01-11T10:00:00+08:00' };
    expect(overdueEffects(m, open, now)).toEqual([
      { type: 'calendar-unavailable', clock: 'investigation-report', problem, revision: 2, ...base },
      { type: 'reminder', clock: 'case-closure-domestic', due: '2027-01-10T10:00:00+08:00', overdueBy: 'PT24H', stoppedAt: null, revision: 2, ...base },
    ]);
    // closed late: the inquiry (洽办) for the closure clock, and the report clock still flagged
    const closed = replay(m, complaint, [...events, ev('reject-complaint', '2027-01-12T10:00:00+08:00')], { intake: { actor: AGENT } }).snapshot;
    const later = { now: '2027-01-13T10:00:00+08:00' };
    expect(overdueEffects(m, closed, later)).toEqual([
      { type: 'calendar-unavailable', clock: 'investigation-report', problem, revision: 3, ...base, at: '2027-01-13T10:00:00+08:00' },
      { type: 'inquiry', clock: 'case-closure-domestic', due: '2027-01-10T10:00:00+08:00', overdueBy: 'PT48H', stoppedAt: '2027-01-12T10:00:00+08:00', revision: 3, ...base, at: '2027-01-13T10:00:00+08:00' },
    ]);
    expect(deadlines(m, closed, later)[0]).toMatchObject({ clock: 'investigation-report', state: 'unavailable', knownState: null, stoppedAt: '2027-01-12T10:00:00+08:00' });
    expect(slaReport(m, closed, new Date('2027-01-13T10:00:00+08:00'))).toEqual({ deadlines: deadlines(m, closed, later), effects: overdueEffects(m, closed, later) });
  });

  test('closure in 13 calendar days domestic, 17 foreign, from acceptance', () => {
    const dom = start(m, lcComplaint(), { actor: AGENT }).snapshot;
    expect(brief(deadlines(m, dom, { now: '2026-11-20T10:00:00+08:00' }))).toEqual([{ clock: 'case-closure-domestic', due: '2026-12-03T10:00:00+08:00', state: 'running', timeLeft: 'PT312H' }]);
    const foreign = start(m, lcComplaint({ channel: 'foreign' }), { actor: AGENT }).snapshot;
    expect(brief(deadlines(m, foreign, { now: '2026-11-20T10:00:00+08:00' }))).toEqual([{ clock: 'case-closure-foreign', due: '2026-12-07T10:00:00+08:00', state: 'running', timeLeft: 'PT408H' }]);
  });

  test('investigation report in 3 working days; consolidated opinion in 1 working day', () => {
    const s = replay(m, lcComplaint({ receivedAt: '2026-09-29T09:00:00+08:00' }), [
      ev('start-verification', '2026-09-29T10:00:00+08:00'),
      ev('finish-investigation', '2026-09-30T10:00:00+08:00'),
      ev('determine-liability', '2026-10-09T10:00:00+08:00'),
      ev('propose', '2026-10-09T15:00:00+08:00', proposal('80000.00')),
    ]).snapshot;
    expect(brief(deadlines(m, s, { now: '2026-10-10T16:00:00+08:00' }))).toEqual([
      { clock: 'investigation-report', due: '2026-10-10T10:00:00+08:00', state: 'met', timeLeft: 'PT24H' },
      { clock: 'consolidated-opinion', due: '2026-10-10T15:00:00+08:00', state: 'breached', timeLeft: '-PT1H' },
      { clock: 'case-closure-domestic', due: '2026-10-12T09:00:00+08:00', state: 'running', timeLeft: 'PT41H' },
    ]);
    const report = slaReport(m, s, new Date('2026-10-10T16:00:00+08:00'));
    expect(report.effects.map((e) => [e.type, e.clock])).toEqual([['reminder', 'consolidated-opinion']]);
  });

  test('the report is due three working days after the investigation is done, not after it starts (调查处理后三天内)', () => {
    // investigation from Mon 11-16 10:00 to Wed 11-18 17:00; report Mon 11-23 10:00 (Sat, Sun not counted)
    const events = [ev('start-verification', '2026-11-16T10:00:00+08:00'), ev('finish-investigation', '2026-11-18T17:00:00+08:00')];
    const during = replay(m, lcComplaint({ receivedAt: '2026-11-16T09:00:00+08:00' }), events.slice(0, 1)).snapshot;
    // while it is under way no report clock runs
    expect(brief(deadlines(m, during, { now: '2026-11-20T10:00:00+08:00' })).map((d) => d.clock)).toEqual(['case-closure-domestic']);
    const done = replay(m, lcComplaint({ receivedAt: '2026-11-16T09:00:00+08:00' }), events).snapshot;
    expect(brief(deadlines(m, done, { now: '2026-11-20T10:00:00+08:00' }))[0]).toEqual({ clock: 'investigation-report', due: '2026-11-23T17:00:00+08:00', state: 'running', timeLeft: 'PT31H' }); // working time left: Fri 14 h + Mon 17 h
    const reported = replay(m, lcComplaint({ receivedAt: '2026-11-16T09:00:00+08:00' }), [...events, ev('determine-liability', '2026-11-23T10:00:00+08:00')]).snapshot;
    expect(brief(deadlines(m, reported, { now: '2026-11-23T10:00:00+08:00' }))[0]).toEqual({ clock: 'investigation-report', due: '2026-11-23T17:00:00+08:00', state: 'met', timeLeft: 'PT7H' });
    // finish-investigation is taken in verifying only, and the case stays there
    expect(done.state).toBe('verifying');
    expect(() => replay(m, lcComplaint(), [ev('finish-investigation', '2026-11-20T11:00:00+08:00')])).toThrow(/ILLEGAL_TRANSITION/);
  });

  test('an approver may decline the handling: the business department negotiates again, the closure clock runs on (§九.6, §九.11, §十一)', () => {
    const DEPUTY = { id: 'sun.li', role: 'deputy-general-manager' };
    const MANAGER = { id: 'chen.jie', role: 'manager' };
    const events = [
      ev('start-verification', '2026-11-20T11:00:00+08:00'),
      ev('determine-liability', '2026-11-23T10:00:00+08:00'),
      ev('propose', '2026-11-24T10:00:00+08:00', proposal('120000.00')),
      ev('consolidate-opinion', '2026-11-24T16:00:00+08:00'),
    ];
    const pending = replay(m, lcComplaint(), events, { intake: { actor: AGENT } }).snapshot;
    expect(pending.state).toBe('pending-approval');
    // the business department manager's band ends at 100,000.00: not theirs to decide
    const e = thrown(() => transition(m, pending, ev('decline-approval', '2026-11-25T10:00:00+08:00', {}, MANAGER)));
    expect(e).toMatchObject({ code: 'GUARD_FAILED', failures: [{ transition: 'decline-approval', guard: 'within-authority', values: { amount: '120000.00', role: 'manager', authority: '100000.00' } }] });
    const r = transition(m, pending, ev('decline-approval', '2026-11-25T10:00:00+08:00', { reason: 'claim too high' }, DEPUTY));
    expect(r.snapshot).toMatchObject({ state: 'liability-determined', approval: null, owner: AGENT, handler: AGENT });
    expect(r.effects).toEqual([{ type: 'notify', to: 'handler', template: 'handling-not-approved', recipient: AGENT, complaintId: 'C-2611-0001', revision: 5, at: '2026-11-25T10:00:00+08:00', transition: 'decline-approval' }]);
    expect(brief(deadlines(m, r.snapshot, { now: '2026-11-25T10:00:00+08:00' })).map((d) => [d.clock, d.state])).toEqual([
      ['consolidated-opinion', 'met'],
      ['case-closure-domestic', 'running'],
    ]);
    // negotiated again, consolidated again, approved by the manager whose band now covers it
    const s2 = replay(m, lcComplaint(), [
      ...events,
      ev('decline-approval', '2026-11-25T10:00:00+08:00', { reason: 'claim too high' }, DEPUTY),
      ev('propose', '2026-11-26T10:00:00+08:00', proposal('90000.00')),
      ev('consolidate-opinion', '2026-11-26T15:00:00+08:00'),
      ev('approve', '2026-11-27T10:00:00+08:00', {}, MANAGER),
    ], { intake: { actor: AGENT } }).snapshot;
    expect(s2).toMatchObject({ state: 'awaiting-customer', proposal: { amount: '90000.00' }, approval: { by: MANAGER } });
  });
});

describe('a clock whose calendar lacks data for part of it: what the data allow is still known', () => {
  const m = loadPolicy('manufacturer');
  const A = { id: 'a', role: 'agent' };
  const problem = (clock: string, index = 0) => ({
    code: 'CALENDAR_NOT_AVAILABLE',
    file: 'lifecycle.json',
    path: ['clocks', index, 'calendar'],
    message: `clock "${clock}": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)`,
  });
  const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/scripts/01-ordinary-resolved.json'), 'utf8')).complaint;

  test('a breach known in 2026 stays breached in 2027, with its due and its reminder (overdueBy null); no calendar-unavailable', () => {
    // investigation done Mon 2026-12-21 10:00, report due three working days later, Thu 12-24 10:00; never stopped
    const complaint = { ...example, receivedAt: '2026-12-18T09:00:00+08:00' };
    const s = replay(m, complaint, [ev('start-verification', '2026-12-18T10:00:00+08:00', undefined, A), ev('finish-investigation', '2026-12-21T10:00:00+08:00', undefined, A)], { intake: { actor: A } }).snapshot;
    const base = { owner: A, handler: A, complaintId: 'C-2611-0001', revision: 2 };
    // within the data: breached by 120 working hours (Thu 14 h, Fri 24 h, Mon–Wed 72 h, Thu 10 h)
    expect(brief(deadlines(m, s, { now: '2026-12-31T10:00:00+08:00' }))[0]).toEqual({ clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', state: 'breached', timeLeft: '-PT120H' });
    expect(overdueEffects(m, s, { now: '2026-12-31T10:00:00+08:00' })[0]).toEqual({
      type: 'reminder', clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', overdueBy: 'PT120H', stoppedAt: null, ...base, at: '2026-12-31T10:00:00+08:00',
    });
    // in 2027: the due and the breach need 2026 only; the overdue time needs 2027
    const now = { now: '2027-01-05T10:00:00+08:00' };
    expect(deadlines(m, s, now)).toEqual([
      {
        clock: 'investigation-report',
        due: '2026-12-24T10:00:00+08:00',
        state: 'unavailable',
        knownState: 'breached',
        timeLeft: null,
        timeLeftMs: null,
        startedAt: '2026-12-21T10:00:00+08:00',
        stoppedAt: null,
        calendar: 'business-days',
        duration: { days: 3 },
        clause: 'seed 003 art.3 §九.3',
        description: expect.any(String),
        problem: problem('investigation-report'),
      },
      expect.objectContaining({ clock: 'case-closure-domestic', due: '2026-12-31T09:00:00+08:00', state: 'breached', timeLeft: '-PT121H' }),
    ]);
    expect(overdueEffects(m, s, now)).toEqual([
      { type: 'reminder', clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', overdueBy: null, stoppedAt: null, ...base, at: '2027-01-05T10:00:00+08:00' },
      { type: 'reminder', clock: 'case-closure-domestic', due: '2026-12-31T09:00:00+08:00', overdueBy: 'PT121H', stoppedAt: null, ...base, at: '2027-01-05T10:00:00+08:00' },
    ]);
    // closed late in 2027: the inquiry (洽办), overdue time unknown
    const closed = transition(m, s, ev('reject-complaint', '2027-01-06T10:00:00+08:00', undefined, A)).snapshot;
    const later = { now: '2027-01-07T10:00:00+08:00' };
    expect(deadlines(m, closed, later)[0]).toMatchObject({ due: '2026-12-24T10:00:00+08:00', state: 'unavailable', knownState: 'breached', stoppedAt: '2027-01-06T10:00:00+08:00' });
    expect(overdueEffects(m, closed, later)[0]).toEqual({
      type: 'inquiry', clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', overdueBy: null, stoppedAt: '2027-01-06T10:00:00+08:00', ...base, revision: 3, at: '2027-01-07T10:00:00+08:00',
    });
    // with 2027 data the same case is computed, and agrees
    const full = withCalendarData(m, cnMainlandWith2027());
    expect(deadlines(full, s, now)[0]).toMatchObject({ due: '2026-12-24T10:00:00+08:00', state: 'breached', timeLeft: '-PT168H' }); // 120 h + Thu 14 h, Mon 24 h, Tue 10 h (Jan 1 a holiday)
  });

  test('stopped with time left is met whatever the missing data say: closed while paused, due counted on from the stop unknown', () => {
    // 3 working days, not counting during third-party review; received Mon 12-14 10:00, one day counted before the review
    const p = withClock({ pauseIn: ['third-party-review'], duration: { days: 3 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
    const events = [ev('start-verification', '2026-12-14T11:00:00+08:00'), ev('request-third-party-review', '2026-12-15T10:00:00+08:00')];
    const complaint = lcComplaint({ receivedAt: '2026-12-14T10:00:00+08:00' });
    // rejected on Mon 12-28 while in review: met, due two working days after the stop
    const early = replay(p, complaint, [...events, ev('reject-complaint', '2026-12-28T10:00:00+08:00')]).snapshot;
    expect(brief(deadlines(p, early, { now: '2027-02-01T10:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2026-12-30T10:00:00+08:00', state: 'met', timeLeft: 'PT48H' }]);
    // rejected on Wed 12-30: the two days left would end in 2027, but it is met all the same
    const late = replay(p, complaint, [...events, ev('reject-complaint', '2026-12-30T10:00:00+08:00')]).snapshot;
    for (const now of ['2026-12-30T10:00:00+08:00', '2027-02-01T10:00:00+08:00']) {
      expect(deadlines(p, late, { now })).toEqual([
        {
          clock: 'test-clock',
          due: null,
          state: 'unavailable',
          knownState: 'met',
          timeLeft: null,
          timeLeftMs: null,
          startedAt: '2026-12-14T10:00:00+08:00',
          stoppedAt: '2026-12-30T10:00:00+08:00',
          calendar: 'business-days',
          duration: { days: 3 },
          clause: 'test',
          description: 'test',
          problem: problem('test-clock'),
        },
      ]);
      expect(overdueEffects(p, late, { now })).toEqual([]);
    }
    // stopped in 2027 while still in review since 2026: the pause counts nothing, so still met
    const in2027 = replay(p, complaint, [...events, ev('reject-complaint', '2027-01-20T10:00:00+08:00')]).snapshot;
    expect(deadlines(p, in2027, { now: '2027-02-01T10:00:00+08:00' })[0]).toMatchObject({ state: 'unavailable', knownState: 'met', due: null });
    expect(overdueEffects(p, in2027, { now: '2027-02-01T10:00:00+08:00' })).toEqual([]);
    // the completed data agree
    const full = withCalendarData(p, cnMainlandWith2027());
    expect(brief(deadlines(full, late, { now: '2027-02-01T10:00:00+08:00' }))).toEqual([{ clock: 'test-clock', due: '2027-01-04T10:00:00+08:00', state: 'met', timeLeft: 'PT48H' }]);
  });

  test('a working-day clock stopped in 2026 whose due falls in 2027 is met', () => {
    const p = withClock({ duration: { days: 3 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
    // received Tue 12-29 10:00: due Wed, Thu, then a 2027 working day; rejected Wed 12-30 12:00
    const s = replay(p, lcComplaint({ receivedAt: '2026-12-29T10:00:00+08:00' }), [ev('start-verification', '2026-12-29T10:30:00+08:00'), ev('reject-complaint', '2026-12-30T12:00:00+08:00')]).snapshot;
    const now = { now: '2027-03-01T10:00:00+08:00' };
    expect(deadlines(p, s, now).map((d) => [d.state, d.state === 'unavailable' ? d.knownState : null, d.due, d.timeLeft])).toEqual([['unavailable', 'met', null, null]]);
    expect(overdueEffects(p, s, now)).toEqual([]);
  });

  test('a coming due in the missing year: known running or paused, and flagged with calendar-unavailable', () => {
    const p = withClock({ pauseIn: ['third-party-review'], duration: { days: 3 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
    const complaint = lcComplaint({ receivedAt: '2026-12-14T10:00:00+08:00' });
    const inReview = replay(p, complaint, [ev('start-verification', '2026-12-14T11:00:00+08:00'), ev('request-third-party-review', '2026-12-15T10:00:00+08:00')]).snapshot;
    const base = { clock: 'test-clock', problem: problem('test-clock'), owner: AGENT, handler: AGENT, complaintId: 'C-2611-0001', revision: 2 };
    // in review since 12-15 (48 working hours left): resumed at now, they would end in 2027
    for (const now of ['2026-12-31T12:00:00+08:00', '2027-01-20T12:00:00+08:00']) {
      expect(deadlines(p, inReview, { now })[0]).toMatchObject({ due: null, state: 'unavailable', knownState: 'paused', timeLeft: null });
      expect(overdueEffects(p, inReview, { now })).toEqual([{ type: 'calendar-unavailable', ...base, at: now }]);
    }
    // received Thu 12-31 10:00, no pause: one working day, due on a 2027 day; at the intake it is running
    const running = withClock({ duration: { days: 1 }, calendar: { type: 'business-days', data: 'cn-mainland' } });
    const s = start(running, lcComplaint({ receivedAt: '2026-12-31T10:00:00+08:00' }), { actor: AGENT }).snapshot;
    expect(deadlines(running, s, { now: '2026-12-31T23:00:00+08:00' })[0]).toMatchObject({ due: null, state: 'unavailable', knownState: 'running' });
    // in 2027 whether it ran out is unknown
    expect(deadlines(running, s, { now: '2027-01-04T10:00:00+08:00' })[0]).toMatchObject({ due: null, state: 'unavailable', knownState: null });
    expect(overdueEffects(running, s, { now: '2027-01-04T10:00:00+08:00' }).map((e) => e.type)).toEqual(['calendar-unavailable']);
  });

  test('a pause that costs no counted time: unknown, since data completing the calendar can make it a breach', () => {
    // 3 working days on working hours 09:00–18:00, received Tue 12-29 08:00; in review overnight (Wed 20:00 – Thu 08:00,
    // no working time), rejected Thu 12-31 20:00. Counted: Tue, Wed, Thu 9 h each, all the working time up to 2027.
    const p = withClock({ pauseIn: ['third-party-review'], duration: { days: 3 }, calendar: { type: 'business-hours', data: 'cn-mainland', hours: [{ start: '09:00', end: '18:00' }] } });
    const s = replay(p, lcComplaint({ receivedAt: '2026-12-29T08:00:00+08:00' }), [
      ev('start-verification', '2026-12-29T08:30:00+08:00'),
      ev('request-third-party-review', '2026-12-30T20:00:00+08:00'),
      ev('review-result', '2026-12-31T08:00:00+08:00', { result: 'quality-problem' }),
      ev('reject-complaint', '2026-12-31T20:00:00+08:00'),
    ]).snapshot;
    const now = { now: '2027-01-10T10:00:00+08:00' };
    expect(deadlines(p, s, now)[0]).toMatchObject({ due: null, state: 'unavailable', knownState: null });
    expect(overdueEffects(p, s, now).map((e) => e.type)).toEqual(['calendar-unavailable']);
    // with 2027 data (1 January off, then a weekend): the 27 h budget is used up Thu 18:00, before the stop at 20:00,
    // so the full evaluation says breached (by no working time) — claiming `met` from the covered life alone would be wrong
    const full = withCalendarData(p, cnMainlandWith2027());
    expect(brief(deadlines(full, s, now))).toEqual([{ clock: 'test-clock', due: '2026-12-31T18:00:00+08:00', state: 'breached', timeLeft: 'PT0S' }]);
  });

  test('a pause outside working time near the data end: met, since the due falls at the start\'s time of day on a 2027 working day', () => {
    // 3 working days on working hours 09:00–18:00, received Tue 12-29 10:00; in review Thu 12-31 19:00 (after closing),
    // rejected Thu 20:00. Counted: 8 h + 9 h + 9 h = 26 h, all the working time up to 2027; the budget is that plus
    // 09:00–10:00 on the 2027 working day where the due falls (27 h), so the clock is met whatever the 2027 data say.
    const p = withClock({ pauseIn: ['third-party-review'], duration: { days: 3 }, calendar: { type: 'business-hours', data: 'cn-mainland', hours: [{ start: '09:00', end: '18:00' }] } });
    const s = replay(p, lcComplaint({ receivedAt: '2026-12-29T10:00:00+08:00' }), [
      ev('start-verification', '2026-12-29T10:30:00+08:00'),
      ev('request-third-party-review', '2026-12-31T19:00:00+08:00'),
      ev('reject-complaint', '2026-12-31T20:00:00+08:00'),
    ]).snapshot;
    const now = { now: '2027-01-10T10:00:00+08:00' };
    expect(deadlines(p, s, now)[0]).toMatchObject({ due: null, state: 'unavailable', knownState: 'met', stoppedAt: '2026-12-31T20:00:00+08:00' });
    expect(overdueEffects(p, s, now)).toEqual([]);
    // completions agree: with 1 January off the due is Mon 01-04 10:00; with every 2027 day working, Fri 01-01 10:00
    const full = withCalendarData(p, cnMainlandWith2027());
    expect(brief(deadlines(full, s, now))).toEqual([{ clock: 'test-clock', due: '2027-01-04T10:00:00+08:00', state: 'met', timeLeft: 'PT1H' }]);
    const open = withCalendarData(p, cnMainlandWith2027([], []));
    expect(deadlines(open, s, now)[0]).toMatchObject({ due: '2027-01-01T10:00:00+08:00', state: 'met' });
    // received at 08:00 instead (before opening): no 2027 time counts before the due's time of day, the bound equals the
    // counted 27 h and the state is not proven (conservative, as above)
    const early = replay(p, lcComplaint({ receivedAt: '2026-12-29T08:00:00+08:00' }), [
      ev('start-verification', '2026-12-29T08:30:00+08:00'),
      ev('request-third-party-review', '2026-12-31T19:00:00+08:00'),
      ev('reject-complaint', '2026-12-31T20:00:00+08:00'),
    ]).snapshot;
    expect(deadlines(p, early, now)[0]).toMatchObject({ state: 'unavailable', knownState: null });
  });
});
