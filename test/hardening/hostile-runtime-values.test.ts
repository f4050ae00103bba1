// Hostile or unusual JavaScript values given to the runtime API (not rule packs): getters that
// answer differently on each read, very long texts and lists, objects without a prototype. Each is
// either used as checked or refused with a typed error of bounded size, never a bare RangeError or
// TypeError, and never a change to what later calls return.
import { describe, expect, test } from 'vitest';
import { loadPolicy, penaltyFor } from '../../src/index.js';
import { baseComplaint, thrown } from '../helpers.js';

const policy = loadPolicy('ecommerce');

describe('decide reads `now` once: the instant checked is the instant printed', () => {
  test('a getter answering another valid instant on a later read changes neither this decision nor the next', () => {
    let reads = 0;
    const options = {
      get now() {
        reads++;
        return reads === 1 ? '2026-11-22T10:00:00+08:00' : '2026-11-22T23:59:59+08:00';
      },
      trace: false as const,
    };
    const d = policy.decide(baseComplaint(), options);
    expect(d.audit.now).toBe('2026-11-22T10:00:00+08:00');
    expect(d.remedies.map((r) => r.resolveBy)).toEqual(['2026-11-29T10:00:00+08:00', '2026-11-29T10:00:00+08:00', '2026-12-07T10:00:00+08:00', '2026-11-23T10:00:00+08:00']);
    expect(reads).toBe(1);
    // The text printed for `now` is remembered for the due dates of later decisions: it printed 23:59:59 for an honest 10:00.
    const next = policy.decide(baseComplaint(), { now: '2026-11-24T10:00:00+08:00', trace: false });
    expect(next.audit.now).toBe('2026-11-24T10:00:00+08:00');
    expect(next.remedies.map((r) => r.resolveBy)).toEqual(['2026-12-01T10:00:00+08:00', '2026-12-01T10:00:00+08:00', '2026-12-09T10:00:00+08:00', '2026-11-25T10:00:00+08:00']);
  });
});

describe('money of ten million digits: INVALID_INPUT, not a RangeError from the regular expression that words the message', () => {
  const digits = '1'.repeat(10_000_000);
  const message = `money has at most 15 digits before the decimal point (got "${'1'.repeat(59)}… (10000002 characters))`;

  test('a complaint\'s claimAmount', () => {
    const e = thrown(() => policy.decide({ ...baseComplaint(), claimAmount: digits }, { now: '2026-11-20T10:00:00+08:00' }));
    expect(e.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([['INVALID_INPUT', '<complaint>', ['claimAmount'], message]]);
  });

  test('a penalty amount', () => {
    const e = thrown(() => penaltyFor(loadPolicy('manufacturer'), { amount: digits }));
    expect(e.issues.map((i) => [i.code, i.path, i.message])).toEqual([['INVALID_INPUT', ['amount'], message]]);
  });
});
