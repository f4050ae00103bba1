// Hostile or unusual JavaScript values given to the runtime API (not rule packs): getters that
// answer differently on each read, very long texts and lists, objects without a prototype. Each is
// either used as checked or refused with a typed error of bounded size, never a bare RangeError or
// TypeError, and never a change to what later calls return.
import { describe, expect, test } from 'vitest';
import { addCalendarDays, allocate, calculateLoss, deadlines, economicDeduction, loadPolicy, parseInstant, penaltyFor, readSnapshot, replay, start, transition } from '../../src/index.js';
import { quoted } from '../../src/errors/errors.js';
import { baseComplaint, thrown } from '../helpers.js';

const policy = loadPolicy('ecommerce');

describe('decide reads `now` once: the instant checked is the instant printed', () => {
  test('a getter answering another valid instant on a later read changes neither this decision nor the next', () => {
    let reads = 0;
    const options = {
      get now() {
        reads++;
        return reads === 1 ? '2026-11-22T10:00:00+08:00' : '2026-11-22T23:59:59+08:00';
      },
      trace: false as const,
    };
    const d = policy.decide(baseComplaint(), options);
    expect(d.audit.now).toBe('2026-11-22T10:00:00+08:00');
    expect(d.remedies.map((r) => r.resolveBy)).toEqual(['2026-11-29T10:00:00+08:00', '2026-11-29T10:00:00+08:00', '2026-12-07T10:00:00+08:00', '2026-11-23T10:00:00+08:00']);
    expect(reads).toBe(1);
    // The text printed for `now` is remembered for the due dates of later decisions: it printed 23:59:59 for an honest 10:00.
    const next = policy.decide(baseComplaint(), { now: '2026-11-24T10:00:00+08:00', trace: false });
    expect(next.audit.now).toBe('2026-11-24T10:00:00+08:00');
    expect(next.remedies.map((r) => r.resolveBy)).toEqual(['2026-12-01T10:00:00+08:00', '2026-12-01T10:00:00+08:00', '2026-12-09T10:00:00+08:00', '2026-11-25T10:00:00+08:00']);
  });
});

describe('money of ten million digits: INVALID_INPUT, not a RangeError from the regular expression that words the message', () => {
  const digits = '1'.repeat(10_000_000);
  const message = `money has at most 15 digits before the decimal point (got "${'1'.repeat(59)}… (10000002 characters))`;

  test('a complaint\'s claimAmount', () => {
    const e = thrown(() => policy.decide({ ...baseComplaint(), claimAmount: digits }, { now: '2026-11-20T10:00:00+08:00' }));
    expect(e.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([['INVALID_INPUT', '<complaint>', ['claimAmount'], message]]);
  });

  test('a penalty amount', () => {
    const e = thrown(() => penaltyFor(loadPolicy('manufacturer'), { amount: digits }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([['INVALID_INPUT', ['amount'], message]]);
  });
});

describe('messages quote a hostile value given at run time, they do not copy it', () => {
  const AGENT = { id: 'li.na', role: 'agent' };
  const long = 'x'.repeat(10_000_000);
  const quotedLong = `"${'x'.repeat(59)}… (10000002 characters)`;
  const stored = () => JSON.parse(JSON.stringify(start(policy, baseComplaint(), { actor: AGENT }).snapshot));
  const rows = (e: { issues: readonly { code: string; path: readonly (string | number)[]; message: string }[] }) => e.issues.map((i) => [i.code, i.path, i.message]);

  test('a `now` of ten million characters (the message held all of them: 20 MB)', () => {
    expect(rows(thrown(() => policy.decide(baseComplaint(), { now: long })))).toEqual([['INVALID_INSTANT', ['now'], `expected a Date or ISO 8601 text with an offset, got ${quotedLong}`]]);
    expect(rows(thrown(() => deadlines(policy, stored(), { now: long })))).toEqual([['INVALID_INSTANT', ['now'], `expected a Date or ISO 8601 text with an offset, got ${quotedLong}`]]);
  });

  test('a `now` without a prototype is INVALID_INSTANT, not "TypeError: Cannot convert object to primitive value"', () => {
    const now = Object.create(null) as string;
    expect(rows(thrown(() => policy.decide(baseComplaint(), { now })))).toEqual([['INVALID_INSTANT', ['now'], 'expected a Date or ISO 8601 text with an offset, got "[object Object]"']]);
    expect(rows(thrown(() => start(policy, baseComplaint(), { actor: AGENT, now })))).toEqual([['INVALID_INSTANT', ['now'], 'expected a Date or ISO 8601 text with an offset, got "[object Object]"']]);
  });

  test('quoted() names a value that is neither JSON nor convertible to text, it does not throw', () => {
    expect(quoted(Object.assign(Object.create(null), { n: 1n }))).toBe('a object');
  });

  test('a complaint number of ten million characters', () => {
    const e = thrown(() => start(policy, baseComplaint(), { actor: AGENT, number: long }));
    expect(rows(e)).toEqual([['INVALID_INPUT', ['number'], expect.stringMatching(/^complaint number "x{59}… \(10000002 characters\) does not match the pattern /)]]);
    expect(e.issues[0]!.message.length).toBeLessThan(300);
  });

  test('a stored snapshot\'s format, lifecycle id and lifecycle version of ten million characters', () => {
    const format = stored();
    format.format = long;
    expect(rows(thrown(() => readSnapshot(policy, format)))).toEqual([['SNAPSHOT_MIGRATION_REQUIRED', ['format'], `snapshot format ${quotedLong} is not "aftersales-policy/lifecycle-snapshot/v1", which this release reads`]]);
    const id = stored();
    id.lifecycle.id = long;
    expect(rows(thrown(() => readSnapshot(policy, id)))).toEqual([['SNAPSHOT_MIGRATION_REQUIRED', ['lifecycle', 'id'], `the snapshot belongs to lifecycle ${quotedLong}, not "${policy.lifecycle!.id}" of pack "ecommerce"`]]);
    const version = stored();
    version.lifecycle.version = long;
    expect(rows(thrown(() => readSnapshot(policy, version)))).toEqual([['SNAPSHOT_MIGRATION_REQUIRED', ['lifecycle', 'version'], `version ${quotedLong} is not a semantic version`]]);
    const semver = stored();
    semver.lifecycle.version = `99.0.0-${long}`;
    const e = thrown(() => readSnapshot(policy, semver));
    expect(rows(e)).toEqual([['SNAPSHOT_MIGRATION_REQUIRED', ['lifecycle', 'version'], expect.stringMatching(/^the snapshot was written under lifecycle version "99\.0\.0-x{52}… \(10000009 characters\); major version /)]]);
    expect(e.issues[0]!.message.length).toBeLessThan(300);
  });
});

describe('a snapshot\'s history and links, and a replay\'s event log, are bounded (zod gathered one problem per item: 10–30 s and 47 MB of messages for a million)', () => {
  const AGENT = { id: 'li.na', role: 'agent' };
  const stored = () => JSON.parse(JSON.stringify(start(policy, baseComplaint(), { actor: AGENT }).snapshot));
  const rows = (e: { issues: readonly { code: string; file: string; path: readonly (string | number)[]; message: string }[] }) => e.issues.map((i) => [i.code, i.file, i.path, i.message]);

  test('a stored history or list of links of a million items: one problem at the list, at once', () => {
    const started = performance.now();
    const history = stored();
    history.history = new Array(1_000_000).fill(null);
    expect(rows(thrown(() => readSnapshot(policy, history)))).toEqual([['INVALID_INPUT', '<snapshot>', ['history'], "a snapshot's history holds at most 100000 entries"]]);
    const links = stored();
    links.links = new Array(1_000_000).fill(null);
    expect(rows(thrown(() => deadlines(policy, links, { now: '2026-11-21T10:00:00+08:00' })))).toEqual([['INVALID_INPUT', '<snapshot>', ['links'], 'a snapshot lists at most 100000 linked complaints']]);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  test('replay: a log of a million events is one problem at "events", before any event is read', () => {
    const started = performance.now();
    const e = thrown(() => replay(policy, baseComplaint(), new Array(1_000_000).fill(null), { intake: { actor: AGENT } }));
    expect(rows(e)).toEqual([['INVALID_INPUT', '<input>', ['events'], "1000000 events; a replay takes at most 99999 (a snapshot's history holds at most 100000 entries)"]]);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  test('transition refuses the event that would make a history no snapshot can hold; the snapshot at the bound reads back', () => {
    const ev = (type: string) => ({ type, at: '2026-11-20T11:00:00+08:00', actor: AGENT });
    const full = replay(policy, baseComplaint(), [ev('start-verification'), ...Array.from({ length: 99_998 }, () => ev('report-progress'))], { intake: { actor: AGENT } }).snapshot;
    expect(full.history).toHaveLength(100_000);
    expect(readSnapshot(policy, JSON.parse(JSON.stringify(full))).revision).toBe(99_999);
    expect(rows(thrown(() => transition(policy, full, ev('report-progress'))))).toEqual([
      ['INVALID_INPUT', '<input>', ['event'], 'event "report-progress": the case\'s history already holds 100000 entries, the most a snapshot holds'],
    ]);
  }, 30_000);
});

describe('a list longer than its schema allows is one problem, its items are not read (loss items, allocation shares: seconds and a problem per item)', () => {
  test('calculateLoss with 500,000 items of an unknown type', () => {
    const started = performance.now();
    const e = thrown(() => calculateLoss(loadPolicy('manufacturer'), { items: Array.from({ length: 500_000 }, () => ({ type: 'nope' })) }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([['INVALID_INPUT', ['items'], 'Too big: expected array to have <=10000 items']]);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  test('allocate with 500,000 shares of one id', () => {
    const started = performance.now();
    const e = thrown(() => allocate({ amount: '1.00', shares: Array.from({ length: 500_000 }, () => ({ id: 'a', ratio: '1' })) }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([['INVALID_INPUT', ['shares'], 'Too big: expected array to have <=10000 items']]);
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});

describe('time helpers given an object without a prototype or a very long text', () => {
  test('parseInstant answers undefined, not "TypeError: Cannot convert object to primitive value"', () => {
    expect(parseInstant(Object.create(null) as string)).toBeUndefined();
  });

  test('addCalendarDays: INVALID_INPUT at days, its message bounded', () => {
    const rows = (days: unknown) => thrown(() => addCalendarDays(new Date(0), days as number, 'Asia/Shanghai')).issues.map((i) => [i.code, i.path, i.message]);
    expect(rows(Object.create(null))).toEqual([['INVALID_INPUT', ['days'], 'days is a whole number, got [object Object]']]);
    expect(rows('x'.repeat(10_000_000))).toEqual([['INVALID_INPUT', ['days'], `days is a whole number, got "${'x'.repeat(59)}… (10000002 characters)`]]);
    expect(rows(1.5)).toEqual([['INVALID_INPUT', ['days'], 'days is a whole number, got 1.5']]);
  });
});

describe('economicDeduction: more months already scheduled than allowed is one problem, none of them read (500,000 took ten seconds, a problem each)', () => {
  const base = { unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11' };
  const months = (n: number, bad: boolean) => Object.fromEntries(Array.from({ length: n }, (_, i) => [bad ? `m${i}` : `${1000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, '1.00']));

  test('200,000 month keys that are not months: one problem at alreadyScheduled, with the other fields still checked', () => {
    const started = performance.now();
    const e = thrown(() => economicDeduction(loadPolicy('manufacturer'), { ...base, monthlyBonus: '-1', alreadyScheduled: months(200_000, true) }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['INVALID_INPUT', ['alreadyScheduled'], '200000 months; at most 10000 may be given'],
      ['INVALID_INPUT', ['monthlyBonus'], 'money cannot be negative: amounts are written without a sign, such as "299.00" (got "-1")'],
    ]);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  test('10,000 months are read; 10,001 are refused', () => {
    const policy = loadPolicy('manufacturer');
    expect(economicDeduction(policy, { ...base, alreadyScheduled: months(10_000, false) }).total).toBe('6000.00');
    const e = thrown(() => economicDeduction(policy, { ...base, alreadyScheduled: months(10_001, false) }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([['INVALID_INPUT', ['alreadyScheduled'], '10001 months; at most 10000 may be given']]);
  });
});
