import { z } from 'zod';
import { pushAll, InputError, PolicyError, issue, quoted, type PolicyIssue } from '../errors/errors.js';
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
  /** What kind of step: `loss-type`, `resale`, `reconciliation`, `band`, `fine`, `supervisor`, `cap`, `share`, `schedule`, `allocation`, `attribution`, `rounding`. */
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
      error: (iss) => `must be a non-negative decimal with at most 6 decimals, such as "2.5" (got ${quoted(iss.input)})`,
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
 * array element is refused. The caller's own checks run only on input the
 * schema accepted: a function with checks of its own (per item, semantic)
 * uses {@link screenInput} instead, so that no problem hides another.
 *
 * @param schema - the zod schema
 * @param input - untrusted data
 * @param file - name in issues (default `<input>`)
 * @returns the parsed value
 * @throws InputError: `INVALID_INPUT` (schema, or not JSON data), `FORBIDDEN_KEY`, `JSON_TOO_DEEP`, `JSON_TOO_LARGE`
 * @internal
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, file = '<input>'): z.output<S> {
  // A prototype-polluting key is reported together with the schema's problems, not alone.
  const s = screenInput(schema, input, file);
  if (s.issues.length) throw new InputError(s.issues);
  return s.data as z.output<S>;
}

/**
 * What {@link screenInput} found: the screened value, the schema's output
 * when the value passed it, and the problems so far.
 *
 * @internal
 */
export interface ScreenedInput<T> {
  /** The screened value (plain JSON data; a prototype-polluting key left out): read its parts with care, the schema may have refused it. */
  readonly raw: unknown;
  /** The schema's output, when the schema accepted the value. */
  readonly data: T | undefined;
  /** `FORBIDDEN_KEY` and the schema's problems (`INVALID_INPUT`); the caller adds its own and throws. */
  readonly issues: PolicyIssue[];
}

/**
 * The first step of an input check that reports every problem at once:
 * screens untrusted input as {@link parseInput} does and checks it against
 * the schema, but returns the problems instead of throwing them, with the
 * screened value, so that the caller's own checks (per item, semantic) still
 * run on the parts that are well-formed. The caller throws one
 * {@link InputError} with all the issues when there are any. A
 * prototype-polluting key is one of the problems (the value is checked
 * without it); input too deep or too large, or not plain JSON data, still
 * stops here.
 *
 * @param schema - the zod schema of the whole input
 * @param input - untrusted data
 * @param file - name in issues (default `<input>`)
 * @returns the screened value, the schema's output if it passed, and the problems so far
 * @throws InputError: `INVALID_INPUT` (not JSON data), `JSON_TOO_DEEP`, `JSON_TOO_LARGE`
 * @internal
 */
export function screenInput<S extends z.ZodType>(schema: S, input: unknown, file = '<input>'): ScreenedInput<z.output<S>> {
  const screened = screenUntrustedValue(input, file, undefined, CALLER_INPUT_SCREENING);
  if (!('value' in screened)) throw new InputError(screened.issues);
  const issues = [...screened.issues];
  const r = schema.safeParse(screened.value);
  if (!r.success) pushAll(issues, fromZodIssues(r.error.issues, file, 'INVALID_INPUT'));
  return { raw: screened.value, data: r.success ? r.data : undefined, issues };
}

/**
 * The value as an object whose keys can be read, or `undefined` when it is
 * not one (an array, `null`, a scalar).
 *
 * @param value - a screened value
 * @returns the value as a record, or `undefined`
 * @internal
 */
export function recordOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
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
