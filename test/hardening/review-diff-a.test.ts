// Time bounds in this file guard against a hang or a blow-up (seconds to minutes before the fixes), with a wide margin
// over the normal time (≈ 0.2–1 s) so that a loaded machine does not fail them: they are not speed measurements.
// Review of the policy-owner messages ("did you mean", money hints, valid parts beside broken ones): each
// case failed before its fix — minutes of CPU for a file under the size limit, or a problem no longer reported.
import { describe, expect, test } from 'vitest';
import { closest } from '../../src/errors/suggest.js';
import { moneyHint } from '../../src/money/money.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';

type Row = [code: string, file: string, path: ReadonlyArray<string | number>, message: string];

/** The load's issues as [code, file, path, message], and how long it took; throws if the pack loaded. */
function refused(files: Record<string, unknown>): { rows: Row[]; ms: number } {
  const t = performance.now();
  const r = safeLoadPolicy({ files });
  const ms = performance.now() - t;
  if (r.success) throw new Error('the pack loaded');
  return { rows: r.error.issues.map((i): Row => [i.code, i.file, i.path, i.message]), ms };
}

const SPACES = '1' + ' '.repeat(200_000) + 'x';
const SPACES_QUOTED = `"1${' '.repeat(58)}… (200004 characters)`;

describe('a money text with a long run of white space is refused at once (the currency-sign regex was quadratic: 34 s for 200 KB, minutes for 1 MiB)', () => {
  test('a band bound', () => {
    const files = packFiles();
    files['approval.json'].bands[0].upTo = SPACES;
    const r = refused(files);
    expect(r.rows).toEqual([
      ['SCHEMA_VIOLATION', 'approval.json', ['bands', 0, 'upTo'], `money must be a decimal string with at most two decimals, such as "299.00" (got ${SPACES_QUOTED})`],
    ]);
    expect(r.ms).toBeLessThan(10_000);
  });

  test('the value a money fact is compared with', () => {
    const files = packFiles();
    files['liability.json'].rules[0].conditions = { fact: 'claimAmount', operator: 'greaterThan', value: SPACES };
    const r = refused(files);
    expect(r.rows).toEqual([
      ['OPERAND_TYPE_MISMATCH', 'liability.json', ['rules', 0, 'conditions', 'value'], `fact "claimAmount" is of type money: the value ${SPACES_QUOTED} must be a money string such as "100000.00"`],
    ]);
    expect(r.ms).toBeLessThan(10_000);
  });

  test('the hints an amount as people write it gets are unchanged', () => {
    const sign = 'with no currency sign or code (settings.currency in manifest.json names the currency)';
    expect(moneyHint('¥ 100.00')).toBe(sign);
    expect(moneyHint('100.00 元')).toBe(sign);
    expect(moneyHint(' CNY100.00 ')).toBe(sign);
    expect(moneyHint('$1,000.00$')).toBe(sign);
    expect(moneyHint('¥')).toBe('');
    expect(moneyHint('¥¥')).toBe('');
    expect(moneyHint('100,000.00')).toBe('with no thousands separators (100000.00, not 100,000.00)');
    expect(moneyHint('99,50')).toBe('with a decimal point, not a comma');
    expect(moneyHint('1.005')).toBe('with at most two decimals (fen)');
    expect(moneyHint(100)).toBe('in quotes (a JSON number is not exact money)');
    // longer than any amount: no hint
    expect(moneyHint(`¥${'1'.repeat(40)}`)).toBe('');
  });
});

describe('"did you mean" is bounded per file (each missing name was compared with every known one, cell by cell)', () => {
  test('2,000 transitions "from" states not declared, near 100 long state ids: 20 s before; the first typo still gets its suggestion', () => {
    const files = packFiles();
    const lc = files['lifecycle.json'];
    const long = 'a'.repeat(96);
    for (let i = lc.states.length; i < 100; i++) lc.states.push({ id: `${long}${1000 + i}`, description: 'x' });
    const near = Array.from({ length: 100 }, (_, i) => `${long}z${100 + i}`);
    lc.transitions.unshift({ id: 'typo', description: 'x', clause: 'x', from: 'verifyng', event: 'start-verification', to: 'verifying' });
    for (let i = 0; i < 20; i++) lc.transitions.push({ id: `h${i}`, description: 'x', clause: 'x', from: near, event: 'start-verification', to: 'verifying' });
    const r = refused(files);
    expect(r.rows).toHaveLength(2_001);
    expect(r.rows[0]!.slice(0, 3)).toEqual(['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 0, 'from']]);
    expect(r.rows[0]![3]).toMatch(/^state "verifyng" is not declared; did you mean "verifying"\? \(known: received, verifying, /);
    expect(r.rows[2_000]!.slice(0, 3)).toEqual(['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 39, 'from', 99]]);
    expect(r.rows[2_000]![3]).toMatch(new RegExp(`^state "${long}z199" is not declared \\(known: received, `));
    expect(r.ms).toBeLessThan(8_000);
  });

  test('4,000 references to named conditions not declared, near 1,000 long names: over 100 s before', () => {
    const files = packFiles();
    const l = files['liability.json'];
    const long = 'a'.repeat(96);
    for (let i = l.conditions ? Object.keys(l.conditions).length : 0; i < 1_000; i++) (l.conditions ??= {})[`${long}${1000 + i}`] = { fact: 'soldOnline', operator: 'equal', value: true };
    l.rules[0].conditions = { any: Array.from({ length: 4_000 }, (_, i) => ({ condition: `${long}z${100 + (i % 900)}${String.fromCharCode(97 + Math.floor(i / 900))}` })) };
    const r = refused(files);
    const unknown = r.rows.filter(([code]) => code === 'UNKNOWN_REFERENCE');
    expect(unknown).toHaveLength(4_000);
    expect(unknown[3_999]!.slice(0, 3)).toEqual(['UNKNOWN_REFERENCE', 'liability.json', ['rules', 0, 'conditions', 'any', 3_999, 'condition']]);
    expect(r.ms).toBeLessThan(8_000);
  });

  test('closest still finds the one meant among long names', () => {
    const long = 'a'.repeat(96);
    expect(closest(`${long}123`, [`${long}1234`, `${long}9999`])).toBe(`${long}1234`);
    expect(closest(`${long}1243`, [`${long}1234`, `${long}9999`])).toBe(`${long}1234`);
    expect(closest(`${long}8`, [`${long}1234`, `${long}9999`])).toBeUndefined();
  });
});

describe('the budget of the search for valid parts does not stop valid conditions from being checked', () => {
  test('in a file with a schema problem, 60 valid rules with long lists (60,000 values) do not hide the unknown fact of the rule after them', () => {
    const files = packFiles();
    const rules = files['liability.json'].rules;
    const list = Array.from({ length: 1_000 }, (_, i) => 1_000 + i);
    for (let i = 0; i < 60; i++) rules.push({ ...rules[1], id: `big${i}`, priority: 500 + i, conditions: { fact: 'itemQuantity', operator: 'notIn', value: list } });
    rules.push({ ...rules[1], id: 'typo', priority: 499, conditions: { fact: 'natur', operator: 'equal', value: 'x' } });
    delete rules[0].clause;
    const r = refused(files);
    expect(r.rows.map((x) => x.slice(0, 3))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'clause']],
      ['UNKNOWN_FACT', 'liability.json', ['rules', rules.length - 1, 'conditions', 'fact']],
    ]);
    expect(r.rows[1]![3]).toMatch(/^unknown fact "natur"; did you mean "nature"\? \(known: /);
  });
});

describe('a condition that is not an object quotes a long text, it does not copy it', () => {
  test('"not" given a 400 KB text', () => {
    const files = packFiles();
    files['liability.json'].rules[0].conditions = { not: 'x'.repeat(400_000) };
    expect(refused(files).rows).toEqual([
      [
        'SCHEMA_VIOLATION',
        'liability.json',
        ['rules', 0, 'conditions', 'not'],
        `a condition is an object { … } with one of all / any / not / condition / fact, not "${'x'.repeat(59)}… (400002 characters)`,
      ],
    ]);
  });
});

describe('the missing-comma hint fires only where a value starts after the white space', () => {
  test.each<[string, string]>([
    ['[1 2]', 'line 1, column 4: "2" where "," or "]" was expected: a comma missing before it?'],
    ['{"a": 1\n  "b": 2}', 'line 2, column 3: \'"\' where "," or "}" was expected: a comma missing at the end of the line before?'],
    ['[1 -2]', 'line 1, column 4: "-" where "," or "]" was expected: a comma missing before it?'],
    ['[1 null]', 'line 1, column 4: "n" where "," or "]" was expected: a comma missing before it?'],
    // not a value: a stray character, not a missing comma
    ['[1 -]', 'line 1, column 4: "-" where "," or "]" was expected'],
    ['[1 n]', 'line 1, column 4: "n" where "," or "]" was expected'],
    ['{"a": 1 tru}', 'line 1, column 9: "t" where "," or "}" was expected'],
  ])('%j', (text, message) => {
    const r = safeLoadPolicy({ files: { ...packFiles(), 'approval.json': text } });
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([['JSON_SYNTAX', 'approval.json', [], `not valid JSON: ${message}`]]);
  });
});

describe('"did you mean" and TRANSITION_CYCLE say nothing they should not', () => {
  test('an unknown key is not offered a key the object already has (renaming it would repeat that key): that key is said to be given', () => {
    const files = packFiles();
    files['liability.json'].rules[0].conditions = { fact: 'soldOnline', operator: 'equal', value: true, vlaue: 1 };
    expect(refused(files).rows).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'conditions', 'vlaue'], 'unknown key "vlaue"; "value" is already given here (keys here: fact, operator, value, path, params, priority, name)'],
    ]);
  });

  test('an automatic transition that stays in a terminal state: reported once, as leaving a terminal state (not also as a loop)', () => {
    const files = packFiles();
    files['lifecycle.json'].transitions.push({ id: 'stay-closed', description: 'x', clause: 'x', from: 'closed', always: true });
    expect(refused(files).rows).toEqual([
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['transitions', 19, 'always'], 'automatic transition "stay-closed" cannot leave terminal state "closed"'],
    ]);
  });
});
