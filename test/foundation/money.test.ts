import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dec, formatMoney, roundMoney, zMoney } from '../../src/index.js';
import { compareDecimals } from '../../src/money/money.js';

describe('money', () => {
  test.each([
    ['0.125', 'half-up', '0.13'],
    ['0.125', 'half-even', '0.12'],
    ['0.135', 'half-even', '0.14'],
    ['-0.001', 'half-up', '0.00'],
    ['999999999999.995', 'half-up', '1000000000000.00'],
    ['999999999999.995', 'half-even', '1000000000000.00'],
    ['999999999999.985', 'half-even', '999999999999.98'],
  ] as const)('formatMoney(%s, %s) = %s', (v, mode, out) => {
    expect(formatMoney(dec(v), mode)).toBe(out);
  });

  test('amounts up to 10^12 yuan are exact: 0.1 + 0.2 and large products', () => {
    expect(formatMoney(dec('0.1').plus(dec('0.2')))).toBe('0.30');
    expect(dec('1000000000000.00').times(dec('0.20')).toFixed(2)).toBe('200000000000.00');
    expect(dec('999999999999.99').plus('0.01').toFixed(2)).toBe('1000000000000.00');
    expect(roundMoney(dec('2').div(3)).toFixed(2)).toBe('0.67');
  });

  test('dec refuses binary floats', () => {
    expect(() => dec(0.1)).toThrow(/non-integer number/);
    expect(dec(3).toFixed(2)).toBe('3.00');
  });

  test.each([
    ['299.00', true],
    ['0', true],
    ['0.5', true],
    ['299.001', false],
    ['-1.00', false],
    ['1e3', false],
    ['01.00', false],
    [' 1.00', false],
    [299, false],
  ])('zMoney accepts %j: %s', (v, ok) => {
    expect(zMoney.safeParse(v).success).toBe(ok);
  });

  test('a JSON number for money gets a message saying so', () => {
    const r = zMoney.safeParse(299);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('money must be a decimal string such as "299.00", not the JSON number 299');
  });

  test.each([
    ['0', '-0', 0],
    ['0', '0.00', 0],
    ['-0', '0.01', -1],
    ['0', '-0.01', 1],
    ['10.5', '10.50', 0],
    ['10.5', '10.49', 1],
    ['-10.5', '-10.49', -1],
    ['-1', '0.01', -1],
    ['100', '99.99', 1],
    ['-100', '-99.99', -1],
    ['0.001', '0.0001', 1],
    ['999999999999999.99', '1000000000000000', -1],
    ['123.45', '123.4', 1],
    ['-123.45', '-123.4', -1],
  ] as const)('compareDecimals(%s, %s) = %i, as big.js cmp', (a, b, want) => {
    expect(compareDecimals(dec(a), dec(b))).toBe(want);
    expect(compareDecimals(dec(a), dec(b))).toBe(dec(a).cmp(dec(b)));
    expect(compareDecimals(dec(b), dec(a))).toBe(-want || 0);
  });

  test('compareDecimals = big.js cmp on random decimals (signs, zeros, exponents, trailing digits)', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-'), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
      .map(([sign, digits, scale]) => {
        const t = digits.toString().padStart(scale + 1, '0');
        return `${sign}${scale ? `${t.slice(0, -scale)}.${t.slice(-scale)}` : t}`;
      });
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimals(dec(a), dec(b))).toBe(dec(a).cmp(dec(b)));
      }),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(decimal, (a) => compareDecimals(dec(a), dec(`${a}${a.includes('.') ? '' : '.'}00`)) === 0));
  });
});
