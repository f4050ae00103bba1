import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError, PolicyError } from '../../src/errors/errors.js';
import { DEFAULT_NUMBERING, nextComplaintNumber, NumberingSchema, parseComplaintNumber, type NumberingPattern } from '../../src/numbering/index.js';
import { thrown } from '../helpers.js';


describe('default pattern: YYMM + 4-digit serial, monthly, Asia/Shanghai', () => {
  test.each([
    ['26110007', '2026-11-25T10:00:00+08:00', '26110008'],
    ['26100123', '2026-11-01T10:00:00+08:00', '26110001'],
    [null, '2026-11-25T10:00:00+08:00', '26110001'],
    // 17:00Z on 30 Nov is already 1 Dec in Shanghai
    [null, '2026-11-30T17:00:00Z', '26120001'],
    ['26110042', '2026-11-30T17:00:00Z', '26120001'],
    ['26110042', '2026-11-30T15:59:59Z', '26110043'],
    // new year
    ['26120999', '2027-01-01T00:00:00+08:00', '27010001'],
    ['26119998', '2026-11-25T10:00:00+08:00', '26119999'],
  ] as const)('last %s at %s → %s', (last, now, next) => {
    expect(nextComplaintNumber(undefined, last, new Date(now))).toBe(next);
    expect(nextComplaintNumber(DEFAULT_NUMBERING, last, new Date(now))).toBe(next);
  });

  test('serial overflow is refused with a clear message', () => {
    const e = thrown(() => nextComplaintNumber(undefined, '26119999', new Date('2026-11-25T10:00:00+08:00')));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues[0]!.message).toMatchInlineSnapshot(
      `"serial overflow: all 9999 numbers of the month 2611 are used (pattern YYMM + 4-digit serial); raise serialDigits to number more complaints"`,
    );
  });

  test.each([
    ['2611007', 'does not match'],
    ['261100071', 'does not match'],
    ['26130001', 'month 13 is not 01–12'],
    ['26000001', 'month 00 is not 01–12'],
    ['26110000', 'serials start at 1'],
    ['abcdefgh', 'does not match'],
    [' 26110007', 'does not match'],
  ])('malformed last number %j is INVALID_INPUT', (last, why) => {
    const e = thrown(() => nextComplaintNumber(undefined, last, new Date('2026-11-25T10:00:00+08:00')));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues[0]!.path).toEqual(['lastNumber']);
    expect(e.issues[0]!.message).toContain(why);
  });

  test('a last number from a later month than now is refused (clock or zone problem)', () => {
    const e = thrown(() => nextComplaintNumber(undefined, '26120001', new Date('2026-11-25T10:00:00+08:00')));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues[0]!.message).toMatch(/later period/);
  });

  test('a two-digit year across a century: 99 in 2100 is 2099 (the serial restarts), not 2199 (refused as later)', () => {
    expect(nextComplaintNumber(undefined, '99120007', new Date('2100-01-01T00:00:00+08:00'))).toBe('00010001');
    expect(nextComplaintNumber(undefined, '00010007', new Date('2100-01-15T00:00:00+08:00'))).toBe('00010008');
  });

  test.each([
    // a host clock slightly ahead issued 2701… ; the next number must not restart 2612 (a duplicate risk)
    ['27010001', '2026-12-31T10:00:00+08:00', '2612'],
    ['00010005', '2099-12-31T10:00:00+08:00', '9912'],
    ['75010007', '2026-01-01T00:00:00+08:00', '2601'], // 2075, not 1975: nearer to 2026
    ['26120001', '2026-11-25T10:00:00+08:00', '2611'],
  ])('a two-digit year is the one nearest to now: last %s at %s is a later period', (last, now, prefix) => {
    const e = thrown(() => nextComplaintNumber(undefined, last, new Date(now)));
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.issues]).toEqual([
      'INVALID_INPUT',
      [
        {
          code: 'INVALID_INPUT',
          file: '<input>',
          path: ['lastNumber'],
          message: `last number ${last} belongs to a later period than now (${prefix}); check the clock and the time zone Asia/Shanghai`,
        },
      ],
    ]);
  });

  test.each([
    ['76010007', '2026-01-01T00:00:00+08:00', '26010001'], // 1976: 50 years back, the serial restarts
    ['99120007', '2100-01-01T00:00:00+08:00', '00010001'],
    ['50120007', '2100-01-01T00:00:00+08:00', '00010001'], // 2050
  ])('a two-digit year of an earlier period: last %s at %s → %s', (last, now, next) => {
    expect(nextComplaintNumber(undefined, last, new Date(now))).toBe(next);
  });

  test('a yearly YY pattern refuses next year\'s number too', () => {
    const yearly: NumberingPattern = { format: 'C-YY-', serialDigits: 3, resetEvery: 'year', timeZone: 'UTC' };
    const e = thrown(() => nextComplaintNumber(yearly, 'C-27-001', new Date('2026-12-31T00:00:00Z')));
    expect([e.code, e.issues.map((x) => [x.path, x.message])]).toEqual([
      'INVALID_INPUT',
      [[['lastNumber'], 'last number C-27-001 belongs to a later period than now (C-26-); check the clock and the time zone UTC']],
    ]);
  });

  test('an invalid now is an InputError with an INVALID_INSTANT issue at now', () => {
    const e = thrown(() => nextComplaintNumber(undefined, null, new Date(NaN)));
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.issues.map((i) => [i.code, i.path])]).toEqual(['INVALID_INPUT', [['INVALID_INSTANT', ['now']]]]);
  });

  test('parseComplaintNumber reads the parts back', () => {
    expect(parseComplaintNumber(undefined, '26110007')).toEqual({ year: 2026, month: 11, serial: 7 });
  });
});

describe('custom patterns', () => {
  const yearly: NumberingPattern = { format: 'C-YYYY-', serialDigits: 5, resetEvery: 'year', timeZone: 'Asia/Shanghai' };
  const monthly: NumberingPattern = { format: 'TS-YYYYMM-', serialDigits: 3, resetEvery: 'month', timeZone: 'UTC' };
  const never: NumberingPattern = { format: 'N', serialDigits: 6, resetEvery: 'never', timeZone: 'Asia/Shanghai' };

  test.each([
    [yearly, 'C-2026-00042', '2026-12-31T10:00:00+08:00', 'C-2026-00043'],
    [yearly, 'C-2026-00042', '2026-12-31T16:00:00Z', 'C-2027-00001'],
    [yearly, null, '2026-03-01T00:00:00+08:00', 'C-2026-00001'],
    [monthly, 'TS-202611-017', '2026-11-30T17:00:00Z', 'TS-202611-018'], // still November in UTC
    [monthly, 'TS-202611-017', '2026-12-01T00:00:00Z', 'TS-202612-001'],
    [never, 'N000124', '2030-01-01T00:00:00Z', 'N000125'],
  ] as const)('%o: last %s at %s → %s', (pattern, last, now, next) => {
    expect(nextComplaintNumber(pattern, last, new Date(now))).toBe(next);
  });

  test('YY next to YYYY is compared with the last two digits of the year (1999 and 99, 2099 and 99)', () => {
    const both: NumberingPattern = { format: 'YYYY-YY-', serialDigits: 3, resetEvery: 'year', timeZone: 'UTC' };
    expect(nextComplaintNumber(both, '1999-99-007', new Date('1999-06-01T00:00:00Z'))).toBe('1999-99-008');
    // across a century: the YY of the last number is not read in now's century (2099 is not 2199)
    expect(nextComplaintNumber(both, '1999-99-007', new Date('2000-01-01T00:00:00Z'))).toBe('2000-00-001');
    expect(nextComplaintNumber(both, '2099-99-007', new Date('2100-01-01T00:00:00Z'))).toBe('2100-00-001');
    expect(parseComplaintNumber(both, '1999-99-007')).toEqual({ year: 1999, serial: 7 }); // not 1999 vs 2099
    expect(parseComplaintNumber(both, '2099-99-007')).toEqual({ year: 2099, serial: 7 });
    const e = thrown(() => nextComplaintNumber(both, '2099-98-007', new Date('2099-06-01T00:00:00Z')));
    expect([e.code, e.issues.map((x) => [x.path, x.message])]).toEqual([
      'INVALID_INPUT',
      [[['lastNumber'], 'last number "2099-98-007" does not match the pattern YYYY-YY- + 3-digit serial: the year appears twice with different values']],
    ]);
  });

  test('resetEvery "never" keeps counting across months', () => {
    const p: NumberingPattern = { format: 'YYMM', serialDigits: 4, resetEvery: 'never', timeZone: 'Asia/Shanghai' };
    expect(nextComplaintNumber(p, '26100123', new Date('2026-11-01T10:00:00+08:00'))).toBe('26110124');
  });

  test.each([
    [{ ...DEFAULT_NUMBERING, format: 'YYY' }, ['format'], '"Y" at position 3 is not part of a token (YYYY, YY, MM); other letters, digits and "-" are literal'],
    [{ ...DEFAULT_NUMBERING, format: 'YY/MM' }, ['format'], '"/" is not allowed: use YYYY, YY, MM, letters, digits or "-"'],
    [{ ...DEFAULT_NUMBERING, format: 'MM' }, ['format'], 'a serial that restarts every month needs both a year (YYYY or YY) and the month (MM) in the format, or numbers would repeat'],
    [{ ...DEFAULT_NUMBERING, format: 'C-', resetEvery: 'year' }, ['format'], 'a serial that restarts every year needs the year (YYYY or YY) in the format, or numbers would repeat'],
    [{ ...DEFAULT_NUMBERING, timeZone: 'Nowhere/City' }, ['timeZone'], 'not a known IANA time zone: "Nowhere/City" (e.g. "Asia/Shanghai")'],
  ])('schema refuses %o', (pattern, path, message) => {
    const r = NumberingSchema.safeParse(pattern);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path, i.message])).toEqual([[path, message]]);
    const e = thrown(() => nextComplaintNumber(pattern as NumberingPattern, null, new Date('2026-11-25T10:00:00+08:00')));
    expect(e.code).toBe('SCHEMA_VIOLATION');
  });
});

test('property: successive numbers within a month are strictly increasing and parse back', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }), fc.integer({ min: 1, max: 50 }), (t, n) => {
      const now = new Date(t);
      let last: string | null = null;
      for (let k = 1; k <= n; k++) {
        const next = nextComplaintNumber(undefined, last, now);
        if (last !== null) expect(next > last).toBe(true);
        expect(parseComplaintNumber(undefined, next).serial).toBe(k);
        last = next;
      }
    }),
    { numRuns: 100 },
  );
});
