import { describe, expect, test } from 'vitest';
import { dec, formatMoney, roundMoney, zMoney } from '../../src/index.js';

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
});
