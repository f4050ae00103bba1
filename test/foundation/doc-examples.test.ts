/**
 * TSDoc examples ship in the .d.ts: the ones below call what the package exports, and their
 * `// →` results are what those calls return.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as pkg from '../../src/index.js';

const root = join(import.meta.dirname, '..', '..');

/** The @example block of the TSDoc right above `export function <name>(`. */
function exampleOf(file: string, name: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  const at = text.indexOf(`export function ${name}(`);
  const doc = text.slice(text.lastIndexOf('/**', at), at);
  return /@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/.exec(doc)![1]!.replace(/^\s*\* ?/gm, '');
}

/** `expr // → 'text'` lines of an example, evaluated with the package's exports in scope. */
function results(example: string): Array<[string, unknown, string]> {
  const names = Object.keys(pkg);
  const values = names.map((n) => (pkg as Record<string, unknown>)[n]);
  return example
    .split('\n')
    .map((line) => /^(.*?)\s*\/\/ → '([^']*)'/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, new Function(...names, `return (${m[1]});`)(...values), m[2]!]);
}

describe('TSDoc examples', () => {
  test('the pattern-based next complaint number: called by its exported name, nextComplaintNumberFromPattern, with the results shown', () => {
    const example = exampleOf('src/numbering/numbering.ts', 'nextComplaintNumber');
    expect(example).not.toMatch(/(^|[^\w])nextComplaintNumber\(/m); // the package's nextComplaintNumber takes a policy
    const lines = results(example);
    expect(lines.map(([expr]) => expr.slice(0, expr.indexOf('(')))).toEqual(['nextComplaintNumberFromPattern', 'nextComplaintNumberFromPattern', 'nextComplaintNumberFromPattern']);
    for (const [expr, got, shown] of lines) expect(got, expr).toBe(shown);
  });

  test('safeLoadPolicy: the example does not print a pack version (it changes with the pack)', () => {
    const example = exampleOf('src/pack/loader.ts', 'safeLoadPolicy');
    expect(example).not.toMatch(/\d+\.\d+\.\d+/);
    const r = pkg.safeLoadPolicy('ecommerce');
    expect(r.success && r.data.id).toBe('ecommerce');
  });
});
