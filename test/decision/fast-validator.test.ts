import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fastParseComplaint, FAST_COMPLAINT_PARSER_IN_SYNC } from '../../src/complaint/fast-parse.js';
import { CHANNELS, COMPLAINT_TYPES, ComplaintSchema, CUSTOMER_FAULTS, NATURES, SEVERITIES, type Complaint } from '../../src/complaint/schema.js';
import { parseComplaint } from '../../src/decision/decide.js';
import { InputError } from '../../src/errors/errors.js';
import { canonicalJson, checkUntrustedValue, screenUntrustedValue } from '../../src/json/safe-json.js';
import { baseComplaint } from '../helpers.js';

/** What the full checks (safe-JSON walk, `undefined`-valued keys taken as absent, then zod) make of an input: the parsed complaint or `undefined`. */
function fullChecks(input: unknown): Complaint | undefined {
  const screened = screenUntrustedValue(input, '<complaint>', undefined, { symbolKeys: 'ignore', undefinedProperties: 'absent', code: 'INVALID_INPUT' });
  if (screened.issues.length) return undefined;
  const r = ComplaintSchema.safeParse(screened.value);
  return r.success ? r.data : undefined;
}

const money = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 999_999 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9 })).map(([y, f]) => `${y}.${f}`),
  fc.constantFrom('0', '0.00', '0.01', '999999999999999.99', '100000.00'),
);
const instant = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-20T10:00:00+08:00', '2026-02-28T23:59:59-05:30', '2024-02-29T00:00Z', '2026-11-20T10:00:00.123456789+14:00'),
);
const text = (max: number) => fc.oneof(fc.string({ minLength: 1, maxLength: max }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 20) }), fc.constant('x'.repeat(max)));
const item = fc.record({ sku: text(100), quantity: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(1_000_000_000)), unitPrice: money });

/** Valid complaints, optional keys present or absent. */
const arbValidComplaint: fc.Arbitrary<Complaint> = fc.record({
  id: text(100),
  receivedAt: instant,
  channel: fc.constantFrom(...CHANNELS),
  type: fc.constantFrom(...COMPLAINT_TYPES),
  severity: fc.constantFrom(...SEVERITIES),
  customer: fc.record({ vulnerable: fc.boolean(), vulnerability: fc.constantFrom('elderly', 'pregnant', 'seriously-ill') }, { requiredKeys: ['vulnerable'] }),
  order: fc.record({ soldOnline: fc.boolean(), deliveredAt: fc.option(instant, { nil: null }), items: fc.array(item, { minLength: 1, maxLength: 4 }) }),
  findings: fc.record(
    { nature: fc.constantFrom(...NATURES), customerFault: fc.constantFrom(...CUSTOMER_FAULTS), resaleable: fc.boolean(), proofOfPurchase: fc.boolean(), supplierInvolved: fc.boolean() },
    { requiredKeys: ['nature', 'customerFault', 'resaleable', 'proofOfPurchase'] },
  ),
  claimAmount: money,
}) as fc.Arbitrary<Complaint>;

type Mutation = (c: Record<string, any>) => void;
const PATHS: string[][] = [[], ['customer'], ['order'], ['findings'], ['order', 'items', '0']];
const at = (c: Record<string, any>, path: string[]) => path.reduce((o, k) => o[k], c);
const strangeValues = [undefined, null, '', 'x'.repeat(101), 0, -1, 1.5, 1e9 + 1, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, '299.001', '2026-11-20T10:00:00', '2026-02-30T10:00:00+08:00', 'mars', 1n];
const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  // replace a field with a strange value
  fc.tuple(fc.constantFrom(...PATHS), fc.nat(20), fc.constantFrom(...strangeValues)).map(([path, k, v]): Mutation => (c) => {
    const o = at(c, path);
    const keys = Object.keys(o);
    o[keys[k % keys.length]!] = v;
  }),
  // delete a field
  fc.tuple(fc.constantFrom(...PATHS), fc.nat(20)).map(([path, k]): Mutation => (c) => {
    const o = at(c, path);
    const keys = Object.keys(o);
    delete o[keys[k % keys.length]!];
  }),
  // an unknown key, a key set to undefined, a symbol key, a hidden key, a forbidden key
  fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom('extra', 'vulnerability', 'supplierInvolved', 'natur')).map(([path, k]): Mutation => (c) => void (at(c, path)[k] = 1)),
  fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom('vulnerability', 'supplierInvolved', 'extra')).map(([path, k]): Mutation => (c) => void (at(c, path)[k] = undefined)),
  fc.constantFrom(...PATHS).map((path): Mutation => (c) => void ((at(c, path) as Record<PropertyKey, unknown>)[Symbol('s')] = 1)),
  fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom('hidden', '__proto__', 'constructor', 'prototype')).map(([path, k]): Mutation => (c) => {
    Object.defineProperty(at(c, path), k, { value: 1, enumerable: false });
  }),
  fc.constantFrom(...PATHS).map((path): Mutation => (c) => {
    const o = at(c, path);
    const copy = JSON.parse(JSON.stringify(o).replace('{', '{"__proto__":{"admin":true},'));
    for (const k of Object.keys(o)) delete o[k];
    Object.assign(o, copy);
    Object.defineProperty(o, '__proto__', { value: copy.__proto__, enumerable: true });
  }),
  // a non-plain object or prototype
  fc.constantFrom(...PATHS).map((path): Mutation => (c) => void Object.setPrototypeOf(at(c, path), { inherited: 1 })),
  fc.constantFrom(...PATHS.slice(1)).map((path): Mutation => (c) => {
    const parent = at(c, path.slice(0, -1));
    const k = path[path.length - 1]!;
    parent[k] = new (class Section {})();
  }),
  // items: empty, a hole, too many, not an array
  fc.constantFrom<Mutation>(
    (c) => void (c.order.items = []),
    (c) => void (c.order.items = [c.order.items[0], , c.order.items[0]]), // eslint-disable-line no-sparse-arrays
    (c) => void (c.order.items = Array.from({ length: 1001 }, () => c.order.items[0])),
    (c) => void (c.order.items = { 0: c.order.items[0], length: 1 }),
    (c) => void (c.order.items[0].quantity = -0),
  ),
);

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

describe('fast complaint validator', () => {
  test('is in sync with ComplaintSchema (a new or renamed complaint field switches the fast path off)', () => {
    expect(FAST_COMPLAINT_PARSER_IN_SYNC).toBe(true);
  });

  test('accepts every valid complaint and returns exactly what zod returns (values, key order)', () => {
    fc.assert(
      fc.property(arbValidComplaint, (c) => {
        const expected = fullChecks(c);
        const fast = fastParseComplaint(c);
        expect(expected).toBeDefined();
        expect(fast).toStrictEqual(expected);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(expected));
        expect(fast).not.toBe(c); // a copy, like zod's output
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });

  test('never accepts what the full checks refuse; when it accepts, the result is the same', () => {
    fc.assert(
      fc.property(arbValidComplaint, fc.array(arbMutation, { minLength: 1, maxLength: 3 }), (c, mutations) => {
        const input = clone(c) as Record<string, any>;
        for (const m of mutations) {
          try {
            m(input);
          } catch {
            // a mutation that does not apply (e.g. the section was replaced) is skipped
          }
        }
        const fast = fastParseComplaint(input);
        if (fast === undefined) return;
        const expected = fullChecks(input);
        expect(expected).toBeDefined();
        expect(JSON.stringify(fast)).toBe(JSON.stringify(expected));
        expect(canonicalJson(fast)).toBe(canonicalJson(expected));
      }),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  test.each<[string, Mutation]>([
    ['a non-enumerable __proto__', (c) => void Object.defineProperty(c.customer, '__proto__', { value: {}, enumerable: false })],
    ['an own enumerable __proto__ (from JSON.parse)', (c) => Object.assign(c, { order: JSON.parse(JSON.stringify(c.order).replace('{', '{"__proto__":{"x":1},')) })],
    ['a class instance', (c) => void (c.customer = Object.assign(new (class Customer {})(), c.customer))],
    ['a hole in items', (c) => void (c.order.items = [c.order.items[0], , ])], // eslint-disable-line no-sparse-arrays
    ['quantity 1.5', (c) => void (c.order.items[0].quantity = 1.5)],
    ['money as a number', (c) => void (c.claimAmount = 299)],
  ])('leaves %s to the full checks, which refuse it', (_name, mutate) => {
    const c = baseComplaint() as Record<string, any>;
    mutate(c);
    expect(fastParseComplaint(c)).toBeUndefined();
    expect(fullChecks(c)).toBeUndefined();
    expect(() => parseComplaint(c)).toThrow();
  });

  test.each<[string, Mutation, Mutation]>([
    ['findings.supplierInvolved', (c) => void (c.findings.supplierInvolved = undefined), (c) => void delete c.findings.supplierInvolved],
    ['customer.vulnerability', (c) => void (c.customer.vulnerability = undefined), (c) => void delete c.customer.vulnerability],
  ])('%s: undefined is left by the fast path to the full checks, which take it as absent: the same copy as without the key', (_name, setUndefined, remove) => {
    const c = baseComplaint() as Record<string, any>;
    setUndefined(c);
    const without = baseComplaint() as Record<string, any>;
    remove(without);
    expect(fastParseComplaint(c)).toBeUndefined();
    const parsed = parseComplaint(c);
    expect(parsed).toStrictEqual(parseComplaint(without));
    expect(parsed).toStrictEqual(fastParseComplaint(without));
    expect(Object.keys(parsed.findings)).toEqual(['nature', 'customerFault', 'resaleable', 'proofOfPurchase']);
    expect(Object.keys(parsed.customer)).toEqual(['vulnerable']);
  });

  test('a required field set to undefined is missing (INVALID_INPUT "required"), not "not JSON data"', () => {
    const c = baseComplaint() as Record<string, any>;
    c.findings.resaleable = undefined;
    let error: unknown;
    try {
      parseComplaint(c);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['findings', 'resaleable']]]);
    expect((error as InputError).issues[0]!.message).not.toMatch(/JSON data/);
  });

  test('an undefined array element is still refused (JSON.stringify would make it null), with INVALID_INPUT', () => {
    const c = baseComplaint() as Record<string, any>;
    c.order.items = [c.order.items[0], undefined];
    let error: unknown;
    try {
      parseComplaint(c);
    } catch (e) {
      error = e;
    }
    expect((error as InputError).issues).toEqual([{ code: 'INVALID_INPUT', file: '<complaint>', path: ['order', 'items', 1], message: 'undefined is not JSON data' }]);
  });

  test('a hidden (non-enumerable) extra key: the fast path leaves it to the full checks, which ignore it and leave it out of the copy', () => {
    const c = baseComplaint();
    Object.defineProperty(c.findings, 'note', { value: 'internal', enumerable: false });
    expect(fastParseComplaint(c)).toBeUndefined();
    expect(fullChecks(c)).toBeDefined();
    expect(parseComplaint(c)).toStrictEqual(fullChecks(c));
    expect(Object.keys(parseComplaint(c).findings)).not.toContain('note');
  });

  test('a symbol key is not data: accepted by both paths, left out of the copy (as JSON.stringify leaves it out)', () => {
    const c = baseComplaint();
    const s = Symbol('internal');
    (c.findings as Record<PropertyKey, unknown>)[s] = 1;
    (c as Record<PropertyKey, unknown>)[s] = 1;
    const fast = fastParseComplaint(c);
    expect(fast).toStrictEqual(fullChecks(c));
    expect(Object.getOwnPropertySymbols(fast!)).toEqual([]);
    expect(Object.getOwnPropertySymbols(fast!.findings)).toEqual([]);
    // Rule packs stay strict: a symbol key there is refused.
    expect(checkUntrustedValue(c).map((i) => i.code)).toEqual(['SCHEMA_VIOLATION', 'SCHEMA_VIOLATION']);
  });

  test('parseComplaint returns the same copy on the fast path as zod does', () => {
    const c = baseComplaint();
    expect(parseComplaint(c)).toStrictEqual(ComplaintSchema.parse(c));
    expect(parseComplaint(c)).not.toBe(c);
  });
});
