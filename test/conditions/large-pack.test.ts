import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { largePackFiles, RULES_PER_FILE } from '../../bench/large-pack-files.js';
import { NATURES } from '../../src/complaint/schema.js';
import { DecideContext } from '../../src/decision/facts.js';
import { generateCase, loadPolicy, parseComplaint, safeLoadPolicy } from '../../src/index.js';
import { MAX_COMBINATIONS_PER_RULE_SET, traceMemoBudget } from '../../src/conditions/trace-memo.js';
import { complaint, NOW } from '../helpers.js';

/*
 * The benchmark's large pack (1,000 liability rules, bench/large-pack-files.ts):
 * the remembered plans and trace entries must give exactly what evaluating
 * every rule gives, at a size where plans leave most rules out.
 */

const files = largePackFiles(join(__dirname, '..', '..', 'rules', 'ecommerce'));
const memo = loadPolicy({ files });
const plain = loadPolicy({ files }, { memo: false });

describe('a pack with 1,000 liability rules', () => {
  test('it loads, with the added rules indexed on nature', () => {
    expect(memo.liability!.doc.rules).toHaveLength(RULES_PER_FILE);
    expect(memo.liability!.rules.index!.fact).toBe('nature');
  });

  test('2,000 decisions without a trace, each twice: as without the memo; added rules decide some', () => {
    let added = 0;
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 2000; i++) {
        const g = generateCase(7, i);
        const d = memo.decide(g.complaint, { now: g.now, trace: false });
        expect(d, `case ${i}`).toEqual(plain.decide(g.complaint, { now: g.now, trace: false }));
        if (d.liability.ruleId.startsWith('bulk-')) added++;
      }
    expect(added).toBeGreaterThan(200);
  });

  test('300 decisions with the trace, each twice: as without the memo (up to the first liability rule that fired)', () => {
    let longest = 0;
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 300; i++) {
        const g = generateCase(8, i);
        const d = memo.decide(g.complaint, { now: g.now });
        longest = Math.max(longest, d.trace.length);
        expect(d, `case ${i}`).toEqual(plain.decide(g.complaint, { now: g.now }));
      }
    expect(longest).toBeGreaterThan(RULES_PER_FILE - 100);
  });

  test("a complaint's liability plan lists only the added rules of its nature (the others are ruled out by nature)", () => {
    const rules = memo.liability!.rules;
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const g = generateCase(9, i);
      const c = parseComplaint(g.complaint);
      const nowMs = Date.parse(g.now);
      const entry = rules.planFor(rules.facts(new DecideContext(c, nowMs, c.order.deliveredAt === null ? null : Date.parse(c.order.deliveredAt), Date.parse(c.receivedAt), memo.settings.timeZone)))!;
      const live = Array.from(entry.plan)
        .filter((k) => k < 0)
        .map((k) => rules.rules[~k]!.rule as unknown as { id: string; conditions: { all: Array<{ value: unknown }> } });
      const added = live.filter((r) => r.id.startsWith('bulk-'));
      // the added rules of the complaint's nature ahead of its first pack rule that fired, none of another
      expect(added.every((r) => r.conditions.all[0]!.value === c.findings.nature)).toBe(true);
      expect(added.length).toBeLessThanOrEqual(Math.ceil((RULES_PER_FILE - 16) / NATURES.length));
      if (added.length) checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe('a pack loaded with a higher limits.maxRules', () => {
  test('2,000 rules: refused by default, loaded with maxRules 2000; the trace memo budget grows with the rule count (16 a rule)', () => {
    const big = largePackFiles(join(__dirname, '..', '..', 'rules', 'ecommerce'), 2000);
    const refused = safeLoadPolicy({ files: big });
    expect(refused.success ? [] : refused.error.issues.map((i) => [i.code, i.file, i.path])).toEqual([['JSON_TOO_LARGE', 'liability.json', ['rules']]]);
    const policy = loadPolicy({ files: big }, { limits: { maxRules: 2000 } });
    expect(traceMemoBudget(2000)).toBe(32_000);
    expect(traceMemoBudget(28)).toBe(MAX_COMBINATIONS_PER_RULE_SET);
    // 1,984 added rules × 9 natures = 17,856 combinations, past the fixed budget of 16,384: the last
    // added rules in evaluation order are remembered too, so a complaint of another nature shares their entries.
    const c = complaint({ findings: { nature: 'quality-defect', customerFault: 'none', resaleable: false, proofOfPurchase: true } });
    const other = policy.liability!.doc.rules.filter((r) => r.id.startsWith('bulk-') && (r.conditions as { all: Array<{ value: unknown }> }).all[0]!.value !== 'quality-defect');
    const a = policy.decide(c, { now: NOW });
    const b = policy.decide({ ...c, id: 'C-2', claimAmount: '1.00' }, { now: NOW });
    const entry = (d: typeof a, id: string) => d.trace.find((t) => t.ruleId === id)!;
    const lastInOrder = a.trace.filter((t) => other.some((r) => r.id === t.ruleId)).at(-1)!.ruleId;
    expect(entry(b, lastInOrder)).toBe(entry(a, lastInOrder));
    expect(b).toEqual({ ...loadPolicy({ files: big }, { limits: { maxRules: 2000 }, memo: false }).decide({ ...c, id: 'C-2', claimAmount: '1.00' }, { now: NOW }) });
  });
});
