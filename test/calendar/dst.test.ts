import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDuration, type CalendarSpec } from '../../src/calendar/index.js';
import { start } from '../../src/lifecycle/machine.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { deadlines } from '../../src/sla/deadlines.js';
import { addCalendarDays, formatInstant } from '../../src/index.js';
import { wallToInstant } from '../../src/time/instant.js';
import { AGENT, lcComplaint } from '../lifecycle/helpers.js';
import { packFiles } from '../packs.js';

const H = 3_600_000;
const M = 60_000;
const D = 86_400_000;

/** Offset changes of 2026 (spring and autumn), west and east of UTC, half-hour DST, at local midnight. */
const TRANSITIONS = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['America/Los_Angeles', '2026-03-08T10:00:00Z'],
  ['America/Los_Angeles', '2026-11-01T09:00:00Z'],
  ['Europe/Berlin', '2026-03-29T01:00:00Z'],
  ['Europe/Berlin', '2026-10-25T01:00:00Z'],
  ['Australia/Sydney', '2026-04-04T16:00:00Z'],
  ['Australia/Sydney', '2026-10-03T16:00:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ['America/Santiago', '2026-04-05T03:00:00Z'],
  ['America/Santiago', '2026-09-06T04:00:00Z'],
] as const;
const ZONES = [...new Set(TRANSITIONS.map(([tz]) => tz))];

/** Wall-clock fields of an instant in a zone (date-fns), as epoch ms of the same fields in UTC. */
function wallOf(t: number, tz: string): number {
  const z = new TZDate(t, tz);
  return Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds());
}

describe('wallToInstant: a wall-clock time in a zone → the instant', () => {
  test.each([
    // [zone, wall time, instant] — missing times move forward by the gap, doubled times take the earlier instant
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T03:30:00-04:00'],
    ['America/Los_Angeles', '2026-03-08T02:30', '2026-03-08T03:30:00-07:00'],
    ['Europe/Berlin', '2026-03-29T02:30', '2026-03-29T03:30:00+02:00'],
    ['Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-04T02:45:00+11:00'],
    ['America/Santiago', '2026-09-06T00:00', '2026-09-06T01:00:00-03:00'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T01:30:00-04:00'],
    ['Europe/Berlin', '2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
    ['Australia/Sydney', '2026-04-05T02:30', '2026-04-05T02:30:00+11:00'],
    ['America/New_York', '2026-07-01T09:00', '2026-07-01T09:00:00-04:00'],
  ])('%s %s → %s', (tz, wall, expected) => {
    expect(formatInstant(new Date(wallToInstant(Date.parse(`${wall}:00Z`), tz)), tz)).toBe(expected);
  });

  test('an offset to keep is kept when it is one of the two around the change', () => {
    const w = (s: string) => Date.parse(`${s}:00Z`);
    // doubled: the later instant when its offset is preferred
    expect(formatInstant(new Date(wallToInstant(w('2026-10-25T02:30'), 'Europe/Berlin', 60)), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
    expect(formatInstant(new Date(wallToInstant(w('2026-10-25T02:30'), 'Europe/Berlin', 120)), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    // missing: the offset after the change puts it before the gap
    expect(formatInstant(new Date(wallToInstant(w('2026-03-08T02:30'), 'America/New_York', -240)), 'America/New_York')).toBe('2026-03-08T01:30:00-05:00');
    expect(formatInstant(new Date(wallToInstant(w('2026-03-08T02:30'), 'America/New_York', -300)), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    // an offset that fits neither side is ignored
    expect(wallToInstant(w('2026-10-25T02:30'), 'Europe/Berlin', 0)).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  test('property, minute by minute within ±3 h of each change: an existing wall time reads back; a doubled one is the earlier; a missing one reads as the wall time plus the gap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -180, max: 180 }), fc.integer({ min: 0, max: 59_999 }), ([tz, at], minutes, ms) => {
        const change = Date.parse(at);
        const before = tzOffset(tz, new Date(change - 1));
        const after = tzOffset(tz, new Date(change));
        const wall = wallOf(change, tz) + minutes * M + ms;
        const fits = [before, after].filter((o) => tzOffset(tz, new Date(wall - o * M)) === o).map((o) => wall - o * M);
        const got = wallToInstant(wall, tz);
        if (fits.length === 0) {
          expect(wallOf(got, tz)).toBe(wall + (after - before) * M);
          expect(got).toBe(wall - before * M);
        } else {
          expect(wallOf(got, tz)).toBe(wall);
          expect(got).toBe(Math.min(...fits));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('calendar days of an SLA clock = addCalendarDays (proposal due dates): the same instant in every zone, across offset changes', () => {
  test.each([
    // [zone, start, days, due] — the helper's table: west and east of UTC, clocks forward and back
    ['America/New_York', '2026-03-07T02:30:00-05:00', 1, '2026-03-08T03:30:00-04:00'],
    ['America/Los_Angeles', '2026-03-07T02:30:00-08:00', 1, '2026-03-08T03:30:00-07:00'],
    ['Europe/Berlin', '2026-03-28T02:30:00+01:00', 1, '2026-03-29T03:30:00+02:00'],
    ['Australia/Sydney', '2026-10-03T02:30:00+10:00', 1, '2026-10-04T03:30:00+11:00'],
    ['Europe/Berlin', '2026-10-24T02:30:00+02:00', 1, '2026-10-25T02:30:00+02:00'],
    ['America/New_York', '2026-10-31T01:30:00-04:00', 1, '2026-11-01T01:30:00-04:00'],
    ['America/New_York', '2026-02-23T02:30:00-05:00', 13, '2026-03-08T03:30:00-04:00'],
  ])('%s: %s + %i days → %s', (tz, from, days, due) => {
    const cal: CalendarSpec = { type: 'calendar', timeZone: tz };
    expect(formatInstant(addDuration(cal, new Date(from), { days }), tz)).toBe(due);
    expect(formatInstant(addCalendarDays(new Date(from), days, tz), tz)).toBe(due);
  });

  test('property: random instants, days and hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 48 }),
        (tz, t, days, hours) => {
          const cal: CalendarSpec = { type: 'calendar', timeZone: tz };
          expect(addDuration(cal, new Date(t), { days, hours }).getTime()).toBe(addCalendarDays(new Date(t), days, tz).getTime() + hours * H);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('property: starts whose due day holds an offset change (within ±3 h of it)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -180 * 60, max: 180 * 60 }), fc.integer({ min: 1, max: 30 }), ([tz, at], seconds, days) => {
        const t = Date.parse(at) + seconds * 1000 - days * D;
        const cal: CalendarSpec = { type: 'calendar', timeZone: tz };
        expect(addDuration(cal, new Date(t), { days }).getTime()).toBe(addCalendarDays(new Date(t), days, tz).getTime());
      }),
      { numRuns: 1000 },
    );
  });

  test('a pack in New York: the 13-day closure clock over the spring change is due at 03:30 EDT, not 01:30 EST (1 h 30 min left at 01:00, not 30 min)', () => {
    const files = packFiles('manufacturer');
    files['manifest.json'].settings.timeZone = 'America/New_York';
    files['lifecycle.json'].numbering.timeZone = 'America/New_York';
    const ny = loadPolicy({ files });
    const snapshot = start(ny, lcComplaint({ receivedAt: '2026-02-23T02:30:00-05:00' }), { actor: AGENT }).snapshot;
    const closure = deadlines(ny, snapshot, { now: '2026-03-08T01:00:00-05:00' }).find((d) => d.clock === 'case-closure-domestic');
    expect(closure).toMatchObject({ due: '2026-03-08T03:30:00-04:00', state: 'running', timeLeft: 'PT1H30M' });
  });
});
