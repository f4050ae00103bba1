import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { PolicyError, issue, type JsonPath } from '../errors/errors.js';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses ISO 8601 text that carries its offset (`Z` or `±hh:mm`). A time
 * without an offset is refused: every instant carries its time zone.
 *
 * @param text - e.g. `2026-11-25T09:30:00+08:00`
 * @returns the instant, or `undefined` if the text is not such an instant
 * @example
 * ```ts
 * parseInstant('2026-11-25T09:30:00+08:00')?.toISOString() // → '2026-11-25T01:30:00.000Z'
 * parseInstant('2026-11-25T09:30:00')                      // → undefined
 * ```
 * @category Time
 */
export function parseInstant(text: string): Date | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  const dim = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > dim) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * zod schema for an instant: ISO 8601 text with an explicit offset.
 *
 * @category Time
 */
export const zInstant = z
  .string({ error: (iss) => (iss.input === undefined ? 'required' : 'an instant must be ISO 8601 text with an offset, e.g. "2026-11-25T09:30:00+08:00"') })
  .refine((s) => parseInstant(s) !== undefined, {
    error: (iss) => `an instant must be ISO 8601 with an explicit offset, e.g. "2026-11-25T09:30:00+08:00" (got ${JSON.stringify(iss.input)})`,
  })
  .meta({ description: 'ISO 8601 instant with an explicit offset, e.g. "2026-11-25T09:30:00+08:00".' });

/**
 * Reads the `now` a caller passes: a `Date` or ISO text with an offset.
 *
 * @param now - the clock reading
 * @param path - where it came from, for the error
 * @returns the instant
 * @throws PolicyError `INVALID_INSTANT`
 * @category Time
 */
export function toInstant(now: Date | string, path: JsonPath = ['now']): Date {
  const d = typeof now === 'string' ? parseInstant(now) : now instanceof Date && !Number.isNaN(now.getTime()) ? new Date(now.getTime()) : undefined;
  if (!d) {
    throw new PolicyError('INVALID_INSTANT', [
      issue('INVALID_INSTANT', `expected a Date or ISO 8601 text with an offset, got ${JSON.stringify(String(now))}`, path),
    ]);
  }
  return d;
}

/**
 * Prints an instant as ISO 8601 with the offset of `timeZone`.
 *
 * @param instant - the instant
 * @param timeZone - IANA zone, e.g. `Asia/Shanghai`
 * @returns e.g. `2026-11-25T17:30:00+08:00` (to the second)
 * @throws PolicyError `INVALID_INPUT` for an unknown zone, `INVALID_INSTANT` for an invalid date
 * @example
 * ```ts
 * formatInstant(new Date('2026-11-25T09:30:00Z'), 'Asia/Shanghai') // → '2026-11-25T17:30:00+08:00'
 * ```
 * @category Time
 */
export function formatInstant(instant: Date, timeZone: string): string {
  if (!KNOWN_ZONES.has(timeZone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new PolicyError('INVALID_INPUT', [issue('INVALID_INPUT', `"${timeZone}" is not a known IANA time zone`, ['timeZone'])]);
    }
    KNOWN_ZONES.add(timeZone);
  }
  if (Number.isNaN(instant.getTime())) throw new PolicyError('INVALID_INSTANT', [issue('INVALID_INSTANT', 'invalid date', [])]);
  return formatISO(new TZDate(instant.getTime(), timeZone));
}

const KNOWN_ZONES = new Set<string>();
