/**
 * The published API as a host sees it:
 * - caller input to the time, numbering and calendar helpers (a bad `now`, last number, duration,
 *   zone) is an `InputError` — code `INVALID_INPUT`, each issue with its own code and path — as
 *   `decide` already did, so `instanceof InputError` → HTTP 400 holds; pack and data problems stay
 *   plain `PolicyError`s;
 * - optional options take an explicit `undefined`, which counts as not given;
 * - what the library returns deep-frozen is typed read-only (test/foundation/api-types.fixture.ts,
 *   compiled here with `exactOptionalPropertyTypes` as a strict host compiles it).
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  addDuration,
  complaintNumberPattern,
  deadlines,
  elapsed,
  formatInstant,
  InputError,
  isWorkingDay,
  loadBundledCalendar,
  loadPolicy,
  nextComplaintNumber,
  nextComplaintNumberFromPattern,
  overdueEffects,
  parseComplaintNumber,
  parseInstant,
  PolicyError,
  replay,
  simulateRange,
  start,
  toInstant,
  transition,
  type CalendarData,
  type HistoryEntry,
  type LifecycleSnapshot,
  type NumberingPattern,
  type PackSettings,
  type Policy,
} from '../../src/index.js';
import { AGENT, caseIn, ecommerce, ev, lcComplaint, PATHS } from '../lifecycle/helpers.js';

/** The error `fn` throws (fails when it throws nothing). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** `fn` throws an InputError (code INVALID_INPUT) with exactly these issues: [code, path, message?]. */
function expectInputError(fn: () => unknown, issues: Array<[string, Array<string | number>, (string | RegExp)?]>): void {
  const e = caught(fn);
  expect(e).toBeInstanceOf(InputError);
  const err = e as InputError;
  expect(err.name).toBe('InputError');
  expect(err.code).toBe('INVALID_INPUT');
  expect(err.issues.map((i) => [i.code, i.path])).toEqual(issues.map(([code, path]) => [code, path]));
  issues.forEach(([, , message], k) => {
    if (typeof message === 'string') expect(err.issues[k]!.message).toBe(message);
    else if (message) expect(err.issues[k]!.message).toMatch(message);
  });
}

/** `fn` throws a plain PolicyError (not an InputError) with this code. */
function expectPolicyError(fn: () => unknown, code: string): void {
  const e = caught(fn);
  expect(e).toBeInstanceOf(PolicyError);
  expect(e).not.toBeInstanceOf(InputError);
  expect((e as PolicyError).code).toBe(code);
}

const BAD_NOW = 'expected a Date or ISO 8601 text with an offset, got "x"';
const NAN_NOW = 'expected a Date or ISO 8601 text with an offset, got "Invalid Date"';
const NOW = '2026-11-20T11:00:00+08:00';
const days = { type: 'business-days', data: loadBundledCalendar('cn-mainland') } as const;

describe('a bad now is an InputError with an INVALID_INSTANT issue at now', () => {
  test.each([
    ['start', () => start(ecommerce, lcComplaint(), { actor: AGENT, now: 'x' }), BAD_NOW],
    ['transition', () => transition(ecommerce, caseIn('received').snapshot, ev('start-verification', '10:30'), { now: 'x' }), BAD_NOW],
    ['deadlines', () => deadlines(ecommerce, caseIn('verifying').snapshot, { now: 'x' }), BAD_NOW],
    ['overdueEffects', () => overdueEffects(ecommerce, caseIn('verifying').snapshot, { now: new Date(NaN) }), NAN_NOW],
    ['nextComplaintNumber', () => nextComplaintNumber(ecommerce, null, 'x'), BAD_NOW],
    ['nextComplaintNumberFromPattern', () => nextComplaintNumberFromPattern(undefined, null, new Date(NaN)), 'now must be a valid Date'],
    ['toInstant', () => toInstant('x'), BAD_NOW],
  ])('%s', (_name, fn, message) => {
    expectInputError(fn, [['INVALID_INSTANT', ['now'], message]]);
  });

  test('as decide() and a missing now already were', () => {
    expectInputError(() => ecommerce.decide(lcComplaint(), { now: 'x' }), [['INVALID_INSTANT', ['now']]]);
    expectInputError(() => deadlines(ecommerce, caseIn('verifying').snapshot, {} as never), [['INVALID_INSTANT', ['now']]]);
  });

  test('toInstant names the path it is given', () => {
    expectInputError(() => toInstant('2026-11-20 10:00', ['--now']), [['INVALID_INSTANT', ['--now'], 'expected a Date or ISO 8601 text with an offset, got "2026-11-20 10:00"']]);
  });
});

describe('complaint numbers: caller input is an InputError naming what was passed', () => {
  const at = new Date('2026-11-25T10:00:00+08:00');
  const pattern = 'the pattern YYMM + 4-digit serial';

  test('a malformed, later-period or exhausted last number', () => {
    expectInputError(() => nextComplaintNumberFromPattern(undefined, 'abc', at), [['INVALID_INPUT', ['lastNumber'], `last number "abc" does not match ${pattern}: expected e.g. "26110001"`]]);
    expectInputError(() => nextComplaintNumberFromPattern(undefined, 26110007 as never, at), [['INVALID_INPUT', ['lastNumber'], `last number "26110007" does not match ${pattern}: it is not a string`]]);
    expectInputError(() => nextComplaintNumberFromPattern(undefined, '26120001', at), [['INVALID_INPUT', ['lastNumber'], /^last number 26120001 belongs to a later period than now/]]);
    expectInputError(() => nextComplaintNumberFromPattern(undefined, '26119999', at), [['INVALID_INPUT', ['lastNumber'], /^serial overflow: /]]);
    expectInputError(() => nextComplaintNumber(ecommerce, '2611-7', at), [['INVALID_INPUT', ['lastNumber'], /^last number "2611-7" does not match/]]);
    expectInputError(() => nextComplaintNumber(ecommerce, 26110007 as never, at), [['INVALID_INPUT', ['lastNumber'], 'the last number is a string, or null for the first number']]);
  });

  test('parseComplaintNumber reports the number at value, not as a "last number"', () => {
    expectInputError(() => parseComplaintNumber(undefined, 'abc'), [['INVALID_INPUT', ['value'], `complaint number "abc" does not match ${pattern}: expected e.g. "26110001"`]]);
    expectInputError(() => parseComplaintNumber(undefined, '26130001'), [['INVALID_INPUT', ['value'], `complaint number "26130001" does not match ${pattern}: month 13 is not 01–12`]]);
  });

  test('start and replay report a bad number at the option, as a complaint number', () => {
    const message = `complaint number "x" does not match ${pattern}: expected e.g. "26110001"`;
    expectInputError(() => start(ecommerce, lcComplaint(), { actor: AGENT, number: 'x' }), [['INVALID_INPUT', ['number'], message]]);
    expectInputError(() => replay(ecommerce, lcComplaint(), [], { intake: { actor: AGENT, number: 'x' } }), [['INVALID_INPUT', ['intake', 'number'], message]]);
  });

  test('an invalid pattern is the pattern owner’s problem: a plain PolicyError SCHEMA_VIOLATION', () => {
    expectPolicyError(() => nextComplaintNumberFromPattern({ format: 'YYY', serialDigits: 4, resetEvery: 'never', timeZone: 'UTC' }, null, at), 'SCHEMA_VIOLATION');
  });
});

describe('calendars and instants: caller input is an InputError; missing data stays a PolicyError', () => {
  test('a bad duration, start or date', () => {
    expectInputError(() => addDuration(days, new Date('2026-03-02T10:00:00+08:00'), { hours: -1 }), [['INVALID_INPUT', ['hours'], 'hours must be a finite number ≥ 0, got -1']]);
    expectInputError(() => addDuration(days, new Date('2026-03-02T10:00:00+08:00'), null as never), [['INVALID_INPUT', [], 'a duration is a plain object { days?, hours?, minutes? }, got null']]);
    expectInputError(() => addDuration(days, new Date(NaN), { days: 1 }), [['INVALID_INSTANT', ['start'], 'start must be a valid Date']]);
    expectInputError(() => elapsed(days, new Date('2026-03-02T10:00:00+08:00'), new Date(NaN)), [['INVALID_INSTANT', ['to'], 'to must be a valid Date']]);
    expectInputError(() => isWorkingDay(days, 'yesterday'), [['INVALID_INSTANT', ['date']]]);
    expectInputError(() => isWorkingDay(days, '2025-02-29'), [['INVALID_INPUT', ['date'], '"2025-02-29" is not a date that exists']]);
  });

  test('formatInstant: an unknown zone or an invalid date', () => {
    expectInputError(() => formatInstant(new Date('2026-02-14T01:00:00Z'), 'Mars/Olympus'), [['INVALID_INPUT', ['timeZone'], '"Mars/Olympus" is not a known IANA time zone']]);
    expectInputError(() => formatInstant(new Date(NaN), 'Asia/Shanghai'), [['INVALID_INSTANT', ['instant'], 'the instant is not a valid Date']]);
    expectInputError(() => formatInstant('2026-02-14T01:00:00Z' as never, 'Asia/Shanghai'), [['INVALID_INSTANT', ['instant'], 'the instant is not a valid Date']]);
  });

  test('a year the calendar data does not cover stays CALENDAR_NOT_AVAILABLE (a PolicyError, not an InputError)', () => {
    expectPolicyError(() => isWorkingDay(days, '2027-01-04'), 'CALENDAR_NOT_AVAILABLE');
  });

  test('formatInstant reads back as the instant for whole-minute offsets, and off by the seconds of an LMT offset (as its TSDoc says)', () => {
    const now = new Date('2026-11-25T09:30:00.070Z');
    expect(parseInstant(formatInstant(now, 'Asia/Shanghai'))!.getTime()).toBe(now.getTime());
    const lmt = new Date('1900-01-01T00:00:00Z');
    expect(formatInstant(lmt, 'Asia/Shanghai')).toBe('1900-01-01T08:05:43+08:05');
    expect(parseInstant(formatInstant(lmt, 'Asia/Shanghai'))!.getTime() - lmt.getTime()).toBe(43_000);
  });
});

describe('an optional option set to undefined counts as not given', () => {
  const u = undefined;

  test('start: now, number, linkedTo', () => {
    expect(start(ecommerce, lcComplaint(), { actor: AGENT, now: u, number: u, linkedTo: u })).toEqual(start(ecommerce, lcComplaint(), { actor: AGENT }));
  });

  test('transition: now', () => {
    const s = caseIn('received').snapshot;
    expect(transition(ecommerce, s, ev('start-verification', '10:30'), { now: u })).toEqual(transition(ecommerce, s, ev('start-verification', '10:30')));
  });

  test('replay: intake and each of its fields', () => {
    const events = PATHS['awaiting-customer']!;
    const plain = replay(ecommerce, lcComplaint(), events);
    expect(replay(ecommerce, lcComplaint(), events, { intake: u })).toEqual(plain);
    expect(replay(ecommerce, lcComplaint(), events, { intake: { actor: u, number: u, linkedTo: u } })).toEqual(plain);
  });

  test('decide: trace', () => {
    const d = ecommerce.decide(lcComplaint(), { now: NOW, trace: u });
    expect(d.trace.length).toBeGreaterThan(0);
    expect(d).toEqual(ecommerce.decide(lcComplaint(), { now: NOW }));
  });

  test('simulateRange: from', () => {
    expect(simulateRange(ecommerce, { seed: 7, from: u, count: 5 })).toEqual(simulateRange(ecommerce, { seed: 7, count: 5 }));
  });

  test('loadPolicy: facts, operators, memo, limits and each limit', () => {
    const all = { maxBytes: u, maxDepth: u, maxFiles: u, maxTotalBytes: u, maxConditionDepth: u, maxConditionNodes: u, maxRules: u };
    const p = loadPolicy('ecommerce', { facts: u, operators: u, memo: u, limits: all });
    expect(p.hash).toBe(ecommerce.hash);
    expect(p.decide(lcComplaint(), { now: NOW })).toEqual(ecommerce.decide(lcComplaint(), { now: NOW }));
    expect(loadPolicy('ecommerce', { limits: u }).hash).toBe(ecommerce.hash);
  });
});

describe('returned values are deep-frozen and typed read-only', () => {
  test('at run time: frozen all the way down', () => {
    const { snapshot } = caseIn('awaiting-customer');
    expect(Object.isFrozen(snapshot.history)).toBe(true);
    expect(Object.isFrozen(snapshot.history[0]!.entered)).toBe(true);
    expect(Object.isFrozen(snapshot.complaint.order.items)).toBe(true);
    expect(() => (snapshot.history as HistoryEntry[]).push(snapshot.history[0]!)).toThrow(TypeError);
    expect(Object.isFrozen(ecommerce.settings)).toBe(true);
    expect(Object.isFrozen(ecommerce.manifest.files)).toBe(true);
    const data = loadBundledCalendar('cn-mainland');
    expect(Object.isFrozen(data.holidays)).toBe(true);
    expect(Object.isFrozen(data.holidays[0])).toBe(true);
    expect(Object.isFrozen(complaintNumberPattern(ecommerce)) || ecommerce.lifecycle!.numbering === complaintNumberPattern(ecommerce)).toBe(true);
  });

  test('in the types', () => {
    expectTypeOf<LifecycleSnapshot['history']>().toEqualTypeOf<readonly HistoryEntry[]>();
    expectTypeOf<HistoryEntry['entered']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<LifecycleSnapshot['links']>().toEqualTypeOf<ReadonlyArray<{ readonly reason: string; readonly at: string; readonly revision: number }>>();
    expectTypeOf<CalendarData['years']>().toEqualTypeOf<readonly number[]>();
    expectTypeOf<CalendarData['holidays'][number]>().toEqualTypeOf<{ readonly date: string; readonly name: string }>();
    expectTypeOf<Policy['settings']>().toEqualTypeOf<Readonly<PackSettings>>();
    expectTypeOf<Policy['manifest']['files']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf(complaintNumberPattern).returns.toEqualTypeOf<NumberingPattern>();
    expectTypeOf<NumberingPattern>().toEqualTypeOf<{ readonly format: string; readonly serialDigits: number; readonly resetEvery: 'month' | 'year' | 'never'; readonly timeZone: string }>();
  });

  test('a host compiled with exactOptionalPropertyTypes: the fixture type-checks (the @ts-expect-error lines are errors)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const fixture = join(root, 'test', 'foundation', 'api-types.fixture.ts');
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram([fixture], { ...parsed.options, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true });
    const source = program.getSourceFile(fixture)!;
    const problems = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});

describe('addCalendarDays: caller input is an InputError', () => {
  test('an invalid Date, fractional days and an unknown zone, each at its argument', async () => {
    const { addCalendarDays } = await import('../../src/index.js');
    const issuesOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).issues.map((i) => [i.code, i.path]);
      }
      throw new Error('expected an InputError');
    };
    expect(issuesOf(() => addCalendarDays(new Date(Number.NaN), 1.5, 'UTC'))).toEqual([
      ['INVALID_INSTANT', ['instant']],
      ['INVALID_INPUT', ['days']],
    ]);
    expect(issuesOf(() => addCalendarDays(new Date('2026-11-25T00:00:00Z'), 1, 'Mars/X'))).toEqual([['INVALID_INPUT', ['timeZone']]]);
    expect(addCalendarDays(new Date('2026-03-07T18:00:00Z'), 1, 'America/Los_Angeles').toISOString()).toBe('2026-03-08T17:00:00.000Z');
  });
});

describe('slaReport: now as Date or text, a bad one an InputError at now', () => {
  test('text and Date give the same report; an invalid Date and bad text are INVALID_INSTANT at now', async () => {
    const { slaReport } = await import('../../src/index.js');
    const { snapshot } = caseIn('verifying');
    expect(slaReport(ecommerce, snapshot, '2026-11-20T11:00:00+08:00')).toStrictEqual(slaReport(ecommerce, snapshot, new Date('2026-11-20T03:00:00Z')));
    for (const bad of [new Date(Number.NaN), 'x']) {
      try {
        slaReport(ecommerce, snapshot, bad);
        throw new Error('expected an InputError');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INSTANT', ['now']]]);
      }
    }
  });
});
