import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson, checkUntrustedValue, parseUntrustedJson } from '../../src/json/safe-json.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';

/** The first implementation, kept as the reference: pack hashes (and so decision ids and snapshots' policyHash) depend on this text. */
function canonicalJsonReference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJsonReference).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJsonReference((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

describe('untrusted JSON', () => {
  test('syntax errors are JSON_SYNTAX with the file', () => {
    const r = parseUntrustedJson('{"a": ', 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.file, i.path])).toEqual([['JSON_SYNTAX', 'x.json', []]]);
  });

  test('size limit', () => {
    const r = parseUntrustedJson(JSON.stringify({ a: 'x'.repeat(200) }), 'big.json', { maxBytes: 100, maxDepth: 64 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.code).toBe('JSON_TOO_LARGE');
  });

  test('depth limit, reported once, with the path where it was exceeded', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = parseUntrustedJson(deep, 'deep.json', { maxBytes: 1e6, maxDepth: 64 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]!.code).toBe('JSON_TOO_DEEP');
      expect(r.issues[0]!.path).toHaveLength(64);
    }
  });

  test('very deep documents do not overflow the stack', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const r = parseUntrustedJson(deep, 'deep.json', { maxBytes: 10e6, maxDepth: 64 });
    expect(r.ok).toBe(false);
  });

  test.each(['__proto__', 'constructor', 'prototype'])('the key %s is FORBIDDEN_KEY with its path', (key) => {
    const r = parseUntrustedJson(`{"rules":[{"ok":1,"${key}":{"polluted":true}}]}`, 'p.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.path])).toEqual([['FORBIDDEN_KEY', ['rules', 0, key]]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('objects from a database: functions, class instances, cycles and non-finite numbers are refused', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkUntrustedValue({ f: () => 1 }).map((i) => i.path)).toEqual([['f']]);
    expect(checkUntrustedValue({ d: new Date() }).map((i) => i.code)).toEqual(['SCHEMA_VIOLATION']);
    expect(checkUntrustedValue(cyclic).map((i) => i.path)).toEqual([['self']]);
    expect(checkUntrustedValue({ n: Number.NaN }).map((i) => i.path)).toEqual([['n']]);
    expect(checkUntrustedValue({ a: [1, 'x', null, true, { b: 2 }] })).toEqual([]);
    const shared = { b: 2 };
    expect(checkUntrustedValue({ x: shared, y: [shared, shared] })).toEqual([]); // the same object twice is not a cycle
  });

  test('a limit can say how to raise it: the problem over it ends with that, in parentheses', () => {
    const raise = { maxBytes: 'load option limits.maxBytes', maxDepth: 'load option limits.maxDepth' };
    const big = parseUntrustedJson('[1,2,3]', 'a.json', { maxBytes: 5, maxDepth: 64, raise });
    expect(big.ok ? [] : big.issues.map((i) => [i.code, i.message])).toEqual([['JSON_TOO_LARGE', 'document is 7 bytes, the limit is 5 (load option limits.maxBytes)']]);
    const deep = parseUntrustedJson('[[[1]]]', 'a.json', { maxBytes: 100, maxDepth: 2, raise });
    expect(deep.ok ? [] : deep.issues.map((i) => [i.code, i.path, i.message])).toEqual([['JSON_TOO_DEEP', [0, 0], 'nesting deeper than 2 levels (load option limits.maxDepth)']]);
    const plain = parseUntrustedJson('[[[1]]]', 'a.json', { maxBytes: 100, maxDepth: 2 });
    expect(plain.ok ? [] : plain.issues.map((i) => i.message)).toEqual(['nesting deeper than 2 levels']);
  });

  test('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  test('canonical JSON is the reference text for 5,000 random values, integer-like and odd keys, undefined, holes and non-finite numbers included', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '10', '2', '-1', '01', '__proto__x', 'é', '\u2028', '"'));
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 0 }), fc.constantFrom(undefined, Number.NaN, Infinity, -0, 1e21, '\ud800'));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 }), fc.sparseArray(tie('value'), { maxLength: 4 })),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(canonicalJsonReference(v));
      }),
      { numRuns: 5_000, seed: 20261126 },
    );
  });

  test('canonical JSON walks 100,000 nested arrays and objects without the call stack (a pack raised to a deep --max-depth)', () => {
    const n = 100_000;
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = i % 2 ? [v, undefined] : { b: v, a: undefined, c: [] };
    const expected = (() => {
      let s = '1';
      for (let i = 0; i < n; i++) s = i % 2 ? `[${s},null]` : `{"b":${s},"c":[]}`;
      return s;
    })();
    expect(() => canonicalJsonReference(v)).toThrow(RangeError);
    expect(canonicalJson(v)).toBe(expected);
  });

  test('the bundled packs keep their content hashes', async () => {
    const { loadPolicy } = await import('../../src/pack/loader.js');
    expect(loadPolicy('ecommerce').hash).toBe('5c51375872b3ed77cd43eedafc2a4b3f08fd93708a8b1c5b9ac12ef8b161b285');
    expect(loadPolicy('manufacturer').hash).toBe('d21526040352c75fa706d9da6fce02d8143175b17c884c6bca93283780aaa81f');
  });
});

describe('a key written twice in one object', () => {
  const dup = (text: string) => {
    const r = parseUntrustedJson(text, 'f.json');
    return r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.message]);
  };

  test.each<[string, Array<string | number>, string]>([
    ['{"a":1,"a":2}', ['a'], 'a'],
    ['{"x":[{"b":1},{"b":1,"c":[1,{"d":0,"d":0}],"b":2}]}', ['x', 1, 'c', 1, 'd'], 'd'],
    ['{"a\\u0062":1,"ab":2}', ['ab'], 'ab'],
    ['{ "k" : { } , "k" : [ ] }', ['k'], 'k'],
    ['{"id":"x","id":"y","id":"z"}', ['id'], 'id'],
  ])('%s → DUPLICATE_KEY at %j (JSON.parse kept the last silently)', (text, path, key) => {
    expect(dup(text)[0]).toEqual(['DUPLICATE_KEY', path, `the key ${JSON.stringify(key)} appears more than once in this object: JSON keeps only the last`]);
  });

  test('a key written three times is reported once', () => {
    expect(dup('{"id":"x","id":"y","id":"z","a":1,"a":2}').map((i) => i[1])).toEqual([['id'], ['a']]);
  });

  test('the same key in different objects, keys inside strings, and values equal to keys are not duplicates', () => {
    for (const text of ['{"a":{"a":1},"b":[{"a":1},{"a":2}]}', '{"s":"{\\"a\\":1,\\"a\\":2}","a":"a"}', '{"q":"\\\\","r":"\\"","a":["a","a"]}', '[{"a":1},{"a":1}]', '"a"', '{}']) {
      expect(dup(text), text).toEqual([]);
    }
  });

  test('property: on JSON written from an object (no key twice), never a duplicate; with one key repeated, exactly that one', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const text = JSON.stringify(v);
        fc.pre(!/"(__proto__|constructor|prototype)"/.test(text)); // refused for their own reason
        expect(dup(text)).toEqual([]);
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
          const [k] = Object.keys(v);
          const repeated = `${text.slice(0, -1)},${JSON.stringify(k)}:0}`;
          expect(dup(repeated).map((i) => i[1])).toEqual([[k]]);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a pack file naming one named condition twice is refused: the first would vanish', () => {
    const files = packFiles();
    const text = JSON.stringify(files['liability.json']).replace('"conditions":{', '"conditions":{"upheld-x":{"fact":"nature","operator":"equal","value":"quality-defect"},"upheld-x":{"fact":"nature","operator":"equal","value":"customer-misuse"},');
    const r = safeLoadPolicy({ files: { ...files, 'liability.json': text } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.file, i.path])).toEqual([['DUPLICATE_KEY', 'liability.json', ['conditions', 'upheld-x']]]);
  });
});

describe('canonicalJson and cycles', () => {
  test('a cycle is a TypeError (it used to end on the call stack; an iterative walk must not run out of memory)', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(new TypeError('canonicalJson: the value holds a cycle (an array or object inside itself), which JSON cannot represent'));
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(() => canonicalJson(list)).toThrow(TypeError);
  });

  test('a value shared by two branches is no cycle', () => {
    const shared = { b: [1, 2], a: null };
    expect(canonicalJson({ y: shared, x: [shared, shared] })).toBe('{"x":[{"a":null,"b":[1,2]},{"a":null,"b":[1,2]}],"y":{"a":null,"b":[1,2]}}');
  });
});
