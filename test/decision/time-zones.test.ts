import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dueMs, dueText } from '../../src/decision/prepared.js';
import { addCalendarDays, loadPolicy } from '../../src/index.js';
import { formatDaysAfterLast, formatEpochMs, formatEpochMsOf, instantMs } from '../../src/time/instant.js';
import { complaint } from '../helpers.js';
import { isoReference } from '../iso-reference.js';
import { packFiles } from '../packs.js';

describe('days are counted in the pack time zone, whatever the process TZ', () => {
  test.each([
    ['2026-03-07T18:00:00Z', 1, 'America/Los_Angeles', '2026-03-08T17:00:00.000Z'], // DST starts: 23 h
    ['2026-10-31T17:00:00Z', 1, 'America/Los_Angeles', '2026-11-01T18:00:00.000Z'], // DST ends: 25 h
    ['2026-03-01T20:00:00Z', 7, 'America/Los_Angeles', '2026-03-08T19:00:00.000Z'],
    ['2026-03-01T10:00:00Z', 7, 'Asia/Shanghai', '2026-03-08T10:00:00.000Z'],
    ['2026-03-28T23:30:00Z', 1, 'Europe/London', '2026-03-29T22:30:00.000Z'],
    ['2026-11-20T02:00:00Z', -2, 'Asia/Shanghai', '2026-11-18T02:00:00.000Z'],
  ])('%s + %i day(s) in %s = %s', (from, days, tz, expected) => {
    expect(addCalendarDays(new Date(from), days, tz).toISOString()).toBe(expected);
  });

  test('a pack in America/Los_Angeles: a 7-day remedy across the DST change keeps the wall-clock time', () => {
    const files = packFiles();
    files['manifest.json'].settings.timeZone = 'America/Los_Angeles';
    const policy = loadPolicy({ files });
    // received when decided (a decision is not made before the complaint arrives)
    const d = policy.decide(complaint({ receivedAt: '2026-03-05T09:00:00-08:00', order: { deliveredAt: '2026-03-03T15:00:00-08:00' } }), { now: '2026-03-05T09:00:00-08:00' });
    expect(d.audit.now).toBe('2026-03-05T09:00:00-08:00');
    expect(d.remedies.find((r) => r.type === 'exchange')!.resolveBy).toBe('2026-03-12T09:00:00-07:00');
    expect(d.remedies.find((r) => r.type === 'technical-guidance')!.resolveBy).toBe('2026-03-06T09:00:00-08:00');
  });
});

describe('due texts written from the text of now', () => {
  const zones = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  /** What the due text must be: dueMs (calendar days, then hours) printed by date-fns (with the milliseconds of now, when not zero). */
  const expected = (nowMs: number, days: number, hours: number, tz: string) => isoReference(dueMs(nowMs, { days, hours }, tz), tz);

  test('dueText = the due instant printed by date-fns: random instants around DST changes, days and hours, with and without now printed just before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 40 }),
        fc.oneof(fc.constant(0), fc.constantFrom(24, 48, 72), fc.integer({ min: 0, max: 100 })),
        fc.constantFrom('now', 'other', 'nothing'),
        (nowMs, tz, days, hours, before) => {
          if (before === 'now') formatEpochMs(nowMs, tz);
          if (before === 'other') formatEpochMs(nowMs + 3_600_000, tz);
          expect(dueText(nowMs, { days, hours }, tz)).toBe(expected(nowMs, days, hours, tz));
        },
      ),
      { numRuns: 20_000, seed: 20261125 },
    );
  });

  test.each([
    // [now, days, hours, zone]: the offset changes between now and the due instant, or between the days and the hours
    ['2026-03-05T17:00:00Z', 7, 0, 'America/Los_Angeles'],
    ['2026-03-07T17:00:00Z', 0, 24, 'America/Los_Angeles'],
    ['2026-03-01T17:00:00Z', 7, 24, 'America/Los_Angeles'],
    ['2026-03-07T17:00:00Z', 1, 24, 'America/Los_Angeles'],
    ['2026-10-24T12:00:00Z', 7, 0, 'Europe/London'],
    ['2026-04-04T12:00:00Z', 1, 0, 'Australia/Lord_Howe'],
    ['2026-11-20T02:00:00Z', 15, 0, 'Asia/Shanghai'],
    ['2026-11-20T02:00:00Z', 0, 24, 'Asia/Shanghai'],
    // Casablanca leaves +01:00 for Ramadan (2026-02-15 to 03-22): the same offset now and at the due
    // instant, another after the days — the due wall time is an hour later than now's
    ['2026-02-14T12:00:00Z', 35, 48, 'Africa/Casablanca'],
  ] as const)('%s + %i days + %i h in %s', (now, days, hours, tz) => {
    const nowMs = Date.parse(now);
    formatEpochMs(nowMs, tz);
    expect(dueText(nowMs, { days, hours }, tz)).toBe(expected(nowMs, days, hours, tz));
    expect(formatDaysAfterLast(nowMs + 1, days, hours, tz)).toBeUndefined(); // not the instant printed last
  });

  test('formatEpochMsOf: the text now came from is the result exactly when it is what formatEpochMs prints; due texts after it are the same', () => {
    const print = isoReference;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2027, 0, 1) / 1000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones, 'Asia/Kathmandu', 'Asia/Tokyo'),
        fc.constantFrom('same zone', 'other zone', 'ISO with milliseconds', 'Z', 'same zone with milliseconds'),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(0, 24, 48),
        (secs, millis, tz, other, form, days, hours) => {
          const ms = form === 'ISO with milliseconds' || form === 'same zone with milliseconds' ? secs * 1000 + millis : secs * 1000;
          const given =
            form === 'same zone' || form === 'same zone with milliseconds' ? print(ms, tz) : form === 'other zone' ? print(ms, other) : form === 'Z' ? new Date(ms).toISOString().replace('.000Z', 'Z') : new Date(ms).toISOString();
          expect(instantMs(given)).toBe(ms);
          formatEpochMs(ms + 3_600_000, tz); // something else printed last
          expect(formatEpochMsOf(ms, tz, given)).toBe(print(ms, tz));
          expect(dueText(ms, { days, hours }, tz)).toBe(expected(ms, days, hours, tz));
        },
      ),
      { numRuns: 10_000, seed: 20261125 },
    );
  });

  test.each([
    // [the text now came from, pack zone, what is printed]
    ['2026-11-20T10:00:00+08:00', 'Asia/Shanghai', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20T10:00:00+08:00', 'Asia/Tokyo', '2026-11-20T11:00:00+09:00'],
    ['2026-11-20T07:30:00+05:30', 'Asia/Kolkata', '2026-11-20T07:30:00+05:30'],
    ['2026-11-20T07:30:00+05:30', 'Asia/Kathmandu', '2026-11-20T07:45:00+05:45'],
    ['2026-11-20T07:30:00-05:30', 'Asia/Kolkata', '2026-11-20T18:30:00+05:30'],
    ['2026-11-20T02:00:00+00:00', 'UTC', '2026-11-20T02:00:00Z'],
    ['2026-11-20T02:00:00-00:00', 'Europe/London', '2026-11-20T02:00:00Z'],
    ['2026-11-20T10:00+08:00', 'Asia/Shanghai', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20T10:00:00.000+08:00', 'Asia/Shanghai', '2026-11-20T10:00:00+08:00'],
    ['2026-03-08T01:59:59-08:00', 'America/Los_Angeles', '2026-03-08T01:59:59-08:00'], // a second before DST: 7 days later is printed the long way
    ['2026-03-08T03:00:00-08:00', 'America/Los_Angeles', '2026-03-08T04:00:00-07:00'],
    ['2026-06-01T12:00:00-08:00', 'America/Los_Angeles', '2026-06-01T13:00:00-07:00'],
  ] as const)('formatEpochMsOf(%s) in %s → %s', (given, tz, printed) => {
    const ms = instantMs(given)!;
    formatEpochMs(0, 'UTC');
    expect(formatEpochMsOf(ms, tz, given)).toBe(printed);
    expect(formatEpochMs(ms, tz)).toBe(printed);
    // the reused text leaves the same state behind: 7 days later is written from it (or declined across an offset change)
    const offsetChanges = given.startsWith('2026-03-08T01:59:59');
    expect(formatDaysAfterLast(ms, 7, 0, tz)).toBe(offsetChanges ? undefined : expected(ms, 7, 0, tz));
    expect(dueText(ms, { days: 7, hours: 0 }, tz)).toBe(expected(ms, 7, 0, tz));
  });

  test('formatDaysAfterLast answers only for whole days after the instant printed last in the same zone', () => {
    const nowMs = Date.parse('2026-11-20T02:00:00Z');
    expect(formatEpochMs(nowMs, 'Asia/Shanghai')).toBe('2026-11-20T10:00:00+08:00');
    expect(formatDaysAfterLast(nowMs, 7, 0, 'Asia/Shanghai')).toBe('2026-11-27T10:00:00+08:00');
    expect(formatDaysAfterLast(nowMs, 0, 48, 'Asia/Shanghai')).toBe('2026-11-22T10:00:00+08:00');
    expect(formatDaysAfterLast(nowMs, 3, 24, 'Asia/Shanghai')).toBe('2026-11-24T10:00:00+08:00');
    expect(formatDaysAfterLast(nowMs, 0, 36, 'Asia/Shanghai')).toBeUndefined();
    expect(formatDaysAfterLast(nowMs, 7, 0, 'Asia/Tokyo')).toBeUndefined();
  });
});
