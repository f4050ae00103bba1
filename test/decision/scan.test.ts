/**
 * What `scanComplaint` reads on the way (money in fen, instants in epoch
 * milliseconds) against the reference functions it replaced, and the
 * epoch-millisecond time helpers (`formatEpochMs`, `addCalendarDaysMs`,
 * `instantMs`) against date-fns, including collisions in the direct-mapped
 * offset cache.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, formatISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enumWord, scanComplaint } from '../../src/complaint/fast-parse.js';
import { CHANNELS, COMPLAINT_TYPES, ComplaintSchema, CUSTOMER_FAULTS, NATURES, SEVERITIES, VULNERABILITIES, type Complaint } from '../../src/complaint/schema.js';
import { fenText, orderTotalFen, toFen, twoDecimals } from '../../src/decision/prepared.js';
import { parseComplaint } from '../../src/decision/decide.js';
import { MONEY_PATTERN } from '../../src/money/money.js';
import { addCalendarDays, addCalendarDaysMs, formatEpochMs, formatInstant, instantMs, parseInstant } from '../../src/time/instant.js';
import { baseComplaint, referenceInstantMs, thrown } from '../helpers.js';
import { isoReference } from '../iso-reference.js';

const SEED = 20261120;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Money text (already matching MONEY_PATTERN) as fen with BigInt: `undefined` above 2^53 − 1. */
function bigFen(s: string): bigint {
  const [whole, frac = ''] = s.split('.');
  return BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
}
const refFen = (s: string): number | undefined => {
  const f = bigFen(s);
  return f <= MAX_SAFE ? Number(f) : undefined;
};

const withClaim = (claimAmount: string): Complaint => ({ ...baseComplaint(), claimAmount });
const withItems = (items: Complaint['order']['items']): Complaint => {
  const c = baseComplaint();
  return { ...c, order: { ...c.order, items } };
};

// ── money ───────────────────────────────────────────────────────────────────

const EDGE_MONEY = [
  '0', '00', '0.', '.5', '01', '1.234', '999999999999999.99', '9999999999999999', '0.00', '90071992547409.91', '90071992547409.92',
  '', '.', '0.0', '0.000', '-0', '+1', '1e2', ' 1', '1 ', '1..0', '1.2.3', '0x10', 'Infinity', 'NaN', '1,00', '１', '٠', '/', ':', '1/', '1:',
  '999999999999999', '100000000000000.00', '90071992547409', '90071992547410', '99999999999999.99', '1000000000000000', '0.5', '0.05', '10.1',
];
const digitsText = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const arbMoneyish = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789.-+e '), maxLength: 20 }),
  // digit runs around the 15-digit limit, with 0–3 decimals
  fc.tuple(digitsText(1, 17), fc.option(digitsText(0, 3), { nil: undefined })).map(([w, f]) => (f === undefined ? w : `${w}.${f}`)),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digitsText(13, 15), digitsText(1, 2)).map(([a, w, f]) => `${a}${w}.${f}`),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(...EDGE_MONEY),
);

describe('scanComplaint money: exactly MONEY_PATTERN, read as exact fen', () => {
  test('claimAmount: accepted iff MONEY_PATTERN matches; claimFen = toFen (= the exact fen up to 2^53 − 1)', () => {
    let accepted = 0;
    let inexact = 0;
    fc.assert(
      fc.property(arbMoneyish, (s) => {
        const scanned = scanComplaint(withClaim(s));
        const valid = MONEY_PATTERN.test(s);
        expect(scanned !== undefined).toBe(valid);
        if (scanned) {
          accepted++;
          expect(scanned.claimFen).toBe(toFen(s));
          expect(scanned.claimFen).toBe(refFen(s));
          if (scanned.claimFen === undefined) inexact++;
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // the generators reach both sides and the beyond-2^53 case
    expect(accepted).toBeGreaterThan(300);
    expect(inexact).toBeGreaterThan(10);
    for (const s of EDGE_MONEY) {
      expect(scanComplaint(withClaim(s)) !== undefined, s).toBe(MONEY_PATTERN.test(s));
      if (MONEY_PATTERN.test(s)) expect(scanComplaint(withClaim(s))!.claimFen, s).toBe(toFen(s));
    }
  });

  test('unitPrice (one item, quantity 1): accepted iff MONEY_PATTERN matches; orderFen = orderTotalFen', () => {
    fc.assert(
      fc.property(arbMoneyish, (s) => {
        const items = [{ sku: 'S', quantity: 1, unitPrice: s }];
        const scanned = scanComplaint(withItems(items));
        expect(scanned !== undefined).toBe(MONEY_PATTERN.test(s));
        if (scanned) {
          expect(scanned.orderFen).toBe(orderTotalFen(items));
          expect(scanned.orderFen).toBe(refFen(s));
        }
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
  });

  test.each([
    ['0', 0],
    ['0.0', 0],
    ['0.00', 0],
    ['0.5', 50],
    ['0.05', 5],
    ['10.1', 1010],
    ['299.00', 29_900],
    ['90071992547409', 9_007_199_254_740_900],
    ['90071992547409.91', 9_007_199_254_740_991],
    ['90071992547409.92', undefined],
    ['90071992547410', undefined],
    ['99999999999999.99', undefined],
    ['999999999999999.99', undefined],
  ])('claimAmount %j → claimFen %j', (s, fen) => {
    const scanned = scanComplaint(withClaim(s));
    expect(scanned).toBeDefined();
    expect(scanned!.claimFen).toBe(fen);
  });

  test.each(['00', '0.', '.5', '01', '1.234', '9999999999999999', '0.000', '-0', '+1', '1e2', ' 1', '1 ', '', '１', '٠', '1:'])('claimAmount %j is refused', (s) => {
    expect(scanComplaint(withClaim(s))).toBeUndefined();
  });
});

// ── instants and order totals ────────────────────────────────────────────────

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Valid instant text with an offset, built from parts (years 1000–9999, days ≤ 28 so every date exists). */
const arbInstantText = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    frac: fc.option(digitsText(1, 9), { nil: undefined }),
    off: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([sg, oh, om]) => `${sg}${pad(oh)}:${pad(om)}`)),
  })
  .map(({ y, mo, d, h, mi, s, frac, off }) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}${s === undefined ? '' : `:${pad(s)}${frac === undefined ? '' : `.${frac}`}`}${off}`);
const arbIsoInstant = fc.oneof(
  arbInstantText,
  fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-20T10:00:00+08:00', '2024-02-29T23:59:59.999-05:30', '2026-11-20T10:00:00.123456789+14:00', '1970-01-01T00:00Z'),
);

const arbPrice = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${pad(f)}`),
  fc.integer({ min: 0, max: 999_999 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }).map(String),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 9 })).map(([y, f]) => `${y}.${f}`),
  fc.constantFrom('999999999999999.99', '90071992547409.91', '0', '0.01', '9007199254.74', '0.00'),
);
const arbItem = fc.record({
  sku: fc.string({ minLength: 1, maxLength: 20 }),
  quantity: fc.oneof(fc.integer({ min: 1, max: 1_000_000_000 }), fc.constantFrom(1, 2, 1_000_000_000)),
  unitPrice: arbPrice,
});

describe('scanComplaint instants and order total', () => {
  test('orderFen = orderTotalFen(items) (= the exact Σ up to 2^53 − 1); receivedMs / deliveredMs = parseInstant(...).getTime() / null', () => {
    let exact = 0;
    let inexact = 0;
    fc.assert(
      fc.property(fc.array(arbItem, { minLength: 1, maxLength: 4 }), arbIsoInstant, fc.option(arbIsoInstant, { nil: null }), (items, receivedAt, deliveredAt) => {
        const c = baseComplaint();
        const input: Complaint = { ...c, receivedAt, order: { ...c.order, deliveredAt, items } };
        const scanned = scanComplaint(input);
        expect(scanned).toBeDefined();
        expect(scanned!.complaint).toStrictEqual(ComplaintSchema.parse(input));
        const total = items.reduce((t, it) => t + bigFen(it.unitPrice) * BigInt(it.quantity), 0n);
        expect(scanned!.orderFen).toBe(orderTotalFen(items));
        expect(scanned!.orderFen).toBe(total <= MAX_SAFE ? Number(total) : undefined);
        if (scanned!.orderFen === undefined) inexact++;
        else exact++;
        expect(scanned!.receivedMs).toBe(parseInstant(receivedAt)!.getTime());
        expect(scanned!.receivedMs).toBe(Date.parse(receivedAt));
        expect(scanned!.deliveredMs).toBe(deliveredAt === null ? null : parseInstant(deliveredAt)!.getTime());
        if (deliveredAt !== null) expect(scanned!.deliveredMs).toBe(Date.parse(deliveredAt));
      }),
      { seed: SEED + 2, numRuns: 1500 },
    );
    expect(exact).toBeGreaterThan(100);
    expect(inexact).toBeGreaterThan(100);
  });

  test('the base complaint: exact values', () => {
    const scanned = scanComplaint(baseComplaint());
    expect(scanned).toBeDefined();
    expect(scanned!.claimFen).toBe(29_900);
    expect(scanned!.orderFen).toBe(29_900);
    // 2026-11-20T10:00:00+08:00 and 2026-11-18T15:00:00+08:00
    expect(scanned!.receivedMs).toBe(Date.UTC(2026, 10, 20, 2, 0, 0));
    expect(scanned!.receivedMs).toBe(1_795_140_000_000);
    expect(scanned!.deliveredMs).toBe(Date.UTC(2026, 10, 18, 7, 0, 0));
    expect(scanned!.deliveredMs).toBe(1_794_985_200_000);
    expect(scanned!.complaint).toStrictEqual(baseComplaint());
  });

  test('exact examples: several items, not delivered, 2^53 − 1 boundary', () => {
    const c = baseComplaint();
    const s = scanComplaint({ ...c, order: { ...c.order, deliveredAt: null, items: [{ sku: 'A', quantity: 3, unitPrice: '0.07' }, { sku: 'B', quantity: 2, unitPrice: '150.5' }] } });
    expect(s!.deliveredMs).toBeNull();
    expect(s!.orderFen).toBe(30_121);
    const edge = [{ sku: 'A', quantity: 1, unitPrice: '90071992547409.90' }, { sku: 'B', quantity: 1, unitPrice: '0.01' }];
    expect(scanComplaint(withItems(edge))!.orderFen).toBe(Number.MAX_SAFE_INTEGER);
    expect(scanComplaint(withItems([...edge, { sku: 'C', quantity: 1, unitPrice: '0.01' }]))!.orderFen).toBeUndefined();
    expect(scanComplaint(withItems([{ sku: 'A', quantity: 1_000_000_000, unitPrice: '90071.99' }]))!.orderFen).toBe(9_007_199_000_000_000);
    expect(scanComplaint(withItems([{ sku: 'A', quantity: 1_000_000_000, unitPrice: '90072' }]))!.orderFen).toBeUndefined();
  });
});

// ── time ────────────────────────────────────────────────────────────────────

const ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe'] as const;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Instants this far apart share a slot of the per-zone offset cache. */
const SPAN = 32_768 * HOUR;
/** date-fns formatISO, with the milliseconds after the seconds when they are not zero. */
const ref = isoReference;

describe('formatEpochMs = formatISO(new TZDate(ms, tz)) with milliseconds, cache collisions included', () => {
  test('random instants and the instants 32,768 hours apart (same cache slot)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2150, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, tz) => {
          for (const t of [ms, ms + SPAN, ms + 2 * SPAN, ms + 3 * SPAN, ms, ms - SPAN, ms]) {
            expect(formatEpochMs(t, tz)).toBe(ref(t, tz));
            expect(formatInstant(new Date(t), tz)).toBe(ref(t, tz));
          }
        },
      ),
      { seed: SEED + 3, numRuns: 300 },
    );
  });

  test('colliding hours with different offsets print their own offset', () => {
    const base = Date.UTC(2026, 0, 15, 12);
    const expected: Record<string, string[]> = {
      'America/Los_Angeles': ['2026-01-15T04:00:00-08:00', '2029-10-11T13:00:00-07:00', '2033-07-07T21:00:00-07:00', '2037-04-03T05:00:00-07:00'],
      'Australia/Lord_Howe': ['2026-01-15T23:00:00+11:00', '2029-10-12T07:00:00+11:00', '2033-07-08T14:30:00+10:30', '2037-04-03T23:00:00+11:00'],
      'Europe/London': ['2026-01-15T12:00:00Z', '2029-10-11T21:00:00+01:00', '2033-07-08T05:00:00+01:00', '2037-04-03T13:00:00+01:00'],
      'Asia/Shanghai': ['2026-01-15T20:00:00+08:00', '2029-10-12T04:00:00+08:00', '2033-07-08T12:00:00+08:00', '2037-04-03T20:00:00+08:00'],
    };
    for (const tz of ZONES) {
      // twice over, in both directions: every call finds the slot holding another hour
      for (const k of [0, 1, 2, 3, 2, 1, 0, 3, 0]) expect(formatEpochMs(base + k * SPAN, tz), `${tz} k=${k}`).toBe(expected[tz]![k]);
      for (let k = 0; k < 4; k++) expect(ref(base + k * SPAN, tz)).toBe(expected[tz]![k]);
    }
  });

  test.each([
    ['America/Los_Angeles', '2026-03-08T08:30:00Z'], // DST starts 10:00Z
    ['America/Los_Angeles', '2026-11-01T07:30:00Z'], // DST ends 09:00Z
    ['Europe/London', '2026-03-29T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T14:00:00Z'], // +10:30 → +11:00 at 15:30Z, mid-hour
    ['Australia/Lord_Howe', '2026-04-04T13:30:00Z'], // +11:00 → +10:30 at 15:00Z
  ])('%s from %s, minute by minute for 3 hours (and the same minutes 32,768 h later)', (tz, from) => {
    const start = Date.parse(from);
    for (let m = 0; m <= 180; m++) {
      for (const t of [start + m * 60_000, start + m * 60_000 + 59_999, start + m * 60_000 + SPAN, start + m * 60_000 - SPAN]) expect(formatEpochMs(t, tz)).toBe(ref(t, tz));
    }
  });

  test('known texts on both sides of offset changes', () => {
    expect(formatEpochMs(Date.parse('2026-03-08T09:59:59Z'), 'America/Los_Angeles')).toBe('2026-03-08T01:59:59-08:00');
    expect(formatEpochMs(Date.parse('2026-03-08T10:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-08T03:00:00-07:00');
    expect(formatEpochMs(Date.parse('2026-10-03T15:29:00Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T01:59:00+10:30');
    expect(formatEpochMs(Date.parse('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:30:00+11:00');
    expect(formatEpochMs(Date.parse('2026-10-25T00:59:59Z'), 'Europe/London')).toBe('2026-10-25T01:59:59+01:00');
    expect(formatEpochMs(Date.parse('2026-10-25T01:00:00Z'), 'Europe/London')).toBe('2026-10-25T01:00:00Z');
  });
});

/** Offset changes of 2026 (verified below), for the targeted generator. */
const TRANSITIONS: ReadonlyArray<readonly [string, string]> = [
  ['America/Los_Angeles', '2026-03-08T10:00:00Z'],
  ['America/Los_Angeles', '2026-11-01T09:00:00Z'],
  ['Europe/London', '2026-03-29T01:00:00Z'],
  ['Europe/London', '2026-10-25T01:00:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
];

/** The addCalendarDays formula before the fast path, with uncached offsets. */
function referenceAddDays(t: number, days: number, tz: string): number {
  const off = (ms: number) => tzOffset(tz, new Date(ms));
  const target = t + days * DAY;
  const before = off(t);
  const guess = target + (before - off(target)) * 60_000;
  return target + (before - off(guess)) * 60_000;
}

/** Wall-clock fields of an instant in a zone, through date-fns' TZDate. */
function wall(ms: number, tz: string) {
  const d = new TZDate(ms, tz);
  return { day: Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY, minutes: d.getHours() * 60 + d.getMinutes(), secMs: d.getSeconds() * 1000 + d.getMilliseconds() };
}

/** Whether the process time zone keeps one offset for two days either side of wall-clock time `wallMs` (read as UTC). */
function processZoneSteady(wallMs: number): boolean {
  const at = (t: number) => new Date(t).getTimezoneOffset();
  const o = at(wallMs);
  return at(wallMs - 2 * DAY) === o && at(wallMs + 2 * DAY) === o;
}

/** Counts of the cases seen, so the tests can check they reached gaps and overlaps. */
function checkAddDays(ms: number, days: number, tz: string, seen: { gap: number; overlap: number }): void {
  const got = addCalendarDaysMs(ms, days, tz);
  expect(got).toBe(addCalendarDays(new Date(ms), days, tz).getTime());
  expect(got).toBe(referenceAddDays(ms, days, tz));
  const from = wall(ms, tz);
  const to = wall(got, tz);
  expect(to.day).toBe(from.day + days);
  expect(to.secMs).toBe(from.secMs);
  // The wanted wall-clock time, read as UTC; an offset `o` fits it when the zone's offset at (wanted − o) is o.
  const wanted = (from.day + days) * DAY + from.minutes * 60_000 + from.secMs;
  const startOff = tzOffset(tz, new Date(ms));
  const offs = [...new Set([startOff, tzOffset(tz, new Date(wanted - 2 * DAY)), tzOffset(tz, new Date(wanted + 2 * DAY))])];
  const fitting = offs.filter((o) => tzOffset(tz, new Date(wanted - o * 60_000)) === o);
  const dateFns = addDays(new TZDate(ms, tz), days).getTime();
  // date-fns adds days through TZDate's setters, which pass through the *process* time zone: when that zone
  // changes its offset near the start's or the result's wall-clock time, date-fns can be off (e.g. TZ=Pacific/Chatham,
  // Australia/Lord_Howe 2026-04-04T02:00+11:00 + 1 day: date-fns 01:00+11:00, the wall-clock time is 02:00+10:30).
  // Our function never reads the process zone, so date-fns serves as a cross-check only where the process zone is steady.
  const checkDateFns = processZoneSteady(from.day * DAY + from.minutes * 60_000) && processZoneSteady(wanted);
  if (fitting.length === 0) {
    // A DST gap: that wall-clock time does not exist that day; the result keeps the start's offset.
    seen.gap++;
    expect(got).toBe(wanted - startOff * 60_000);
    const gapMinutes = Math.abs(tzOffset(tz, new Date(got + 3 * HOUR)) - tzOffset(tz, new Date(got - 3 * HOUR)));
    expect(gapMinutes).toBeGreaterThan(0);
    expect(Math.abs(to.minutes - from.minutes)).toBe(gapMinutes);
    if (checkDateFns) expect(Math.abs(dateFns - got) === 0 || Math.abs(dateFns - got) === gapMinutes * 60_000).toBe(true);
  } else {
    // Otherwise the wall-clock time is kept, as date-fns keeps it
    expect(to.minutes).toBe(from.minutes);
    expect(new TZDate(got, tz).getHours()).toBe(new TZDate(ms, tz).getHours());
    expect(new TZDate(got, tz).getMinutes()).toBe(new TZDate(ms, tz).getMinutes());
    if (checkDateFns) expect(wall(dateFns, tz)).toStrictEqual(to);
    if (fitting.length === 1) {
      if (checkDateFns) expect(got).toBe(dateFns);
    }
    else {
      // a DST overlap: the wall-clock time happens twice; the result takes the start's offset when it fits
      seen.overlap++;
      expect(got).toBe(wanted - (fitting.includes(startOff) ? startOff : fitting[0]!) * 60_000);
    }
  }
}

describe('addCalendarDaysMs', () => {
  test('the transitions used below are offset changes', () => {
    for (const [tz, at] of TRANSITIONS) {
      const t = Date.parse(at);
      expect(tzOffset(tz, new Date(t - 1)), `${tz} ${at}`).not.toBe(tzOffset(tz, new Date(t)));
    }
  });

  test('random instants and days = addCalendarDays = the uncached formula; wall-clock time kept (date-fns TZDate) except in a DST gap', () => {
    const seen = { gap: 0, overlap: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom(...ZONES),
        (ms, days, tz) => checkAddDays(ms, days, tz, seen),
      ),
      { seed: SEED + 4, numRuns: 500 },
    );
  });

  test('targeted: results landing within ±3 h of a DST change (gaps and overlaps)', () => {
    const seen = { gap: 0, overlap: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSITIONS),
        fc.integer({ min: -180 * 60, max: 180 * 60 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 999 }),
        ([tz, at], seconds, days, millis) => checkAddDays(Date.parse(at) + seconds * 1000 + millis - days * DAY, days, tz, seen),
      ),
      { seed: SEED + 5, numRuns: 600 },
    );
    expect(seen.gap).toBeGreaterThan(10);
    expect(seen.overlap).toBeGreaterThan(10);
  });

  test.each([
    // [start, days, zone, result, wall-clock time of date-fns addDays(new TZDate(start, zone), days)]
    ['2026-03-07T18:00:00Z', 1, 'America/Los_Angeles', '2026-03-08T17:00:00.000Z', '2026-03-08T10:00:00'],
    ['2026-10-31T17:00:00Z', 1, 'America/Los_Angeles', '2026-11-01T18:00:00.000Z', '2026-11-01T10:00:00'],
    // gap, started in PDT: 02:38:24 does not exist on 2026-03-08 → 01:38:24 PST (date-fns: 03:38:24 PDT)
    ['2025-03-30T02:38:24-07:00', 343, 'America/Los_Angeles', '2026-03-08T09:38:24.000Z', '2026-03-08T03:38:24'],
    // overlap, started in BST: 01:35:23 happens twice on 2009-10-25 → the BST one (date-fns: the same wall-clock
    // time, but which of the two instants depends on the process TZ)
    ['2009-09-21T01:35:23+01:00', 34, 'Europe/London', '2009-10-25T00:35:23.000Z', '2009-10-25T01:35:23'],
    ['2026-11-20T10:00:00+08:00', -2, 'Asia/Shanghai', '2026-11-18T02:00:00.000Z', '2026-11-18T10:00:00'],
  ])('%s + %i day(s) in %s = %s', (from, days, tz, expected, dateFnsWall) => {
    const ms = Date.parse(from);
    expect(new Date(addCalendarDaysMs(ms, days, tz)).toISOString()).toBe(expected);
    expect(formatISO(addDays(new TZDate(ms, tz), days)).slice(0, 19)).toBe(dateFnsWall);
  });
});


describe('instantMs = parseInstant(text)?.getTime()', () => {
  test('random strings (instant alphabet and any text)', () => {
    let valid = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789-T:Z+. '), minLength: 15, maxLength: 36 }),
          fc.string({ maxLength: 40 }),
          // month ends: days 27–32 in any month of leap and common years
          fc
            .tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 4, 96, 100, 1600, 1900, 2000, 2024, 2100)), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 27, max: 32 }))
            .map(([y, mo, d]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T12:00:00+08:00`),
          // a valid text with one character replaced, cut or doubled
          fc.tuple(arbInstantText, fc.nat(40), fc.constantFrom('', '0', '9', 'T', ':', '-', '+', 'Z', '.', '33')).map(([t, i, ch]) => t.slice(0, i % (t.length + 1)) + ch + t.slice((i % (t.length + 1)) + 1)),
        ),
        (s) => {
          const ms = instantMs(s);
          expect(ms).toBe(parseInstant(s)?.getTime());
          expect(ms).toBe(referenceInstantMs(s));
          if (ms !== undefined) valid++;
        },
      ),
      { seed: SEED + 6, numRuns: 2000 },
    );
    expect(valid).toBeGreaterThan(50);
  });

  test('year starts and ends, February ends, 1895–2205 = Date.UTC', () => {
    for (let y = 1895; y <= 2205; y++)
      for (const [mo, d] of [[1, 1], [2, 28], [2, 29], [3, 1], [12, 31]] as const) {
        const text = `${y}-${pad(mo)}-${pad(d)}T23:59:59.999Z`;
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        expect(instantMs(text), text).toBe(mo === 2 && d === 29 && !leap ? undefined : Date.UTC(y, mo - 1, d, 23, 59, 59, 999));
      }
  });

  test('valid ISO texts', () => {
    fc.assert(
      fc.property(arbIsoInstant, (s) => {
        const ms = instantMs(s);
        expect(ms).toBeDefined();
        expect(ms).toBe(parseInstant(s)!.getTime());
        expect(ms).toBe(Date.parse(s));
      }),
      { seed: SEED + 7, numRuns: 1000 },
    );
    expect(instantMs('2026-11-20T10:00:00+08:00')).toBe(1_795_140_000_000);
    expect(instantMs('2026-11-20T10:00:00.1239+08:00')).toBe(1_795_140_000_123);
    expect(instantMs('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(instantMs('2026-02-29T00:00Z')).toBeUndefined();
    expect(instantMs('2100-02-29T00:00Z')).toBeUndefined();
    expect(instantMs('2000-02-29T00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(instantMs('0004-02-29T00:00Z')).toBe(Date.parse('0004-02-29T00:00Z'));
    expect(instantMs('0000-02-29T00:00Z')).toBeUndefined(); // as before: Date.UTC read year 0 as 1900
    expect(instantMs('2026-11-20T10:00:00')).toBeUndefined();
    expect(instantMs('2026-11-20T24:00:00Z')).toBeUndefined();
  });
});

describe('enumerations packed for the decision id', () => {
  test('scanComplaint(c).enums = enumWord(c), and every combination packs to a different word', () => {
    const seen = new Set<number>();
    let n = 0;
    for (const channel of CHANNELS)
      for (const type of COMPLAINT_TYPES)
        for (const severity of SEVERITIES)
          for (const nature of NATURES)
            for (const customerFault of CUSTOMER_FAULTS)
              for (const vulnerability of [undefined, ...VULNERABILITIES]) {
                const c = baseComplaint();
                Object.assign(c, { channel, type, severity });
                Object.assign(c.findings, { nature, customerFault });
                c.customer = vulnerability ? { vulnerable: true, vulnerability } : { vulnerable: true };
                const scanned = scanComplaint(c)!;
                expect(scanned.enums).toBe(enumWord(scanned.complaint));
                seen.add(scanned.enums);
                n++;
              }
    expect(n).toBe(2 * 6 * 2 * 9 * 4 * 4);
    expect(seen.size).toBe(n);
  });

  test('the base complaint packs to its exact word', () => {
    // domestic 1, product-quality 1, ordinary 1, functional-fault 2, none 1, no vulnerability 0
    expect(scanComplaint(baseComplaint())!.enums).toBe(1 | (1 << 4) | (1 << 8) | (2 << 12) | (1 << 17));
  });
});

describe('money printed with two decimals', () => {
  test('twoDecimals(text) = fenText(toFen(text)) for money text', () => {
    const money = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9 })).map(([y, f]) => `${y}.${f}`),
      fc.integer({ min: 0, max: 99_999_999 }).map(String),
    );
    fc.assert(
      fc.property(money, (text) => {
        expect(MONEY_PATTERN.test(text)).toBe(true);
        expect(twoDecimals(text)).toBe(fenText(toFen(text)!));
      }),
      { numRuns: 3000, seed: 20261127 },
    );
    expect(['0', '0.5', '0.05', '299', '299.5', '299.50'].map(twoDecimals)).toEqual(['0.00', '0.50', '0.05', '299.00', '299.50', '299.50']);
  });
});

describe('odd objects', () => {
  test('an array without its prototype is no item: the fast path leaves it, the full checks refuse it', () => {
    const c = baseComplaint() as unknown as { order: { items: unknown[] } };
    const arrayItem = Object.setPrototypeOf(['RC-100', 1, '299.00'], null) as unknown;
    c.order.items = [arrayItem];
    expect(scanComplaint(c)).toBeUndefined();
    expect(thrown(() => parseComplaint(c)).issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['order', 'items', 0]]]);
  });
});

describe('more zones than the offset cache keeps (16)', () => {
  test('formatEpochMs stays exact when 24 zones take turns', () => {
    const zones = [
      'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns',
      'Pacific/Chatham', 'Asia/Kathmandu', 'Africa/Casablanca', 'America/Sao_Paulo', 'Europe/Berlin', 'Asia/Tokyo',
      'America/New_York', 'Pacific/Auckland', 'Asia/Tehran', 'Europe/Moscow', 'America/Havana', 'Australia/Adelaide',
      'Pacific/Apia', 'Atlantic/Azores', 'America/Santiago', 'Asia/Gaza', 'Europe/Dublin', 'UTC',
    ];
    const start = Date.UTC(2026, 2, 1);
    for (let round = 0; round < 3; round++)
      for (let k = 0; k < 200; k++)
        for (const tz of zones) {
          const ms = start + k * 3_600_000 * 7 + round * 86_400_000 * 90;
          expect(formatEpochMs(ms, tz), `${tz} ${new Date(ms).toISOString()}`).toBe(isoReference(ms, tz));
        }
  });

  test('formatEpochMs reuses the last time-of-day text only for the same time of day and offset', () => {
    const at = (iso: string) => Date.parse(iso);
    const cases: Array<[number, string, string]> = [
      [at('2026-11-20T02:00:00Z'), 'Asia/Shanghai', '2026-11-20T10:00:00+08:00'],
      [at('2026-11-27T02:00:00Z'), 'Asia/Shanghai', '2026-11-27T10:00:00+08:00'], // same time of day, 7 days later
      [at('2026-11-20T15:00:00Z'), 'America/New_York', '2026-11-20T10:00:00-05:00'], // same wall time, another offset
      [at('2026-11-20T02:00:00Z'), 'Asia/Singapore', '2026-11-20T10:00:00+08:00'], // another zone, same offset
      [at('2026-11-20T02:00:01Z'), 'Asia/Singapore', '2026-11-20T10:00:01+08:00'], // one second later
      [at('2026-11-20T02:00:01.999Z'), 'Asia/Singapore', '2026-11-20T10:00:01.999+08:00'], // milliseconds are printed
      [at('2026-11-27T02:00:01.999Z'), 'Asia/Singapore', '2026-11-27T10:00:01.999+08:00'], // the same time of day, milliseconds included
      [at('2026-11-27T02:00:01.007Z'), 'Asia/Singapore', '2026-11-27T10:00:01.007+08:00'], // same second, other milliseconds
      [at('2026-11-27T02:00:01Z'), 'Asia/Singapore', '2026-11-27T10:00:01+08:00'], // same second, no milliseconds
      [at('2026-07-20T14:00:00Z'), 'America/New_York', '2026-07-20T10:00:00-04:00'], // same wall time, summer offset
    ];
    for (const [ms, tz, text] of cases) {
      expect(formatEpochMs(ms, tz)).toBe(text);
      expect(isoReference(ms, tz)).toBe(text);
    }
  });
});
