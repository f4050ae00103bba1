import { z } from 'zod';
import { InputError, PolicyError, issue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import { CALLER_INPUT_SCREENING, screenUntrustedValue } from '../json/safe-json.js';
import { dec, type Decimal } from '../money/money.js';
import type { Policy, PolicyParts } from '../pack/policy.js';

/**
 * One step of a loss, allocation or penalty calculation, for the explanation
 * trace: which pack item (by stable id) was applied, the clause it implements,
 * and what it did with the actual numbers.
 *
 * @category Loss
 */
export interface CalculationStep {
  /** What kind of step: `loss-type`, `resale`, `reconciliation`, `band`, `fine`, `supervisor`, `cap`, `share`, `allocation`, `attribution`, `rounding`. */
  readonly step: string;
  /** The stable id of the pack item applied (loss type, band, fine rule, …) or of the input item. */
  readonly id: string;
  /** The policy clause, e.g. `seed 003 art.3 行政处罚准则 (三)`. */
  readonly clause: string;
  /** What happened, with the actual values. */
  readonly detail: string;
}

/**
 * Decimal pattern of a non-money quantity given as text: base points, ratios.
 * At most 12 integer digits and 6 decimals, no sign, no exponent.
 *
 * @category Loss
 */
export const DECIMAL_QUANTITY_PATTERN = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,6})?$/;

/**
 * A non-negative, non-money decimal quantity (base points, a liability ratio):
 * a decimal string such as `"2.5"`, or a JSON number with the same shape
 * (`2.5`, `60`). Unlike money, a JSON number is accepted here because these
 * are counts and weights, not amounts; its shortest decimal form is what is used.
 *
 * @example
 * ```ts
 * zDecimalQuantity.safeParse('2.5').success // → true
 * zDecimalQuantity.safeParse(-1).success    // → false
 * ```
 * @category Loss
 */
export const zDecimalQuantity = z
  .union([
    z.string().regex(DECIMAL_QUANTITY_PATTERN, {
      error: (iss) => `must be a non-negative decimal with at most 6 decimals, such as "2.5" (got ${JSON.stringify(iss.input)})`,
    }),
    z.number().refine((n) => Number.isFinite(n) && n >= 0 && DECIMAL_QUANTITY_PATTERN.test(String(n)), {
      error: (iss) => `must be a non-negative decimal with at most 6 decimals, such as 2.5 (got ${String(iss.input)})`,
    }),
  ])
  .meta({ description: 'A non-negative decimal (string or JSON number), at most 6 decimals, e.g. "2.5".' });

/**
 * Reads a validated {@link zDecimalQuantity} as an exact decimal.
 *
 * @param value - the validated value
 * @returns the exact decimal
 * @internal
 */
export function quantityOf(value: string | number): Decimal {
  return dec(typeof value === 'number' ? String(value) : value);
}

/**
 * A positive whole quantity of goods.
 *
 * @category Loss
 */
export const zGoodsQuantity = z
  .number({ error: 'must be a positive whole number' })
  .int({ error: 'must be a positive whole number' })
  .positive({ error: 'must be a positive whole number' })
  .max(1_000_000_000, { error: 'must be at most 1000000000' });

/**
 * Validates untrusted input (prototype-polluting keys, depth, plain JSON
 * data, schema) and throws an {@link InputError} with every problem and its
 * JSON path. A property whose value is `undefined` counts as absent (what
 * `JSON.stringify` gives; the parsed value has no such key); an `undefined`
 * array element is refused.
 *
 * @param schema - the zod schema
 * @param input - untrusted data
 * @param file - name in issues (default `<input>`)
 * @returns the parsed value
 * @throws InputError: `INVALID_INPUT` (schema, or not JSON data), `FORBIDDEN_KEY`, `JSON_TOO_DEEP`, `JSON_TOO_LARGE`
 * @internal
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, file = '<input>'): z.output<S> {
  const screened = screenUntrustedValue(input, file, undefined, CALLER_INPUT_SCREENING);
  if (screened.issues.length) throw new InputError(screened.issues);
  const r = schema.safeParse(screened.value);
  if (!r.success) throw new InputError(fromZodIssues(r.error.issues, file, 'INVALID_INPUT'));
  return r.data;
}

/**
 * Returns a compiled part of a policy or throws `KIND_MISSING` naming the kind.
 *
 * @param policy - the policy
 * @param key - the part's key
 * @param kind - the rule-file kind, for the message
 * @param fn - the function that needs it, for the message
 * @returns the part
 * @internal
 */
export function requirePart<K extends keyof PolicyParts>(policy: Policy, key: K, kind: string, fn: string): NonNullable<PolicyParts[K]> {
  const part = policy[key];
  if (!part) {
    throw new PolicyError('KIND_MISSING', [issue('KIND_MISSING', `pack "${policy.id}" has no ${kind} file, which ${fn}() needs`, ['files'], 'manifest.json')]);
  }
  return part as NonNullable<PolicyParts[K]>;
}

/**
 * Writes a rate as a percentage for people: `0.2` → `20%`, `0.125` → `12.5%`.
 *
 * @param rate - the rate
 * @returns the percentage text
 * @internal
 */
export function percent(rate: Decimal): string {
  return `${rate.times(100).toFixed()}%`;
}

/**
 * Writes an exact decimal without exponent or trailing zeros.
 *
 * @param value - the value
 * @returns its plain decimal text
 * @internal
 */
export function plain(value: Decimal): string {
  return value.toFixed();
}
