import type { Big } from 'big.js';
import { compareDecimals } from '../money/money.js';
import type { FactType } from './facts.js';

/**
 * An operator comparing a fact value (left) with a condition value (right).
 *
 * @category Conditions
 */
export interface OperatorDefinition {
  /** Fact types the operator accepts on its left side. */
  readonly factTypes: readonly FactType[];
  /**
   * What the right side must be: `same` (same type as the fact), `list` (an
   * array of the fact's type), or `element` (one element of a `string[]` fact).
   */
  readonly valueShape: 'same' | 'list' | 'element';
  /** Evaluates; both sides are already of the checked types (money as `Decimal`). */
  readonly evaluate: (factValue: unknown, value: unknown) => boolean;
  /** For docs. */
  readonly description: string;
}

/**
 * A decimal (money) value, as the operators tell it apart.
 *
 * @param v - any value
 * @returns whether `v` is a big.js decimal
 * @example
 * ```ts
 * isBig(dec('1.00')) // → true
 * isBig('1.00')      // → false
 * ```
 * @category Conditions
 * @internal
 */
export const isBig = (v: unknown): v is Big => typeof v === 'object' && v !== null && typeof (v as Big).cmp === 'function';

/** Strict equality, decimals by value. No string/number coercion. */
function eq(a: unknown, b: unknown): boolean {
  if (isBig(a) && isBig(b)) return compareDecimals(a, b) === 0;
  return a === b;
}

/** Ordered comparison of two numbers or two decimals; anything else (NaN included, as in json-rules-engine) is not ordered. */
function cmp(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : undefined;
  if (isBig(a) && isBig(b)) return compareDecimals(a, b);
  return undefined;
}

const ORDERED: readonly FactType[] = ['number', 'money'];

/** An ordered comparison: true when both sides are comparable and `test(sign)` holds. */
function ordered(test: (sign: number) => boolean, description: string): OperatorDefinition {
  return {
    factTypes: ORDERED,
    valueShape: 'same',
    evaluate: (a, b) => {
      const c = cmp(a, b);
      return c !== undefined && test(c);
    },
    description,
  };
}
const SCALAR: readonly FactType[] = ['string', 'number', 'boolean', 'money', 'instant'];

/**
 * json-rules-engine's ten default operators with stricter typing: ordered
 * comparisons take two numbers or two decimals (never strings, so `"100" <
 * "20"` cannot be true), equality never coerces.
 *
 * @category Conditions
 */
export const BUILTIN_OPERATORS: Readonly<Record<string, OperatorDefinition>> = Object.freeze({
  equal: { factTypes: SCALAR, valueShape: 'same', evaluate: eq, description: 'fact equals value' },
  notEqual: { factTypes: SCALAR, valueShape: 'same', evaluate: (a, b) => !eq(a, b), description: 'fact differs from value' },
  in: {
    factTypes: SCALAR,
    valueShape: 'list',
    evaluate: (a, b) => Array.isArray(b) && b.some((x) => eq(a, x)),
    description: 'fact is one of the listed values',
  },
  notIn: {
    factTypes: SCALAR,
    valueShape: 'list',
    evaluate: (a, b) => Array.isArray(b) && !b.some((x) => eq(a, x)),
    description: 'fact is none of the listed values',
  },
  contains: {
    factTypes: ['string[]'],
    valueShape: 'element',
    evaluate: (a, b) => Array.isArray(a) && a.some((x) => eq(x, b)),
    description: 'the list fact contains the value',
  },
  doesNotContain: {
    factTypes: ['string[]'],
    valueShape: 'element',
    evaluate: (a, b) => Array.isArray(a) && !a.some((x) => eq(x, b)),
    description: 'the list fact does not contain the value',
  },
  lessThan: ordered((c) => c < 0, 'fact < value'),
  lessThanInclusive: ordered((c) => c <= 0, 'fact ≤ value'),
  greaterThan: ordered((c) => c > 0, 'fact > value'),
  greaterThanInclusive: ordered((c) => c >= 0, 'fact ≥ value'),
});
