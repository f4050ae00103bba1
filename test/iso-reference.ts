import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';

/**
 * What `formatInstant(new Date(ms), tz)` must print: date-fns
 * `formatISO(new TZDate(ms, tz))` (to the second), with the wall clock's
 * milliseconds — as date-fns reads them — after the seconds as `.mmm` when
 * they are not zero.
 */
export function isoReference(ms: number, tz: string): string {
  const d = new TZDate(ms, tz);
  const text = formatISO(d);
  const millis = d.getMilliseconds();
  return millis === 0 ? text : text.replace(/(T\d\d:\d\d:\d\d)/, `$1.${String(millis).padStart(3, '0')}`);
}
