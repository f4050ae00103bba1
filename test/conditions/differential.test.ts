/**
 * Differential test: our compiled, synchronous evaluator against
 * json-rules-engine 7.3.1 (through the adapter: plain paths, money as
 * numbers) on random conditions and facts. Identical results are required
 * wherever json-rules-engine's semantics are kept; every deliberate
 * difference (docs/evaluation.md) is pinned by an example, and a second
 * property shows that those differences are the only ones.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import { compileCondition, createCompileContext } from '../../src/conditions/compile.js';
import type { FactRegistry } from '../../src/conditions/facts.js';
import { createJrePolicy, createJreRuleSet, plainPathResolver, toJreCondition } from '../../src/conditions/json-rules-engine.js';
import { BUILTIN_OPERATORS } from '../../src/conditions/operators.js';
import type { Condition, JsonValue } from '../../src/conditions/schema.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { generateCase } from '../../src/simulate/generate.js';
import { dec } from '../../src/money/money.js';
import { parseInstant } from '../../src/time/instant.js';

const STATUS = ['open', 'closed', 'pending', 'void'] as const;
const fact = (type: FactRegistry<never>[string]['type'], extra: Record<string, unknown> = {}) => ({ type, description: type, compute: () => undefined, ...extra });
const FACTS: FactRegistry<never> = {
  status: fact('string', { values: STATUS }),
  previous: fact('string', { values: STATUS }),
  count: fact('number'),
  limit: fact('number'),
  days: fact('number', { nullable: true }),
  flag: fact('boolean'),
  amount: fact('money'),
  cap: fact('money'),
  tags: fact('string[]'),
  doc: fact('object'),
};

// ── facts ──────────────────────────────────────────────────────────────────
const arbMoneyText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 200 }).map(String),
  fc.constantFrom('0.10', '0.1', '100000.00', '99999.99', '100000'),
);
const arbNumber = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -2.5, 1000));
const arbString = fc.constantFrom(...STATUS);
/** `doc` with every path present and of its type (json-rules-engine's semantics kept). */
const arbDoc = fc.record({
  n: arbNumber,
  s: arbString,
  b: fc.boolean(),
  list: fc.array(fc.record({ q: arbNumber, k: arbString }), { minLength: 1, maxLength: 3 }),
  deep: fc.record({ v: arbNumber }),
});
const arbFacts = fc.record({
  status: arbString,
  previous: arbString,
  count: arbNumber,
  limit: arbNumber,
  days: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  flag: fc.boolean(),
  amount: arbMoneyText,
  cap: arbMoneyText,
  tags: fc.uniqueArray(arbString, { maxLength: 4 }),
  doc: arbDoc as fc.Arbitrary<unknown>,
});
type Facts = Record<string, unknown>;
/** Our fact values: money as decimals. */
const ours = (f: Facts): Facts => ({ ...f, amount: dec(f.amount as string), cap: dec(f.cap as string) });

// ── conditions ─────────────────────────────────────────────────────────────
const ORDERED = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
const EQUALITY = ['equal', 'notEqual'] as const;
const LISTS = ['in', 'notIn'] as const;
const ALL_SCALAR = [...EQUALITY, ...ORDERED] as const;
const leaf = (f: string, ops: readonly string[], value: fc.Arbitrary<unknown>, path?: fc.Arbitrary<string>) =>
  fc.record({ fact: fc.constant(f), operator: fc.constantFrom(...ops), value, ...(path ? { path } : {}) }) as fc.Arbitrary<Condition>;
const plainPath = (p: string) => fc.constantFrom(p, `$.${p}`);

/** Leaves json-rules-engine evaluates with the same meaning as we do. */
const arbLeaf: fc.Arbitrary<Condition> = fc.oneof(
  leaf('status', EQUALITY, arbString),
  leaf('status', LISTS, fc.uniqueArray(arbString, { maxLength: 3 })),
  leaf('status', EQUALITY, fc.constant({ fact: 'previous' })),
  leaf('count', ALL_SCALAR, arbNumber),
  leaf('count', LISTS, fc.array(arbNumber, { maxLength: 3 })),
  leaf('count', ALL_SCALAR, fc.constant({ fact: 'limit' })),
  leaf('days', ORDERED, fc.integer({ min: 0, max: 30 })),
  leaf('days', EQUALITY, fc.option(fc.integer({ min: 0, max: 30 }), { nil: null })),
  leaf('flag', EQUALITY, fc.boolean()),
  leaf('amount', ALL_SCALAR, arbMoneyText),
  leaf('amount', LISTS, fc.array(arbMoneyText, { maxLength: 3 })),
  leaf('amount', ALL_SCALAR, fc.constant({ fact: 'cap' })),
  leaf('tags', ['contains', 'doesNotContain'], arbString),
  leaf('doc', ALL_SCALAR, arbNumber, fc.constantFrom('n', '$.n', 'list[0].q', '$.deep.v')),
  leaf('doc', [...EQUALITY, ...LISTS].slice(0, 2), arbString, fc.constantFrom('s', 'list[0].k', '$.list[0].k')),
  leaf('doc', LISTS, fc.uniqueArray(arbString, { maxLength: 3 }), plainPath('s')),
  leaf('doc', EQUALITY, fc.boolean(), plainPath('b')),
  leaf('doc', ALL_SCALAR, fc.constant({ fact: 'count' }), plainPath('n')),
);

const arbPriority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });
const withPriority = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, arbPriority).map(([c, p]) => (p === undefined ? c : { ...c, priority: p })) as fc.Arbitrary<Condition>;

function arbCondition(leaves: fc.Arbitrary<Condition>, named: readonly string[]): fc.Arbitrary<Condition> {
  const { node } = fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      withPriority(leaves),
      withPriority(fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) })),
      withPriority(fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) })),
      withPriority(fc.record({ not: tie('node') })),
      ...(named.length ? [withPriority(fc.record({ condition: fc.constantFrom(...named) }))] : []),
    ),
  }));
  return node;
}
const NAMED = ['named-a', 'named-b'];
const arbCase = (leaves: fc.Arbitrary<Condition>, facts: fc.Arbitrary<Facts>) =>
  fc.record({
    named: fc.record({ 'named-a': arbCondition(leaves, []), 'named-b': arbCondition(leaves, []) }),
    condition: arbCondition(leaves, NAMED),
    facts,
  });

// ── the two evaluators ─────────────────────────────────────────────────────
function evaluateOurs(condition: Condition, named: Record<string, Condition>, facts: Facts): boolean {
  const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, named, file: 'differential' });
  const test = compileCondition(condition, ctx, []);
  expect(ctx.issues).toEqual([]);
  return test(ours(facts), null);
}

async function evaluateJre(condition: Condition, named: Record<string, Condition>, facts: Facts, strict = false): Promise<boolean> {
  const set = createJreRuleSet([{ id: 'rule', conditions: condition }], { named, facts: FACTS, hitPolicy: 'first' });
  if (strict) withOurTyping(set.engine);
  return (await set.run(ours(facts))).length === 1;
}

/**
 * json-rules-engine's own operators with exactly the two rules where we are
 * stricter: a missing (undefined) value on either side is false, and ordered
 * comparisons need two numbers.
 */
function withOurTyping(engine: Engine): void {
  const operators = (engine as unknown as { operators: { get(name: string): { evaluate(a: unknown, b: unknown): boolean } } }).operators;
  for (const name of Object.keys(BUILTIN_OPERATORS)) {
    const original = operators.get(name);
    const ordered = (ORDERED as readonly string[]).includes(name);
    engine.addOperator(name, (a: unknown, b: unknown) => a !== undefined && b !== undefined && (!ordered || (typeof a === 'number' && typeof b === 'number')) && original.evaluate(a, b));
  }
}

describe('differential: compiled evaluator vs json-rules-engine 7.3.1', () => {
  test('10,000 random conditions and facts: identical results where json-rules-engine semantics are kept', async () => {
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(arbCase(arbLeaf, arbFacts), async ({ named, condition, facts }) => {
        const expected = await evaluateJre(condition, named, facts);
        expect(evaluateOurs(condition, named, facts)).toBe(expected);
        if (expected) fired++;
      }),
      { numRuns: 10_000, seed: 20261125 },
    );
    // Both outcomes are exercised.
    expect(fired).toBeGreaterThan(2_000);
    expect(fired).toBeLessThan(8_000);
  });

  test('2,000 more with missing paths and mistyped values: the deliberate differences are the only ones', async () => {
    const anyValue = fc.oneof(arbNumber, arbString, fc.boolean(), fc.constant(null), fc.constantFrom('5', '100', '-1'));
    const looseDoc = fc.record(
      { n: anyValue, s: anyValue, b: anyValue, list: fc.array(fc.record({ q: anyValue, k: anyValue }, { requiredKeys: [] }), { maxLength: 2 }), deep: fc.record({ v: anyValue }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    );
    const looseLeaf = fc.oneof(
      arbLeaf,
      leaf('doc', ALL_SCALAR, arbNumber, fc.constantFrom('n', 's', 'b', 'list[0].q', 'list[1].k', 'deep.v', 'missing', 'list[5].q')),
      leaf('doc', [...EQUALITY, ...LISTS].slice(0, 2), fc.oneof(arbString, fc.boolean(), fc.constant(null)), fc.constantFrom('n', 's', 'b', 'list[0].k', 'missing')),
      leaf('doc', LISTS, fc.array(fc.oneof(arbString, arbNumber), { maxLength: 3 }), fc.constantFrom('n', 's', 'missing')),
      leaf('doc', ALL_SCALAR, fc.constant({ fact: 'doc', path: 'deep.v' }), fc.constantFrom('n', 'missing')),
    );
    const facts = arbFacts.chain((f) => looseDoc.map((doc) => ({ ...f, doc })));
    let differs = 0;
    await fc.assert(
      fc.asyncProperty(arbCase(looseLeaf, facts), async ({ named, condition, facts }) => {
        const strict = await evaluateJre(condition, named, facts, true);
        expect(evaluateOurs(condition, named, facts)).toBe(strict);
        if (strict !== (await evaluateJre(condition, named, facts))) differs++;
      }),
      { numRuns: 2_000, seed: 20261126 },
    );
    // The differences do occur in this domain (so the property above is not vacuous).
    expect(differs).toBeGreaterThan(20);
  });

  test('the whole ecommerce pack: json-rules-engine (one engine, one run) and decide agree on 300 generated complaints', async () => {
    const policy = loadPolicy('ecommerce');
    const jre = createJrePolicy(policy);
    for (let i = 0; i < 300; i++) {
      const { complaint, now } = generateCase(7, i);
      const d = policy.decide(complaint, { now, trace: false });
      expect(await jre.decide(complaint, parseInstant(now)!)).toEqual({
        liabilityRuleId: d.liability.ruleId,
        party: d.liability.party,
        costBearer: d.liability.costBearer,
        remedies: d.remedies.map((r) => r.type),
        approver: d.approval.approver,
      });
    }
  });
});

describe('deliberate differences (docs/evaluation.md), one example each', () => {
  /** json-rules-engine as its users run it: its default path resolver and values as given. */
  async function plainJre(conditions: object, facts: Record<string, unknown>, pathResolver?: (v: object, p: string) => unknown): Promise<boolean> {
    const engine = new Engine([{ conditions: conditions as never, event: { type: 'fired' } }], pathResolver ? { pathResolver } : {});
    return (await engine.run(facts)).events.length === 1;
  }
  const compileIssues = (condition: Condition) => {
    const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
    compileCondition(condition, ctx, []);
    return ctx.issues.map((i) => i.code);
  };

  test('1. ordered comparison of strings: json-rules-engine finds "100" lessThan "20"; we refuse it when the pack loads', async () => {
    expect(await plainJre({ all: [{ fact: 'status', operator: 'lessThan', value: '20' }] }, { status: '100' })).toBe(true);
    expect(compileIssues({ fact: 'status', operator: 'lessThan', value: '20' })).toEqual(['OPERAND_TYPE_MISMATCH']);
  });

  test('2. money: json-rules-engine compares money strings as text; we compare decimals (the adapter passes numbers)', async () => {
    expect(await plainJre({ all: [{ fact: 'amount', operator: 'lessThan', value: '99999.99' }] }, { amount: '100000.00' })).toBe(true);
    expect(evaluateOurs({ fact: 'amount', operator: 'lessThan', value: '99999.99' }, {}, { amount: '100000.00', cap: '0' })).toBe(false);
    expect(toJreCondition({ fact: 'amount', operator: 'lessThan', value: '99999.99' }, FACTS)).toEqual({ fact: 'amount', operator: 'lessThan', value: 99999.99 });
    expect(evaluateOurs({ fact: 'amount', operator: 'equal', value: '0.1' }, {}, { amount: '0.10', cap: '0' })).toBe(true);
  });

  test('3. a missing value (path not found) is false for every operator, notEqual / notIn / doesNotContain included', async () => {
    const facts = { doc: { n: 1 } };
    expect(await plainJre({ all: [{ fact: 'doc', path: 'missing', operator: 'notEqual', value: 'x' }] }, facts, plainPathResolver)).toBe(true);
    expect(await plainJre({ all: [{ fact: 'doc', path: 'missing', operator: 'notIn', value: ['x'] }] }, facts, plainPathResolver)).toBe(true);
    expect(evaluateOurs({ fact: 'doc', path: 'missing', operator: 'notEqual', value: 'x' }, {}, { ...facts, amount: '0', cap: '0' })).toBe(false);
    expect(evaluateOurs({ fact: 'doc', path: 'missing', operator: 'notIn', value: ['x'] }, {}, { ...facts, amount: '0', cap: '0' })).toBe(false);
  });

  test('4. an undefined fact: json-rules-engine rejects the run; we refuse the condition when the pack loads', async () => {
    await expect(plainJre({ all: [{ fact: 'nope', operator: 'equal', value: 1 }] }, {})).rejects.toThrow('Undefined fact: nope');
    expect(compileIssues({ fact: 'nope', operator: 'equal', value: 1 })).toEqual(['UNKNOWN_FACT']);
  });

  test('5. JSONPath: json-rules-engine evaluates filters and recursive descent (jsonpath-plus); we accept plain paths only', async () => {
    const facts = { doc: { list: [{ q: 1 }, { q: 5 }] } };
    expect(await plainJre({ all: [{ fact: 'doc', path: '$..q', operator: 'contains', value: 5 }] }, facts)).toBe(true); // [1, 5]
    expect(await plainJre({ all: [{ fact: 'doc', path: '$.list[?(@.q>1)].q', operator: 'contains', value: 5 }] }, facts)).toBe(true); // [5]
    expect(compileIssues({ fact: 'doc', path: '$..q', operator: 'equal', value: 1 })).toEqual(['UNSAFE_PATH']);
    expect(compileIssues({ fact: 'doc', path: '$.list[?(@.q>1)].q', operator: 'equal', value: 5 })).toEqual(['UNSAFE_PATH']);
    expect(() => plainPathResolver(facts.doc, '$..q')).toThrow('not a plain path');
  });

  test('6. no coercion: a string value is never compared as a number', async () => {
    expect(await plainJre({ all: [{ fact: 'doc', path: 'n', operator: 'lessThan', value: 20 }] }, { doc: { n: '5' } }, plainPathResolver)).toBe(true);
    expect(evaluateOurs({ fact: 'doc', path: 'n', operator: 'lessThan', value: 20 }, {}, { doc: { n: '5' }, amount: '0', cap: '0' })).toBe(false);
    expect(compileIssues({ fact: 'count', operator: 'equal', value: '5' })).toEqual(['OPERAND_TYPE_MISMATCH']);
  });

  test('7. a right side that is not a list for in / notIn: json-rules-engine throws; we answer false', async () => {
    const facts = { doc: { s: 'open', n: 3 } };
    await expect(plainJre({ all: [{ fact: 'doc', path: 's', operator: 'in', value: { fact: 'doc', path: 'n' } }] }, facts, plainPathResolver)).rejects.toThrow(TypeError);
    expect(evaluateOurs({ fact: 'doc', path: 's', operator: 'in', value: { fact: 'doc', path: 'n' } as unknown as JsonValue }, {}, { ...facts, amount: '0', cap: '0' })).toBe(false);
  });

  test('8. the same json-rules-engine results, with a synchronous call and no engine state', () => {
    const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
    const test = compileCondition({ all: [{ fact: 'count', operator: 'greaterThan', value: 2 }] }, ctx, []);
    expect(test({ count: 3 }, null)).toBe(true); // a boolean, not a promise
  });
});
