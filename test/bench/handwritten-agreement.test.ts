import { expect, test } from 'vitest';
import { generateCase, loadPolicy } from '../../src/index.js';
import { handwrittenDecide, summaryOf } from '../../bench/handwritten.js';

// `npm run bench` compares the hand-written function with decide() on 100,000 complaints and exits 1 on any
// disagreement; this keeps the two in step whenever the bundled pack changes, inside `npm test`.

test('the benchmark\'s hand-written function decides 20,000 generated complaints as the ecommerce pack does', () => {
  const policy = loadPolicy('ecommerce');
  const rules = new Set<string>();
  const mismatches: unknown[] = [];
  for (let i = 0; i < 20_000; i++) {
    const { complaint, now } = generateCase(20261125, i);
    const want = summaryOf(policy.decide(complaint, { now, trace: false }));
    rules.add(want.liabilityRuleId);
    const got = handwrittenDecide(complaint, now);
    if (JSON.stringify(got) !== JSON.stringify(want) && mismatches.length < 5) mismatches.push({ i, want, got });
  }
  expect(mismatches).toEqual([]);
  // every liability rule of the pack is reached (the default is unreachable for valid complaints)
  expect(rules.size).toBe(loadPolicy('ecommerce').liability!.doc.rules.length);
});
