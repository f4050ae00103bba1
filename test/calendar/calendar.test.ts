import { describe, expect, test } from 'vitest';
import {
  addDuration,
  compileCalendar,
  elapsed,
  formatInstant,
  isWorkingDay,
  loadBundledCalendar,
  nextWorkingDay,
  type CalendarSpec,
} from '../../src/calendar/index.js';
import { InputError, PolicyError } from '../../src/errors/errors.js';
import { thrown } from '../helpers.js';

const data = loadBundledCalendar('cn-mainland');
const days: CalendarSpec = { type: 'business-days', data };
const hours: CalendarSpec = {
  type: 'business-hours',
  data,
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};
const always: CalendarSpec = { type: 'calendar' };
const sh = (d: Date): string => formatInstant(d, 'Asia/Shanghai');
const i = (s: string): Date => new Date(s);
const H = 3_600_000;
const M = 60_000;


describe('business-days', () => {
  test('Fri 2026-02-13 10:00 + 1 business day → Sat 2026-02-14 10:00 (make-up workday, not Monday)', () => {
    expect(sh(addDuration(days, i('2026-02-13T10:00:00+08:00'), { days: 1 }))).toBe('2026-02-14T10:00:00+08:00');
  });

  test('Sat 2026-02-14 10:00 + 1 business day → Tue 2026-02-24 10:00 (Spring Festival 02-15..02-23)', () => {
    expect(sh(addDuration(days, i('2026-02-14T10:00:00+08:00'), { days: 1 }))).toBe('2026-02-24T10:00:00+08:00');
  });

  test.each([
    ['2026-03-02T10:00:00+08:00', 0, '2026-03-02T10:00:00+08:00'],
    ['2026-03-02T10:00:00+08:00', 5, '2026-03-09T10:00:00+08:00'],
    ['2026-03-08T10:00:00+08:00', 1, '2026-03-09T10:00:00+08:00'], // from a Sunday
    ['2026-02-12T23:30:00+08:00', 3, '2026-02-24T23:30:00+08:00'], // 02-13, 02-14 (make-up), 02-24
    ['2025-12-31T09:15:00+08:00', 1, '2026-01-04T09:15:00+08:00'], // across the year end
  ] as const)('%s + %i business days → %s', (start, n, due) => {
    expect(sh(addDuration(days, i(start), { days: n }))).toBe(due);
  });

  test('the wall-clock time is kept in the calendar zone, whatever the input offset', () => {
    // 2026-02-13T02:00Z is 10:00 in Shanghai.
    expect(addDuration(days, i('2026-02-13T02:00:00Z'), { days: 1 }).toISOString()).toBe('2026-02-14T02:00:00.000Z');
  });

  test('hours in whole multiples of 24 count as working days', () => {
    expect(sh(addDuration(days, i('2026-02-13T10:00:00+08:00'), { hours: 48 }))).toBe('2026-02-24T10:00:00+08:00');
    expect(sh(addDuration(days, i('2026-02-13T10:00:00+08:00'), { days: 1, minutes: 1440 }))).toBe('2026-02-24T10:00:00+08:00');
  });

  test('other hours are refused with a pointer to business-hours: the caller\'s argument, an InputError at the part', () => {
    const e = thrown(() => addDuration(days, i('2026-02-13T10:00:00+08:00'), { hours: 30 }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues).toEqual([
      {
        code: 'INVALID_INPUT',
        file: '<input>',
        path: ['hours'],
        message: 'a business-days calendar counts whole working days: 30 hours is not a multiple of 24; use a business-hours calendar to count hours',
      },
    ]);
    const m = thrown(() => addDuration(days, i('2026-02-13T10:00:00+08:00'), { days: 1, minutes: 30 }));
    expect([m.constructor, m.code, m.issues.map((x) => [x.code, x.path])]).toEqual([InputError, 'INVALID_INPUT', [['INVALID_INPUT', ['minutes']]]]);
    // 24 hours are a whole day: the 30 minutes are what does not fit
    const hm = thrown(() => addDuration(days, i('2026-02-13T10:00:00+08:00'), { hours: 24, minutes: 30 }));
    expect(hm.issues.map((x) => [x.code, x.path])).toEqual([['INVALID_INPUT', ['minutes']]]);
  });

  test('a calendar-type result past the range of a Date is refused at the part that overflows', () => {
    const utc: CalendarSpec = { type: 'calendar', timeZone: 'UTC' };
    const at = (d: { hours?: number; minutes?: number }) => thrown(() => addDuration(utc, new Date(0), d)).issues.map((x) => [x.code, x.path]);
    expect(at({ hours: 1, minutes: 1e15 })).toEqual([['INVALID_INPUT', ['minutes']]]);
    expect(at({ hours: 1e12, minutes: 1 })).toEqual([['INVALID_INPUT', ['hours']]]);
    expect(at({ hours: 1e12 })).toEqual([['INVALID_INPUT', ['hours']]]);
  });

  test('elapsed counts whole working days only', () => {
    // Fri 12:00 → Tue 02-24 12:00: 12 h of Fri, all of Sat 02-14, 12 h of 02-24.
    expect(elapsed(days, i('2026-02-13T12:00:00+08:00'), i('2026-02-24T12:00:00+08:00'))).toBe(48 * H);
    expect(elapsed(days, i('2026-02-15T00:00:00+08:00'), i('2026-02-24T00:00:00+08:00'))).toBe(0);
    expect(elapsed(days, i('2026-02-24T12:00:00+08:00'), i('2026-02-13T12:00:00+08:00'))).toBe(0);
  });
});

describe('business-hours', () => {
  test.each([
    // within a window
    ['2026-03-02T09:00:00+08:00', { hours: 1 }, '2026-03-02T10:00:00+08:00'],
    // filling a window exactly ends at its end, not at the next start
    ['2026-03-02T09:00:00+08:00', { hours: 3 }, '2026-03-02T12:00:00+08:00'],
    // across lunch
    ['2026-03-02T11:00:00+08:00', { hours: 2 }, '2026-03-02T14:30:00+08:00'],
    // a start during lunch begins at 13:30
    ['2026-03-02T12:30:00+08:00', { hours: 1 }, '2026-03-02T14:30:00+08:00'],
    // a start before opening begins at 09:00
    ['2026-03-02T07:00:00+08:00', { minutes: 30 }, '2026-03-02T09:30:00+08:00'],
    // one full working day is 7.5 h
    ['2026-03-02T09:00:00+08:00', { hours: 7.5 }, '2026-03-02T18:00:00+08:00'],
    // across the night
    ['2026-03-02T17:00:00+08:00', { hours: 2 }, '2026-03-03T10:00:00+08:00'],
    ['2026-03-02T20:00:00+08:00', { hours: 1 }, '2026-03-03T10:00:00+08:00'],
    // across a weekend
    ['2026-03-06T17:30:00+08:00', { hours: 1 }, '2026-03-09T09:30:00+08:00'],
    // into the make-up Saturday before Spring Festival
    ['2026-02-13T17:00:00+08:00', { hours: 3 }, '2026-02-14T11:00:00+08:00'],
    // across the Spring Festival block
    ['2026-02-14T17:00:00+08:00', { hours: 2 }, '2026-02-24T10:00:00+08:00'],
    // across National Day 2025 (10-01..10-08)
    ['2025-09-30T17:00:00+08:00', { hours: 1, minutes: 30 }, '2025-10-09T09:30:00+08:00'],
    // the 48 h preliminary-solution clock: 6 full days (45 h) + 3 h
    ['2026-03-02T09:00:00+08:00', { hours: 48 }, '2026-03-10T12:00:00+08:00'],
    // days move to the same time on the N-th working day, then hours count
    ['2026-02-13T10:00:00+08:00', { days: 1, hours: 1 }, '2026-02-14T11:00:00+08:00'],
    // zero duration: unchanged, even outside a window
    ['2026-03-08T03:00:00+08:00', {}, '2026-03-08T03:00:00+08:00'],
  ] as const)('%s + %o → %s', (start, d, due) => {
    const end = addDuration(hours, i(start), d);
    expect(sh(end)).toBe(due);
    const ms = ((d as { hours?: number }).hours ?? 0) * H + ((d as { minutes?: number }).minutes ?? 0) * M;
    if (!('days' in d)) expect(elapsed(hours, i(start), end)).toBe(ms);
  });

  test('elapsed counts window time on working days only', () => {
    expect(elapsed(hours, i('2026-03-02T11:00:00+08:00'), i('2026-03-02T14:30:00+08:00'))).toBe(2 * H);
    expect(elapsed(hours, i('2026-03-02T12:05:00+08:00'), i('2026-03-02T13:25:00+08:00'))).toBe(0);
    // whole Spring Festival week: only 02-14 (7.5 h) and 02-24 until 10:00 (1 h)
    expect(elapsed(hours, i('2026-02-14T00:00:00+08:00'), i('2026-02-24T10:00:00+08:00'))).toBe(8.5 * H);
  });

  test('elapsed never touches a day it does not need: ending at 2027-01-01 00:00 is fine', () => {
    expect(elapsed(hours, i('2026-12-31T17:00:00+08:00'), i('2027-01-01T00:00:00+08:00'))).toBe(1 * H);
  });
});

describe('calendar (24×7)', () => {
  test('hours are plain elapsed time', () => {
    expect(sh(addDuration(always, i('2026-02-13T10:00:00+08:00'), { hours: 48 }))).toBe('2026-02-15T10:00:00+08:00');
    expect(elapsed(always, i('2026-02-13T10:00:00+08:00'), i('2026-02-15T10:00:00+08:00'))).toBe(48 * H);
  });

  test('days are calendar days in the zone (same wall-clock time across a DST change)', () => {
    const la: CalendarSpec = { type: 'calendar', timeZone: 'America/Los_Angeles' };
    const end = addDuration(la, i('2026-03-07T12:00:00-08:00'), { days: 1 });
    expect(formatInstant(end, 'America/Los_Angeles')).toBe('2026-03-08T12:00:00-07:00');
    expect(elapsed(la, i('2026-03-07T12:00:00-08:00'), end)).toBe(23 * H);
  });

  test('every day is a working day, with no data needed', () => {
    expect(isWorkingDay(always, '2027-02-07')).toBe(true);
    expect(nextWorkingDay(always, '2030-12-31')).toBe('2031-01-01');
  });
});

describe('isWorkingDay and nextWorkingDay', () => {
  test('an instant is classified by its local date in the calendar zone', () => {
    // 2026-02-14T15:59Z is Sat 23:59 in Shanghai (workday); 16:00Z is Sun 02-15 00:00 (holiday).
    expect(isWorkingDay(days, i('2026-02-14T15:59:00Z'))).toBe(true);
    expect(isWorkingDay(days, i('2026-02-14T16:00:00Z'))).toBe(false);
    expect(isWorkingDay(days, '2026-02-14T23:59:00+08:00')).toBe(true);
    expect(isWorkingDay(days, '2026-02-14T16:00:00Z')).toBe(false);
  });

  test('a timeZone override changes the local date', () => {
    const utcDays: CalendarSpec = { type: 'business-days', data, timeZone: 'UTC' };
    expect(isWorkingDay(utcDays, i('2026-02-14T23:00:00Z'))).toBe(true); // still Saturday in UTC
    expect(isWorkingDay(days, i('2026-02-14T23:00:00Z'))).toBe(false); // Sunday in Shanghai
  });

  test('nextWorkingDay is strictly after the given day', () => {
    expect(nextWorkingDay(days, '2026-02-13')).toBe('2026-02-14');
    expect(nextWorkingDay(days, '2026-02-14')).toBe('2026-02-24');
    expect(nextWorkingDay(days, i('2026-09-30T20:00:00+08:00'))).toBe('2026-10-08');
    expect(nextWorkingDay(hours, '2025-09-27')).toBe('2025-09-28');
  });

  test('bad inputs are refused with INVALID_INSTANT / INVALID_INPUT', () => {
    // caller input: an InputError (code INVALID_INPUT) whose issue keeps its own code
    const issueOf = (fn: () => unknown) => {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(InputError);
      expect(e.code).toBe('INVALID_INPUT');
      return e.issues.map((x) => [x.code, x.path]);
    };
    // one named path, `date`, for text and Date alike
    expect(issueOf(() => isWorkingDay(days, '2026-02-14T10:00:00'))).toEqual([['INVALID_INSTANT', ['date']]]); // no offset
    expect(issueOf(() => isWorkingDay(days, 'yesterday'))).toEqual([['INVALID_INSTANT', ['date']]]);
    expect(issueOf(() => isWorkingDay(days, new Date(NaN)))).toEqual([['INVALID_INSTANT', ['date']]]);
    expect(issueOf(() => isWorkingDay(days, '2025-02-29'))).toEqual([['INVALID_INPUT', ['date']]]);
    const e = thrown(() => addDuration(days, i('2026-03-02T10:00:00+08:00'), { days: 1.5, hours: -1 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues.map((x) => x.path)).toEqual([['days'], ['hours']]);
  });
});

describe('instants are read as parseInstant reads them', () => {
  const refused = (fn: () => unknown) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(InputError);
    return [e.code, e.issues];
  };
  test.each([
    '2026-02-30T10:00:00+08:00', // would roll to 2026-03-02
    '2026-04-31T10:00:00+08:00',
    '2026-02-13T24:00:00+08:00',
    '2026-02-13T10:00:00+24:00',
  ])('an instant that does not exist, %s, is refused by isWorkingDay and nextWorkingDay (INVALID_INSTANT at date)', (text) => {
    const expected = [
      'INVALID_INPUT',
      [{ code: 'INVALID_INSTANT', file: '<input>', path: ['date'], message: `"${text}" is neither a date YYYY-MM-DD nor an ISO 8601 instant with an explicit offset that exists` }],
    ];
    expect(refused(() => isWorkingDay(always, text))).toEqual(expected);
    expect(refused(() => nextWorkingDay(always, text))).toEqual(expected);
    expect(refused(() => isWorkingDay(days, text))).toEqual(expected);
  });

  test('fractions of 1–9 digits are accepted, as parseInstant accepts them', () => {
    expect(nextWorkingDay(days, '2026-02-13T10:00:00.123456+08:00')).toBe('2026-02-14');
    expect(isWorkingDay(days, '2026-02-16T10:00:00.123456789+08:00')).toBe(false);
    expect(isWorkingDay(days, '2026-02-13T23:59:59.9999Z')).toBe(true); // 2026-02-14 07:59 in Shanghai: make-up workday
    expect(isWorkingDay(days, '2026-02-14T23:59:59.9999Z')).toBe(false); // 2026-02-15 07:59 in Shanghai: Spring Festival
  });
});

describe('CALENDAR_NOT_AVAILABLE: never guess Mon–Fri', () => {
  const notAvailable = (year: number) =>
    expect.objectContaining({
      code: 'CALENDAR_NOT_AVAILABLE',
      issues: [
        {
          code: 'CALENDAR_NOT_AVAILABLE',
          file: '<calendar>',
          path: [],
          message: `no holiday data for ${year} in calendar "cn-mainland" (it covers 2025–2026)`,
        },
      ],
    });

  test.each([
    ['isWorkingDay 2024-12-31', 2024, () => isWorkingDay(days, '2024-12-31')],
    ['isWorkingDay 2027-01-04', 2027, () => isWorkingDay(hours, '2027-01-04')],
    ['an instant that is already 2027 in Shanghai', 2027, () => isWorkingDay(days, i('2026-12-31T16:30:00Z'))],
    ['addDuration into 2027', 2027, () => addDuration(days, i('2026-12-31T10:00:00+08:00'), { days: 1 })],
    ['addDuration from 2024', 2024, () => addDuration(hours, i('2024-12-31T10:00:00+08:00'), { hours: 1 })],
    ['business hours running past 2026-12-31', 2027, () => addDuration(hours, i('2026-12-31T17:00:00+08:00'), { hours: 2 })],
    ['elapsed across the year end', 2027, () => elapsed(days, i('2026-12-31T10:00:00+08:00'), i('2027-01-02T10:00:00+08:00'))],
    ['nextWorkingDay after the last day', 2027, () => nextWorkingDay(days, '2026-12-31')],
  ] as const)('%s', (_name, year, fn) => {
    expect(thrown(fn)).toEqual(notAvailable(year));
  });

  test('an instant that is still 2024 in UTC but 2025 in Shanghai is classified (New Year holiday)', () => {
    expect(isWorkingDay(days, i('2024-12-31T16:30:00Z'))).toBe(false);
  });
});

describe('formatInstant', () => {
  test.each([
    ['2026-02-14T01:00:00Z', 'Asia/Shanghai', '2026-02-14T09:00:00+08:00'],
    ['2026-02-14T01:00:00Z', 'UTC', '2026-02-14T01:00:00Z'],
    ['2026-07-01T12:00:00Z', 'America/Los_Angeles', '2026-07-01T05:00:00-07:00'],
  ])('%s in %s → %s', (instant, tz, text) => {
    expect(formatInstant(i(instant), tz)).toBe(text);
  });

  test('an unknown zone is refused', () => {
    expect(thrown(() => formatInstant(i('2026-02-14T01:00:00Z'), 'Mars/Olympus')).code).toBe('INVALID_INPUT');
  });
});

describe('calendar specs', () => {
  test('working windows must be ordered and non-empty', () => {
    const bad = { type: 'business-hours', data, hours: [{ start: '13:30', end: '18:00' }, { start: '09:00', end: '09:00' }] } as const;
    const e = thrown(() => addDuration(bad, i('2026-03-02T10:00:00+08:00'), { hours: 1 }));
    expect(e.code).toBe('SCHEMA_VIOLATION');
    expect(e.issues.map((x) => [x.path, x.message])).toEqual([
      [['hours', 1, 'end'], 'window 09:00–09:00 is empty: end must be after start'],
      [['hours', 1, 'start'], 'window 09:00–09:00 starts before the previous window ends; list windows in order without overlap'],
    ]);
  });

  test('an unknown type is refused', () => {
    const e = thrown(() => isWorkingDay({ type: 'lunar' } as unknown as CalendarSpec, '2026-03-02'));
    expect(e.code).toBe('SCHEMA_VIOLATION');
    expect(e.issues[0]!.path).toEqual(['type']);
  });

  test('data given in memory without compileCalendar is validated on first use', () => {
    const raw = { id: 'tiny', timeZone: 'Asia/Shanghai', years: [2026], weekend: [6, 0], holidays: [], workdays: [{ date: '2026-03-04', name: 'x' }] };
    const e = thrown(() => isWorkingDay({ type: 'business-days', data: raw }, '2026-03-02'));
    expect(e.code).toBe('SCHEMA_VIOLATION');
    expect(e.issues[0]!.path).toEqual(['workdays', 0, 'date']);
    const ok = compileCalendar({ ...raw, workdays: [] });
    expect(isWorkingDay({ type: 'business-days', data: ok }, '2026-03-07')).toBe(false);
  });
});

describe('calendars are cached only when wholly frozen', () => {
  test('a frozen spec whose hours or data can still change is read afresh each call', () => {
    const own = JSON.parse(JSON.stringify(data)) as { holidays: Array<{ date: string; name: string }> } & Record<string, unknown>;
    const workingHours = [{ start: '09:00', end: '12:00' }];
    const spec = Object.freeze({ type: 'business-hours', data: Object.freeze(own), hours: workingHours }) as unknown as CalendarSpec;
    // Mon 2026-03-02 11:00 + 2 working hours: 12:00 closes, so 10:00 the next morning
    expect(sh(addDuration(spec, i('2026-03-02T11:00:00+08:00'), { hours: 2 }))).toBe('2026-03-03T10:00:00+08:00');
    expect(isWorkingDay(spec, '2026-03-03')).toBe(true);
    workingHours[0]!.end = '18:00';
    expect(sh(addDuration(spec, i('2026-03-02T11:00:00+08:00'), { hours: 2 }))).toBe('2026-03-02T13:00:00+08:00');
    own.holidays.push({ date: '2026-03-03', name: 'A day off added later' });
    expect(isWorkingDay(spec, '2026-03-03')).toBe(false);
  });

  test('a deep-frozen spec is cached and gives the same answers', () => {
    const spec = Object.freeze({ type: 'business-hours', data, hours: Object.freeze([Object.freeze({ start: '09:00', end: '12:00' })]) }) as unknown as CalendarSpec;
    for (let k = 0; k < 2; k++) expect(sh(addDuration(spec, i('2026-03-02T11:00:00+08:00'), { hours: 2 }))).toBe('2026-03-03T10:00:00+08:00');
  });
});

describe('duration arguments', () => {
  const start = i('2026-11-25T10:00:00+08:00');
  const issuesOf = (fn: () => unknown) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('INVALID_INPUT');
    return e.issues.map((x) => [x.code, x.path, x.message]);
  };

  test.each([
    [{ day: 3 }, [['INVALID_INPUT', ['day'], 'unknown duration part "day": use days, hours or minutes']]],
    [{ weeks: 1 }, [['INVALID_INPUT', ['weeks'], 'unknown duration part "weeks": use days, hours or minutes']]],
    [{ days: 1, hour: 2 }, [['INVALID_INPUT', ['hour'], 'unknown duration part "hour": use days, hours or minutes']]],
  ])('an unknown key %j is refused at the key (not read as zero)', (duration, expected) => {
    expect(issuesOf(() => addDuration(always, start, duration as never))).toEqual(expected);
    expect(issuesOf(() => addDuration(hours, start, duration as never))).toEqual(expected);
  });

  test.each([
    [[], 'a list'],
    [new Map([['days', 1]]), 'an object that is not a plain object'],
    [new Date(0), 'an object that is not a plain object'],
    [null, 'null'],
    ['P1D', 'string'],
  ])('a duration that is not a plain object (%o) is refused at []', (duration, got) => {
    expect(issuesOf(() => addDuration(always, start, duration as never))).toEqual([
      ['INVALID_INPUT', [], `a duration is a plain object { days?, hours?, minutes? }, got ${got}`],
    ]);
  });

  test('a plain object without a prototype is a duration', () => {
    expect(sh(addDuration(always, start, Object.assign(Object.create(null) as object, { hours: 2 })))).toBe('2026-11-25T12:00:00+08:00');
  });

  test('a part given as text shows that it is text', () => {
    expect(issuesOf(() => addDuration(always, start, { hours: '2' } as never))).toEqual([['INVALID_INPUT', ['hours'], 'hours must be a finite number ≥ 0, got "2" (text)']]);
    expect(issuesOf(() => addDuration(always, start, { minutes: null } as never))).toEqual([['INVALID_INPUT', ['minutes'], 'minutes must be a finite number ≥ 0, got null']]);
  });

  test.each([
    [{ hours: 1e10 }, 'hours'],
    [{ minutes: 1e12 }, 'minutes'],
    [{ days: 1e21 }, 'days'],
    [{ days: 1e8 }, 'days'],
    [{ days: 99_000_000, hours: 24 * 2_000_000 }, 'hours'],
  ])('a due instant beyond the range of a Date (%o) is refused at %s, not an Invalid Date', (duration, part) => {
    expect(issuesOf(() => addDuration(always, start, duration))).toEqual([
      ['INVALID_INPUT', [part], `these ${part} would put the due instant beyond the range of a Date (±8.64e15 ms from 1970)`],
    ]);
  });

  test('the last instant a Date holds can still be reached', () => {
    const from = new Date(8.64e15 - 3_600_000);
    expect(addDuration({ type: 'calendar', timeZone: 'UTC' }, from, { hours: 1 }).getTime()).toBe(8.64e15);
    expect(addDuration({ type: 'calendar', timeZone: 'UTC' }, new Date(8.64e15 - 86_400_000), { days: 1 }).getTime()).toBe(8.64e15);
  });
});

describe('nextWorkingDay stays within the dates YYYY-MM-DD can write', () => {
  test('the day after 9999-12-31 is refused (it printed "+010000-01")', () => {
    expect(nextWorkingDay(always, '9999-12-30')).toBe('9999-12-31');
    const e = thrown(() => nextWorkingDay(always, '9999-12-31'));
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.issues]).toEqual([
      'INVALID_INPUT',
      [{ code: 'INVALID_INPUT', file: '<input>', path: ['date'], message: 'the next working day would be outside 0000-01-01 to 9999-12-31, the dates YYYY-MM-DD can write' }],
    ]);
  });

  test('a Date after 9999 or before year 0 is refused too', () => {
    const utc = { type: 'calendar', timeZone: 'UTC' } as const;
    for (const d of [new Date(Date.UTC(10_000, 5, 1)), new Date('-000001-12-30T12:00:00Z')]) {
      const e = thrown(() => nextWorkingDay(utc, d));
      expect([e.constructor, e.code, e.issues.map((x) => x.path)]).toEqual([InputError, 'INVALID_INPUT', [['date']]]);
    }
    expect(nextWorkingDay(utc, new Date('-000001-12-31T12:00:00Z'))).toBe('0000-01-01');
  });
});
