/**
 * A leaf `fact <built-in operator> constant` compiles to a closure of its
 * own per operator and fact type (src/conditions/compile.ts, `constantLeaf`).
 * Each must answer exactly what the operator's generic `evaluate` answers —
 * for well-typed facts and for anything else a host fact might hand over
 * (undefined, null, NaN, a decimal where a number is expected, a list, …) —
 * and trace the comparison exactly as the generic path does.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileCondition, createCompileContext, type LeafTrace } from '../../src/conditions/compile.js';
import type { FactRegistry } from '../../src/conditions/facts.js';
import { BUILTIN_OPERATORS, isBig } from '../../src/conditions/operators.js';
import type { Condition, JsonValue } from '../../src/conditions/schema.js';
import { dec } from '../../src/money/money.js';

const STATUS = ['open', 'closed', 'pending'] as const;
const fact = (type: FactRegistry<never>[string]['type'], extra: Record<string, unknown> = {}) => ({ type, description: type, compute: () => undefined, ...extra });
const FACTS: FactRegistry<never> = {
  count: fact('number', { nullable: true }),
  amount: fact('money'),
  status: fact('string', { values: STATUS }),
  note: fact('string'),
  flag: fact('boolean'),
  tags: fact('string[]'),
};

const arbMoneyText = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`);
const arbNumber = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -0, 1e21));
/** A literal of the fact's type for the operator (what the loader accepts), and `null` for the nullable `count` (accepted for equal / notEqual only). */
const literalFor = (name: string, operator: string): fc.Arbitrary<JsonValue> => {
  const type = FACTS[name]!.type;
  const scalar: fc.Arbitrary<JsonValue> =
    type === 'number' ? fc.oneof({ weight: 6, arbitrary: arbNumber }, { weight: 1, arbitrary: fc.constant(null) }) : type === 'money' ? arbMoneyText : type === 'boolean' ? fc.boolean() : type === 'string[]' ? fc.constantFrom(...STATUS) : fc.constantFrom(...STATUS, 'x');
  return operator === 'in' || operator === 'notIn' ? fc.array(type === 'number' ? arbNumber : scalar, { maxLength: 10 }) : scalar;
};
const ORDERED = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
/** Anything a fact may hold at run time, well-typed or not. */
const arbAnyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -Infinity, true, false, '', '1', '1.00', ...STATUS),
  arbNumber,
  arbMoneyText.map((t) => dec(t)),
  arbMoneyText,
  fc.array(fc.constantFrom(...STATUS, 'x'), { maxLength: 3 }),
  fc.constant({}),
);
const arbCase = fc
  .tuple(fc.constantFrom(...Object.keys(FACTS)), fc.constantFrom(...Object.keys(BUILTIN_OPERATORS)))
  .chain(([name, operator]) => fc.record({ name: fc.constant(name), operator: fc.constant(operator), value: literalFor(name, operator), wellTyped: fc.boolean(), any: arbAnyValue, typed: typedValue(name) }));
/** A value of the fact's own type. */
function typedValue(name: string): fc.Arbitrary<unknown> {
  const type = FACTS[name]!.type;
  if (type === 'number') return fc.oneof(arbNumber, fc.constant(null));
  if (type === 'money') return arbMoneyText.map((t) => dec(t));
  if (type === 'boolean') return fc.boolean();
  if (type === 'string[]') return fc.uniqueArray(fc.constantFrom(...STATUS), { maxLength: 3 });
  return fc.constantFrom(...STATUS, 'x');
}

/** The operator's generic answer and trace entry, as the generic leaf closure makes them. */
function reference(operator: string, name: string, literal: JsonValue, a: unknown): { result: boolean; entry: LeafTrace } {
  const type = FACTS[name]!.type;
  const runtime = (v: JsonValue): unknown => (type === 'money' && typeof v === 'string' ? dec(v) : v);
  const b = Array.isArray(literal) ? literal.map(runtime) : runtime(literal);
  const result = a !== undefined && BUILTIN_OPERATORS[operator]!.evaluate(a, b);
  // decimals as their text, a list of decimals as a list of texts
  const shown = (v: unknown): unknown => (isBig(v) ? String(v) : Array.isArray(v) && v.length > 0 && isBig(v[0]) ? v.map(shown) : v);
  return { result, entry: { fact: name, operator, factValue: shown(a) ?? null, value: shown(b), result } as LeafTrace };
}

describe('constant leaves answer and trace as the generic operators do', () => {
  test('every built-in operator on every fact type, 20,000 random leaves and values', () => {
    let compiled = 0;
    let nullRefused = 0;
    fc.assert(
      fc.property(arbCase, ({ name, operator, value, wellTyped, any, typed }) => {
        const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
        const leaf = compileCondition({ fact: name, operator, value } as Condition, ctx, []);
        if (value === null && ORDERED.includes(operator)) {
          // never compiled: `3 > null` would be true in JavaScript (docs/evaluation.md, difference 9)
          expect(ctx.issues.map((i) => [i.code, i.path])).toEqual([['OPERAND_TYPE_MISMATCH', ['value']]]);
          nullRefused++;
          return;
        }
        if (ctx.issues.length) return; // an operator the fact's type does not take: refused at load
        compiled++;
        const a = wellTyped ? typed : any;
        const expected = reference(operator, name, value, a);
        expect(leaf({ [name]: a }, null)).toBe(expected.result);
        const sink: LeafTrace[] = [];
        expect(leaf({ [name]: a }, sink)).toBe(expected.result);
        expect(sink).toEqual([expected.entry]);
        expect(Object.keys(sink[0]!)).toEqual(['fact', 'operator', 'factValue', 'value', 'result']);
      }),
      { numRuns: 20_000, seed: 20261126 },
    );
    expect(compiled).toBeGreaterThan(8_000);
    expect(nullRefused).toBeGreaterThan(50);
  });

  test.each<[string, string, JsonValue, unknown, boolean]>([
    ['amount', 'greaterThan', '100.00', dec('100.01'), true],
    ['amount', 'greaterThan', '100.00', dec('100'), false],
    ['amount', 'greaterThanInclusive', '100.00', dec('100'), true],
    ['amount', 'lessThan', '100.00', 99.99, false], // a number is not a decimal: never ordered
    ['amount', 'notEqual', '100.00', undefined, false], // a missing value is false for every operator
    ['amount', 'notEqual', '100.00', '100.00', true], // text is not a decimal
    ['count', 'lessThanInclusive', 3, Number.NaN, false], // NaN is not ordered, as in json-rules-engine
    ['count', 'greaterThanInclusive', 3, Number.NaN, false],
    ['count', 'greaterThan', 3, null, false],
    ['count', 'greaterThan', 3, dec('4'), false],
    ['status', 'in', ['open', 'closed'], 'closed', true],
    ['status', 'notIn', ['open', 'closed'], undefined, false],
    ['tags', 'contains', 'open', 'open', false], // not a list
    ['tags', 'doesNotContain', 'open', ['closed'], true],
  ])('%s %s %j with %o → %s', (name, operator, value, a, expected) => {
    const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
    const leaf = compileCondition({ fact: name, operator, value } as Condition, ctx, []);
    expect(ctx.issues).toEqual([]);
    expect(leaf({ [name]: a }, null)).toBe(expected);
    expect(reference(operator, name, value, a).result).toBe(expected);
  });
});
