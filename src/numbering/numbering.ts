import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { InputError, issue, PolicyError, quoted, type JsonPath } from '../errors/errors.js';
import { fromZodIssues, zTimeZone } from '../calendar/schema.js';
import { canonicalZone } from '../time/instant.js';

// Complaint numbers are "period + serial". Seed 003 art.3 §八 and art.4 §一.3
// give month + running number ((××)月份(××)流水编号(××)), the running number
// restarting every month; the year in the period and the serial's width are
// this library's choices. The period part is written by `format`; the serial
// is appended after it.

type Token = { kind: 'YYYY' | 'YY' | 'MM' } | { kind: 'literal'; text: string };

/**
 * Splits a number format into tokens. Returns an error sentence instead when a
 * `Y` or `M` is left over (e.g. `YYY`, `M`), since it would be ambiguous.
 */
function tokenize(format: string): Token[] | string {
  const out: Token[] = [];
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i);
    const token = rest.startsWith('YYYY') ? 'YYYY' : rest.startsWith('YY') ? 'YY' : rest.startsWith('MM') ? 'MM' : undefined;
    if (token) {
      out.push({ kind: token });
      i += token.length;
      continue;
    }
    const ch = format[i]!;
    if (ch === 'Y' || ch === 'M') {
      return `"${ch}" at position ${i + 1} is not part of a token (YYYY, YY, MM); other letters, digits and "-" are literal`;
    }
    if (!/^[A-Za-z0-9-]$/.test(ch)) return `"${ch}" is not allowed: use YYYY, YY, MM, letters, digits or "-"`;
    const last = out[out.length - 1];
    if (last?.kind === 'literal') last.text += ch;
    else out.push({ kind: 'literal', text: ch });
    i++;
  }
  return out;
}

/**
 * Schema of a complaint-numbering pattern: `format` (tokens `YYYY`, `YY`,
 * `MM`, plus literal letters, digits and `-`), then a zero-padded serial of
 * `serialDigits` digits that restarts every `resetEvery` period, computed in
 * `timeZone`. A pattern that resets every month must show the month and the
 * year; one that resets every year must show the year, so numbers never repeat.
 *
 * @example
 * ```ts
 * NumberingSchema.parse({ format: 'TS-YYYYMM-', serialDigits: 5, resetEvery: 'month', timeZone: 'Asia/Shanghai' });
 * ```
 * @category Numbering
 */
export const NumberingSchema = z
  .strictObject({
    format: z
      .string()
      .min(1)
      .max(40)
      .superRefine((format, ctx) => {
        const tokens = tokenize(format);
        if (typeof tokens === 'string') ctx.addIssue({ code: 'custom', message: tokens });
      })
      .meta({ description: 'Period part of the number: YYYY, YY, MM tokens and literal letters, digits or "-". The serial follows it.' }),
    serialDigits: z.number().int().min(1).max(9).meta({ description: 'Digits of the zero-padded serial.' }),
    resetEvery: z.enum(['month', 'year', 'never']).meta({ description: 'When the serial restarts at 1.' }),
    timeZone: zTimeZone.meta({ description: 'Zone in which the month and year of "now" are read.' }),
  })
  .superRefine((p, ctx) => {
    const tokens = tokenize(p.format);
    if (typeof tokens === 'string') return;
    const has = (k: Token['kind']): boolean => tokens.some((t) => t.kind === k);
    const year = has('YYYY') || has('YY');
    if (p.resetEvery === 'month' && !(year && has('MM'))) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'a serial that restarts every month needs both a year (YYYY or YY) and the month (MM) in the format, or numbers would repeat' });
    } else if (p.resetEvery === 'year' && !year) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'a serial that restarts every year needs the year (YYYY or YY) in the format, or numbers would repeat' });
    }
  })
  .meta({ title: 'Complaint numbering', description: 'How complaint numbers are built: period + serial.' });

/**
 * A complaint-numbering pattern, see {@link NumberingSchema}. Read-only: the
 * patterns the library hands out (a pack's, {@link DEFAULT_NUMBERING}) are
 * shared and frozen; build a new object to change one
 * (`{ ...pattern, serialDigits: 5 }`). `z.infer<typeof NumberingSchema>` is
 * the same shape, writable.
 *
 * @category Numbering
 */
export type NumberingPattern = Readonly<z.infer<typeof NumberingSchema>>;

/**
 * The default pattern: year and month `YYMM`, then a 4-digit serial
 * restarting every month, read in `Asia/Shanghai` — e.g. `26110001`. Seed 003
 * (art.3 §八) gives month + running number, restarting monthly; the two-digit
 * year (so that numbers do not repeat from one year to the next) and the
 * 4-digit width are this library's choices.
 *
 * @category Numbering
 */
export const DEFAULT_NUMBERING: Readonly<NumberingPattern> = Object.freeze({
  format: 'YYMM',
  serialDigits: 4,
  resetEvery: 'month',
  timeZone: 'Asia/Shanghai',
});

/**
 * The parts of a complaint number.
 *
 * @category Numbering
 */
export interface ComplaintNumberParts {
  /** Full year, when the format shows one (`YY` is read as the year nearest to `now`'s, within 50 years; 20YY for {@link parseComplaintNumber}). */
  readonly year?: number;
  /** Month 1–12, when the format shows one. */
  readonly month?: number;
  /** The serial, ≥ 1. */
  readonly serial: number;
}

function checkPattern(pattern: NumberingPattern | undefined): { p: NumberingPattern; tokens: Token[] } {
  const p = pattern ?? DEFAULT_NUMBERING;
  const parsed = NumberingSchema.safeParse(p);
  if (!parsed.success) throw new PolicyError('SCHEMA_VIOLATION', fromZodIssues(parsed.error.issues, '<numbering>'));
  return { p: parsed.data, tokens: tokenize(parsed.data.format) as Token[] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function describe(p: NumberingPattern): string {
  return `${p.format} + ${p.serialDigits}-digit serial`;
}

/** Which argument a number came in: how messages name it and where its issue points. */
interface NumberArgument {
  /** e.g. `last number`, `complaint number`. */
  readonly name: string;
  readonly path: JsonPath;
}

const LAST_NUMBER: NumberArgument = { name: 'last number', path: ['lastNumber'] };
const VALUE: NumberArgument = { name: 'complaint number', path: ['value'] };

function invalidNumber(value: string, p: NumberingPattern, why: string, arg: NumberArgument): InputError {
  return new InputError([issue('INVALID_INPUT', `${arg.name} ${quoted(value)} does not match the pattern ${describe(p)}: ${why}`, arg.path)]);
}

/**
 * The full year of a two-digit year `yy`, the one nearest to `pivot`: within
 * `pivot - 50 … pivot + 49` (in 2026: 76 → 1976, 75 → 2075; in 2099: 00 → 2100).
 */
function nearestYear(yy: number, pivot: number): number {
  const year = pivot - (pivot % 100) + yy;
  return year > pivot + 49 ? year - 100 : year < pivot - 50 ? year + 100 : year;
}

/** `fullYear` reads a two-digit year as a full one. */
function parseWith(p: NumberingPattern, tokens: Token[], value: string, fullYear: (yy: number) => number, arg: NumberArgument): ComplaintNumberParts {
  if (typeof value !== 'string') throw invalidNumber(String(value), p, 'it is not a string', arg);
  let source = '^';
  for (const t of tokens) source += t.kind === 'literal' ? escapeRegExp(t.text) : t.kind === 'YYYY' ? '(\\d{4})' : '(\\d{2})';
  source += `(\\d{${p.serialDigits}})$`;
  const m = new RegExp(source).exec(value);
  if (!m) throw invalidNumber(value, p, `expected e.g. ${JSON.stringify(render(tokens, 2026, 11) + '1'.padStart(p.serialDigits, '0'))}`, arg);
  let yyyy: number | undefined;
  let yy: number | undefined;
  let month: number | undefined;
  const twice = (): InputError => invalidNumber(value, p, 'the year appears twice with different values', arg);
  let g = 1;
  for (const t of tokens) {
    if (t.kind === 'literal') continue;
    const n = Number(m[g++]);
    if (t.kind === 'MM') {
      if (n < 1 || n > 12) throw invalidNumber(value, p, `month ${m[g - 1]} is not 01–12`, arg);
      if (month !== undefined && month !== n) throw invalidNumber(value, p, 'the month appears twice with different values', arg);
      month = n;
    } else if (t.kind === 'YYYY') {
      if (yyyy !== undefined && yyyy !== n) throw twice();
      yyyy = n;
    } else {
      if (yy !== undefined && yy !== n) throw twice();
      yy = n;
    }
  }
  // YY shows the last two digits of a YYYY in the same number (1999 and 99).
  if (yyyy !== undefined && yy !== undefined && yyyy % 100 !== yy) throw twice();
  const year = yyyy ?? (yy === undefined ? undefined : fullYear(yy));
  const serial = Number(m[g]);
  if (serial < 1) throw invalidNumber(value, p, 'serials start at 1', arg);
  return { ...(year !== undefined ? { year } : {}), ...(month !== undefined ? { month } : {}), serial };
}

function render(tokens: Token[], year: number, month: number): string {
  return tokens
    .map((t) =>
      t.kind === 'literal'
        ? t.text
        : t.kind === 'YYYY'
          ? String(year).padStart(4, '0')
          : t.kind === 'YY'
            ? String(year % 100).padStart(2, '0')
            : String(month).padStart(2, '0'),
    )
    .join('');
}

/**
 * Reads a complaint number back into its parts.
 *
 * @param pattern - the numbering pattern (default {@link DEFAULT_NUMBERING})
 * @param value - the complaint number
 * @returns year (if shown), month (if shown) and serial
 * @throws {@link InputError} (code `INVALID_INPUT`) with one issue `INVALID_INPUT` at `value` when the
 *   number does not match the pattern (message `complaint number "…" does not match the pattern …`);
 *   PolicyError `SCHEMA_VIOLATION` for an invalid pattern
 * @example
 * ```ts
 * parseComplaintNumber(undefined, '26110007') // → { year: 2026, month: 11, serial: 7 }
 * parseComplaintNumber(undefined, 'abc')      // throws InputError: $.value complaint number "abc" does not match …
 * ```
 * @category Numbering
 */
export function parseComplaintNumber(pattern: NumberingPattern | undefined, value: string): ComplaintNumberParts {
  const { p, tokens } = checkPattern(pattern);
  return parseWith(p, tokens, value, (yy) => 2000 + yy, VALUE);
}

/**
 * Computes the next complaint number: the period of `now` (read in the
 * pattern's time zone) followed by the next serial. The serial restarts at 1
 * when the period of the last number differs from the current one (per
 * `resetEvery`), or when there is no last number. Pure: the caller supplies
 * the last number issued and the clock.
 *
 * The package exports this function as `nextComplaintNumberFromPattern`; its
 * `nextComplaintNumber` takes a loaded policy and uses the pack's pattern.
 *
 * A two-digit year (`YY`) in `lastNumber` is read as the year nearest to
 * the year of `now`, within 50 years either way: `99…` in January 2100 is
 * December 2099 (the serial restarts), while `27…` at the end of 2026 or
 * `00…` at the end of 2099 is a later year than now and refused.
 *
 * @param pattern - the numbering pattern; `undefined` for {@link DEFAULT_NUMBERING} (`YYMM` + 4 digits, monthly)
 * @param lastNumber - the last number issued with this pattern, or `null` for the first
 * @param now - the current instant
 * @returns the next number
 * @throws {@link InputError} (code `INVALID_INPUT`): issue `INVALID_INPUT` at `lastNumber` when it is
 *   malformed, belongs to a later period than `now`, or the serial would overflow; issue
 *   `INVALID_INSTANT` at `now` for an invalid `now`. PolicyError `SCHEMA_VIOLATION` for an invalid pattern
 * @example
 * ```ts
 * nextComplaintNumberFromPattern(undefined, '26110007', new Date('2026-11-25T10:00:00+08:00')) // → '26110008'
 * nextComplaintNumberFromPattern(undefined, '26100123', new Date('2026-11-01T10:00:00+08:00')) // → '26110001'
 * nextComplaintNumberFromPattern(undefined, null, new Date('2026-11-30T17:00:00Z'))            // → '26120001' (already December in Shanghai)
 * ```
 * @category Numbering
 */
export function nextComplaintNumber(pattern: NumberingPattern | undefined, lastNumber: string | null, now: Date): string {
  const { p, tokens } = checkPattern(pattern);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new InputError([issue('INVALID_INSTANT', 'now must be a valid Date', ['now'])]);
  }
  const local = new TZDate(now.getTime(), canonicalZone(p.timeZone));
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  const prefix = render(tokens, year, month);

  let serial = 1;
  if (lastNumber !== null) {
    // A two-digit year is the one nearest to now's: 99 in 2100 is 2099 (the serial restarts), 27 in
    // 2026 is 2027 and 00 in 2099 is 2100 (both refused below as a later period, not read as 1927 / 2000).
    const last = parseWith(p, tokens, lastNumber, (yy) => nearestYear(yy, year), LAST_NUMBER);
    // Period keys compare as numbers: yyyymm for months, yyyy for years.
    const key = (y: number | undefined, m: number | undefined): number =>
      p.resetEvery === 'month' ? (y ?? 0) * 100 + (m ?? 0) : p.resetEvery === 'year' ? (y ?? 0) : 0;
    const lastKey = key(last.year, last.month);
    const nowKey = key(year, month);
    if (lastKey > nowKey) {
      throw new InputError([
        issue('INVALID_INPUT', `last number ${lastNumber} belongs to a later period than now (${prefix}); check the clock and the time zone ${p.timeZone}`, ['lastNumber']),
      ]);
    }
    serial = lastKey === nowKey ? last.serial + 1 : 1;
  }
  const max = 10 ** p.serialDigits - 1;
  if (serial > max) {
    const period = p.resetEvery === 'never' ? 'the pattern' : `the ${p.resetEvery} ${prefix}`;
    throw new InputError([
      issue(
        'INVALID_INPUT',
        `serial overflow: all ${max} numbers of ${period} are used (pattern ${describe(p)}); raise serialDigits to number more complaints`,
        ['lastNumber'],
      ),
    ]);
  }
  return prefix + String(serial).padStart(p.serialDigits, '0');
}
