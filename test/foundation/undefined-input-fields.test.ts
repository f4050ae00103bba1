// The published types and zod schemas declare optional fields as `field?: T | undefined`, so a
// TypeScript host writes `{ basePoints: undefined }`. Every input function takes such a property as
// absent — what JSON.stringify of the object gives — and its result has no undefined-valued key.
// Caller input that is not JSON data is INVALID_INPUT (SCHEMA_VIOLATION is for rule files).
import { describe, expect, test } from 'vitest';
import {
  allocate,
  attributeLiability,
  calculateLoss,
  compileCalendar,
  decide,
  economicDeduction,
  InputError,
  loadPolicy,
  parseComplaint,
  penaltyFor,
  PolicyError,
  reconcileReturn,
  resaleLoss,
  type PolicyIssue,
} from '../../src/index.js';
import { readSnapshot, transition } from '../../src/lifecycle/machine.js';
import { checkUntrustedValue, screenUntrustedValue } from '../../src/json/safe-json.js';
import { baseComplaint, NOW } from '../helpers.js';
import { at, caseIn, ecommerce, ev } from '../lifecycle/helpers.js';

const manufacturer = loadPolicy('manufacturer');

/** The issues of the PolicyError `fn` throws. */
function issuesOf(fn: () => unknown): PolicyIssue[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return [...(e as PolicyError).issues];
  }
  throw new Error('expected a PolicyError');
}

/** No own key of any object in `v` holds undefined. */
function hasUndefinedKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some((x) => x === undefined || hasUndefinedKey(x));
}

const resaleFacts = { decidedOn: '2026-01-31', aGradeValue: '5000.00' };

/** [name, the function, the input with an optional field set to undefined, the same input without it]. */
const CASES: Array<[string, (input: any) => unknown, Record<string, unknown>, Record<string, unknown>]> = [
  ['penaltyFor basePoints', (i) => penaltyFor(manufacturer, i), { amount: '1.00', basePoints: undefined }, { amount: '1.00' }],
  ['penaltyFor monthlyBonus', (i) => penaltyFor(manufacturer, i), { amount: '150000.00', basePoints: '2', monthlyBonus: undefined }, { amount: '150000.00', basePoints: '2' }],
  [
    'calculateLoss wastage and resale',
    (i) => calculateLoss(manufacturer, i),
    { items: [{ type: 'rework', labour: '300.00', handling: '120.00', wastage: undefined }], resale: undefined },
    { items: [{ type: 'rework', labour: '300.00', handling: '120.00' }] },
  ],
  [
    'calculateLoss resale.resold',
    (i) => calculateLoss(manufacturer, i),
    { items: [{ type: 'claim', amount: '3000.00' }], resale: { ...resaleFacts, resold: undefined } },
    { items: [{ type: 'claim', amount: '3000.00' }], resale: resaleFacts },
  ],
  ['reconcileReturn overDeliveryTolerance', (i) => reconcileReturn(manufacturer, i), { approvedQuantity: 100, returnedQuantity: 104, overDeliveryTolerance: undefined }, { approvedQuantity: 100, returnedQuantity: 104 }],
  ['resaleLoss resold', (i) => resaleLoss(manufacturer, i), { ...resaleFacts, actualLoss: '3000.00', resold: undefined }, { ...resaleFacts, actualLoss: '3000.00' }],
  ['attributeLiability team', (i) => attributeLiability(manufacturer, i), { department: 'sales', team: undefined, individual: 'e2048' }, { department: 'sales', individual: 'e2048' }],
  ['parseComplaint supplierInvolved', (i) => parseComplaint(i), { ...baseComplaint(), findings: { ...baseComplaint().findings, supplierInvolved: undefined } }, baseComplaint()],
  ['decide supplierInvolved', (i) => decide(ecommerce, i, { now: NOW, trace: false }), { ...baseComplaint(), findings: { ...baseComplaint().findings, supplierInvolved: undefined } }, baseComplaint()],
  [
    'compileCalendar description',
    (i) => compileCalendar(i),
    { id: 'tiny', timeZone: 'Asia/Shanghai', description: undefined, years: [2026], weekend: [6, 0], holidays: [], workdays: [] },
    { id: 'tiny', timeZone: 'Asia/Shanghai', years: [2026], weekend: [6, 0], holidays: [], workdays: [] },
  ],
];

describe('an undefined-valued property is absent', () => {
  test.each(CASES)('%s: the same result as without the key, with no undefined-valued key; the input is not changed', (_name, fn, withUndefined, without) => {
    const before = Object.keys(withUndefined);
    const got = fn(withUndefined);
    expect(got).toStrictEqual(fn(without));
    expect(hasUndefinedKey(got)).toBe(false);
    expect(Object.keys(withUndefined)).toEqual(before);
  });

  test('the parsed complaint has no supplierInvolved key, equal to the fast path\'s copy without the field', () => {
    const c = { ...baseComplaint(), customer: { vulnerable: true, vulnerability: undefined }, findings: { ...baseComplaint().findings, supplierInvolved: undefined } };
    const parsed = parseComplaint(c);
    expect(Object.keys(parsed.findings)).toEqual(['nature', 'customerFault', 'resaleable', 'proofOfPurchase']);
    expect(Object.keys(parsed.customer)).toEqual(['vulnerable']);
    expect(parsed).toStrictEqual(parseComplaint({ ...baseComplaint(), customer: { vulnerable: true } }));
  });

  test('a stored snapshot with undefined-valued optional keys (history data, complaint findings) reads as without them', () => {
    const plain = JSON.parse(JSON.stringify(caseIn('follow-up').snapshot));
    const s = JSON.parse(JSON.stringify(plain));
    expect('data' in s.history[0]).toBe(false);
    s.history[0].data = undefined;
    s.complaint.findings.supplierInvolved = undefined;
    const read = readSnapshot(ecommerce, s);
    expect(read).toStrictEqual(readSnapshot(ecommerce, plain));
    expect(hasUndefinedKey(read)).toBe(false);
  });

  test('a lifecycle event with data: undefined is taken as an event without data (transition)', () => {
    const { snapshot } = caseIn('received');
    const plain = ev('start-verification', at('10:30'));
    const withUndefined = { ...plain, data: undefined };
    const got = transition(ecommerce, snapshot, withUndefined);
    expect(got).toStrictEqual(transition(ecommerce, snapshot, plain));
    expect('data' in got.snapshot.history[got.snapshot.history.length - 1]!).toBe(false);
    expect(hasUndefinedKey(got)).toBe(false);
  });

  test('a required field set to undefined is reported missing, as when the key is left out', () => {
    expect(issuesOf(() => penaltyFor(manufacturer, { amount: undefined, basePoints: '2' }))).toEqual(issuesOf(() => penaltyFor(manufacturer, { basePoints: '2' })));
    expect(issuesOf(() => penaltyFor(manufacturer, { amount: undefined })).map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['amount']]]);
  });

  test('an undefined array element stays refused (JSON.stringify would make it null), as INVALID_INPUT', () => {
    expect(issuesOf(() => allocate({ amount: '1.00', shares: [{ id: 'a', ratio: 1 }, undefined] }))).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['shares', 1], message: 'undefined is not JSON data' },
    ]);
  });

  test('screenUntrustedValue: no copy without an undefined-valued property; otherwise a copy of only the objects on the way', () => {
    const shared = { x: 1 };
    const clean = { a: shared, b: [1] };
    const options = { undefinedProperties: 'absent' } as const;
    expect(screenUntrustedValue(clean, '<input>', undefined, options).value).toBe(clean);
    const input = { a: shared, b: { c: undefined, d: [{ e: undefined, f: 2 }] } };
    const r = screenUntrustedValue(input, '<input>', undefined, options);
    expect(r).toStrictEqual({ issues: [], value: { a: { x: 1 }, b: { d: [{ f: 2 }] } } });
    expect((r.value as typeof input).a).toBe(shared);
    expect(input.b.d[0]).toHaveProperty('e');
    // rule files: still refused
    expect(checkUntrustedValue(input).map((i) => [i.code, i.path, i.message])).toEqual([
      ['SCHEMA_VIOLATION', ['b', 'c'], 'undefined is not JSON data'],
      ['SCHEMA_VIOLATION', ['b', 'd', 0, 'e'], 'undefined is not JSON data'],
    ]);
  });
});

describe('caller input that is not JSON data is INVALID_INPUT', () => {
  const cyclic: Record<string, unknown> = { amount: '1.00' };
  cyclic.self = cyclic;
  test.each<[string, () => unknown, PolicyIssue[]]>([
    ['a non-finite number', () => penaltyFor(manufacturer, { amount: '1.00', basePoints: Number.NaN }), [{ code: 'INVALID_INPUT', file: '<input>', path: ['basePoints'], message: 'numbers must be finite' }]],
    ['a function', () => economicDeduction(manufacturer, { unitLoss: () => '1.00' }), [{ code: 'INVALID_INPUT', file: '<input>', path: ['unitLoss'], message: 'a function is not JSON data' }]],
    ['a class instance', () => resaleLoss(manufacturer, { ...resaleFacts, actualLoss: '1.00', resold: new Date() }), [{ code: 'INVALID_INPUT', file: '<input>', path: ['resold'], message: 'only plain JSON objects are accepted' }]],
    ['a cycle', () => penaltyFor(manufacturer, cyclic), [{ code: 'INVALID_INPUT', file: '<input>', path: ['self'], message: 'the value refers to itself (a cycle is not JSON data)' }]],
    ['a symbol key', () => attributeLiability(manufacturer, { department: 'sales', [Symbol('s')]: 1 }), [{ code: 'INVALID_INPUT', file: '<input>', path: [], message: 'symbol keys are not JSON data' }]],
    ['a bigint in a complaint', () => parseComplaint({ ...baseComplaint(), claimAmount: 1n }), [{ code: 'INVALID_INPUT', file: '<complaint>', path: ['claimAmount'], message: 'a bigint is not JSON data' }]],
    ['a class instance in a complaint', () => decide(ecommerce, { ...baseComplaint(), customer: new Map() }, { now: NOW }), [{ code: 'INVALID_INPUT', file: '<complaint>', path: ['customer'], message: 'only plain JSON objects are accepted' }]],
    ['a function in a snapshot', () => readSnapshot(ecommerce, { ...JSON.parse(JSON.stringify(caseIn('follow-up').snapshot)), satisfaction: () => 3 }), [{ code: 'INVALID_INPUT', file: '<snapshot>', path: ['satisfaction'], message: 'a function is not JSON data' }]],
  ])('%s', (_name, fn, expected) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual(expected);
  });

  test('forbidden keys, depth and size keep their own codes', () => {
    expect(issuesOf(() => penaltyFor(manufacturer, JSON.parse('{"amount":"1.00","__proto__":{"x":1}}'))).map((i) => i.code)).toEqual(['FORBIDDEN_KEY']);
  });
});
