import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { addDuration, elapsed, isWorkingDay, loadBundledCalendar, type CalendarSpec } from '../../src/calendar/index.js';
import { localOf } from '../../src/calendar/calendar.js';

const data = loadBundledCalendar('cn-mainland');
const hours: CalendarSpec = {
  type: 'business-hours',
  data,
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};
const days: CalendarSpec = { type: 'business-days', data };
const always: CalendarSpec = { type: 'calendar' };

const H = 3_600_000;
const M = 60_000;
const D = 86_400_000;
// Starts stay early enough that the longest duration below ends inside 2026.
const instant = (from: string, to: string) => fc.integer({ min: Date.parse(from), max: Date.parse(to) }).map((t) => new Date(t));

describe('elapsed inverts addDuration', () => {
  test('business-hours: elapsed(s, s + d) = d', () => {
    fc.assert(
      fc.property(
        instant('2025-01-01T00:00:00+08:00', '2026-10-31T23:59:59+08:00'),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 59 }),
        (start, h, m) => {
          const end = addDuration(hours, start, { hours: h, minutes: m });
          expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(elapsed(hours, start, end)).toBe(h * H + m * M);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('calendar (24×7): elapsed(s, s + d) = d, days included (Asia/Shanghai has no DST)', () => {
    fc.assert(
      fc.property(
        instant('2025-01-01T00:00:00Z', '2026-12-31T23:59:59Z'),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (start, d, h, m) => {
          const end = addDuration(always, start, { days: d, hours: h, minutes: m });
          expect(elapsed(always, start, end)).toBe(d * D + h * H + m * M);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('business-days from a working day: elapsed(s, s + n days) = n × 24 h', () => {
    fc.assert(
      fc.property(instant('2025-01-01T00:00:00+08:00', '2026-10-31T23:59:59+08:00'), fc.integer({ min: 0, max: 30 }), (start, n) => {
        fc.pre(isWorkingDay(days, start));
        const end = addDuration(days, start, { days: n });
        expect(isWorkingDay(days, end)).toBe(true);
        expect(elapsed(days, start, end)).toBe(n * D);
      }),
      { numRuns: 300 },
    );
  });

  test('business-hours: adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(
        instant('2025-01-01T00:00:00+08:00', '2026-10-31T23:59:59+08:00'),
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 1, max: 6000 }),
        (start, a, b) => {
          const once = addDuration(hours, start, { minutes: a + b });
          const twice = addDuration(hours, addDuration(hours, start, { minutes: a }), { minutes: b });
          expect(twice.getTime()).toBe(once.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('local time of an instant', () => {
  /** The reference: date-fns TZDate's getters (the only way before the offset cache). */
  const viaTzDate = (t: number, tz: string) => {
    const z = new TZDate(t, tz);
    const date = new Date(0);
    date.setUTCFullYear(z.getFullYear(), z.getMonth(), z.getDate());
    return { day: Math.floor(date.getTime() / D), ms: ((z.getHours() * 60 + z.getMinutes()) * 60 + z.getSeconds()) * 1000 + z.getMilliseconds() };
  };
  const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Africa/Casablanca', 'Pacific/Chatham', 'Europe/Amsterdam', 'UTC'];

  test('localOf = TZDate in ten zones (DST, half-hour DST, 45-minute offsets, historical offsets with seconds)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2040, 0, 1) }), (tz, t) => {
        expect(localOf(t, tz)).toEqual(viaTzDate(t, tz));
      }),
      { numRuns: 5000 },
    );
  });

  test('localOf = TZDate minute by minute around offset changes (Los Angeles and Lord Howe, spring and autumn 2026)', () => {
    for (const [tz, at] of [
      ['America/Los_Angeles', '2026-03-08T10:00:00Z'],
      ['America/Los_Angeles', '2026-11-01T09:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Europe/Amsterdam', '1937-07-01T00:00:00Z'], // +00:19:32 → +00:20
    ] as const) {
      const t0 = Date.parse(at);
      for (let t = t0 - 3 * H; t <= t0 + 3 * H; t += M) expect(localOf(t, tz), `${tz} ${new Date(t).toISOString()}`).toEqual(viaTzDate(t, tz));
    }
  });
});
