/**
 * Every hand-written fast path of `decide` against the slow reference it
 * replaced: instants (parse, print, UTC ISO), money in integer fen against
 * big.js, band selection, and the specialised comparison closures against
 * the operators' own `evaluate`.
 */
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileBands } from '../../src/bands/bands.js';
import { compileCondition, createCompileContext } from '../../src/conditions/compile.js';
import type { FactRegistry } from '../../src/conditions/facts.js';
import { BUILTIN_OPERATORS } from '../../src/conditions/operators.js';
import type { JsonValue } from '../../src/conditions/schema.js';
import { fenText, orderTotalFen, selectBandFen, toFen, preparePolicy } from '../../src/decision/prepared.js';
import { dec, formatMoney, sum } from '../../src/money/money.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { formatInstant, parseInstant, toIsoUtc } from '../../src/time/instant.js';
import { complaint, NOW, referenceInstantMs } from '../helpers.js';
import { packFiles } from '../packs.js';
import { isoReference } from '../iso-reference.js';

/** The implementation parseInstant had before, as a Date. */
function referenceParseInstant(text: string): Date | undefined {
  const t = referenceInstantMs(text);
  return t === undefined ? undefined : new Date(t);
}

const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
/** Instant-like text: mostly well formed, often with out-of-range fields, sometimes with a character changed. */
const arbInstantText = fc
  .record({
    y: fc.oneof(digits(4, 9999), fc.constantFrom('0000', '1900', '2000', '2024', '2026', '2100')),
    mo: fc.oneof(digits(2, 13), fc.constant('02')),
    d: fc.oneof(digits(2, 32), fc.constantFrom('28', '29', '30', '31')),
    h: digits(2, 25),
    mi: digits(2, 61),
    s: fc.option(digits(2, 61)),
    frac: fc.option(fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 0, maxLength: 10 })),
    zone: fc.oneof(fc.constantFrom('Z', '+08:00', '-05:30', 'z', '+0800', '+08', ''), fc.tuple(fc.constantFrom('+', '-'), digits(2, 25), digits(2, 61)).map(([s, h, m]) => `${s}${h}:${m}`)),
    typo: fc.option(fc.tuple(fc.nat(40), fc.constantFrom('x', ' ', '-', ':', 'T', '٣', '.'))),
  })
  .map(({ y, mo, d, h, mi, s, frac, zone, typo }) => {
    let t = `${y}-${mo}-${d}T${h}:${mi}${s !== null ? `:${s}${frac !== null ? `.${frac}` : ''}` : ''}${zone}`;
    if (typo) t = t.slice(0, typo[0] % (t.length + 1)) + typo[1] + t.slice((typo[0] % (t.length + 1)) + 1);
    return t;
  });

describe('instants', () => {
  test('parseInstant accepts and reads exactly what the regular expression + Date.parse version did', () => {
    fc.assert(
      fc.property(arbInstantText, (t) => {
        expect(parseInstant(t)?.getTime()).toBe(referenceParseInstant(t)?.getTime());
      }),
      { numRuns: 20_000, seed: 1 },
    );
  });

  test.each([
    ['2026-11-25T09:30:00+08:00', '2026-11-25T01:30:00.000Z'],
    ['2024-02-29T00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-01-01T00:00:00.1Z', '2026-01-01T00:00:00.100Z'],
    ['2026-01-01T00:00:00.123999999Z', '2026-01-01T00:00:00.123Z'],
    ['1969-12-31T23:59:59.9999Z', '1969-12-31T23:59:59.999Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999-23:59', '+010000-01-01T23:58:59.999Z'],
  ])('parseInstant(%s) → %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
    expect(referenceParseInstant(text)?.toISOString()).toBe(iso);
  });

  test.each(['2026-02-29T00:00Z', '2026-11-25T24:00Z', '2026-11-25T09:30:00', '2026-11-25T09:30:00.Z', '2026-11-25T09:30:00.1234567890Z', '2026-11-25T09:30+24:00', '2026-11-25t09:30Z', ''])(
    'parseInstant refuses %j',
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
      expect(referenceParseInstant(text)).toBeUndefined();
    },
  );

  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Monrovia', 'Pacific/Apia'];
  test('formatInstant prints exactly what date-fns formatISO(new TZDate(…)) prints, offset changes and historical offsets included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: Date.UTC(-50, 0, 1), max: Date.UTC(1200, 0, 1) })),
        (zone, ms) => {
          const d = new Date(ms - (ms % 1000));
          expect(formatInstant(d, zone)).toBe(formatISO(new TZDate(d.getTime(), zone)));
        },
      ),
      { numRuns: 20_000, seed: 2 },
    );
  });

  test('formatInstant with milliseconds: formatISO(new TZDate(…)) with `.mmm` after the seconds (none for a whole second), and the text reads back as the instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: Date.UTC(-50, 0, 1), max: Date.UTC(1200, 0, 1) })),
        fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constantFrom(0, 1, 10, 100, 999)),
        fc.boolean(),
        (zone, whole, millis, again) => {
          const ms = whole - (whole % 1000) + millis;
          if (again) formatInstant(new Date(ms - millis), zone); // the same second printed just before
          const text = formatInstant(new Date(ms), zone);
          expect(text).toBe(isoReference(ms, zone));
          if (millis === 0) expect(text).toBe(formatISO(new TZDate(ms, zone)));
          else expect(text.slice(text.indexOf('T') + 9, text.indexOf('T') + 13)).toBe(`.${String(millis).padStart(3, '0')}`);
          if (ms >= Date.UTC(1980, 0, 1)) expect(parseInstant(text)?.getTime()).toBe(ms); // (older offsets with seconds print to the minute, as in formatISO)
        },
      ),
      { numRuns: 20_000, seed: 4 },
    );
    expect(formatInstant(new Date('2026-11-25T02:00:00.700Z'), 'Asia/Shanghai')).toBe('2026-11-25T10:00:00.700+08:00');
    expect(formatInstant(new Date('2026-11-25T02:00:00.05Z'), 'Asia/Shanghai')).toBe('2026-11-25T10:00:00.050+08:00');
    expect(formatInstant(new Date('2026-11-25T02:00:00.001Z'), 'UTC')).toBe('2026-11-25T02:00:00.001Z');
    expect(formatInstant(new Date('2026-11-25T02:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-11-25T10:00:00+08:00');
    expect(formatInstant(new Date('1850-01-01T00:00:00.5Z'), 'Asia/Shanghai')).toBe('1850-01-01T08:05:43.500+08:05'); // local mean time: the date-fns path
    expect(formatInstant(new Date(Date.UTC(2026, 2, 8, 6, 59, 59, 999)), 'America/New_York')).toBe('2026-03-08T01:59:59.999-05:00'); // an hour holding a change: the date-fns path
  });

  test('formatInstant around a daylight-saving change, minute by minute', () => {
    // New York, 2026-03-08 02:00 local (07:00Z) and 2026-11-01 02:00 local (06:00Z).
    for (const start of [Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 10, 1, 4)]) {
      for (let ms = start; ms < start + 4 * 3_600_000; ms += 60_000) {
        expect(formatInstant(new Date(ms), 'America/New_York')).toBe(formatISO(new TZDate(ms, 'America/New_York')));
      }
    }
    expect(formatInstant(new Date(Date.UTC(2026, 2, 8, 6, 59)), 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(formatInstant(new Date(Date.UTC(2026, 2, 8, 7, 0)), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(formatInstant(new Date(Date.UTC(2026, 6, 1)), 'UTC')).toBe('2026-07-01T00:00:00Z');
  });

  test('toIsoUtc is Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: Date.UTC(900, 0, 1), max: Date.UTC(10100, 0, 1) }), (any, near) => {
        for (const ms of [any, near]) expect(toIsoUtc(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });
});

const arbMoney = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 2 })).map(([y, f, decimals]) =>
    decimals === 0 ? `${y}` : decimals === 1 ? `${y}.${f % 10}` : `${y}.${String(f).padStart(2, '0')}`,
  ),
  fc.constantFrom('0', '0.01', '90071992547409.91', '90071992547409.92', '999999999999999.99'),
);

describe('money in integer fen', () => {
  test('toFen / fenText agree with big.js, and refuse (undefined) only beyond 2^53 − 1 fen', () => {
    fc.assert(
      fc.property(arbMoney, (m) => {
        const fen = toFen(m);
        const exact = dec(m).times(100);
        if (fen === undefined) expect(exact.gt(Number.MAX_SAFE_INTEGER)).toBe(true);
        else {
          expect(exact.eq(fen)).toBe(true);
          expect(fenText(fen)).toBe(formatMoney(dec(m)));
        }
      }),
      { numRuns: 5000, seed: 4 },
    );
  });

  test('fenText at the edges of its tables (a thousand and a million yuan) and beyond = big.js', () => {
    const fens = [0, 1, 9, 10, 99, 100, 101, 99_999, 100_000, 100_001, 99_999_999, 100_000_000, 100_000_001, 123_456_789, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, Number.MAX_SAFE_INTEGER];
    const seen = fens.map((fen) => [fen, fenText(fen)]);
    expect(seen).toEqual(fens.map((fen) => [fen, formatMoney(dec(fen).div(100))]));
    expect(fenText(100_000)).toBe('1000.00');
    expect(fenText(100_000_005)).toBe('1000000.05');
    expect(fenText(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  test('orderTotalFen is the orderTotal fact whenever it answers', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 1_000_000_000 }), unitPrice: arbMoney }), { minLength: 1, maxLength: 5 }), (items) => {
        const fen = orderTotalFen(items);
        const exact = sum(items.map((i) => dec(i.unitPrice).times(i.quantity)));
        // No answer only when a price or the total (every partial sum and product is ≤ the total) passes 2^53 − 1 fen.
        if (fen === undefined) expect(exact.times(100).gt(Number.MAX_SAFE_INTEGER) || items.some((i) => toFen(i.unitPrice) === undefined)).toBe(true);
        else expect(fenText(fen)).toBe(formatMoney(exact));
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  test('band selection in fen picks the band compileBands picks', () => {
    const policy = loadPolicy('ecommerce');
    const bands = preparePolicy(policy).bands!;
    const reference = compileBands(policy.approval!.doc.bands);
    fc.assert(
      fc.property(fc.oneof(arbMoney, fc.constantFrom('100000.00', '100000.01', '150000.00', '150000.01', '0.00')), (m) => {
        const fen = toFen(m);
        if (fen === undefined) return;
        expect(selectBandFen(bands, fen)?.band).toBe(reference.select(dec(m)));
      }),
      { numRuns: 5000, seed: 6 },
    );
  });

  test('decide costs: rate 1 in fen, other rates and huge amounts through big.js with the pack rounding', () => {
    const files = packFiles('ecommerce');
    const rules = files['remedies.json'].rules as Array<{ id: string; offer?: { cost: Record<string, string> } }>;
    rules.find((r) => r.id === 'exchange')!.offer!.cost = { of: 'orderTotal', rate: '0.125' };
    rules.find((r) => r.id === 'refund')!.offer!.cost = { of: 'orderTotal', rate: '1.000' };
    rules.find((r) => r.id === 'repair')!.offer!.cost = { of: 'claimAmount', rate: '0.5' };
    for (const rounding of ['half-up', 'half-even'] as const) {
      files['manifest.json'].settings.rounding = rounding;
      const policy = loadPolicy({ files });
      for (const [unitPrice, quantity, claimAmount] of [
        ['299.00', 1, '299.00'],
        ['0.04', 3, '0.05'],
        ['99999999999999.99', 1_000_000_000, '999999999999999.99'],
      ] as const) {
        const d = policy.decide(complaint({ order: { items: [{ sku: 'A', quantity, unitPrice }] }, claimAmount }), { now: NOW, trace: false });
        const total = dec(unitPrice).times(quantity);
        expect(Object.fromEntries(d.remedies.map((r) => [r.ruleId, r.estimatedCost]))).toEqual({
          exchange: formatMoney(total.times('0.125'), rounding),
          refund: formatMoney(total, rounding),
          repair: formatMoney(dec(claimAmount).times('0.5'), rounding),
          'technical-guidance': '0.00',
        });
        expect(d.approval.amount).toBe(formatMoney(dec(claimAmount), rounding));
      }
    }
  });
});

describe('specialised comparisons', () => {
  const facts: FactRegistry<never> = {
    s: { type: 'string', values: ['a', 'b', 'c'], description: '', compute: () => undefined },
    n: { type: 'number', nullable: true, description: '', compute: () => undefined },
    b: { type: 'boolean', description: '', compute: () => undefined },
    i: { type: 'instant', description: '', compute: () => undefined },
    tags: { type: 'string[]', description: '', compute: () => undefined },
  };
  const literal = { s: fc.constantFrom('a', 'b', 'c'), n: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -0)), b: fc.boolean(), i: fc.constantFrom('2026-01-01T00:00Z', '2026-01-02T00:00Z'), tags: fc.constantFrom('a', 'b', 'c') };
  const value = {
    s: fc.constantFrom('a', 'b', 'c', undefined),
    n: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -0, null, Number.NaN, undefined)),
    b: fc.constantFrom(true, false, undefined),
    i: fc.constantFrom('2026-01-01T00:00Z', '2026-01-02T00:00Z', undefined),
    tags: fc.oneof(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), fc.constant(undefined)),
  };
  const cases = fc.oneof(
    ...(['s', 'n', 'b', 'i'] as const).flatMap((f) => [
      fc.tuple(fc.constant(f), fc.constantFrom('equal', 'notEqual'), literal[f] as fc.Arbitrary<JsonValue>, value[f] as fc.Arbitrary<unknown>),
      fc.tuple(fc.constant(f), fc.constantFrom('in', 'notIn'), fc.array(literal[f] as fc.Arbitrary<JsonValue>, { maxLength: 3 }) as fc.Arbitrary<JsonValue>, value[f] as fc.Arbitrary<unknown>),
    ]),
    fc.tuple(fc.constant('n' as const), fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'), literal.n as fc.Arbitrary<JsonValue>, value.n as fc.Arbitrary<unknown>),
    fc.tuple(fc.constant('tags' as const), fc.constantFrom('contains', 'doesNotContain'), literal.tags as fc.Arbitrary<JsonValue>, value.tags as fc.Arbitrary<unknown>),
  );

  test('a compiled fact-vs-constant leaf answers `value !== undefined && operator.evaluate(value, constant)`', () => {
    fc.assert(
      fc.property(cases, ([fact, operator, v, actual]) => {
        const ctx = createCompileContext({ facts, operators: BUILTIN_OPERATORS, file: 'test' });
        const test = compileCondition({ fact, operator, value: v }, ctx, []);
        expect(ctx.issues).toEqual([]);
        const expected = actual !== undefined && BUILTIN_OPERATORS[operator]!.evaluate(actual, v);
        const sink: unknown[] = [];
        expect(test({ [fact]: actual }, null)).toBe(expected);
        expect(test({ [fact]: actual }, sink as never)).toBe(expected);
        expect(sink).toEqual([{ fact, operator, factValue: actual ?? null, value: v, result: expected }]);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});

describe('decideAsync', () => {
  test('resolves to the decision decide returns, and rejects (does not throw) on an invalid complaint', async () => {
    const { decideAsync, decide } = await import('../../src/decision/decide.js');
    const policy = loadPolicy('ecommerce');
    await expect(decideAsync(policy, complaint(), { now: NOW })).resolves.toEqual(decide(policy, complaint(), { now: NOW }));
    const pending = decideAsync(policy, { id: 7 }, { now: NOW });
    await expect(pending).rejects.toMatchObject({ name: 'InputError', code: 'INVALID_INPUT' });
  });
});
