/**
 * Differential test: our compiled, synchronous evaluator against
 * json-rules-engine 7.3.1 (plain paths, resolved by json-rules-engine's own
 * default resolver; conditions and money converted by the adapter: money as
 * numbers) on random conditions and facts. Identical results are required
 * wherever json-rules-engine's semantics are kept; every deliberate
 * difference (docs/evaluation.md) is pinned by an example, a second
 * property shows that those differences are the only ones, a third runs
 * plain paths through json-rules-engine's own (default) path resolver, and
 * a fourth checks that the forms json-rules-engine accepts but we refuse
 * are refused at load, where they are.
 *
 * jsonpath-plus is reached only here, through json-rules-engine's default
 * resolver; the library never imports it.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import { compileCondition, createCompileContext } from '../../src/conditions/compile.js';
import type { FactRegistry } from '../../src/conditions/facts.js';
import { createJrePolicy, plainPathResolver, toJreCondition, toJreFacts, toJreTopLevel } from '../../src/conditions/json-rules-engine.js';
import { BUILTIN_OPERATORS } from '../../src/conditions/operators.js';
import type { Condition, LeafCondition } from '../../src/conditions/schema.js';
import { parsePlainPath, resolvePath } from '../../src/conditions/path.js';
import { loadPolicy, safeLoadPolicy } from '../../src/pack/loader.js';
import { generateCase } from '../../src/simulate/generate.js';
import { packFiles } from '../packs.js';
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
/**
 * A number a fact may hold: a host's number fact is not checked at run time, so NaN and ±Infinity too
 * (never a literal: a condition is JSON, and a literal must be a finite number).
 */
const arbFactNumber = fc.oneof({ weight: 12, arbitrary: arbNumber }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) });
const arbString = fc.constantFrom(...STATUS);
/** `doc` with every path present and of its type (json-rules-engine's semantics kept). */
const arbDoc = fc.record({
  n: arbFactNumber,
  s: arbString,
  b: fc.boolean(),
  list: fc.array(fc.record({ q: arbFactNumber, k: arbString }), { minLength: 1, maxLength: 3 }),
  deep: fc.record({ v: arbFactNumber }),
});
const arbFacts = fc.record({
  status: arbString,
  previous: arbString,
  count: arbFactNumber,
  limit: arbFactNumber,
  days: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(null), fc.constantFrom(Number.NaN, Infinity)),
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

/**
 * json-rules-engine's answer, from an engine built as its users build one (no `pathResolver` option). `strict`: with the rules where we deliberately differ given to it —
 * our typing ({@link withOurTyping}: differences 3, 6 and 9) and difference 10 (a path into a `doc`
 * that is not an object finds nothing: it is handed `{}` instead, where it would give `doc` itself).
 */
async function evaluateJre(condition: Condition, named: Record<string, Condition>, facts: Facts, strict = false): Promise<boolean> {
  // json-rules-engine as its users run it: its own default path resolver (jsonpath-plus), not the
  // adapter's plain-path resolver, so the paths are compared too (the adapter still converts
  // conditions and money values: difference 2).
  const engine = new Engine();
  for (const name of Object.keys(named)) engine.setCondition(name, toJreTopLevel(named[name], FACTS));
  engine.addRule({ name: 'rule', conditions: toJreTopLevel(condition, FACTS), event: { type: 'rule' } });
  if (strict) withOurTyping(engine);
  const given = strict && (facts.doc === null || typeof facts.doc !== 'object') ? { ...facts, doc: {} } : facts;
  return (await engine.run(toJreFacts(ours(given)))).results.length === 1;
}

/**
 * json-rules-engine's own operators with exactly the two rules where we are
 * stricter: a missing (undefined) value on either side is false, and ordered
 * comparisons need two numbers (so `null` on the right is not 0).
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

  test('2,000 more with missing paths, mistyped values and a doc that is not an object: the deliberate differences are the only ones', async () => {
    const anyValue = fc.oneof(arbFactNumber, arbString, fc.boolean(), fc.constant(null), fc.constantFrom('5', '100', '-1'));
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
      // difference 9 at run time: a nullable fact (or a path value) on the right of an ordered comparison
      leaf('count', ORDERED, fc.constantFrom({ fact: 'days' }, { fact: 'doc', path: 'n' })),
    );
    // difference 10: now and then `doc` is not an object at all
    const docOrNot = fc.oneof({ weight: 4, arbitrary: looseDoc as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), arbFactNumber, fc.boolean()) });
    const facts = arbFacts.chain((f) => docOrNot.map((doc) => ({ ...f, doc })));
    let differs = 0;
    let notObject = 0;
    await fc.assert(
      fc.asyncProperty(arbCase(looseLeaf, facts), async ({ named, condition, facts }) => {
        const strict = await evaluateJre(condition, named, facts, true);
        expect(evaluateOurs(condition, named, facts)).toBe(strict);
        if (strict !== (await evaluateJre(condition, named, facts))) {
          differs++;
          if (facts.doc === null || typeof facts.doc !== 'object') notObject++;
        }
      }),
      { numRuns: 2_000, seed: 20261126 },
    );
    // The differences do occur in this domain (so the property above is not vacuous), difference 10 among them.
    expect(differs).toBeGreaterThan(20);
    expect(notObject).toBeGreaterThan(5);
  });

  test('2,000 plain-path leaves through json-rules-engine\'s default path resolver (jsonpath-plus): identical results except difference 11', async () => {
    // Values that make paths interesting: empty and short texts, numbers (NaN, ±Infinity), lists, null,
    // and an object with numeric keys.
    const value = fc.oneof(arbFactNumber, fc.constantFrom('', 'a', 'ab', ...STATUS), fc.boolean(), fc.constant(null));
    const doc = fc.record(
      {
        n: value,
        s: value,
        list: fc.array(fc.record({ q: value, k: value }, { requiredKeys: [] }), { maxLength: 3 }),
        tags: fc.array(fc.constantFrom('', ...STATUS), { maxLength: 3 }),
        map: fc.dictionary(fc.constantFrom('0', '1', 'k'), value),
        deep: fc.oneof(fc.record({ v: value, s: value }, { requiredKeys: [] }), fc.constantFrom(null, '', 'ab')),
      },
      { requiredKeys: [] },
    );
    const PATHS = [
      ...['n', 's', 's.length', 's[0]', 's[1]', 'list.length', 'list[0].q', 'list[0].k', 'list[0].k.length', 'list[1].k[0]', 'list[2].q'],
      ...['tags', 'tags.length', 'tags[0]', 'tags[0].length', 'map[0]', 'map[1]', 'map.k', 'map.length', 'deep.v', 'deep.s.length', 'deep.length', 'deep[0]', 'missing', 'missing.x'],
    ];
    const path = fc.constantFrom(...PATHS).chain((p) => fc.constantFrom(p, `$.${p}`));
    const pathLeaf = fc.oneof(
      leaf('doc', ALL_SCALAR, arbNumber, path),
      leaf('doc', EQUALITY, fc.oneof(fc.constantFrom('', 'a', 'ab', ...STATUS), fc.boolean(), fc.constant(null)), path),
      leaf('doc', LISTS, fc.array(fc.oneof(fc.constantFrom('', 'a', ...STATUS), arbNumber), { maxLength: 3 }), path),
      leaf('doc', ['contains', 'doesNotContain'], fc.constantFrom('', ...STATUS), path),
      leaf('doc', ALL_SCALAR, path.map((p) => ({ fact: 'doc', path: p })), path),
    ) as fc.Arbitrary<LeafCondition>;
    /** Where jsonpath-plus and our resolver part (docs/evaluation.md, difference 11): the `length` of an empty text, an index into an object's key. */
    const meetsDifference11 = (value: unknown, text: string | undefined): boolean => {
      let cur = value;
      for (const seg of text === undefined ? [] : parsePlainPath(text)!) {
        if (cur === '' && seg === 'length') return true;
        if (typeof seg === 'number' && cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.hasOwn(cur, String(seg))) return true;
        cur = resolvePath(cur, [seg]);
      }
      return false;
    };
    let leaves = 0;
    let differs = 0;
    await fc.assert(
      fc.asyncProperty(doc, fc.array(pathLeaf, { minLength: 1, maxLength: 4 }), async (doc, list) => {
        // json-rules-engine as its users run it (no pathResolver option), with our typing (differences 3 and 6)
        const engine = new Engine(list.map((l, i) => ({ name: String(i), conditions: { all: [structuredClone(l)] } as never, event: { type: String(i) } })));
        withOurTyping(engine);
        const { results, failureResults } = await engine.run({ doc });
        const theirs = new Map([...results, ...failureResults].map((r) => [r.name, r.result]));
        list.forEach((l, i) => {
          leaves++;
          const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'paths' });
          const test = compileCondition(l, ctx, []);
          expect(ctx.issues).toEqual([]);
          const mine = test({ doc }, null);
          const ref = l.value as { fact?: string; path?: string } | null;
          const documented = meetsDifference11(doc, l.path) || (ref !== null && typeof ref === 'object' && !Array.isArray(ref) && ref.fact === 'doc' && meetsDifference11(doc, ref.path));
          if (!documented) expect(mine, `${JSON.stringify(l)} on ${JSON.stringify(doc)}`).toBe(theirs.get(String(i)));
          else if (mine !== theirs.get(String(i))) differs++;
        });
      }),
      { numRuns: 2_000, seed: 20261127 },
    );
    expect(leaves).toBeGreaterThan(4_000);
    expect(differs).toBeGreaterThan(20); // difference 11 does occur here
  });

  test('2,000 conditions with a null literal in an ordered comparison or a non-list literal for in / notIn: refused at load, at that value', () => {
    const nonList = fc.oneof(fc.constantFrom('open', 'x3y', '', '5'), arbNumber, fc.boolean(), fc.constant(null), fc.constant({ a: 1 }));
    const refused = fc.oneof(
      leaf('days', ORDERED, fc.constant(null)),
      leaf('count', ORDERED, fc.constant(null)),
      leaf('amount', ORDERED, fc.constant(null)),
      leaf('doc', ORDERED, fc.constant(null), fc.constantFrom('n', '$.deep.v', 'missing')),
      leaf('status', LISTS, nonList),
      leaf('count', LISTS, nonList),
      leaf('amount', LISTS, nonList),
      leaf('doc', LISTS, nonList, fc.constantFrom('s', '$.list[0].k', 'missing')),
    );
    fc.assert(
      fc.property(fc.array(arbCondition(arbLeaf, []), { maxLength: 3 }), fc.nat(), refused, (others, at, bad) => {
        const i = at % (others.length + 1);
        const all = [...others.slice(0, i), bad, ...others.slice(i)];
        const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
        const test = compileCondition({ all }, ctx, ['rules', 0, 'conditions']);
        expect(ctx.issues.map((x) => [x.code, x.path])).toEqual([['OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', i, 'value']]]);
        expect(test({}, null)).toBe(false);
      }),
      { numRuns: 2_000, seed: 20261128 },
    );
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
  /** Our answer for a fact `doc` (and `count`, `days`) given as is. */
  const oursWith = (condition: Condition, facts: Record<string, unknown>) => evaluateOurs(condition, {}, { amount: '0', cap: '0', ...facts });

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

  test('7. a right side that is not a list for in / notIn: json-rules-engine finds text in a text and throws on anything else; we refuse such a literal and answer false for such a fact value', async () => {
    // a literal: substring search in a text (the left side is made text), a TypeError otherwise
    expect(await plainJre({ all: [{ fact: 's', operator: 'in', value: 'open' }] }, { s: 'pen' })).toBe(true);
    expect(await plainJre({ all: [{ fact: 's', operator: 'notIn', value: 'open' }] }, { s: 'pen' })).toBe(false);
    expect(await plainJre({ all: [{ fact: 'n', operator: 'in', value: 'x3y' }] }, { n: 3 })).toBe(true);
    await expect(plainJre({ all: [{ fact: 's', operator: 'in', value: 3 }] }, { s: 'open' })).rejects.toThrow(TypeError);
    await expect(plainJre({ all: [{ fact: 's', operator: 'notIn', value: true }] }, { s: 'open' })).rejects.toThrow(TypeError);
    await expect(plainJre({ all: [{ fact: 's', operator: 'in', value: null }] }, { s: 'open' })).rejects.toThrow(TypeError);
    for (const value of ['open', 'x3y', 3, true, null]) {
      expect(compileIssues({ fact: 'doc', path: 's', operator: 'in', value })).toEqual(['OPERAND_TYPE_MISMATCH']);
      expect(compileIssues({ fact: 'doc', path: 's', operator: 'notIn', value })).toEqual(['OPERAND_TYPE_MISMATCH']);
      expect(compileIssues({ fact: 'status', operator: 'in', value })).toEqual(['OPERAND_TYPE_MISMATCH']);
      expect(compileIssues({ fact: 'count', operator: 'notIn', value })).toEqual(['OPERAND_TYPE_MISMATCH']);
    }
    // a fact reference (allowed only between paths into a host object fact without a shape) that is not a list at run time
    const facts = { doc: { s: 'pen', t: 'open', n: 3 } };
    const inT = { fact: 'doc', path: 's', operator: 'in', value: { fact: 'doc', path: 't' } } as Condition;
    const inN = { fact: 'doc', path: 's', operator: 'in', value: { fact: 'doc', path: 'n' } } as Condition;
    expect(await plainJre({ all: [inT] }, facts, plainPathResolver)).toBe(true);
    await expect(plainJre({ all: [inN] }, facts, plainPathResolver)).rejects.toThrow(TypeError);
    expect(oursWith(inT, facts)).toBe(false);
    expect(oursWith(inN, facts)).toBe(false);
    expect(oursWith({ ...inT, operator: 'notIn' } as Condition, facts)).toBe(false);
  });

  test('8. the same json-rules-engine results, with a synchronous call and no engine state', () => {
    const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
    const test = compileCondition({ all: [{ fact: 'count', operator: 'greaterThan', value: 2 }] }, ctx, []);
    expect(test({ count: 3 }, null)).toBe(true); // a boolean, not a promise
  });

  test('9. null on the right of an ordered comparison: json-rules-engine compares with it as with 0; we refuse a null literal at load and answer false for a null value', async () => {
    const answers: Record<string, boolean[]> = {};
    for (const op of ORDERED) {
      answers[op] = [];
      for (const count of [3, 0, -1]) answers[op]!.push(await plainJre({ all: [{ fact: 'count', operator: op, value: null }] }, { count }));
      for (const f of ['days', 'count', 'amount']) {
        const ctx = createCompileContext({ facts: FACTS, operators: BUILTIN_OPERATORS, file: 'x' });
        compileCondition({ fact: f, operator: op, value: null }, ctx, []);
        expect(ctx.issues.map((i) => [i.code, i.path])).toEqual([['OPERAND_TYPE_MISMATCH', ['value']]]);
        expect(ctx.issues[0]!.message).toContain('with the value null is meaningless');
      }
      expect(compileIssues({ fact: 'doc', path: 'n', operator: op, value: null })).toEqual(['OPERAND_TYPE_MISMATCH']);
    }
    // 3, 0, -1 against null
    expect(answers).toEqual({ greaterThan: [true, false, false], greaterThanInclusive: [true, true, false], lessThan: [false, false, true], lessThanInclusive: [false, true, true] });
    // a null value on the right at run time: a nullable fact, a path value
    const byDays = { fact: 'count', operator: 'greaterThan', value: { fact: 'days' } } as Condition;
    const byPath = { fact: 'count', operator: 'greaterThanInclusive', value: { fact: 'doc', path: 'z' } } as Condition;
    expect(await plainJre({ all: [byDays] }, { count: 3, days: null })).toBe(true);
    expect(await plainJre({ all: [byPath] }, { count: 0, doc: { z: null } }, plainPathResolver)).toBe(true);
    expect(oursWith(byDays, { count: 3, days: null })).toBe(false);
    expect(oursWith(byPath, { count: 0, doc: { z: null } })).toBe(false);
    // through the pack loader, with the file and the JSON path of the value
    const files = packFiles('ecommerce');
    files['remedies.json'].rules[0].conditions = { all: [{ fact: 'daysFromDeliveryToComplaint', operator: 'greaterThanInclusive', value: null }] };
    const r = safeLoadPolicy({ files });
    expect(r.success ? [] : r.error.issues.map((i) => ({ code: i.code, file: i.file, path: i.path, message: i.message }))).toEqual([
      {
        code: 'OPERAND_TYPE_MISMATCH',
        file: 'remedies.json',
        path: ['rules', 0, 'conditions', 'all', 0, 'value'],
        message: 'fact "daysFromDeliveryToComplaint" is of type number (nullable): "greaterThanInclusive" with the value null is meaningless: null is neither less nor greater than any value; to test for no value use "equal" null',
      },
    ]);
  });

  test('10. a path into a fact value that is null or not an object: json-rules-engine gives the value itself; we find nothing', async () => {
    const cases: Array<[unknown, Condition]> = [
      [null, { fact: 'doc', path: 'n', operator: 'equal', value: null }],
      [null, { fact: 'doc', path: 'n', operator: 'notEqual', value: 'x' }],
      [5, { fact: 'doc', path: 'n', operator: 'equal', value: 5 }],
      [5, { fact: 'doc', path: 'deep.v', operator: 'greaterThan', value: 2 }],
      [true, { fact: 'doc', path: 'b', operator: 'equal', value: true }],
      ['abc', { fact: 'doc', path: 'length', operator: 'equal', value: 'abc' }],
    ];
    for (const [doc, condition] of cases) {
      expect(await plainJre({ all: [condition] }, { doc })).toBe(true); // its default resolver is not even called
      expect(await plainJre({ all: [condition] }, { doc }, plainPathResolver)).toBe(true);
      expect(oursWith(condition, { doc })).toBe(false);
    }
    // a text is the one value that is not an object and has something at a path: its length and characters, as inside an object
    expect(oursWith({ fact: 'doc', path: 'length', operator: 'equal', value: 3 }, { doc: 'abc' })).toBe(true);
    expect(await plainJre({ all: [{ fact: 'doc', path: 'length', operator: 'equal', value: 3 }] }, { doc: 'abc' })).toBe(false);
  });

  test('11. plain paths through json-rules-engine\'s default resolver (jsonpath-plus): an empty text has no length, an index reads an object\'s key, [01] is the key "01", a bare path named like an Object.prototype member throws', async () => {
    const lengthOfEmpty = { fact: 'doc', path: '$.s.length', operator: 'equal', value: 0 } as Condition;
    for (const path of ['$.s.length', 's.length']) {
      const c = { ...lengthOfEmpty, path } as Condition;
      expect(await plainJre({ all: [c] }, { doc: { s: '' } })).toBe(false); // jsonpath-plus stops at a falsy value: `val && Object.hasOwn(val, loc)`
      expect(await plainJre({ all: [c] }, { doc: { s: '' } }, plainPathResolver)).toBe(true); // the same engine with our resolver
      expect(oursWith(c, { doc: { s: '' } })).toBe(true);
      expect(await plainJre({ all: [{ ...c, value: 2 }] }, { doc: { s: 'ab' } })).toBe(true); // a text that is not empty: the same
      expect(oursWith({ ...c, value: 2 } as Condition, { doc: { s: 'ab' } })).toBe(true);
    }
    const keyZero = { fact: 'doc', path: 'map[0]', operator: 'equal', value: 1 } as Condition;
    expect(await plainJre({ all: [keyZero] }, { doc: { map: { '0': 1 } } })).toBe(true);
    expect(oursWith(keyZero, { doc: { map: { '0': 1 } } })).toBe(false); // [0] indexes a list only
    const leadingZero = { fact: 'doc', path: 'list[01]', operator: 'equal', value: 2 } as Condition;
    expect(await plainJre({ all: [leadingZero] }, { doc: { list: [1, 2] } })).toBe(false);
    expect(oursWith(leadingZero, { doc: { list: [1, 2] } })).toBe(true); // item 1
    const named = { fact: 'doc', path: 'toString', operator: 'equal', value: 1 } as Condition;
    await expect(plainJre({ all: [named] }, { doc: { toString: 1 } })).rejects.toThrow(TypeError); // its path cache is a plain object
    expect(await plainJre({ all: [{ ...named, path: '$.toString' }] }, { doc: { toString: 1 } })).toBe(true);
    expect(oursWith(named, { doc: { toString: 1 } })).toBe(true);
  });

  test('12. operator decorators (json-rules-engine 7: not:, someFact:, everyFact:, someValue:, everyValue:, swap:) are unknown operators here', async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ fact: 'status', operator: 'not:equal', value: 'open' }, { status: 'closed' }],
      [{ fact: 'tags', operator: 'someFact:equal', value: 'open' }, { tags: ['open', 'void'] }],
      [{ fact: 'tags', operator: 'everyFact:notEqual', value: 'closed' }, { tags: ['open', 'void'] }],
      [{ fact: 'status', operator: 'someValue:equal', value: ['open', 'void'] }, { status: 'open' }],
      [{ fact: 'count', operator: 'everyValue:lessThan', value: [2, 3] }, { count: 1 }],
      [{ fact: 'count', operator: 'swap:lessThan', value: 5 }, { count: 7 }],
    ];
    for (const [condition, facts] of cases) {
      expect(await plainJre({ all: [condition] }, facts)).toBe(true);
      expect(compileIssues(condition as Condition)).toEqual(['UNKNOWN_OPERATOR']);
    }
  });

  test('13. an empty all / any: json-rules-engine 7.3.1 finds both true (an empty list is true whatever the operator); we refuse them', async () => {
    expect(await plainJre({ all: [] }, {})).toBe(true);
    expect(await plainJre({ any: [] }, {})).toBe(true);
    expect(await plainJre({ all: [{ any: [] }] }, {})).toBe(true);
    expect(await plainJre({ all: [{ not: { any: [] } }] }, {})).toBe(false);
    expect(compileIssues({ all: [] })).toEqual(['EMPTY_CONDITION']);
    expect(compileIssues({ any: [] })).toEqual(['EMPTY_CONDITION']);
    expect(compileIssues({ all: [{ any: [] }] })).toEqual(['EMPTY_CONDITION']);
  });

  test('14. a text outside an enumerated fact\'s values: json-rules-engine compares it (equal / in false, notEqual / notIn true); we refuse it', async () => {
    const expected: Record<string, boolean> = { equal: false, notEqual: true, in: false, notIn: true };
    for (const [operator, result] of Object.entries(expected)) {
      const value = operator === 'in' || operator === 'notIn' ? ['opne'] : 'opne';
      expect(await plainJre({ all: [{ fact: 'status', operator, value }] }, { status: 'open' })).toBe(result);
      expect(compileIssues({ fact: 'status', operator, value })).toEqual(['OPERAND_TYPE_MISMATCH']);
    }
  });
});
