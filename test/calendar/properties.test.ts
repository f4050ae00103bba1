import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDuration, elapsed, isWorkingDay, loadBundledCalendar, type CalendarSpec } from '../../src/calendar/index.js';

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
