import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocate, dec, InputError, PolicyError, splitAmount } from '../../src/index.js';
import { thrown } from '../helpers.js';


const amounts = (r: ReturnType<typeof allocate>) => r.allocations.map((a) => [a.id, a.amount]);

describe('allocate: liability ratios, exact to the fen (seed 003 art.3 行政处罚准则 二)', () => {
  test('three equal shares of 100.00: the odd fen goes to the smallest id, whatever the order', () => {
    expect(amounts(allocate({ amount: '100.00', shares: [{ id: 'b', ratio: 1 }, { id: 'a', ratio: 1 }, { id: 'c', ratio: 1 }] }))).toEqual([
      ['b', '33.33'],
      ['a', '33.34'],
      ['c', '33.33'],
    ]);
  });

  test('2 : 1 of 100.00 → 66.67 / 33.33 (largest remainder)', () => {
    expect(amounts(allocate({ amount: '100.00', shares: [{ id: 'team-a', ratio: '2' }, { id: 'team-b', ratio: '1' }] }))).toEqual([
      ['team-a', '66.67'],
      ['team-b', '33.33'],
    ]);
  });

  test.each([
    [[60, 40]],
    [['0.6', '0.4']],
    [['0.60', '0.40']],
    [[3, 2]],
  ])('ratios are relative weights: %o all split 1234.57 as 740.74 / 493.83', (ratios) => {
    const r = allocate({ amount: '1234.57', shares: [{ id: 'smt-2', ratio: ratios[0]! }, { id: 'qa', ratio: ratios[1]! }] });
    expect(amounts(r)).toEqual([
      ['smt-2', '740.74'],
      ['qa', '493.83'],
    ]);
  });

  test('a zero ratio gets 0.00; a single share gets everything; 0.01 among three goes to the smallest id', () => {
    expect(amounts(allocate({ amount: '10.00', shares: [{ id: 'x', ratio: 0 }, { id: 'y', ratio: 1 }] }))).toEqual([
      ['x', '0.00'],
      ['y', '10.00'],
    ]);
    expect(amounts(allocate({ amount: '0.01', shares: [{ id: 'z', ratio: 1 }, { id: 'm', ratio: 1 }, { id: 'n', ratio: 1 }] }))).toEqual([
      ['z', '0.00'],
      ['m', '0.01'],
      ['n', '0.00'],
    ]);
  });

  test('10¹² yuan split three ways stays exact', () => {
    expect(amounts(allocate({ amount: '1000000000000.00', shares: [{ id: 'a', ratio: 1 }, { id: 'b', ratio: 1 }, { id: 'c', ratio: 1 }] }))).toEqual([
      ['a', '333333333333.34'],
      ['b', '333333333333.33'],
      ['c', '333333333333.33'],
    ]);
  });

  test('the trace shows each exact quota and which share got a remainder fen', () => {
    expect(allocate({ amount: '100.00', shares: [{ id: 'a', ratio: 1 }, { id: 'b', ratio: 2 }] }).trace).toEqual([
      { step: 'allocation', id: 'a', clause: 'seed 003 art.3 行政处罚准则 (二)', detail: '100.00 × 1/3 → 33.33' },
      { step: 'allocation', id: 'b', clause: 'seed 003 art.3 行政处罚准则 (二)', detail: '100.00 × 2/3 → 66.67 (includes one remainder fen: largest remainder, ties to the smaller id)' },
    ]);
  });

  test('splitAmount rounds an exact amount once in the given mode before splitting', () => {
    const w = [{ id: 'a', weight: dec(1) }];
    expect(splitAmount(dec('0.125'), w, 'half-up')[0]!.amount.toFixed(2)).toBe('0.13');
    expect(splitAmount(dec('0.125'), w, 'half-even')[0]!.amount.toFixed(2)).toBe('0.12');
  });

  test('splitAmount splits a negative amount (a credit) as its magnitude, every share negated: the shares sum to it exactly', () => {
    const split = (amount: string, ws: Array<[string, number]>) =>
      splitAmount(dec(amount), ws.map(([id, weight]) => ({ id, weight: dec(weight) }))).map((s) => [s.id, s.amount.toFixed(2), s.remainderFen]);
    expect(split('-1.00', [['a', 1], ['b', 2]])).toEqual([['a', '-0.33', false], ['b', '-0.67', true]]);
    expect(split('1.00', [['a', 1], ['b', 2]])).toEqual([['a', '0.33', false], ['b', '0.67', true]]);
    expect(split('-100.00', [['c', 1], ['b', 1], ['a', 1]])).toEqual([['c', '-33.33', false], ['b', '-33.33', false], ['a', '-33.34', true]]);
    expect(split('-0.01', [['a', 1], ['b', 1]])).toEqual([['a', '-0.01', true], ['b', '0.00', false]]);
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), (f, weights) => {
        const ws = weights.map((w, i) => ({ id: `u${i}`, weight: dec(w) }));
        const amount = dec(f.toString()).div(100);
        const minus = splitAmount(amount.neg(), ws);
        expect(minus.reduce((a, s) => a.plus(s.amount), dec(0)).eq(amount.neg())).toBe(true);
        expect(minus.map((s) => s.amount.neg().toFixed(2))).toEqual(splitAmount(amount, ws).map((s) => s.amount.toFixed(2)));
      }),
      { numRuns: 300 },
    );
  });

  test('splitAmount takes a long list of weights (it has no limit of its own): 500,000 weights, no stack overflow', () => {
    // the scale of the weights was Math.max(0, ...decimals): 500,000 arguments overflowed the call stack (RangeError)
    const ws = Array.from({ length: 500_000 }, (_, i) => ({ id: `p${String(i).padStart(6, '0')}`, weight: dec(i === 0 ? '0.5' : 1) }));
    const r = splitAmount(dec('1000.00'), ws);
    expect(r).toHaveLength(500_000);
    // 100,000 fen over 499,999.5 weight units: the quotas are below one fen, the fen go to the largest remainders
    expect(r.reduce((a, s) => a + BigInt(s.amount.times(100).toFixed(0)), 0n)).toBe(100_000n);
    expect(r[0]!.quota).toBe('1000.00 × 5/4999995');
    expect(r.filter((s) => s.remainderFen).length).toBe(100_000);
  }, 30_000);

  test.each([
    [{ amount: 100, shares: [{ id: 'a', ratio: 1 }] }, ['amount'], 'money must be a decimal string such as "299.00", not the JSON number 100'],
    [{ amount: '100.00', shares: [] }, ['shares'], 'Too small: expected array to have >=1 items'],
    [{ amount: '100.00', shares: [{ id: 'a', ratio: 1 }, { id: 'a', ratio: 2 }] }, ['shares', 1, 'id'], 'share id "a" is already used by share 0'],
    [{ amount: '100.00', shares: [{ id: 'a', ratio: 0 }, { id: 'b', ratio: '0.0' }] }, ['shares'], 'every ratio is zero: nobody can bear the amount'],
    [{ amount: '100.00', shares: [{ id: 'a', ratio: '-1' }] }, ['shares', 0, 'ratio'], 'must be a non-negative decimal with at most 6 decimals, such as "2.5" (got "-1")'],
    [{ amount: '100.00', shares: [{ id: 'a', ratio: '0.1234567' }] }, ['shares', 0, 'ratio'], 'must be a non-negative decimal with at most 6 decimals, such as "2.5" (got "0.1234567")'],
    [{ amount: '100.00', shares: [{ id: 'a', ratio: 1, share: 2 }] }, ['shares', 0, 'share'], 'unknown key "share"'],
  ])('%o → INVALID_INPUT at %o', (input, path, message) => {
    const e = thrown(() => allocate(input));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path, message }]);
  });

  test('every problem at once: a bad amount and a bad share hide no repeated id, and nothing is reported twice', () => {
    const e = thrown(() =>
      allocate({
        amount: '1.001',
        shares: [
          { id: 'a', ratio: 1 },
          { id: 'a', ratio: 2 },
          { id: '', ratio: 1 },
          { id: 'b', ratio: '-1', note: 'x' },
          { id: 'b', ratio: 1 },
          { id: 7, ratio: 1 },
        ],
        extra: true,
      }),
    );
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues.map((i) => [i.code, i.file, i.path])).toEqual([
      ['INVALID_INPUT', '<input>', ['amount']],
      ['INVALID_INPUT', '<input>', ['shares', 2, 'id']],
      ['INVALID_INPUT', '<input>', ['shares', 3, 'ratio']],
      ['INVALID_INPUT', '<input>', ['shares', 3, 'note']],
      ['INVALID_INPUT', '<input>', ['shares', 5, 'id']],
      ['INVALID_INPUT', '<input>', ['extra']],
      ['INVALID_INPUT', '<input>', ['shares', 1, 'id']],
      ['INVALID_INPUT', '<input>', ['shares', 4, 'id']],
    ]);
    expect(e.issues.slice(-2).map((i) => i.message)).toEqual(['share id "a" is already used by share 0', 'share id "b" is already used by share 3']);
  });

  test('every ratio zero is reported with the other problems, but only when every ratio is a valid one', () => {
    const zero = thrown(() => allocate({ amount: 5, shares: [{ id: 'a', ratio: 0 }, { id: 'a', ratio: '0.0' }] }));
    expect(zero.issues.map((i) => [i.path, i.message])).toEqual([
      [['amount'], 'money must be a decimal string such as "299.00", not the JSON number 5'],
      [['shares', 1, 'id'], 'share id "a" is already used by share 0'],
      [['shares'], 'every ratio is zero: nobody can bear the amount'],
    ]);
    // a refused ratio may be meant positive: no claim that every ratio is zero
    const bad = thrown(() => allocate({ amount: '5.00', shares: [{ id: 'a', ratio: 0 }, { id: 'b', ratio: 'x' }] }));
    expect(bad.issues.map((i) => i.path)).toEqual([['shares', 1, 'ratio']]);
  });
});

describe('allocate properties', () => {
  const arbAmount = fc.bigInt({ min: 0n, max: 10n ** 14n }).map((f) => dec(f.toString()).div(100).toFixed(2));
  const arbRatio = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 10_000_000 }).map((n) => dec(n).div(1_000_000).toFixed()),
  );
  const arbShares = fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,8}$/), arbRatio), { minLength: 1, maxLength: 12, selector: ([id]) => id })
    .filter((xs) => xs.some(([, r]) => !dec(String(r)).eq(0)))
    .map((xs) => xs.map(([id, ratio]) => ({ id, ratio })));
  const fen = (s: string) => BigInt(dec(s).times(100).toFixed(0));

  test('the allocations sum exactly to the amount, and each is its exact quota rounded down or up by one fen', () => {
    fc.assert(
      fc.property(arbAmount, arbShares, (amount, shares) => {
        const r = allocate({ amount, shares });
        const got = r.allocations.map((a) => fen(a.amount));
        expect(got.reduce((a, b) => a + b, 0n)).toBe(fen(amount));
        const scale = 10n ** 6n;
        const w = shares.map((s) => BigInt(dec(String(s.ratio)).times(scale.toString()).toFixed(0)));
        const W = w.reduce((a, b) => a + b, 0n);
        got.forEach((g, i) => {
          const floor = (fen(amount) * w[i]!) / W;
          expect(g === floor || g === floor + 1n).toBe(true);
          if (w[i] === 0n) expect(g).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  test('results never depend on the order of the shares', () => {
    fc.assert(
      fc.property(
        arbAmount,
        arbShares.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))),
        (amount, [shares, shuffled]) => {
          const byId = (xs: typeof shares) => Object.fromEntries(allocate({ amount, shares: xs }).allocations.map((a) => [a.id, a.amount]));
          expect(byId(shuffled)).toEqual(byId(shares));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a larger ratio never gets less', () => {
    fc.assert(
      fc.property(arbAmount, arbShares, (amount, shares) => {
        const r = allocate({ amount, shares });
        for (let i = 0; i < shares.length; i++) {
          for (let j = 0; j < shares.length; j++) {
            if (dec(String(shares[i]!.ratio)).gt(dec(String(shares[j]!.ratio)))) expect(fen(r.allocations[i]!.amount) >= fen(r.allocations[j]!.amount)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
