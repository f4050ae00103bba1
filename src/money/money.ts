import BigImpl from 'big.js';
import type { Big } from 'big.js';
import { z } from 'zod';
import { quoted } from '../errors/errors.js';

/**
 * An exact decimal amount (a big.js `Big`). Never a binary float.
 *
 * @category Money
 */
export type Decimal = Big;

/**
 * How the single final rounding to the fen is done. Declared by a pack.
 *
 * @category Money
 */
export type RoundingMode = 'half-up' | 'half-even';

/** Private constructor: intermediate divisions keep 40 decimals, no rounding leaks. */
const D = BigImpl();
D.DP = 40;
D.RM = 1;
D.NE = -50;
D.PE = 50;

/**
 * Money as it appears in JSON: a decimal string in major units (yuan) with at
 * most two decimals, no sign, no exponent, at most 15 integer digits
 * (amounts up to 10¹² yuan and beyond are exact).
 *
 * @category Money
 */
export const MONEY_PATTERN = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,2})?$/;

/** Why a string is not money, in the words of the mistake made. */
function moneyFormatMessage(input: unknown): string {
  const got = `(got ${quoted(input)})`;
  const text = typeof input === 'string' ? input.trim() : '';
  if (/^-\s*[0-9.]/.test(text)) return `money cannot be negative: amounts are written without a sign, such as "299.00" ${got}`;
  if (/^\+\s*[0-9.]/.test(text)) return `money is written without a sign, such as "299.00" ${got}`;
  if (/^0[0-9]+(\.[0-9]{1,2})?$/.test(text)) return `money has no leading zeros, such as "5.00" ${got}`;
  // `[0-9]{16}[0-9]*`, not `[0-9]{16,}`: V8 ran the latter out of stack (a RangeError) on a run of ten million digits
  if (/^[0-9]{16}[0-9]*(\.[0-9]*)?$/.test(text)) return `money has at most 15 digits before the decimal point ${got}`;
  // a third decimal: said by the message below
  const hint = /^(?:0|[1-9][0-9]*)\.[0-9]{3,}$/.test(text) ? '' : moneyHint(input);
  if (hint) return `money must be a decimal string such as "299.00", ${hint} ${got}`;
  return `money must be a decimal string with at most two decimals, such as "299.00" ${got}`;
}

/** The longest money text {@link moneyHint} reads: 15 digits, separators, two decimals and a currency code fit. */
const MAX_HINTED_LENGTH = 40;

/**
 * What is wrong with a money text written the way people write amounts, or
 * `''`: a thousands separator, a decimal comma, a currency sign or code, a
 * third decimal, a JSON number.
 *
 * @param input - the value as written
 * @returns a phrase such as `with no thousands separators (100000.00, not 100,000.00)`, or `''`
 * @internal
 */
export function moneyHint(input: unknown): string {
  if (typeof input === 'number') return 'in quotes (a JSON number is not exact money)';
  if (typeof input !== 'string') return '';
  const text = input.trim();
  // An amount people write is short: a longer text gets no hint (and no regex runs over it).
  if (text.length > MAX_HINTED_LENGTH) return '';
  // no `\s*(…)$` here: tried at every position of a long run of white space, it took time quadratic in its length
  const bare = text.replace(/^(?:[¥￥$€£]|CNY|RMB|USD|EUR)/, '').replace(/(?:[¥￥$€£]|元|CNY|RMB|USD|EUR)$/, '').trim();
  if (bare !== text && bare !== '') return 'with no currency sign or code (settings.currency in manifest.json names the currency)';
  if (/^[0-9]{1,3}(?:[, '\u00a0][0-9]{3})+(?:\.[0-9]*)?$/.test(text)) return 'with no thousands separators (100000.00, not 100,000.00)';
  if (/^[0-9]+,[0-9]{1,2}$/.test(text)) return 'with a decimal point, not a comma';
  if (/^(?:0|[1-9][0-9]*)\.[0-9]{3,}$/.test(text)) return 'with at most two decimals (fen)';
  return '';
}

/**
 * zod schema for a money field: rejects JSON numbers (binary floats are not
 * money), signs, exponents and a third decimal.
 *
 * @category Money
 */
export const zMoney = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? 'required'
        : typeof iss.input === 'number'
          ? `money must be a decimal string such as "299.00", not the JSON number ${String(iss.input)}`
          : 'money must be a decimal string such as "299.00"',
  })
  .regex(MONEY_PATTERN, { error: (iss) => moneyFormatMessage(iss.input) })
  .meta({ description: 'Money in major units (yuan) as a decimal string with at most two decimals, e.g. "299.00".' });

/**
 * A non-negative exact rate or ratio as a decimal string, e.g. `"0.20"`.
 *
 * @category Money
 */
export const zRate = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,5})(\.[0-9]{1,10})?$/, {
    error: (iss) => {
      // a percentage: the rate it means
      const pct = typeof iss.input === 'string' ? /^\s*([0-9]{1,6}(?:\.[0-9]{1,8})?)\s*%\s*$/.exec(iss.input) : null;
      return pct ? `a rate is a decimal string, not a percentage: ${String(iss.input).trim()} is "${new D(pct[1]!).div(100).toString()}"` : 'a rate must be a decimal string such as "0.20"';
    },
  })
  .meta({ description: 'An exact decimal rate as a string, e.g. "0.20" for 20%.' });

/**
 * Parses a decimal string into an exact {@link Decimal}.
 *
 * @param value - decimal string (already validated, or any big.js-readable string)
 * @returns the exact value
 * @example
 * ```ts
 * dec('299.00').times(2).toFixed(2) // → '598.00'
 * ```
 * @category Money
 */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(`dec(): refusing the non-integer number ${value}; pass a decimal string`);
  }
  return new D(value as string);
}

/**
 * Compares two decimals exactly as big.js's `cmp` does (−1, 0 or 1; zero
 * equals minus zero), without the copy of `y` that `cmp` makes on every
 * call: it reads big.js's documented fields, coefficient `c` (digits),
 * exponent `e` and sign `s`. Conditions compare money with it.
 *
 * @param x - a decimal
 * @param y - another decimal
 * @returns the sign of x − y
 * @example
 * ```ts
 * compareDecimals(dec('10.5'), dec('10.50')) // → 0
 * compareDecimals(dec('-1'), dec('0.01'))    // → -1
 * ```
 * @category Money
 * @internal
 */
export function compareDecimals(x: Decimal, y: Decimal): number {
  const xc = x.c;
  const yc = y.c;
  const xs = x.s;
  const ys = y.s;
  if (!xc[0] || !yc[0]) return !xc[0] ? (!yc[0] ? 0 : -ys) : xs;
  if (xs !== ys) return xs;
  const neg = xs < 0;
  const xe = x.e;
  const ye = y.e;
  if (xe !== ye) return xe > ye !== neg ? 1 : -1;
  const xn = xc.length;
  const yn = yc.length;
  const n = xn < yn ? xn : yn;
  for (let i = 0; i < n; i++) if (xc[i] !== yc[i]) return xc[i]! > yc[i]! !== neg ? 1 : -1;
  return xn === yn ? 0 : xn > yn !== neg ? 1 : -1;
}

/** Zero. @category Money */
export const ZERO: Decimal = new D(0);

/**
 * Rounds once to two decimals in the named mode and prints exactly two decimals.
 *
 * @param value - exact amount
 * @param mode - `half-up` (default) or `half-even`
 * @returns e.g. `"10.01"`
 * @example
 * ```ts
 * formatMoney(dec('0.125'), 'half-even') // → '0.12'
 * formatMoney(dec('0.125'), 'half-up')   // → '0.13'
 * ```
 * @category Money
 */
export function formatMoney(value: Decimal, mode: RoundingMode = 'half-up'): string {
  const out = value.toFixed(2, mode === 'half-even' ? 2 : 1);
  return out === '-0.00' ? '0.00' : out;
}

/**
 * Rounds to the fen (two decimals) and returns the exact rounded value.
 *
 * @param value - exact amount
 * @param mode - rounding mode
 * @returns the rounded amount
 * @category Money
 */
export function roundMoney(value: Decimal, mode: RoundingMode = 'half-up'): Decimal {
  return value.round(2, mode === 'half-even' ? 2 : 1);
}

/**
 * Rounds down to the fen (used when splitting an amount before distributing
 * the remainder).
 *
 * @param value - exact amount
 * @returns the amount truncated toward zero to two decimals
 * @category Money
 */
export function floorMoney(value: Decimal): Decimal {
  return value.round(2, 0);
}

/**
 * Sums exact amounts.
 *
 * @param values - amounts
 * @returns their exact sum
 * @category Money
 */
export function sum(values: Iterable<Decimal>): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}
