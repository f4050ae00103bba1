// Long fuzzing of every untrusted-input parser: nothing may throw anything but a PolicyError,
// nothing may pollute a prototype, and a valid input must keep working. Run: npm run fuzz
// (FUZZ_RUNS sets the number of runs per property; npm test runs a short version of the same file).
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PolicyError, loadPolicy, safeLoadPolicy, transition, start, calculateLoss, penaltyFor, allocate } from '../../src/index.js';
import { isForbiddenKey, parseUntrustedJson, screenUntrustedValue } from '../../src/json/safe-json.js';
import { arbComplaint } from '../arbitraries.js';
import { baseComplaint } from '../helpers.js';
import { packFiles } from '../packs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const ecommerce = loadPolicy('ecommerce');
const manufacturer = loadPolicy('manufacturer');

/** Runs `fn`; only a PolicyError may escape. */
function onlyPolicyErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(typeof i.code).toBe('string');
  }
}

/** Any JSON-like value, including hostile keys. */
const hostile = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'path', 'fact', 'all')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Replaces the value at a random path of a document. */
function mutate(doc: unknown, pick: number[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let cur: any = copy;
  for (let i = 0; i < pick.length; i++) {
    if (!cur || typeof cur !== 'object') break;
    const keys = Object.keys(cur);
    if (!keys.length) break;
    const k = keys[pick[i]! % keys.length]!;
    if (i === pick.length - 1 || !cur[k] || typeof cur[k] !== 'object') {
      cur[k] = replacement;
      break;
    }
    cur = cur[k];
  }
  return copy;
}

describe('fuzz: untrusted input never crashes the library', () => {
  test('parseUntrustedJson on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => void parseUntrustedJson(t, 'x.json')), { numRuns: RUNS * 3 });
  });

  test('number literals: the value of one that is not reported is exactly the float read (the cheap pre-check skips none that differ)', () => {
    const digits = (max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: max }).map((d) => d.join(''));
    const literal = fc
      .tuple(fc.boolean(), digits(25), fc.option(digits(25), { nil: undefined }), fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int.replace(/^0+(?=.)/, '')}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : `e${exp}`}`);
    fc.assert(
      fc.property(literal, (lit) => {
        const r = parseUntrustedJson(`{"n":[${lit}]}`, 'x.json');
        const read = Number(lit);
        if (!Number.isFinite(read)) {
          expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual(['numbers must be finite']); // too large: refused as not finite
          return;
        }
        const exact = new Big(lit).eq(new Big(String(read)));
        if (exact) expect(r).toEqual({ ok: true, value: { n: [read] } });
        else expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['JSON_NUMBER_NOT_EXACT', ['n', 0]]]);
      }),
      { numRuns: RUNS * 3 },
    );
    // JSON.stringify writes each float in its shortest exact form: never reported
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })), (xs) => void expect(parseUntrustedJson(JSON.stringify(xs), 'x.json').ok).toBe(true)), { numRuns: RUNS });
  });

  test('a text with forbidden keys: the value to go on checking has none, at any depth, and nothing is polluted', () => {
    const hasForbidden = (v: unknown): boolean =>
      v !== null && typeof v === 'object' && Object.getOwnPropertyNames(v).some((k) => isForbiddenKey(k) || hasForbidden((v as Record<string, unknown>)[k]));
    fc.assert(
      fc.property(hostile, (v) => {
        const text = JSON.stringify(v);
        const r = parseUntrustedJson(text, 'x.json');
        if (r.value !== undefined) expect(hasForbidden(r.value)).toBe(false);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  test('caller input with undefined-valued properties: screened as JSON.stringify would have it', () => {
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 4 }),
      ),
    })).value;
    const hasUndefinedKey = (v: unknown): boolean => v !== null && typeof v === 'object' && Object.values(v).some((x) => x === undefined || hasUndefinedKey(x));
    fc.assert(
      fc.property(withUndefined, (v) => {
        const r = screenUntrustedValue(v, '<input>', undefined, { undefinedProperties: 'absent', code: 'INVALID_INPUT' });
        if (r.issues.length) return; // a forbidden key
        expect(JSON.stringify(r.value)).toBe(JSON.stringify(v));
        expect(hasUndefinedKey(r.value)).toBe(false);
        if (!hasUndefinedKey(v)) expect(r.value).toBe(v);
      }),
      { numRuns: RUNS },
    );
  });

  test('complaints: random values and random mutations of valid ones', () => {
    fc.assert(
      fc.property(hostile, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), arbComplaint, (junk, pick, c) => {
        onlyPolicyErrors(() => ecommerce.decide(junk, { now: '2026-11-25T10:00:00+08:00' }));
        onlyPolicyErrors(() => ecommerce.decide(mutate(c, pick, junk), { now: '2026-11-25T10:00:00+08:00' }));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  test('complaints: the fast validator and the full checks (zod) give the same decision, id included, or the same error codes', () => {
    // The second copy has its keys reversed at every level and a hidden (non-enumerable) top-level key, which the fast
    // validator leaves to the full checks (which ignore it): the same data through the other path.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const viaZod = (v: unknown) => {
      const copy = reversed(v) as Record<string, unknown>;
      if (copy && typeof copy === 'object' && !Array.isArray(copy)) Object.defineProperty(copy, 'hidden', { value: 1, enumerable: false }); // the fast path leaves hidden keys to zod
      return copy;
    };
    const outcome = (input: unknown) => {
      try {
        return { ok: JSON.stringify(ecommerce.decide(input, { now: '2026-11-25T10:00:00+08:00' })) };
      } catch (e) {
        if (!(e instanceof PolicyError)) throw e;
        return { codes: e.issues.map((i) => i.code).sort() };
      }
    };
    fc.assert(
      fc.property(arbComplaint, fc.array(fc.nat(), { minLength: 0, maxLength: 3 }), hostile, (c, pick, junk) => {
        const input = pick.length ? mutate(c, pick, junk) : c;
        const a = outcome(input);
        const b = outcome(viaZod(input));
        if ('ok' in a) expect(b).toEqual(a);
        else expect(b).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  test('packs: random mutations of every bundled file load or fail with issues, never half-load', () => {
    const files = packFiles();
    const names = Object.keys(files);
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), hostile, (f, pick, junk) => {
        const name = names[f % names.length]!;
        const r = safeLoadPolicy({ files: { ...files, [name]: mutate(files[name], pick, junk) } });
        if (r.success) expect(() => r.data.decide(baseComplaint(), { now: '2026-11-25T10:00:00+08:00' })).not.toThrow();
        else expect(r.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  test('lifecycle events, loss items, penalty amounts and allocations', () => {
    const { snapshot } = start(ecommerce, baseComplaint(), { actor: { id: 'a', role: 'agent' }, now: '2026-11-20T10:00:00+08:00' });
    fc.assert(
      fc.property(hostile, fc.string({ maxLength: 20 }), (junk, text) => {
        onlyPolicyErrors(() => transition(ecommerce, snapshot, junk));
        onlyPolicyErrors(() => transition(ecommerce, snapshot, { type: 'propose', at: '2026-11-20T11:00:00+08:00', actor: { id: 'a', role: 'agent' }, data: junk }));
        onlyPolicyErrors(() => transition(ecommerce, junk, { type: 'start-verification', at: '2026-11-20T11:00:00+08:00', actor: { id: 'a', role: 'agent' } }));
        onlyPolicyErrors(() => calculateLoss(manufacturer, junk as never));
        onlyPolicyErrors(() => calculateLoss(manufacturer, { items: [junk] } as never));
        onlyPolicyErrors(() => penaltyFor(manufacturer, { amount: text }));
        onlyPolicyErrors(() => allocate(junk as never));
      }),
      { numRuns: RUNS },
    );
  });
});
