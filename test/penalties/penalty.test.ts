import { describe, expect, test } from 'vitest';
import { InputError, loadPolicy, penaltyFor, PolicyError, safeLoadPolicy, type PolicyIssue } from '../../src/index.js';
import { packFiles } from '../packs.js';
import { thrown } from '../helpers.js';

const policy = loadPolicy('manufacturer');


/** Loads the manufacturer pack with penalties.json changed by `edit`; returns the issues (empty when valid). */
function issuesWith(edit: (doc: any) => void): PolicyIssue[] {
  const files = packFiles('manufacturer');
  edit(files['penalties.json']);
  const r = safeLoadPolicy({ files });
  return r.success ? [] : [...r.error.issues];
}

describe('penalty bands at every boundary (seed 003 art.3 行政处罚准则 三): x.00 stays in the lower band, x.01 starts the next', () => {
  test.each([
    ['0.00', 'self-criticism', 'self-criticism', 1],
    ['0.01', 'self-criticism', 'self-criticism', 1],
    ['9999.99', 'self-criticism', 'self-criticism', 1],
    ['10000.00', 'self-criticism', 'self-criticism', 1],
    ['10000.01', 'reprimand-1', 'reprimand', 1],
    ['49999.99', 'reprimand-1', 'reprimand', 1],
    ['50000.00', 'reprimand-1', 'reprimand', 1],
    ['50000.01', 'reprimand-2', 'reprimand', 2],
    ['99999.99', 'reprimand-2', 'reprimand', 2],
    ['100000.00', 'reprimand-2', 'reprimand', 2],
    ['100000.01', 'minor-demerit-1', 'minor-demerit', 1],
    ['199999.99', 'minor-demerit-1', 'minor-demerit', 1],
    ['200000.00', 'minor-demerit-1', 'minor-demerit', 1],
    ['200000.01', 'minor-demerit-2', 'minor-demerit', 2],
    ['399999.99', 'minor-demerit-2', 'minor-demerit', 2],
    ['400000.00', 'minor-demerit-2', 'minor-demerit', 2],
    ['400000.01', 'major-demerit-1', 'major-demerit', 1],
    ['999999.99', 'major-demerit-1', 'major-demerit', 1],
    ['1000000.00', 'major-demerit-1', 'major-demerit', 1],
    ['1000000.01', 'major-demerit-2-or-more', 'major-demerit', 2],
    ['999999999999.99', 'major-demerit-2-or-more', 'major-demerit', 2],
    ['1000000000000.00', 'major-demerit-2-or-more', 'major-demerit', 2],
  ] as const)('%s → band %s: %s ×%i', (amount, band, type, count) => {
    const p = penaltyFor(policy, { amount });
    expect(p.band).toBe(band);
    expect(p.sanction).toEqual({ type, count });
    expect(p.amount).toBe(amount);
    expect(p.orMore).toBe(band === 'major-demerit-2-or-more');
  });

  test.each([
    ['10000.00', { jointPenalty: false }],
    ['100000.00', { jointPenalty: false }],
    ['100000.01', { jointPenalty: true, levelsLower: 1, band: 'reprimand-2', sanction: { type: 'reprimand', count: 2 } }],
    ['200000.01', { jointPenalty: true, levelsLower: 1, band: 'minor-demerit-1', sanction: { type: 'minor-demerit', count: 1 } }],
    ['400000.01', { jointPenalty: true, levelsLower: 1, band: 'minor-demerit-2', sanction: { type: 'minor-demerit', count: 2 } }],
    ['1000000.01', { jointPenalty: true, levelsLower: 1, band: 'major-demerit-1', sanction: { type: 'major-demerit', count: 1 } }],
  ] as const)('supervisor at %s: %o (主管连带处分,以降一级为原则)', (amount, supervisor) => {
    expect(penaltyFor(policy, { amount }).supervisor).toEqual(supervisor);
  });
});

describe('fines (行政处罚准则 三, 五)', () => {
  const full = { basePoints: '3', monthlyBonus: '6000.00' };
  test.each([
    ['5000.00', 'fine-self-criticism', '200.00', false, '200.00 deducted'],
    ['20000.00', 'fine-reprimand', '400.00', true, 'at least 400.00 per reprimand: 400.00 × 1 = 400.00'],
    ['60000.00', 'fine-reprimand', '800.00', true, 'at least 400.00 per reprimand: 400.00 × 2 = 800.00'],
    ['150000.00', 'fine-minor-demerit', '2400.00', true, 'at least 800.00 per base point per minor demerit: 800.00 × 3 base points × 1 = 2400.00'],
    ['300000.00', 'fine-minor-demerit', '4800.00', true, 'at least 800.00 per base point per minor demerit: 800.00 × 3 base points × 2 = 4800.00'],
    ['500000.00', 'fine-major-demerit', '6000.00', false, "the whole month's efficiency bonus: 100% × 6000.00 = 6000.00"],
    ['2000000.00', 'fine-major-demerit', '6000.00', false, "the whole month's efficiency bonus: 100% × 6000.00 = 6000.00"],
  ] as const)('amount %s → %s %s', (amount, id, fine, atLeast, rule) => {
    expect(penaltyFor(policy, { amount, ...full }).fine).toEqual({ id, rule, amount: fine, atLeast });
  });

  test('a fine that needs base points or the monthly bonus reports the rule and which input is missing', () => {
    expect(penaltyFor(policy, { amount: '150000.00' }).fine).toEqual({
      id: 'fine-minor-demerit',
      rule: 'at least 800.00 per base point per minor demerit: needs the person\'s base points',
      amount: null,
      atLeast: true,
      missing: ['basePoints'],
    });
    expect(penaltyFor(policy, { amount: '500000.00', basePoints: 3 }).fine).toEqual({
      id: 'fine-major-demerit',
      rule: "the whole month's efficiency bonus: needs the person's monthly efficiency bonus",
      amount: null,
      atLeast: false,
      missing: ['monthlyBonus'],
    });
  });

  test('fractional base points are exact and rounded once', () => {
    expect(penaltyFor(policy, { amount: '150000.00', basePoints: '2.5' }).fine.amount).toBe('2000.00');
    expect(penaltyFor(policy, { amount: '150000.00', basePoints: '1.234567' }).fine.amount).toBe('987.65'); // 987.6536
    expect(penaltyFor(policy, { amount: '150000.00', basePoints: 1.5 }).fine.amount).toBe('1200.00');
  });

  test('the trace names the band, the supervisor rule and the fine rule with their clauses', () => {
    expect(penaltyFor(policy, { amount: '100000.01', basePoints: '3' }).trace).toEqual([
      { step: 'band', id: 'minor-demerit-1', clause: 'seed 003 art.3 行政处罚准则 (三)', detail: 'liability amount 100000.01 is over 100000.00 up to 200000.00: minor demerit ×1' },
      {
        step: 'supervisor',
        id: 'minor-demerit-1',
        clause: 'seed 003 art.3 行政处罚准则 (三)',
        detail: 'supervisor jointly penalised, normally one level lower: reprimand ×2 (band reprimand-2)',
      },
      {
        step: 'fine',
        id: 'fine-minor-demerit',
        clause: 'seed 003 art.3 行政处罚准则 (五)2',
        detail: 'at least 800.00 per base point per minor demerit: 800.00 × 3 base points × 1 = 2400.00 (小过一次,以每基数罚扣800元以上)',
      },
    ]);
  });
});

describe('penalty input errors', () => {
  test.each([
    [{ amount: 10000 }, ['amount'], 'money must be a decimal string such as "299.00", not the JSON number 10000'],
    [{ amount: '10000.001' }, ['amount'], 'money must be a decimal string with at most two decimals, such as "299.00" (got "10000.001")'],
    [{ amount: '-1.00' }, ['amount'], 'money cannot be negative: amounts are written without a sign, such as "299.00" (got "-1.00")'],
    [{}, ['amount'], 'required'],
    [{ amount: '1.00', basePoints: 'three' }, ['basePoints'], 'must be a non-negative decimal with at most 6 decimals, such as "2.5" (got "three")'],
    [{ amount: '1.00', basePoints: -2 }, ['basePoints'], 'must be a non-negative decimal with at most 6 decimals, such as 2.5 (got -2)'],
    [{ amount: '1.00', monthlyBonus: 6000 }, ['monthlyBonus'], 'money must be a decimal string such as "299.00", not the JSON number 6000'],
    [{ amount: '1.00', bonus: '1.00' }, ['bonus'], 'unknown key "bonus"'],
  ])('%o → INVALID_INPUT at %o', (input, path, message) => {
    const e = thrown(() => penaltyFor(policy, input));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path, message }]);
  });

  test('a pack without PenaltyBands → KIND_MISSING', () => {
    const e = thrown(() => penaltyFor(loadPolicy('ecommerce'), { amount: '1.00' }));
    expect(e.code).toBe('KIND_MISSING');
    expect(e.issues[0]!.message).toBe('pack "ecommerce" has no PenaltyBands file, which penaltyFor() needs');
  });
});

describe('PenaltyBands validation names the bands', () => {
  test('the bundled table is valid', () => {
    expect(issuesWith(() => {})).toEqual([]);
  });

  test('a gap (the seed\'s whole-yuan 10001) → BAND_GAP naming both bands', () => {
    const issues = issuesWith((d) => (d.bands[1].over = '10001.00'));
    expect(issues).toEqual([
      {
        code: 'BAND_GAP',
        file: 'penalties.json',
        path: ['bands', 1, 'over'],
        message: 'gap between band "self-criticism" (up to 10000.00) and band "reprimand-1" (over 10001.00): amounts above 10000.00 up to 10001.00 fall in no band',
      },
    ]);
  });

  test('an overlap → BAND_OVERLAP naming both bands', () => {
    const issues = issuesWith((d) => (d.bands[2].over = '49999.99'));
    expect(issues).toEqual([
      { code: 'BAND_OVERLAP', file: 'penalties.json', path: ['bands', 2, 'over'], message: 'band "reprimand-1" (up to 50000.00) overlaps band "reprimand-2" (over 49999.99)' },
    ]);
  });

  test('an empty band → BAND_UNREACHABLE; a band after the unbounded one → BAND_UNREACHABLE', () => {
    expect(issuesWith((d) => (d.bands[3].upTo = '100000.00')).map((i) => [i.code, i.path])).toEqual([
      ['BAND_UNREACHABLE', ['bands', 3]],
      ['BAND_GAP', ['bands', 4, 'over']],
    ]);
    const after = issuesWith((d) => d.bands.push({ ...structuredClone(d.bands[6]), id: 'major-demerit-3', over: '2000000.00', sanction: { type: 'major-demerit', count: 3 } }));
    expect(after.map((i) => i.code)).toContain('BAND_UNREACHABLE');
    expect(after.find((i) => i.code === 'BAND_UNREACHABLE')!.message).toBe('band "major-demerit-3" follows the unbounded band "major-demerit-2-or-more" and can never be selected');
  });

  test('a repeated band id → DUPLICATE_ID', () => {
    expect(issuesWith((d) => (d.bands[2].id = 'reprimand-1'))).toEqual([
      { code: 'DUPLICATE_ID', file: 'penalties.json', path: ['bands', 2, 'id'], message: 'band id "reprimand-1" is already used by band 1' },
    ]);
  });

  test('a lighter sanction above a heavier one → BAND_NOT_MONOTONIC', () => {
    expect(issuesWith((d) => (d.bands[2].sanction = { type: 'self-criticism', count: 1 }))).toEqual([
      {
        code: 'BAND_NOT_MONOTONIC',
        file: 'penalties.json',
        path: ['bands', 2, 'sanction'],
        message: 'band "reprimand-2" (written self-criticism) is lighter than the band below it, "reprimand-1" (reprimand ×1)',
      },
    ]);
  });

  test('a sanction without a fine rule → UNKNOWN_REFERENCE; two fine rules for one sanction → DUPLICATE_ID', () => {
    expect(issuesWith((d) => d.fines.splice(2, 1))).toEqual([
      { code: 'UNKNOWN_REFERENCE', file: 'penalties.json', path: ['bands', 3, 'sanction', 'type'], message: 'band "minor-demerit-1": no fine rule converts minor-demerit' },
    ]);
    expect(issuesWith((d) => d.fines.push({ ...structuredClone(d.fines[0]), id: 'fine-self-criticism-2' }))).toEqual([
      { code: 'DUPLICATE_ID', file: 'penalties.json', path: ['fines', 4, 'sanction'], message: 'fine rules "fine-self-criticism" and "fine-self-criticism-2" both convert self-criticism' },
    ]);
  });

  test('supervisor rules must be applicable', () => {
    expect(issuesWith((d) => delete d.bands[3].supervisor.levelsLower)).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'penalties.json', path: ['bands', 3, 'supervisor', 'levelsLower'], message: 'band "minor-demerit-1": a joint penalty needs "levelsLower" (1 = one level lower)' },
    ]);
    expect(issuesWith((d) => (d.bands[0].supervisor = { jointPenalty: true, levelsLower: 1 }))).toEqual([
      {
        code: 'UNKNOWN_REFERENCE',
        file: 'penalties.json',
        path: ['bands', 0, 'supervisor', 'levelsLower'],
        message: 'band "self-criticism": there is no band 1 level(s) lower to take the supervisor\'s sanction from',
      },
    ]);
    expect(issuesWith((d) => (d.bands[0].supervisor = { jointPenalty: false, levelsLower: 1 }))[0]!.code).toBe('SCHEMA_VIOLATION');
  });

  test('money in a band table must be a decimal string', () => {
    expect(issuesWith((d) => (d.bands[0].upTo = 10000))).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        file: 'penalties.json',
        path: ['bands', 0, 'upTo'],
        message: 'money must be a decimal string such as "299.00", not the JSON number 10000',
      },
    ]);
  });
});

describe('a prototype-polluting key comes with the input\'s other problems', () => {
  test('penaltyFor: FORBIDDEN_KEY and the bad amount together', () => {
    const e = thrown(() => penaltyFor(policy, JSON.parse('{"__proto__": {"x": 1}, "amount": "12.345", "basePoints": -1}')));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).issues.map((i: PolicyIssue) => [i.code, i.path])).toEqual([
      ['FORBIDDEN_KEY', ['__proto__']],
      ['INVALID_INPUT', ['amount']],
      ['INVALID_INPUT', ['basePoints']],
    ]);
  });
});
