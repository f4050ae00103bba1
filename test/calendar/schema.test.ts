import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { bundledCalendarIds, CalendarDataSchema, checkCalendarData, compileCalendar, loadBundledCalendar } from '../../src/calendar/index.js';
import { PolicyError } from '../../src/errors/errors.js';

const valid = {
  id: 'tiny',
  timeZone: 'Asia/Shanghai',
  years: [2026],
  weekend: [6, 0],
  holidays: [
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-01-02', name: "New Year's Day" },
  ],
  workdays: [{ date: '2026-01-04', name: "make-up workday (New Year's Day)" }],
};

function issuesOf(data: unknown): Array<[ReadonlyArray<string | number>, string, string]> {
  try {
    compileCalendar(data, 'calendars/tiny.json');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).issues.map((i) => [i.path, i.code, i.message]);
  }
  return [];
}

describe('CalendarDataSchema + checkCalendarData', () => {
  test('the bundled file is valid', () => {
    const text = readFileSync(new URL('../../rules/calendars/cn-mainland.json', import.meta.url), 'utf8');
    const parsed = CalendarDataSchema.parse(JSON.parse(text));
    expect(checkCalendarData(parsed)).toEqual([]);
  });

  test('a valid calendar compiles to a frozen copy', () => {
    const out = compileCalendar(valid);
    expect(out).toEqual(valid);
    expect(out).not.toBe(valid);
    expect(Object.isFrozen(out.workdays)).toBe(true);
  });

  test('a make-up workday on a week day is refused, with its JSON path', () => {
    expect(issuesOf({ ...valid, workdays: [...valid.workdays, { date: '2026-01-05', name: 'x' }] })).toEqual([
      [
        ['workdays', 1, 'date'],
        'SCHEMA_VIOLATION',
        'make-up workday 2026-01-05 is a Monday, not a weekend day (weekend: Saturday, Sunday); list only weekend days that are worked',
      ],
    ]);
  });

  test('dates outside years, duplicates, and holiday-and-workday are all reported at once', () => {
    const bad = {
      ...valid,
      holidays: [...valid.holidays, { date: '2027-01-01', name: 'next year' }, { date: '2026-01-02', name: 'again' }, { date: '2026-01-03', name: 'Sat' }],
      workdays: [...valid.workdays, { date: '2026-01-03', name: 'both' }],
    };
    expect(issuesOf(bad)).toEqual([
      [['holidays', 2, 'date'], 'SCHEMA_VIOLATION', '2027-01-01 is outside the years this calendar covers (2026)'],
      [['holidays', 3, 'date'], 'SCHEMA_VIOLATION', '2026-01-02 is listed twice in "holidays" (first at index 1)'],
      [['workdays', 1, 'date'], 'SCHEMA_VIOLATION', '2026-01-03 is both a holiday (holidays[4]) and a workday'],
    ]);
  });

  test('a holiday may fall on any week day, weekends included', () => {
    expect(issuesOf({ ...valid, holidays: [{ date: '2026-01-03', name: 'Saturday holiday' }] })).toEqual([]);
  });

  test('repeated years and weekend days are refused', () => {
    expect(issuesOf({ ...valid, years: [2026, 2026], weekend: [6, 0, 6] }).map(([p]) => p)).toEqual([
      ['years', 1],
      ['weekend', 2],
    ]);
  });

  test('schema errors: impossible dates, bad format, unknown keys, unknown zone', () => {
    const out = issuesOf({
      ...valid,
      timeZone: 'Mars/Olympus',
      holidays: [{ date: '2026-02-29', name: 'no such day' }, { date: '2026-1-5', name: 'short' }],
      workdays: [{ date: '2026-01-04', name: 'x', extra: true }],
      colour: 'red',
    });
    expect(out).toEqual([
      [['timeZone'], 'SCHEMA_VIOLATION', 'not a known IANA time zone: "Mars/Olympus" (e.g. "Asia/Shanghai")'],
      [['holidays', 0, 'date'], 'SCHEMA_VIOLATION', 'dates are YYYY-MM-DD and must exist, e.g. "2026-02-14"'],
      [['holidays', 1, 'date'], 'SCHEMA_VIOLATION', 'dates are YYYY-MM-DD and must exist, e.g. "2026-02-14"'],
      [['workdays', 0], 'SCHEMA_VIOLATION', 'unknown key(s): "extra"'],
      [[], 'SCHEMA_VIOLATION', 'unknown key(s): "colour"'],
    ]);
  });

  test('prototype-polluting keys are refused before the schema runs', () => {
    const hostile = JSON.parse('{"id":"tiny","__proto__":{"x":1}}');
    expect(issuesOf(hostile)).toEqual([[['__proto__'], 'FORBIDDEN_KEY', 'the key "__proto__" is not allowed (prototype pollution)']]);
  });
});

describe('loadBundledCalendar', () => {
  test('lists the bundled calendars', () => {
    expect(bundledCalendarIds()).toEqual(['cn-mainland']);
  });

  test.each(['cn-hongkong', '../package', 'CN-MAINLAND', ''])('an unknown id %j is FILE_NOT_FOUND', (id) => {
    try {
      loadBundledCalendar(id);
      expect.unreachable();
    } catch (e) {
      expect((e as PolicyError).code).toBe('FILE_NOT_FOUND');
      expect((e as PolicyError).issues[0]!.message).toBe(`no bundled calendar ${JSON.stringify(id)} (available: cn-mainland)`);
    }
  });
});
