import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseUntrustedJson } from '../../src/json/safe-json.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';

/*
 * A syntax error names its line and column (1-based), with a hint for the
 * usual slips (trailing comma, comments, single quotes); a repeated key does
 * not stop the other checks of its file, though the pack still fails.
 */

/** The bundled ecommerce pack written to a new folder, each file as JSON text or the text given. */
function packDir(over: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-syntax-'));
  for (const [name, value] of Object.entries(packFiles('ecommerce'))) writeFileSync(join(dir, name), over[name] ?? JSON.stringify(value, null, 2));
  return dir;
}

describe('JSON syntax errors', () => {
  const syntax = (text: string) => {
    const r = parseUntrustedJson(text, 'x.json');
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.issues.map((i) => [i.code, i.file, i.path, i.message]);
  };
  const one = (message: string) => [['JSON_SYNTAX', 'x.json', [], `not valid JSON: ${message}`]];

  test('line and column (1-based), not a character position', () => {
    expect(syntax('{\n  "a": 1\n  "b": 2\n}')).toEqual(one(`line 3, column 3: '"' where "," or "}" was expected: a comma missing at the end of the line before?`));
    expect(syntax('{\r\n  "a": [1, 2}\r\n')).toEqual(one('line 2, column 13: "}" where "," or "]" was expected'));
    expect(syntax('{"标签": "退货", "b": tru}')).toEqual(one('line 1, column 19: "t" where a value was expected'));
    expect(syntax('{"a": 1')).toEqual(one('line 1, column 8: the text ends where "," or "}" was expected (a closing } or ] or " missing?)'));
    expect(syntax('{"a": 1} {}')).toEqual(one('line 1, column 10: "{" after the end of the JSON value (one value per file)'));
    expect(syntax('\ufeff{"a": 01}')).toEqual(one('line 1, column 8: "1" where "," or "}" was expected'));
  });

  test('a trailing comma is pointed at, with what to do', () => {
    expect(syntax('{\n  "a": 1,\n}')).toEqual(one('line 2, column 9: a comma before } (a trailing comma) is not allowed in JSON: remove it'));
    expect(syntax('{"a": [1, 2, ]}')).toEqual(one('line 1, column 12: a comma before ] (a trailing comma) is not allowed in JSON: remove it'));
  });

  test('a comma before a closer of another kind is no trailing comma: the open list is not closed', () => {
    expect(syntax('{"a": [1, 2,}')).toEqual(one('line 1, column 13: } where a value was expected: the open [ is not closed (a ] missing?)'));
    expect(syntax('[1,}')).toEqual(one('line 1, column 4: } where a value was expected: the open [ is not closed (a ] missing?)'));
  });

  test('comments and single quotes get a hint', () => {
    expect(syntax('{\n  // the return window\n  "days": 7\n}')).toEqual(one('line 2, column 3: JSON has no comments (// or /* */): remove them'));
    expect(syntax('{"days": 7 /* calendar days */}')).toEqual(one('line 1, column 12: JSON has no comments (// or /* */): remove them'));
    expect(syntax("{'days': 7}")).toEqual(one(`line 1, column 2: JSON strings and keys take double quotes ("), not single quotes (')`));
    expect(syntax('{"days": \'7\'}')).toEqual(one(`line 1, column 10: JSON strings and keys take double quotes ("), not single quotes (')`));
  });

  test('strings: control characters, bad escapes, no end', () => {
    expect(syntax('{"a": "x\ty"}')).toEqual(one('line 1, column 9: the control character U+0009 inside a string: write it as an escape such as \\n or \\t'));
    expect(syntax('{"a": "C:\\dir"}')).toEqual(one('line 1, column 10: the escape \\d does not exist in JSON (a \\ in a string is written \\\\)'));
    expect(syntax('{"a": "abc}')).toEqual(one('line 1, column 7: a string that never ends (its closing " is missing)'));
  });

  test('in a pack, the file and the line are named', () => {
    const text = JSON.stringify(packFiles('ecommerce')['remedies.json'], null, 2).replace(/\n\}$/, ',\n}');
    const line = text.split('\n').length - 1;
    const column = text.split('\n')[line - 1]!.length;
    const r = safeLoadPolicy(packDir({ 'remedies.json': text }));
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues).toEqual([
        { code: 'JSON_SYNTAX', file: 'remedies.json', path: [], message: `not valid JSON: line ${line}, column ${column}: a comma before } (a trailing comma) is not allowed in JSON: remove it` },
      ]);
  });
});

describe('a repeated key does not stop the checks', () => {
  test('DUPLICATE_KEY and the schema problem of the value JSON keeps are both reported; the pack does not load', () => {
    const files = packFiles('ecommerce');
    const text = JSON.stringify(files['approval.json'], null, 2).replace('"upTo": "100000.00"', '"upTo": "100000.00", "upTo": 100000');
    for (const source of [{ files: { ...files, 'approval.json': text } }, packDir({ 'approval.json': text })]) {
      const r = safeLoadPolicy(source);
      expect(r.success).toBe(false);
      if (!r.success)
        expect(r.error.issues).toEqual([
          { code: 'DUPLICATE_KEY', file: 'approval.json', path: ['bands', 0, 'upTo'], message: 'the key "upTo" appears more than once in this object: JSON keeps only the last' },
          { code: 'SCHEMA_VIOLATION', file: 'approval.json', path: ['bands', 0, 'upTo'], message: 'money must be a decimal string such as "299.00", not the JSON number 100000' },
        ]);
    }
  });

  test('a repeated key alone still refuses the pack', () => {
    const files = packFiles('ecommerce');
    const text = JSON.stringify(files['approval.json']).replace('"upTo":"100000.00"', '"upTo":"100000.00","upTo":"100000.00"');
    const r = safeLoadPolicy({ files: { ...files, 'approval.json': text } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.file, i.path])).toEqual([['DUPLICATE_KEY', 'approval.json', ['bands', 0, 'upTo']]]);
  });

  test('parseUntrustedJson gives the value JSON.parse keeps with the DUPLICATE_KEY (forbidden keys left out), and no value for syntax, size or depth problems', () => {
    const r = parseUntrustedJson('{"a": 1, "a": 2}', 'x.json');
    expect(r).toEqual({ ok: false, issues: [{ code: 'DUPLICATE_KEY', file: 'x.json', path: ['a'], message: 'the key "a" appears more than once in this object: JSON keeps only the last' }], value: { a: 2 } });
    const forbidden = parseUntrustedJson('{"__proto__": 1, "a": 1, "a": 2}', 'x.json');
    expect(forbidden.ok ? [] : forbidden.issues.map((i) => [i.code, i.path])).toEqual([['FORBIDDEN_KEY', ['__proto__']], ['DUPLICATE_KEY', ['a']]]);
    expect(forbidden.value).toStrictEqual({ a: 2 });
    expect('value' in parseUntrustedJson('{"a": 1, "a": 2,}', 'x.json')).toBe(false);
    expect('value' in parseUntrustedJson('{"a": 1, "a": [[[1]]]}', 'x.json', { maxBytes: 100, maxDepth: 2 })).toBe(false);
    expect('value' in parseUntrustedJson('{"a": 1, "a": 2}', 'x.json', { maxBytes: 10, maxDepth: 64 })).toBe(false);
  });
});
