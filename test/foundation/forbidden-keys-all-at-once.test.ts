// A prototype-polluting key (__proto__, constructor, prototype) is FORBIDDEN_KEY, and — like a
// repeated key — does not stop the file's other checks: they run on a copy without the forbidden
// keys, so every problem of the file is reported at once; the pack still fails to load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseUntrustedJson, screenUntrustedValue } from '../../src/json/safe-json.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';

function issuesOf(files: Record<string, unknown>): Array<[string, string, ReadonlyArray<string | number>, string]> {
  const r = safeLoadPolicy({ files });
  if (r.success) throw new Error('the pack loaded');
  return r.error.issues.map((i) => [i.code, i.file, i.path, i.message]);
}

/** The ecommerce liability file with a duplicate rule id and a typo key: two problems besides the forbidden keys. */
function brokenLiability(): Record<string, any> {
  const l = packFiles()['liability.json'];
  l.rules[2].id = l.rules[1].id;
  l.rules[3].priorty = 3;
  return l;
}
const OTHER_PROBLEMS = [
  ['SCHEMA_VIOLATION', 'liability.json', ['rules', 3, 'priorty'], 'unknown key "priorty"; "priority" is already given here (keys here: id, description, clause, priority, enabled, conditions, outcome)'],
  ['DUPLICATE_ID', 'liability.json', ['rules', 2, 'id'], 'rule id "intentional-customer-damage" is already used by rule 1'],
] as const;

describe('FORBIDDEN_KEY does not hide a file\'s other problems', () => {
  test('a pack file as text: the forbidden keys, an unknown key and a duplicate id, all at once; nothing polluted', () => {
    const text = JSON.stringify(brokenLiability()).replace('"rules":[{', '"rules":[{"__proto__":{"polluted":true},"constructor":1,');
    expect(issuesOf({ ...packFiles(), 'liability.json': text })).toEqual([
      ['FORBIDDEN_KEY', 'liability.json', ['rules', 0, '__proto__'], 'the key "__proto__" is not allowed (prototype pollution)'],
      ['FORBIDDEN_KEY', 'liability.json', ['rules', 0, 'constructor'], 'the key "constructor" is not allowed (prototype pollution)'],
      ...OTHER_PROBLEMS,
    ]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  test('a pack file given as an object (e.g. from a database): the same, and the caller\'s object is left as it was', () => {
    const value = JSON.parse(JSON.stringify(brokenLiability()).replace('"rules":[{', '"rules":[{"prototype":{"x":1},'));
    const before = JSON.stringify(value);
    expect(issuesOf({ ...packFiles(), 'liability.json': value })).toEqual([
      ['FORBIDDEN_KEY', 'liability.json', ['rules', 0, 'prototype'], 'the key "prototype" is not allowed (prototype pollution)'],
      ...OTHER_PROBLEMS,
    ]);
    expect(JSON.stringify(value)).toBe(before);
    expect(Object.keys(value.rules[0])).toContain('prototype');
  });

  test('a forbidden key alone still refuses the pack (no false follow-on problem from its removal)', () => {
    const files = packFiles();
    const manifest = JSON.stringify(files['manifest.json']).replace('{', '{"constructor":{"name":"x"},');
    expect(issuesOf({ ...files, 'manifest.json': manifest })).toEqual([['FORBIDDEN_KEY', 'manifest.json', ['constructor'], 'the key "constructor" is not allowed (prototype pollution)']]);
  });

  test('a required key written only under a forbidden name is reported missing as well', () => {
    const files = packFiles();
    const text = JSON.stringify(files['approval.json']).replace('"bands":', '"__proto__":');
    expect(issuesOf({ ...files, 'approval.json': text })).toEqual([
      ['FORBIDDEN_KEY', 'approval.json', ['__proto__'], 'the key "__proto__" is not allowed (prototype pollution)'],
      ['SCHEMA_VIOLATION', 'approval.json', ['bands'], 'required (array)'],
    ]);
  });

  test('a pack folder on disk: the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forbidden-'));
    try {
      const files = packFiles();
      for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(value));
      writeFileSync(join(dir, 'liability.json'), JSON.stringify(brokenLiability()).replace('"rules":[{', '"rules":[{"__proto__":{"polluted":true},'));
      const r = safeLoadPolicy(dir);
      expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([
        ['FORBIDDEN_KEY', 'liability.json', ['rules', 0, '__proto__'], 'the key "__proto__" is not allowed (prototype pollution)'],
        ...OTHER_PROBLEMS,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the copy without forbidden keys', () => {
  test('is a plain object without the key, its prototype untouched; only the objects on the way are copied', () => {
    const r = parseUntrustedJson('{"a": {"b": {"__proto__": {"admin": true}, "c": 1}}, "d": {"e": [1, 2]}}', 'x.json');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['FORBIDDEN_KEY', ['a', 'b', '__proto__']]]);
    const v = r.value as any;
    expect(v).toStrictEqual({ a: { b: { c: 1 } }, d: { e: [1, 2] } });
    expect(Object.getPrototypeOf(v.a.b)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(v.a.b)).toEqual(['c']);
    expect(v.a.b.admin).toBeUndefined();
  });

  test('screenUntrustedValue shares what needs no change with the input and never writes to the input', () => {
    const shared = { e: [1, 2] };
    const inner = JSON.parse('{"__proto__": 1, "constructor": 2, "c": 3}');
    const input = { a: { b: inner }, d: shared, list: [inner, shared] };
    const r = screenUntrustedValue(input, 'x.json');
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['FORBIDDEN_KEY', ['a', 'b', '__proto__']],
      ['FORBIDDEN_KEY', ['a', 'b', 'constructor']],
      ['FORBIDDEN_KEY', ['list', 0, '__proto__']],
      ['FORBIDDEN_KEY', ['list', 0, 'constructor']],
    ]);
    const v = r.value as any;
    expect(v).toStrictEqual({ a: { b: { c: 3 } }, d: { e: [1, 2] }, list: [{ c: 3 }, { e: [1, 2] }] });
    expect(v.d).toBe(shared);
    expect(v.list[1]).toBe(shared);
    expect(v).not.toBe(input);
    expect(Object.getOwnPropertyNames(inner)).toEqual(['__proto__', 'constructor', 'c']);
  });

  test('an array subclass is copied element by element: its species constructor never runs', () => {
    let ran = false;
    class Sneaky extends Array {
      static override get [Symbol.species]() {
        ran = true;
        return Array;
      }
    }
    const list = Sneaky.from([JSON.parse('{"__proto__": 1, "c": 3}')]);
    const r = screenUntrustedValue({ list }, 'x.json');
    expect(r.value).toStrictEqual({ list: [{ c: 3 }] });
    expect(ran).toBe(false);
  });

  test('JSON_SYNTAX, JSON_TOO_LARGE, JSON_TOO_DEEP and data that is not JSON still stop the file: no value', () => {
    expect('value' in parseUntrustedJson('{"__proto__": 1, }', 'x.json')).toBe(false);
    expect('value' in parseUntrustedJson('{"__proto__": 1, "a": [[[1]]]}', 'x.json', { maxBytes: 1000, maxDepth: 2 })).toBe(false);
    expect('value' in parseUntrustedJson('{"__proto__": 1}', 'x.json', { maxBytes: 5, maxDepth: 64 })).toBe(false);
    expect('value' in parseUntrustedJson('{"__proto__": 1, "a": 1e400}', 'x.json')).toBe(false);
    expect('value' in screenUntrustedValue(JSON.parse('{"__proto__": 1, "f": 0}'), 'x.json')).toBe(true);
    expect('value' in screenUntrustedValue({ ...JSON.parse('{"__proto__": 1}'), f: () => 1 }, 'x.json')).toBe(false);
  });

  test('a pack in memory that is too deep is still left out (no partial checks on it)', () => {
    const files = packFiles();
    const text = JSON.stringify(files['approval.json']).replace('"bands":', '"__proto__":1,"typo":1,"bands":');
    const r = safeLoadPolicy({ files: { ...files, 'approval.json': text } }, { limits: { maxDepth: 2 } });
    expect(r.success).toBe(false);
    // no SCHEMA_VIOLATION for "typo": the file was not checked further
    if (!r.success) expect(r.error.issues.filter((i) => i.file === 'approval.json').map((i) => i.code)).toEqual(['FORBIDDEN_KEY', 'JSON_TOO_DEEP']);
  });
});
