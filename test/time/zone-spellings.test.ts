import { describe, expect, test, vi } from 'vitest';

/*
 * @date-fns/tz keeps a formatter (≈ 20 KB outside the JS heap) per zone name it is given:
 * every call into it is made with the zone's canonical name, so a caller sending the
 * same zone spelled many ways (asia/SHANGHAI, ASIA/shanghai, …) cannot grow it.
 */
const names = new Set<string>();
vi.mock('@date-fns/tz', async (importOriginal) => {
  const tz = await importOriginal<typeof import('@date-fns/tz')>();
  class TZDate extends tz.TZDate {
    constructor(...args: unknown[]) {
      if (typeof args[1] === 'string') names.add(args[1]);
      super(...(args as [number, string]));
    }
  }
  return { ...tz, TZDate, tzOffset: (zone: string, date: Date) => (names.add(zone), tz.tzOffset(zone, date)) };
});

const { formatInstant, addCalendarDays } = await import('../../src/index.js');
const { canonicalZone } = await import('../../src/time/instant.js');
const { localOf } = await import('../../src/calendar/calendar.js');

const BASE = 'america/argentina/comodrivadavia';
const spelling = (i: number) => [...BASE].map((c, k) => (k < 30 && (i >> k) & 1 ? c.toUpperCase() : c)).join('');

describe('a zone spelled many ways', () => {
  test('prints, adds days and finds local days as its canonical name does; date-fns only ever sees canonical names', () => {
    const canonical = canonicalZone(BASE);
    expect(canonicalZone(BASE.toUpperCase())).toBe(canonical); // ICU's canonical name (an alias may resolve to another, e.g. America/Catamarca)
    const at = new Date('2026-11-25T10:00:00Z');
    // 1969 is before the zone's current rules: an hour whose offset has seconds or changes goes the date-fns way
    const old = new Date('1920-05-01T04:16:48Z');
    names.clear();
    for (let i = 1; i <= 400; i++) {
      const z = spelling(i * 7919);
      expect(formatInstant(at, z)).toBe('2026-11-25T07:00:00-03:00');
      expect(formatInstant(old, z)).toBe(formatInstant(old, canonical));
      expect(addCalendarDays(at, 3, z).getTime()).toBe(addCalendarDays(at, 3, canonical).getTime());
      expect(localOf(old.getTime(), z)).toEqual(localOf(old.getTime(), canonical));
    }
    expect([...names]).toEqual([canonical]);
  });

  test('canonicalZone: canonical names for any letter case; an unknown zone comes back as given', () => {
    expect(canonicalZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalZone('ASIA/SHANGHAI')).toBe('Asia/Shanghai');
    expect(canonicalZone('Mars/Olympus')).toBe('Mars/Olympus');
  });
});
