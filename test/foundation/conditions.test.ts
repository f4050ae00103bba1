import { describe, expect, test } from 'vitest';
import { BUILTIN_OPERATORS, compileCondition, createCompileContext, dec, parsePlainPath, resolvePath, type Condition, type FactRegistry, type LeafTrace } from '../../src/index.js';

const facts: FactRegistry<never> = {
  nature: { type: 'string', values: ['quality-defect', 'customer-misuse'], description: '', compute: () => undefined },
  amount: { type: 'money', description: '', compute: () => undefined },
  qty: { type: 'number', description: '', compute: () => undefined },
  days: { type: 'number', nullable: true, description: '', compute: () => undefined },
  flag: { type: 'boolean', description: '', compute: () => undefined },
  tags: { type: 'string[]', description: '', compute: () => undefined },
  label: { type: 'string', description: '', compute: () => undefined },
  limit: { type: 'money', description: '', compute: () => undefined },
  refund: { type: 'money', nullable: true, description: '', compute: () => undefined },
  doc: { type: 'object', description: '', compute: () => undefined },
};

function compile(cond: Condition, named: Record<string, Condition> = {}) {
  const ctx = createCompileContext({ facts, operators: BUILTIN_OPERATORS, named, file: 'rules.json' });
  const fn = compileCondition(cond, ctx, ['rules', 0, 'conditions']);
  return { fn, issues: ctx.issues.map((i) => ({ code: i.code, path: i.path })), messages: ctx.issues.map((i) => i.message), used: [...ctx.usedFacts].sort() };
}

describe('condition checks at load', () => {
  test.each<[string, Condition, string, (string | number)[]]>([
    ['empty all', { all: [] }, 'EMPTY_CONDITION', ['rules', 0, 'conditions', 'all']],
    ['empty any', { any: [] }, 'EMPTY_CONDITION', ['rules', 0, 'conditions', 'any']],
    ['unknown fact', { all: [{ fact: 'natur', operator: 'equal', value: 'x' }] }, 'UNKNOWN_FACT', ['rules', 0, 'conditions', 'all', 0, 'fact']],
    ['unknown operator', { all: [{ fact: 'qty', operator: 'between', value: 1 }] }, 'UNKNOWN_OPERATOR', ['rules', 0, 'conditions', 'all', 0, 'operator']],
    ['non-integer priority', { all: [{ fact: 'qty', operator: 'equal', value: 1, priority: 1.5 }] }, 'INVALID_PRIORITY', ['rules', 0, 'conditions', 'all', 0, 'priority']],
    ['zero priority', { priority: 0, any: [{ fact: 'qty', operator: 'equal', value: 1 }] }, 'INVALID_PRIORITY', ['rules', 0, 'conditions', 'priority']],
    ['string compared with lessThan', { all: [{ fact: 'label', operator: 'lessThan', value: '20' }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'operator']],
    ['number fact with a string value', { all: [{ fact: 'qty', operator: 'lessThan', value: '20' }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'value']],
    ['money fact with a number value', { all: [{ fact: 'amount', operator: 'greaterThan', value: 100 }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'value']],
    ['enum typo', { all: [{ fact: 'nature', operator: 'equal', value: 'quality-defects' }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'value']],
    ['in without a list', { all: [{ fact: 'nature', operator: 'in', value: 'quality-defect' }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'value']],
    ['contains on a scalar', { all: [{ fact: 'label', operator: 'contains', value: 'x' }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'operator']],
    ['money vs number fact', { all: [{ fact: 'amount', operator: 'lessThan', value: { fact: 'qty' } }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'value']],
    ['path on a scalar fact', { all: [{ fact: 'qty', path: 'a.b', operator: 'equal', value: 1 }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0, 'path']],
    ['object fact without path', { all: [{ fact: 'doc', operator: 'equal', value: 1 }] }, 'OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 0]],
    ['unknown named condition', { condition: 'nope' }, 'UNKNOWN_REFERENCE', ['rules', 0, 'conditions', 'condition']],
  ])('%s → %s at its path', (_name, cond, code, path) => {
    const r = compile(cond);
    expect(r.issues).toEqual([{ code, path }]);
    expect(r.fn({}, null)).toBe(false);
  });

  test.each([
    '$..[?(@.constructor)]',
    '$..[?(@.constructor.constructor("return process")())]',
    'order.items[*].sku',
    '$..sku',
    'order["items"]',
    'order.__proto__.polluted',
    'constructor.prototype',
    'a.b[(@.length-1)]',
    '',
    'a..b',
  ])('UNSAFE_PATH for %j', (path) => {
    const r = compile({ all: [{ fact: 'doc', path, operator: 'equal', value: 'x' }] });
    expect(r.issues).toEqual([{ code: 'UNSAFE_PATH', path: ['rules', 0, 'conditions', 'all', 0, 'path'] }]);
  });

  test('circular named conditions are reported with the cycle', () => {
    const r = compile({ condition: 'a' }, { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } });
    expect(r.issues).toEqual([{ code: 'CIRCULAR_CONDITION', path: ['conditions', 'b', 'any', 0, 'condition'] }]);
    expect(r.messages[0]).toContain('a → b → a');
  });

  test('a self-referencing named condition is circular', () => {
    const r = compile({ condition: 'a' }, { a: { not: { condition: 'a' } } });
    expect(r.issues.map((i) => i.code)).toEqual(['CIRCULAR_CONDITION']);
  });

  test('nesting depth is bounded', () => {
    let c: Condition = { fact: 'qty', operator: 'equal', value: 1 };
    for (let i = 0; i < 40; i++) c = { not: c };
    expect(compile(c).issues.map((i) => i.code)).toEqual(['CONDITION_TOO_DEEP']);
  });

  test('every problem of a condition is reported, not just the first', () => {
    const r = compile({ all: [{ fact: 'x', operator: 'equal', value: 1 }, { any: [] }, { fact: 'qty', operator: 'nope', value: 1 }] });
    expect(r.issues.map((i) => i.code)).toEqual(['UNKNOWN_FACT', 'EMPTY_CONDITION', 'UNKNOWN_OPERATOR']);
  });
});

describe('condition evaluation', () => {
  test.each(['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])(
    'money %s a constant: what the operator answers for below, equal (other digits), above, zero, negative and null',
    (operator) => {
      const { fn, issues } = compile({ fact: 'refund', operator, value: '100.5' });
      expect(issues).toEqual([]);
      const op = BUILTIN_OPERATORS[operator]!;
      const answers = ['100.49', '100.50', '100.5', '100.51', '1000', '0', '-0', '-100.5'].map((v) => fn({ refund: dec(v) }, null));
      expect(answers).toEqual(['100.49', '100.50', '100.5', '100.51', '1000', '0', '-0', '-100.5'].map((v) => op.evaluate(dec(v), dec('100.5'))));
      expect(fn({ refund: null }, null)).toBe(op.evaluate(null, dec('100.5')));
      expect(fn({ refund: null }, null)).toBe(operator === 'notEqual');
      expect(fn({}, null)).toBe(false); // a missing value is false for every operator
      const below = operator.startsWith('less') || operator === 'notEqual';
      expect(answers[0]).toBe(below);
      expect(answers[1]).toBe(operator === 'equal' || operator.endsWith('Inclusive'));
    },
  );

  test.each([1, 2, 3, 4, 5])('all / any of %i parts: every combination of results gives every / some, and the trace lists exactly the parts evaluated, in order', (n) => {
    // part i is `p<i> equal true`; bit i of the combination is p<i>
    const partFacts: FactRegistry<never> = Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'boolean', description: '', compute: () => undefined }]));
    for (const kind of ['all', 'any'] as const) {
      const ctx = createCompileContext({ facts: partFacts, operators: BUILTIN_OPERATORS, file: 'rules.json' });
      const fn = compileCondition({ [kind]: Array.from({ length: n }, (_, i) => ({ fact: `p${i}`, operator: 'equal', value: true })) } as unknown as Condition, ctx, []);
      expect(ctx.issues).toEqual([]);
      for (let bits = 0; bits < 1 << n; bits++) {
        const values = Array.from({ length: n }, (_, i) => (bits & (1 << i)) !== 0);
        const f = Object.fromEntries(values.map((v, i) => [`p${i}`, v]));
        const expected = kind === 'all' ? values.every(Boolean) : values.some(Boolean);
        expect(fn(f, null), `${kind} ${values}`).toBe(expected);
        const sink: LeafTrace[] = [];
        expect(fn(f, sink)).toBe(expected);
        const stop = values.findIndex((v) => (kind === 'all' ? !v : v));
        const evaluated = stop === -1 ? n : stop + 1;
        expect(sink.map((e) => [e.fact, e.result])).toEqual(values.slice(0, evaluated).map((v, i) => [`p${i}`, v]));
      }
    }
  });

  test('money is compared as a decimal, never as text or float', () => {
    const { fn } = compile({ all: [{ fact: 'amount', operator: 'greaterThan', value: '100000.00' }] });
    expect(fn({ amount: dec('100000.01') }, null)).toBe(true);
    expect(fn({ amount: dec('100000.00') }, null)).toBe(false);
    expect(fn({ amount: dec('99999.99') }, null)).toBe(false);
    expect(fn({ amount: dec('900000') }, null)).toBe(true);
  });

  test('"100" lessThan "20" is never true: ordered operators need numbers', () => {
    const { fn } = compile({ all: [{ fact: 'doc', path: 'x', operator: 'lessThan', value: 20 }] });
    expect(fn({ doc: { x: '100' } }, null)).toBe(false);
    expect(fn({ doc: { x: 19 } }, null)).toBe(true);
  });

  test('equality never coerces', () => {
    const { fn } = compile({ all: [{ fact: 'doc', path: 'n', operator: 'equal', value: 1 }] });
    expect(fn({ doc: { n: '1' } }, null)).toBe(false);
    expect(fn({ doc: { n: 1 } }, null)).toBe(true);
  });

  test('paths resolve own properties only', () => {
    const { fn } = compile({ all: [{ fact: 'doc', path: 'toString', operator: 'notEqual', value: 'x' }] });
    expect(fn({ doc: {} }, null)).toBe(false); // missing → undefined → false, not Object.prototype.toString
    expect(resolvePath({ a: [{ b: 3 }] }, parsePlainPath('$.a[0].b')!)).toBe(3);
    expect(resolvePath({ a: [] }, parsePlainPath('a[0].b')!)).toBeUndefined();
  });

  test('the length of a list or a text, and a character of a text, resolve (as json-rules-engine resolves them); other names on a list do not', () => {
    const doc = { items: [{ sku: 'A' }, { sku: 'B' }], note: 'abc', o: { length: 9 } };
    expect(resolvePath(doc, parsePlainPath('items.length')!)).toBe(2);
    expect(resolvePath(doc, parsePlainPath('note.length')!)).toBe(3);
    expect(resolvePath(doc, parsePlainPath('note[1]')!)).toBe('b');
    expect(resolvePath(doc, parsePlainPath('note[3]')!)).toBeUndefined();
    expect(resolvePath(doc, parsePlainPath('o.length')!)).toBe(9);
    for (const p of ['items.map', 'note.toString', 'note.x', 'items.length.x']) expect(resolvePath(doc, parsePlainPath(p)!), p).toBeUndefined();
    const { fn } = compile({ all: [{ fact: 'doc', path: 'items.length', operator: 'greaterThanInclusive', value: 2 }] });
    expect(fn({ doc }, null)).toBe(true);
    expect(fn({ doc: { items: [1] } }, null)).toBe(false);
  });

  test('NaN is never ordered, as in json-rules-engine (it was ≤ and ≥ every number)', () => {
    for (const operator of ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']) {
      expect(compile({ fact: 'qty', operator, value: 5 }).fn({ qty: Number.NaN }, null), operator).toBe(false);
      expect(compile({ fact: 'qty', operator, value: { fact: 'days' } }).fn({ qty: 5, days: Number.NaN }, null), `${operator} fact`).toBe(false);
      expect(compile({ fact: 'qty', operator, value: { fact: 'days' } }).fn({ qty: Number.NaN, days: 5 }, null), `${operator} NaN fact`).toBe(false);
    }
  });

  test('a missing value on the right (a path to nothing) makes every comparison false, as on the left', () => {
    for (const [operator, fact] of [['notEqual', 'label'], ['equal', 'label'], ['doesNotContain', 'tags'], ['contains', 'tags'], ['notIn', 'label']] as const) {
      const { fn, issues } = compile({ fact, operator, value: { fact: 'doc', path: 'a.b' } });
      expect(issues).toEqual([]);
      expect(fn({ label: 'x', tags: ['x'], doc: {} }, null), operator).toBe(false);
    }
  });

  test('a money fact against a path value: money text or a number there is read as a decimal (it never compared equal or ordered)', () => {
    const cases: Array<[string, string, unknown, boolean]> = [
      ['equal', '5', 5, true],
      ['equal', '5.00', '5', true],
      ['equal', '5.00', '5.00', true],
      ['notEqual', '5.00', 5, false],
      ['greaterThan', '10.66', '7.35', true],
      ['lessThan', '10.66', '7.35', false],
      ['equal', '5.00', 'five', false],
      ['notEqual', '5.00', 'five', true],
      ['greaterThan', '5.00', 'five', false],
      ['in', '5.00', ['1', 5], true],
    ];
    for (const [operator, amount, n, expected] of cases) {
      const { fn, issues } = compile({ fact: 'amount', operator, value: { fact: 'doc', path: 'n' } });
      expect(issues).toEqual([]);
      expect(fn({ amount: dec(amount), doc: { n } }, null), `${amount} ${operator} ${JSON.stringify(n)}`).toBe(expected);
    }
    // the other way round: the path on the left
    const left = compile({ fact: 'doc', path: 'n', operator: 'lessThan', value: { fact: 'amount' } }).fn;
    expect(left({ amount: dec('5'), doc: { n: 4 } }, null)).toBe(true);
    const sink: LeafTrace[] = [];
    left({ amount: dec('5'), doc: { n: '4.50' } }, sink);
    expect(sink).toEqual([{ fact: 'doc', path: 'n', operator: 'lessThan', factValue: '4.5', value: '5', valueFact: 'amount', result: true }]);
  });

  test('null facts: a nullable number compares false, equal null works', () => {
    const lt = compile({ all: [{ fact: 'days', operator: 'lessThanInclusive', value: 7 }] }).fn;
    expect(lt({ days: null }, null)).toBe(false);
    expect(lt({ days: 7 }, null)).toBe(true);
    const isNull = compile({ all: [{ fact: 'days', operator: 'equal', value: null }] });
    expect(isNull.issues).toEqual([]);
    expect(isNull.fn({ days: null }, null)).toBe(true);
  });

  test('all / any / not / in / notIn / contains / fact references', () => {
    const { fn, used } = compile({
      all: [
        { fact: 'nature', operator: 'in', value: ['quality-defect'] },
        { not: { fact: 'flag', operator: 'equal', value: true } },
        { any: [{ fact: 'tags', operator: 'contains', value: 'vip' }, { fact: 'qty', operator: 'greaterThanInclusive', value: 3 }] },
        { fact: 'amount', operator: 'lessThanInclusive', value: { fact: 'limit' } },
      ],
    });
    expect(used).toEqual(['amount', 'flag', 'limit', 'nature', 'qty', 'tags']);
    const base = { nature: 'quality-defect', flag: false, tags: ['vip'], qty: 1, amount: dec('10'), limit: dec('10.00') };
    expect(fn(base, null)).toBe(true);
    expect(fn({ ...base, tags: [], qty: 3 }, null)).toBe(true);
    expect(fn({ ...base, tags: [], qty: 2 }, null)).toBe(false);
    expect(fn({ ...base, amount: dec('10.01') }, null)).toBe(false);
    expect(fn({ ...base, flag: true }, null)).toBe(false);
    expect(fn({ ...base, nature: 'customer-misuse' }, null)).toBe(false);
  });

  test('the trace records both sides of every evaluated comparison (decimals as text)', () => {
    const { fn } = compile({ all: [{ fact: 'amount', operator: 'greaterThan', value: '100.00' }, { fact: 'amount', operator: 'lessThanInclusive', value: { fact: 'limit' } }] });
    const sink: LeafTrace[] = [];
    expect(fn({ amount: dec('150.5'), limit: dec('150') }, sink)).toBe(false);
    expect(JSON.parse(JSON.stringify(sink))).toEqual([
      { fact: 'amount', operator: 'greaterThan', factValue: '150.5', value: '100', result: true },
      { fact: 'amount', operator: 'lessThanInclusive', factValue: '150.5', value: '150', valueFact: 'limit', result: false },
    ]);
    // the next evaluation, other decimals: each shown by its own text (texts are kept per decimal object)
    const again: LeafTrace[] = [];
    expect(fn({ amount: dec('120'), limit: dec('130.25') }, again)).toBe(true);
    expect(JSON.parse(JSON.stringify(again))).toEqual([
      { fact: 'amount', operator: 'greaterThan', factValue: '120', value: '100', result: true },
      { fact: 'amount', operator: 'lessThanInclusive', factValue: '120', value: '130.25', valueFact: 'limit', result: true },
    ]);
  });

  test('higher-priority conditions are evaluated first (json-rules-engine order)', () => {
    const { fn } = compile({ any: [{ fact: 'qty', operator: 'equal', value: 1 }, { fact: 'flag', operator: 'equal', value: true, priority: 5 }] });
    const sink: LeafTrace[] = [];
    fn({ qty: 1, flag: true }, sink);
    expect(sink.map((s) => s.fact)).toEqual(['flag']);
  });
});
