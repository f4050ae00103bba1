// A JSON number literal whose decimal value the binary float JSON.parse makes of it does not hold
// (digits lost before any check could see them) is JSON_NUMBER_NOT_EXACT at its path, in packs and
// in every text input; the document's other problems are still reported.
import { describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { parseUntrustedJson } from '../../src/json/safe-json.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { cli } from '../helpers.js';
import { packFiles } from '../packs.js';

const issuesOf = (text: string) => {
  const r = parseUntrustedJson(text, 'in.json');
  return r.ok ? [] : r.issues;
};

describe('JSON_NUMBER_NOT_EXACT', () => {
  test('the code is documented', () => {
    expect(ERROR_CODES.JSON_NUMBER_NOT_EXACT).toBe('A JSON number has more significant digits than a binary float keeps: write it as a decimal string.');
  });

  test('a ratio that lost its last digits: code, path, and a message naming the literal, what it became and the fix', () => {
    const r = parseUntrustedJson('{"amount":"0.01","shares":[{"id":"a","ratio":"123456789012"},{"id":"z","ratio":123456789012.000001}]}', 'in.json');
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'JSON_NUMBER_NOT_EXACT',
          file: 'in.json',
          path: ['shares', 1, 'ratio'],
          message: 'the number 123456789012.000001 has more significant digits than a binary float keeps: it would be read as 123456789012; write it as a decimal string ("123456789012.000001")',
        },
      ],
      // the rest of the document can still be checked
      value: { amount: '0.01', shares: [{ id: 'a', ratio: '123456789012' }, { id: 'z', ratio: 123456789012 }] },
    });
  });

  test('every such number of a document at once, in document order, with its path (objects, arrays, the top level)', () => {
    expect(issuesOf('[1, 9007199254740993, {"a": {"b": [0.1, 99999999999.999999]}}, -12345678901234567890]').map((i) => [i.code, i.path, i.message])).toEqual([
      ['JSON_NUMBER_NOT_EXACT', [1], expect.stringContaining('the number 9007199254740993 has more significant digits than a binary float keeps: it would be read as 9007199254740992;')],
      ['JSON_NUMBER_NOT_EXACT', [2, 'a', 'b', 1], expect.stringContaining('the number 99999999999.999999 has')],
      ['JSON_NUMBER_NOT_EXACT', [3], expect.stringContaining('it would be read as -12345678901234567000;')],
    ]);
    expect(issuesOf('0.1000000000000000055511151231257827').map((i) => [i.code, i.path])).toEqual([['JSON_NUMBER_NOT_EXACT', []]]);
  });

  test('an exponent that takes a value below the smallest float is reported too, as too small (it would be read as 0)', () => {
    expect(issuesOf('{"x": 1e-400, "y": 2.5E-330}').map((i) => [i.path, i.message])).toEqual([
      [['x'], 'the number 1e-400 is too small for a binary float: it would be read as 0; write it as a decimal string ("1e-400")'],
      [['y'], expect.stringContaining('it would be read as 0;')],
    ]);
    expect(issuesOf(`{"z": 0.${'0'.repeat(400)}1}`).map((i) => i.path)).toEqual([['z']]);
  });

  test.each([
    ['15 significant digits', '123456789012.345'],
    ['16 digits a float holds', '1234567890123456'],
    ['2^53', '9007199254740992'],
    ['trailing zeros', '1000000000000000000000'],
    ['trailing decimal zeros', '2.500000000000000000000'],
    ['leading zeros', '0.000000000000000000001'],
    ['the shortest form of a float', '0.30000000000000004'],
    ['an exponent', '1.5e300'],
    ['the smallest float', '5e-324'],
    ['minus zero', '-0'],
    ['an upper-case exponent with a sign', '-2E+21'],
    ['a money-like number', '299.99'],
  ])('%s (%s) is exact: no issue', (_name, literal) => {
    const r = parseUntrustedJson(`{"n": ${literal}, "s": "12345678901234567890", "12345678901234567890": true}`, 'in.json');
    expect(r).toEqual({ ok: true, value: { n: Number(literal), s: '12345678901234567890', '12345678901234567890': true } });
  });

  test('with a repeated key and a forbidden key: all reported together, the value still given; only the numbers the value holds are checked', () => {
    const r = parseUntrustedJson('{"__proto__": {"n": 12345678901234567.5}, "a": 1, "a": 12345678901234567.5, "b": 12345678901234567.5, "b": 2}', 'in.json');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['FORBIDDEN_KEY', ['__proto__']],
      ['DUPLICATE_KEY', ['a']],
      ['DUPLICATE_KEY', ['b']],
      ['JSON_NUMBER_NOT_EXACT', ['a']],
    ]);
    expect(r.value).toStrictEqual({ a: 12345678901234568, b: 2 });
  });

  test('what JSON.parse drops (a forbidden key\'s value, a repeated key\'s earlier value) never throws: an infinite number there is no crash', () => {
    for (const text of ['{"__proto__": 1e400}', '{"a": 1e400, "a": 1}', '{"a": {"__proto__": {"x": -2e308}}}', '{"a": [-1e400], "a": 1}']) {
      const r = parseUntrustedJson(text, 'in.json');
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([text.includes('__proto__') ? 'FORBIDDEN_KEY' : 'DUPLICATE_KEY']);
    }
  });

  test('what JSON.parse drops is held to the depth limit too: JSON_TOO_DEEP, no value (no quadratic work on deep hidden numbers)', () => {
    const deep = '['.repeat(200) + '1e-400' + ']'.repeat(200);
    for (const text of [`{"x": {"__proto__": ${deep}}}`, `{"a": ${deep}, "a": 1}`]) {
      const r = parseUntrustedJson(text, 'in.json');
      expect(r.ok).toBe(false);
      expect('value' in r).toBe(false);
      const deepIssue = r.ok ? undefined : r.issues.find((i) => i.code === 'JSON_TOO_DEEP');
      expect(deepIssue?.message).toBe('nesting deeper than 64 levels');
      expect(deepIssue?.path.length).toBe(64);
    }
  });

  test('a value in a later duplicate is checked as the value holds it: a problem under the kept key is not hidden by an inexact earlier one', () => {
    expect(issuesOf('{"a": 1.00000000000000001, "a": {"b": 12345678901234567.5}}').map((i) => [i.code, i.path])).toEqual([
      ['DUPLICATE_KEY', ['a']],
      ['JSON_NUMBER_NOT_EXACT', ['a', 'b']],
    ]);
  });

  test('at most 1,000 numbers are listed and 10,000 checked; a long literal is shortened in its message', () => {
    const many = `[${Array.from({ length: 10_050 }, () => '1.00000000000000001').join(',')}]`;
    const issues = parseUntrustedJson(many, 'in.json', { maxBytes: 8 * 1024 * 1024, maxDepth: 64 });
    const list = issues.ok ? [] : issues.issues;
    expect(list.length).toBe(1002);
    expect(list[1000]!.message).toBe('9000 more numbers like these (only the first 1000 are listed)');
    expect(list[1001]!.message).toBe('more than 10000 numbers a binary float may not hold; 50 more were not checked: write such values as decimal strings');
    expect(issuesOf(`[1.${'0'.repeat(100)}1]`)[0]!.message).toBe(
      'the number 1.0000000000000000000000…000000000001 (103 characters) has more significant digits than a binary float keeps: it would be read as 1; write it as a decimal string',
    );
  });

  test('a pack: the inexact number and the file\'s other problems are reported, and the pack does not load', () => {
    const files = packFiles();
    const text = JSON.stringify(files['approval.json']).replace('"upTo":"100000.00"', '"upTo":100000.000000000000001');
    const r = safeLoadPolicy({ files: { ...files, 'approval.json': text } });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues).toEqual([
        {
          code: 'JSON_NUMBER_NOT_EXACT',
          file: 'approval.json',
          path: ['bands', 0, 'upTo'],
          message: 'the number 100000.000000000000001 has more significant digits than a binary float keeps: it would be read as 100000; write it as a decimal string ("100000.000000000000001")',
        },
        { code: 'SCHEMA_VIOLATION', file: 'approval.json', path: ['bands', 0, 'upTo'], message: 'money must be a decimal string such as "299.00", not the JSON number 100000' },
      ]);
  });

  test('aftersales allocate: a ratio that would tie with another after rounding is refused, not silently rounded', async () => {
    const text = '{"amount":"0.01","shares":[{"id":"a","ratio":"123456789012"},{"id":"z","ratio":123456789012.000001}]}';
    const r = await cli(['allocate', '--json', 'in.json'], { 'in.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('in.json $.shares[1].ratio: JSON_NUMBER_NOT_EXACT the number 123456789012.000001 has more significant digits than a binary float keeps: it would be read as 123456789012;');
    // written as a string, z gets the fen
    const quoted = await cli(['allocate', '--json', 'in.json'], { 'in.json': text.replace('123456789012.000001', '"123456789012.000001"') });
    expect(quoted.code).toBe(0);
    expect(JSON.parse(quoted.stdout).allocations.map((s: { id: string; amount: string }) => [s.id, s.amount])).toEqual([
      ['a', '0.00'],
      ['z', '0.01'],
    ]);
  });

  test('aftersales deduction: person base points equal to the unit\'s, written as a number, are refused as inexact (not as exceeding)', async () => {
    const input = '{"unitLoss":"1000.00","unitBasePoints":"99999999999.999999","personBasePoints":99999999999.999999,"monthlyBonus":"4000.00","startMonth":"2026-11"}';
    const r = await cli(['deduction', '--json', 'd.json'], { 'd.json': input });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').slice(1)).toEqual([
      '  d.json $.personBasePoints: JSON_NUMBER_NOT_EXACT the number 99999999999.999999 has more significant digits than a binary float keeps: it would be read as 100000000000; write it as a decimal string ("99999999999.999999")',
    ]);
    const quoted = await cli(['deduction', '--json', 'd.json'], { 'd.json': input.replace('99999999999.999999,', '"99999999999.999999",') });
    expect(quoted.code).toBe(0);
    expect(JSON.parse(quoted.stdout).total).toBe('1000.00');
  });
});
