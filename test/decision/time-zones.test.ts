import { describe, expect, test } from 'vitest';
import { addCalendarDays, loadPolicy } from '../../src/index.js';
import { complaint } from '../helpers.js';
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
    const d = policy.decide(complaint(), { now: '2026-03-05T09:00:00-08:00' });
    expect(d.audit.now).toBe('2026-03-05T09:00:00-08:00');
    expect(d.remedies.find((r) => r.type === 'exchange')!.resolveBy).toBe('2026-03-12T09:00:00-07:00');
    expect(d.remedies.find((r) => r.type === 'technical-guidance')!.resolveBy).toBe('2026-03-06T09:00:00-08:00');
  });
});
