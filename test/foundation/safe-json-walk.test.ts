// The walk of checkUntrustedValue against a plain recursive reference: same issues (code, path,
// message, file), in the same order, on hostile values — forbidden and non-enumerable keys,
// symbol keys, class instances, non-finite numbers, functions, shared objects, cycles, depth.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PolicyIssue } from '../../src/errors/errors.js';
import { checkUntrustedValue } from '../../src/json/safe-json.js';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

/** The rules of checkUntrustedValue, written recursively and as plainly as possible (values of ≤ 2,000,000 nodes). */
function reference(value: unknown, file: string, maxDepth: number, refuseSymbols: boolean): Array<[string, unknown[], string, string]> {
  const out: Array<[string, unknown[], string, string]> = [];
  let reportedDepth = false;
  const visit = (v: unknown, path: unknown[], ancestors: unknown[]): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(['SCHEMA_VIOLATION', path, 'numbers must be finite', file]);
      return;
    }
    if (typeof v !== 'object') {
      out.push(['SCHEMA_VIOLATION', path, v === undefined ? 'undefined is not JSON data' : `a ${typeof v} is not JSON data`, file]);
      return;
    }
    if (ancestors.length >= maxDepth) {
      if (!reportedDepth) out.push(['JSON_TOO_DEEP', path, `nesting deeper than ${maxDepth} levels`, file]);
      reportedDepth = true;
      return;
    }
    if (ancestors.includes(v)) {
      out.push(['SCHEMA_VIOLATION', path, 'the value refers to itself (a cycle is not JSON data)', file]);
      return;
    }
    const inside = [...ancestors, v];
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, [...path, i], inside));
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      out.push(['SCHEMA_VIOLATION', path, 'only plain JSON objects are accepted', file]);
      return;
    }
    for (const k of Reflect.ownKeys(v)) {
      if (typeof k === 'symbol') {
        if (refuseSymbols) out.push(['SCHEMA_VIOLATION', path, 'symbol keys are not JSON data', file]);
      } else if (FORBIDDEN.includes(k)) out.push(['FORBIDDEN_KEY', [...path, k], `the key "${k}" is not allowed (prototype pollution)`, file]);
    }
    for (const [k, x] of Object.entries(v)) if (!FORBIDDEN.includes(k)) visit(x, [...path, k], inside);
  };
  visit(value, [], []);
  return out;
}

const flat = (issues: PolicyIssue[]) => issues.map((i) => [i.code, i.path, i.message, i.file]);

class Money {
  constructor(readonly fen: number) {}
}

/** An own property on an object made from entries: any key (`__proto__` included), enumerable or not. */
type Entry = { key: string | symbol; value: unknown; enumerable: boolean };

const key = fc.oneof(fc.constantFrom('a', 'b', 'rules', ...FORBIDDEN), fc.string({ maxLength: 4 }), fc.constantFrom(Symbol('s'), Symbol.for('t')));

const hostile = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<unknown>(null, true, false, '', 'x', 0, -1.5, Number.NaN, Number.POSITIVE_INFINITY, undefined, 10n, () => 1, Symbol('v')),
    fc.constantFrom<unknown>(new Date(0), new Money(1), new Map()),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .tuple(
        fc.array(fc.record({ key, value: tie('value'), enumerable: fc.boolean() }), { maxLength: 4 }),
        fc.boolean(), // null prototype
      )
      .map(([entries, bare]) => {
        const o: object = bare ? Object.create(null) : {};
        for (const e of entries as Entry[]) Object.defineProperty(o, e.key, { value: e.value, enumerable: e.enumerable, configurable: true, writable: true });
        return o;
      }),
  ),
})).value;

/** The first nested object or array of a value, depth first (where to tie a cycle or a shared object back to the root). */
function firstInner(v: unknown): Record<string, unknown> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  for (const x of Object.values(v)) if (x && typeof x === 'object' && Object.isExtensible(x)) return x as Record<string, unknown>;
  return undefined;
}

describe('checkUntrustedValue: the walk', () => {
  test('equals a plain recursive reference on hostile values (issues, paths, messages, order)', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.constantFrom('none', 'cycle', 'shared'), (value, maxDepth, refuseSymbols, tie) => {
        const inner = firstInner(value);
        if (inner && tie === 'cycle') inner.back = value; // a cycle: the root inside itself
        if (inner && tie === 'shared') inner.again = (value as Record<string, unknown>)[Object.keys(value as object)[0]!]; // maybe the same object twice
        const got = flat(checkUntrustedValue(value, 'x.json', { maxBytes: 1e6, maxDepth }, { symbolKeys: refuseSymbols ? 'refuse' : 'ignore' }));
        expect(got).toEqual(reference(value, 'x.json', maxDepth, refuseSymbols));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  test('symbol keys: one issue each, after the forbidden string keys of the same object; ignored when asked', () => {
    const o: Record<string | symbol, unknown> = { [Symbol('a')]: 1, ok: 1, [Symbol('b')]: 2 };
    Object.defineProperty(o, 'constructor', { value: {}, enumerable: false });
    expect(flat(checkUntrustedValue({ x: o }))).toEqual([
      ['FORBIDDEN_KEY', ['x', 'constructor'], 'the key "constructor" is not allowed (prototype pollution)', '<input>'],
      ['SCHEMA_VIOLATION', ['x'], 'symbol keys are not JSON data', '<input>'],
      ['SCHEMA_VIOLATION', ['x'], 'symbol keys are not JSON data', '<input>'],
    ]);
    expect(flat(checkUntrustedValue({ x: o }, '<input>', undefined, { symbolKeys: 'ignore' }))).toEqual([
      ['FORBIDDEN_KEY', ['x', 'constructor'], 'the key "constructor" is not allowed (prototype pollution)', '<input>'],
    ]);
  });

  test('a non-enumerable key is checked but not walked (what Object.entries lists is walked)', () => {
    const o = { shown: Number.NaN };
    Object.defineProperty(o, 'hidden', { value: Number.NaN, enumerable: false });
    expect(flat(checkUntrustedValue(o))).toEqual([['SCHEMA_VIOLATION', ['shown'], 'numbers must be finite', '<input>']]);
  });

  test('2,000,000 nodes pass; one more is JSON_TOO_LARGE at the root, whether the last is a value or an array', () => {
    const TOO_LARGE = [['JSON_TOO_LARGE', [], 'the value has more than 2,000,000 nodes', 'big.json']];
    expect(checkUntrustedValue(new Array(1_999_999).fill(0), 'big.json')).toEqual([]); // the array and its values
    expect(flat(checkUntrustedValue(new Array(2_000_000).fill('x'), 'big.json'))).toEqual(TOO_LARGE);
    const pairs = Array.from({ length: 999_999 }, () => [0]);
    expect(checkUntrustedValue({ pairs }, 'big.json')).toEqual([]); // 1 + 1 + 999,999 × 2 = 2,000,000
    expect(flat(checkUntrustedValue({ pairs, more: [] }, 'big.json'))).toEqual(TOO_LARGE);
    expect(flat(checkUntrustedValue({ pairs, more: 1 }, 'big.json'))).toEqual(TOO_LARGE);
  });
});
