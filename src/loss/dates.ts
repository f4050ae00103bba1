import { z } from 'zod';
import { quoted } from '../errors/errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/** The last year a date or month of the loss and penalty inputs may name (four digits, as `YYYY` says). */
export const LAST_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  // month 1–12; pure arithmetic, independent of the process time zone.
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Tells whether text is a real calendar date `YYYY-MM-DD` (years 1000–9999).
 *
 * @param text - the text
 * @returns true for a real date such as `2024-02-29`
 * @internal
 */
export function isPlainDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * A calendar date `YYYY-MM-DD` (a day in the company's time zone, no time, no offset).
 *
 * @example
 * ```ts
 * zPlainDate.safeParse('2028-02-29').success // → true
 * zPlainDate.safeParse('2026-02-29').success // → false
 * ```
 * @category Loss
 */
export const zPlainDate = z
  .string()
  .refine(isPlainDate, { error: (iss) => `must be a calendar date YYYY-MM-DD (years 1000–9999), such as "2026-03-31" (got ${quoted(iss.input)})` })
  .meta({ description: 'A calendar date, YYYY-MM-DD.' });

/**
 * A calendar month `YYYY-MM` (years 1000–9999, as {@link zPlainDate}).
 *
 * @example
 * ```ts
 * zYearMonth.safeParse('2026-13').success // → false
 * ```
 * @category Penalties
 */
export const zYearMonth = z
  .string()
  .regex(MONTH, { error: (iss) => `must be a month YYYY-MM (years 1000–9999), such as "2026-04" (got ${quoted(iss.input)})` })
  .meta({ description: 'A calendar month, YYYY-MM.' });

/**
 * Adds calendar months to a date, clamping to the last day of the target month
 * (`2026-01-31` + 1 month → `2026-02-28`).
 *
 * @param date - a valid `YYYY-MM-DD`
 * @param months - months to add (≥ 0)
 * @returns the date `months` later, or `undefined` when it would fall after the year {@link LAST_YEAR}
 *   (a five-digit year is no `YYYY-MM-DD`, and would compare wrongly as text)
 * @internal
 */
export function addMonthsToDate(date: string, months: number): string | undefined {
  const m = DATE.exec(date)!;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  if (y > LAST_YEAR) return undefined;
  const mo = (total % 12) + 1;
  const d = Math.min(Number(m[3]), daysInMonth(y, mo));
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Adds months to a `YYYY-MM` month.
 *
 * @param month - a valid `YYYY-MM`
 * @param months - months to add (≥ 0)
 * @returns the month `months` later, or `undefined` when it would fall after the year {@link LAST_YEAR}
 * @internal
 */
export function addMonthsToMonth(month: string, months: number): string | undefined {
  const m = MONTH.exec(month)!;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  return y > LAST_YEAR ? undefined : `${String(y).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}
