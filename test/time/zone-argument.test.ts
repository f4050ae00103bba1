import { describe, expect, test } from 'vitest';
import { addCalendarDays, formatInstant, isValidTimeZone } from '../../src/index.js';
import { InputError } from '../../src/errors/errors.js';
import { canonicalZone } from '../../src/time/instant.js';
import { thrown } from '../helpers.js';

/*
 * A zone argument that is not a non-empty text must never mean the process zone
 * (`Intl.DateTimeFormat(…, { timeZone: undefined })` is the host's zone).
 */
const d = new Date('2026-11-25T09:30:00Z');
const issuesOf = (fn: () => unknown) => {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(InputError);
  expect(e.code).toBe('INVALID_INPUT');
  return e.issues;
};
const atZone = (got: string) => [
  { code: 'INVALID_INPUT', file: '<input>', path: ['timeZone'], message: `timeZone must be an IANA time zone name such as "Asia/Shanghai", got ${got}` },
];

describe('zone arguments that are not names', () => {
  // First in the file: nothing printed yet, so the printer's "last zone" is still ''.
  test("'' before anything was printed is refused", () => {
    expect(issuesOf(() => formatInstant(d, ''))).toEqual(atZone('an empty text'));
  });

  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    ['', 'an empty text'],
    [8, 'number'],
    [{}, 'object'],
  ])('formatInstant and addCalendarDays refuse %o at timeZone, every time', (zone, got) => {
    for (let k = 0; k < 2; k++) {
      expect(issuesOf(() => formatInstant(d, zone as never))).toEqual(atZone(got));
      expect(issuesOf(() => addCalendarDays(d, 1, zone as never))).toEqual(atZone(got));
    }
    // …also right after a valid zone was used
    expect(formatInstant(d, 'UTC')).toBe('2026-11-25T09:30:00Z');
    expect(issuesOf(() => formatInstant(d, zone as never))).toEqual(atZone(got));
  });

  test('canonicalZone never asks Intl about a non-name', () => {
    expect(canonicalZone(undefined as never)).toBe(undefined);
    expect(canonicalZone('')).toBe('');
  });

  test.each([undefined, null, 5, {}, ''])('isValidTimeZone(%o) is false, not a TypeError', (zone) => {
    expect(isValidTimeZone(zone as never)).toBe(false);
  });
});

describe('addCalendarDays past the range of a Date', () => {
  test.each([1e9, -1e9, 1e8])('%d days is refused at days, not an Invalid Date', (days) => {
    expect(issuesOf(() => addCalendarDays(d, days, 'UTC'))).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['days'], message: `${days} days from 2026-11-25T09:30:00.000Z is beyond the range of a Date (±8.64e15 ms from 1970)` },
    ]);
  });

  test('the last day a Date holds can be reached', () => {
    expect(addCalendarDays(new Date(8.64e15 - 86_400_000), 1, 'UTC').getTime()).toBe(8.64e15);
    expect(addCalendarDays(new Date(-8.64e15 + 86_400_000), -1, 'UTC').getTime()).toBe(-8.64e15);
  });
});
