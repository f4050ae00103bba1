import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { attributeLiability, dec, economicDeduction, InputError, loadPolicy, PolicyError, safeLoadPolicy } from '../../src/index.js';
import { packFiles } from '../packs.js';
import { thrown } from '../helpers.js';

const policy = loadPolicy('manufacturer');


const base = { unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11' };

describe('economic deduction (seed 003 art.3 经济处罚准则 三)', () => {
  test('share = unit loss ÷ unit base points × person base points; at most 50% of the monthly bonus a month', () => {
    const r = economicDeduction(policy, base);
    expect(r.total).toBe('6000.00');
    expect(r.monthlyCap).toBe('2000.00');
    expect(r.schedule).toEqual([
      { month: '2026-11', amount: '2000.00' },
      { month: '2026-12', amount: '2000.00' },
      { month: '2027-01', amount: '2000.00' },
    ]);
    expect(r.trace.map((t) => [t.step, t.clause])).toEqual([
      ['share', 'seed 003 art.3 经济处罚准则 (三)3'],
      ['cap', 'seed 003 art.3 经济处罚准则 (三)4'],
      ['schedule', 'seed 003 art.3 经济处罚准则 (三)4'],
    ]);
  });

  test('under the cap: one month', () => {
    expect(economicDeduction(policy, { ...base, unitLoss: '5000.00' }).schedule).toEqual([{ month: '2026-11', amount: '1000.00' }]);
  });

  test('exactly the cap: one month; one fen more: a second month of 0.01', () => {
    expect(economicDeduction(policy, { ...base, unitLoss: '10000.00' }).schedule).toEqual([{ month: '2026-11', amount: '2000.00' }]);
    expect(economicDeduction(policy, { ...base, unitLoss: '10000.05' }).schedule).toEqual([
      { month: '2026-11', amount: '2000.00' },
      { month: '2026-12', amount: '0.01' },
    ]);
  });

  test('a repeating share is rounded once; a cap with a third decimal is rounded down so no month exceeds 50%', () => {
    const r = economicDeduction(policy, { unitLoss: '1000.00', unitBasePoints: 3, personBasePoints: 1, monthlyBonus: '333.33', startMonth: '2026-12' });
    expect(r.total).toBe('333.33');
    expect(r.monthlyCap).toBe('166.66'); // 166.665 rounded down
    expect(r.schedule).toEqual([
      { month: '2026-12', amount: '166.66' },
      { month: '2027-01', amount: '166.66' },
      { month: '2027-02', amount: '0.01' },
    ]);
  });

  test('nothing owed → an empty schedule', () => {
    expect(economicDeduction(policy, { ...base, unitLoss: '0.00' })).toMatchObject({ total: '0.00', schedule: [] });
    expect(economicDeduction(policy, { ...base, personBasePoints: '0' })).toMatchObject({ total: '0.00', schedule: [] });
  });

  test('amounts up to 10¹² yuan stay exact', () => {
    const r = economicDeduction(policy, { unitLoss: '1000000000000.00', unitBasePoints: '3', personBasePoints: '1', monthlyBonus: '999999999999.99', startMonth: '2026-01' });
    expect(r.total).toBe('333333333333.33');
    expect(r.monthlyCap).toBe('499999999999.99');
    expect(r.schedule).toEqual([{ month: '2026-01', amount: '333333333333.33' }]);
  });

  test('the pack rounding mode decides the one rounding of the share', () => {
    const files = packFiles('manufacturer');
    files['manifest.json'].settings.rounding = 'half-even';
    const even = loadPolicy({ files });
    const input = { unitLoss: '0.25', unitBasePoints: '2', personBasePoints: '1', monthlyBonus: '100.00', startMonth: '2026-11' };
    expect(economicDeduction(policy, input).total).toBe('0.13');
    expect(economicDeduction(even, input).total).toBe('0.12');
  });

  test.each([
    [{ ...base, unitBasePoints: '0' }, 'INVALID_INPUT', ['unitBasePoints'], "the unit's total base points must be above 0"],
    [{ ...base, personBasePoints: '10.5' }, 'INVALID_INPUT', ['personBasePoints'], "the person's base points 10.5 exceed the unit's total 10"],
    [{ ...base, monthlyBonus: '0.01' }, 'INVALID_INPUT', ['monthlyBonus'], 'the monthly cap (50% of 0.01) is 0.00, so 6000.00 could never be deducted'],
    [{ ...base, monthlyBonus: '2.00' }, 'SCHEDULE_TOO_LONG', ['monthlyBonus'], '6000.00 at 1.00 a month needs 6000 monthly instalments; the limit is 1200'],
    [{ ...base, unitLoss: 30000 }, 'INVALID_INPUT', ['unitLoss'], 'money must be a decimal string such as "299.00", not the JSON number 30000'],
    [{ ...base, startMonth: '2026-13' }, 'INVALID_INPUT', ['startMonth'], 'must be a month YYYY-MM (years 1000–9999), such as "2026-04" (got "2026-13")'],
    [{ ...base, startMonth: '0999-12' }, 'INVALID_INPUT', ['startMonth'], 'must be a month YYYY-MM (years 1000–9999), such as "2026-04" (got "0999-12")'],
    // three instalments of 2000.00 from 9999-11 would need 10000-01, which no YYYY-MM can name
    [{ ...base, startMonth: '9999-11' }, 'INVALID_INPUT', ['startMonth'], '3 monthly instalment(s) from 9999-11 would run past 9999-12, the last month a schedule may name'],
  ])('%o → %s at %o', (input, code, path, message) => {
    const e = thrown(() => economicDeduction(policy, input));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([{ code, file: '<input>', path, message }]);
  });

  test('a schedule may end in 9999-12, the last month', () => {
    expect(economicDeduction(policy, { ...base, startMonth: '9999-10' }).schedule.map((s) => s.month)).toEqual(['9999-10', '9999-11', '9999-12']);
    expect(economicDeduction(policy, { ...base, startMonth: '1000-01' }).schedule.map((s) => s.month)).toEqual(['1000-01', '1000-02', '1000-03']);
  });

  test('an EconomicPenalty cap outside (0, 1] is refused when the pack loads', () => {
    const files = packFiles('manufacturer');
    files['deductions.json'].cap.rate = '1.5';
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues).toEqual([
        { code: 'SCHEMA_VIOLATION', file: 'deductions.json', path: ['cap', 'rate'], message: 'the monthly cap rate must be above 0 and at most 1, got 1.5' },
      ]);
    }
  });

  // ── properties ────────────────────────────────────────────────────────────
  const fen = (s: string) => BigInt(dec(s).times(100).toFixed(0));
  const arbMoney = fc.bigInt({ min: 0n, max: 10n ** 14n }).map((f) => dec(f.toString()).div(100).toFixed(2));
  const arbPoints = fc.integer({ min: 1, max: 10_000_000 }).map((n) => dec(n).div(100).toFixed()); // 0.01 … 100000
  const arbInput = fc
    .record({ unitLoss: arbMoney, unit: arbPoints, share: fc.integer({ min: 0, max: 1000 }), bonusPercent: fc.integer({ min: 1, max: 400 }), y: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ unitLoss, unit, share, bonusPercent, y, m }) => ({
      unitLoss,
      unitBasePoints: unit,
      personBasePoints: dec(unit).times(share).div(1000).round(2, 0).toFixed(),
      // a monthly bonus of 1–400% of the unit loss (at least 0.02, so the cap is at least 0.01): up to ~200 instalments
      monthlyBonus: dec(unitLoss).times(bonusPercent).div(100).round(2, 0).plus('0.02').toFixed(2),
      startMonth: `${y}-${String(m).padStart(2, '0')}`,
    }));

  test('property: the schedule sums exactly to the total, no month exceeds the cap, months are consecutive, and the total matches an integer oracle', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = economicDeduction(policy, input);
        const cap = fen(r.monthlyCap);
        // cap = floor(bonus × 50%) in fen
        expect(cap).toBe(fen(input.monthlyBonus) / 2n);
        const amounts = r.schedule.map((i) => fen(i.amount));
        expect(amounts.reduce((a, b) => a + b, 0n)).toBe(fen(r.total));
        for (const a of amounts) expect(a <= cap && a > 0n).toBe(true);
        amounts.slice(0, -1).forEach((a) => expect(a).toBe(cap));
        r.schedule.forEach((i, k) => {
          const total = Number(input.startMonth.slice(0, 4)) * 12 + Number(input.startMonth.slice(5)) - 1 + k;
          expect(i.month).toBe(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
        });
        // oracle: round-half-up(L × P / U) with points scaled to integers
        const L = fen(input.unitLoss);
        const P = BigInt(dec(input.personBasePoints).times(100).toFixed(0));
        const U = BigInt(dec(input.unitBasePoints).times(100).toFixed(0));
        expect(fen(r.total)).toBe((2n * L * P + U) / (2n * U));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the monthly cap is per person and month, all cases together (全月效率奖金50%为准): alreadyScheduled', () => {
  test('the reviewer\'s case: two cases in one month take 50% together, not 50% each', () => {
    const a = economicDeduction(policy, { ...base, unitLoss: '10000.00' }); // 2000.00, the whole cap of 2026-11
    expect(a.schedule).toEqual([{ month: '2026-11', amount: '2000.00' }]);
    const b = economicDeduction(policy, { ...base, unitLoss: '5000.00', alreadyScheduled: Object.fromEntries(a.schedule.map((i) => [i.month, i.amount])) });
    expect(b.total).toBe('1000.00');
    expect(b.schedule).toEqual([{ month: '2026-12', amount: '1000.00' }]);
    // without alreadyScheduled each case is capped alone, as before
    expect(economicDeduction(policy, { ...base, unitLoss: '5000.00' }).schedule).toEqual([{ month: '2026-11', amount: '1000.00' }]);
  });

  test('a case fills what is left of each month; full months are skipped; months before startMonth are ignored', () => {
    const r = economicDeduction(policy, {
      ...base,
      unitLoss: '15000.00', // 3000.00
      alreadyScheduled: { '2026-10': '2000.00', '2026-11': '2000.00', '2026-12': '2500.00', '2027-01': '1500.00', '2027-03': '1999.99' },
    });
    expect(r.total).toBe('3000.00');
    expect(r.monthlyCap).toBe('2000.00');
    expect(r.schedule).toEqual([
      { month: '2027-01', amount: '500.00' },
      { month: '2027-02', amount: '2000.00' },
      { month: '2027-03', amount: '0.01' },
      { month: '2027-04', amount: '499.99' },
    ]);
    expect(r.trace[2]!.detail).toBe(
      '4 monthly instalment(s) from 2027-01 to 2027-04; already scheduled by other cases: 2026-11 2000.00 (0.00 left), 2026-12 2500.00 (0.00 left), 2027-01 1500.00 (500.00 left), 2027-03 1999.99 (0.01 left)',
    );
  });

  test('a month partly used takes the rest of its cap; a zero entry changes nothing', () => {
    expect(economicDeduction(policy, { ...base, alreadyScheduled: { '2026-11': '0.00', '2026-12': '1234.56' } }).schedule).toEqual([
      { month: '2026-11', amount: '2000.00' },
      { month: '2026-12', amount: '765.44' },
      { month: '2027-01', amount: '2000.00' },
      { month: '2027-02', amount: '1234.56' },
    ]);
  });

  test('an empty record is the same as none', () => {
    expect(economicDeduction(policy, { ...base, alreadyScheduled: {} })).toEqual(economicDeduction(policy, base));
  });

  test.each([
    [{ '2026-13': '1.00' }, ['alreadyScheduled', '2026-13'], 'each key must be a month YYYY-MM (years 1000–9999), such as "2026-04" (got "2026-13")'],
    [{ '2026-12': 5 }, ['alreadyScheduled', '2026-12'], 'money must be a decimal string such as "299.00", not the JSON number 5'],
    [{ '2026-12': '-1.00' }, ['alreadyScheduled', '2026-12'], 'money cannot be negative: amounts are written without a sign, such as "299.00" (got "-1.00")'],
    [['2026-11'], ['alreadyScheduled'], 'Invalid input: expected record, received array'],
  ])('alreadyScheduled %o → INVALID_INPUT at %o', (already, path, message) => {
    const e = thrown(() => economicDeduction(policy, { ...base, alreadyScheduled: already }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path, message }]);
  });

  test('a schedule that skips full months counts its span against the limits', () => {
    let e = thrown(() => economicDeduction(policy, { ...base, monthlyBonus: '2.00', alreadyScheduled: { '2026-11': '1.00' } }));
    expect(e.issues).toEqual([
      {
        code: 'SCHEDULE_TOO_LONG',
        file: '<input>',
        path: ['monthlyBonus'],
        message: '6000.00 at 1.00 a month needs 6000 monthly instalment(s) over 6001 months (1 month(s) already at the cap are skipped); the limit is 1200 months',
      },
    ]);
    // 1200 instalments would fit; the month already full makes the span 1201: blamed on alreadyScheduled
    e = thrown(() => economicDeduction(policy, { ...base, unitLoss: '12000.00', monthlyBonus: '4.00', alreadyScheduled: { '2026-11': '2.00' } }));
    expect(e.issues).toEqual([
      {
        code: 'SCHEDULE_TOO_LONG',
        file: '<input>',
        path: ['alreadyScheduled'],
        message: '2400.00 at 2.00 a month needs 1200 monthly instalment(s) over 1201 months (1 month(s) already at the cap are skipped); the limit is 1200 months',
      },
    ]);
    // 3 instalments fit 9999-10 … 9999-12, but not when 9999-11 is already full
    e = thrown(() => economicDeduction(policy, { ...base, startMonth: '9999-10', alreadyScheduled: { '9999-11': '2000.00' } }));
    expect(e.issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['startMonth'], message: '3 monthly instalment(s) over 4 months from 9999-10 would run past 9999-12, the last month a schedule may name' },
    ]);
    // 1200 months exactly is allowed: 2398.00 at 2.00 a month with the first month full → 1199 instalments over 1200 months
    const r = economicDeduction(policy, { ...base, unitLoss: '11990.00', monthlyBonus: '4.00', alreadyScheduled: { '2026-11': '2.00' } });
    expect(r.schedule.length).toBe(1199);
    expect(r.schedule[0]).toEqual({ month: '2026-12', amount: '2.00' });
    expect(r.schedule.at(-1)).toEqual({ month: '2126-10', amount: '2.00' });
  });

  test('property: scheduling cases one after another never puts more than the cap in a month, and each case sums to its total', () => {
    const arbCase = fc.record({ loss: fc.integer({ min: 0, max: 500_000 }), start: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(arbCase, { minLength: 1, maxLength: 6 }), fc.integer({ min: 20_000, max: 1_000_000 }), (cases, bonusFen) => {
        const monthlyBonus = dec(bonusFen).div(100).toFixed(2);
        const capFen = BigInt(bonusFen) / 2n;
        const perMonth = new Map<string, bigint>();
        for (const c of cases) {
          const alreadyScheduled = Object.fromEntries([...perMonth].map(([m, f]) => [m, dec(f.toString()).div(100).toFixed(2)]));
          const r = economicDeduction(policy, {
            unitLoss: dec(c.loss).div(100).toFixed(2),
            unitBasePoints: '1',
            personBasePoints: '1',
            monthlyBonus,
            startMonth: `2026-${String(c.start + 1).padStart(2, '0')}`,
            alreadyScheduled,
          });
          expect(r.schedule.reduce((a, i) => a + BigInt(dec(i.amount).times(100).toFixed(0)), 0n)).toBe(BigInt(c.loss));
          for (const i of r.schedule) perMonth.set(i.month, (perMonth.get(i.month) ?? 0n) + BigInt(dec(i.amount).times(100).toFixed(0)));
        }
        for (const f of perMonth.values()) expect(f <= capFen).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('every problem of a deduction input at once', () => {
  test('a field the schema refuses does not hide unit base points 0', () => {
    const e = thrown(() => economicDeduction(policy, { ...base, unitBasePoints: '0', monthlyBonus: 4000, startMonth: '2026-13', extra: true }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
      ['INVALID_INPUT', ['monthlyBonus']],
      ['INVALID_INPUT', ['startMonth']],
      ['INVALID_INPUT', ['extra']],
      ['INVALID_INPUT', ['unitBasePoints']],
    ]);
    expect(e.issues[3]!.message).toBe("the unit's total base points must be above 0");
  });

  test('a bad month key does not hide person base points above the unit\'s', () => {
    const e = thrown(() => economicDeduction(policy, { ...base, personBasePoints: '11', alreadyScheduled: { '2026-1': '1.00' } }));
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
      ['INVALID_INPUT', ['alreadyScheduled', '2026-1']],
      ['INVALID_INPUT', ['personBasePoints']],
    ]);
  });

  test('an unknown key does not hide a schedule that is too long (every field it needs parsed)', () => {
    const e = thrown(() => economicDeduction(policy, { ...base, monthlyBonus: '2.00', note: 'x' }));
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
      ['INVALID_INPUT', ['note']],
      ['SCHEDULE_TOO_LONG', ['monthlyBonus']],
    ]);
  });

  test('a __proto__ key is reported with the semantic problems', () => {
    const input = JSON.parse(`{"__proto__": {"x": 1}, "unitLoss": "1.00", "unitBasePoints": "0", "personBasePoints": "0", "monthlyBonus": "1.00", "startMonth": "2026-11"}`);
    const e = thrown(() => economicDeduction(policy, input));
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
      ['FORBIDDEN_KEY', ['__proto__']],
      ['INVALID_INPUT', ['unitBasePoints']],
    ]);
  });

  test('a refused start month or months already scheduled do not hide a zero cap', () => {
    for (const extra of [{ startMonth: '2026-13' }, { alreadyScheduled: { x: '1.00' } }]) {
      const e = thrown(() => economicDeduction(policy, { ...base, monthlyBonus: '0.01', ...extra }));
      expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
        ['INVALID_INPUT', Object.keys(extra)[0] === 'startMonth' ? ['startMonth'] : ['alreadyScheduled', 'x']],
        ['INVALID_INPUT', ['monthlyBonus']],
      ]);
      expect(e.issues[1]!.message).toBe('the monthly cap (50% of 0.01) is 0.00, so 6000.00 could never be deducted');
    }
  });

  test('a refused start month does not hide a schedule too long even with no month skipped', () => {
    const e = thrown(() => economicDeduction(policy, { ...base, unitLoss: '99999999.00', startMonth: 'x' }));
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([
      ['INVALID_INPUT', ['startMonth']],
      ['SCHEDULE_TOO_LONG', ['monthlyBonus']],
    ]);
    expect(e.issues[1]!.message).toBe('19999999.80 at 2000.00 a month needs 10000 monthly instalments; the limit is 1200');
  });

  test('not an object: one schema problem', () => {
    const e = thrown(() => economicDeduction(policy, 'x'));
    expect(e.issues.map((i: { code: string; path: unknown }) => [i.code, i.path])).toEqual([['INVALID_INPUT', []]]);
  });
});

describe('attribution (经济处罚准则 一, 二)', () => {
  test.each([
    [{ department: 'manufacturing', team: 'smt-2', individual: 'e1024' }, 'team', 'smt-2', 'manufacturing-smallest-team'],
    [{ department: 'manufacturing', individual: 'e1024' }, 'department', 'manufacturing', 'manufacturing-smallest-team'],
    [{ department: 'sales', team: 'north', individual: 'e2048' }, 'individual', 'e2048', 'sales-individual'],
    [{ department: 'sales', team: 'north' }, 'department', 'sales', 'sales-individual'],
    [{ department: 'service', individual: 'e4096' }, 'individual', 'e4096', 'service-individual'],
    [{ department: 'warehouse', team: 'a', individual: 'e1' }, 'department', 'warehouse', 'department'],
  ] as const)('%o → %s %s (rule %s)', (input, level, target, ruleId) => {
    const a = attributeLiability(policy, input);
    expect(a).toMatchObject({ level, target, ruleId, department: input.department });
    expect(a.trace[0]!.id).toBe(ruleId);
  });

  test('an invalid department id → INVALID_INPUT at $.department', () => {
    const e = thrown(() => attributeLiability(policy, { department: 'Manufacturing Dept' }));
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['department']]]);
  });
});
