import { describe, expect, test } from 'vitest';
import { ComplaintSchema, generateCase, loadPolicy, mergeTallies, parseInstant, simulateRange } from '../../src/index.js';

const policy = loadPolicy('ecommerce');

describe('generateCase', () => {
  test('is deterministic in (seed, index) and gives valid complaints decided after they are received', () => {
    expect(generateCase(42, 7)).toEqual(generateCase(42, 7));
    expect(generateCase(42, 7)).not.toEqual(generateCase(43, 7));
    expect(generateCase(42, 7).complaint.id).toBe('C-42-7');
    for (let i = 0; i < 2000; i++) {
      const { complaint, now } = generateCase(1, i);
      expect(ComplaintSchema.safeParse(complaint).success).toBe(true);
      const delay = parseInstant(now)!.getTime() - parseInstant(complaint.receivedAt)!.getTime();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(72 * 3_600_000);
    }
  });

  test('reaches every liability rule, approver and remedy type of the ecommerce pack (so the benchmark exercises them all)', () => {
    const t = simulateRange(policy, { seed: 20261125, count: 5000 });
    expect(Object.keys(t.liability).sort()).toEqual(policy.liability!.doc.rules.map((r) => r.id).sort());
    expect(Object.keys(t.approvers).sort()).toEqual(['deputy-general-manager', 'general-manager', 'manager']);
    expect(Object.keys(t.remedies).sort()).toEqual(['allowance', 'exchange', 'price-compensation', 'refund', 'repair', 'resend-parts', 'technical-guidance']);
  });
});

describe('simulateRange / mergeTallies', () => {
  test('counts every decision once; a range split in parts gives the same tally', () => {
    const whole = simulateRange(policy, { seed: 3, count: 600 });
    const parts = mergeTallies([simulateRange(policy, { seed: 3, count: 250 }), simulateRange(policy, { seed: 3, from: 250, count: 350 })]);
    expect(parts).toEqual(whole);
    expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
    expect(whole.count).toBe(600);
    expect(Object.values(whole.liability).reduce((a, b) => a + b, 0)).toBe(600);
    expect(Object.values(whole.approvers).reduce((a, b) => a + b, 0)).toBe(600);
  });

  test('tallies match deciding the same complaints one by one', () => {
    const t = simulateRange(policy, { seed: 9, from: 100, count: 50 });
    const byRule: Record<string, number> = {};
    for (let i = 100; i < 150; i++) {
      const { complaint, now } = generateCase(9, i);
      const id = policy.decide(complaint, { now }).liability.ruleId;
      byRule[id] = (byRule[id] ?? 0) + 1;
    }
    expect(t.liability).toEqual(byRule);
  });

  test('mergeTallies of nothing is an empty tally', () => {
    expect(mergeTallies([])).toEqual({ count: 0, liability: {}, approvers: {}, remedies: {}, notOffered: {}, withWarnings: 0 });
  });
});
