/**
 * Snippets of README.md and docs/*.md whose results are written out on the page: each test runs
 * the snippet (or what it describes) and checks that the page shows what the code gives, so a
 * changed pack or result fails here rather than leaving the page wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { largePackFiles } from '../../bench/large-pack-files.js';
import { allocate, attributeLiability, calculateLoss, deadlines, economicDeduction, loadPolicy, nextComplaintNumber, penaltyFor, start, transition } from '../../src/index.js';
import { cli } from '../helpers.js';

const root = join(import.meta.dirname, '..', '..');
const page = (file: string) => readFileSync(join(root, file), 'utf8');

describe('README.md', () => {
  const readme = page('README.md');
  /** The complaint of "### The complaint", decided as "## Use it" does. */
  const complaint = JSON.parse(/### The complaint\n\n```json\n([\s\S]*?)\n```/.exec(readme)![1]!);
  const policy = loadPolicy('ecommerce');
  const d = policy.decide(complaint, { now: '2026-11-20T10:00:00+08:00' });

  test('"Use it": the decision fields shown are what decide() returns for the README complaint', () => {
    const l = d.liability;
    expect(readme).toContain(`decision.liability;   // { ruleId: '${l.ruleId}', party: '${l.party}', costBearer: '${l.costBearer}', upheld: ${l.upheld}, clause: '${l.clause}', … }`);
    const r = d.remedies[0]!;
    expect(readme).toContain(`decision.remedies;    // [{ type: '${r.type}', costBearer: '${r.costBearer}', returnShipping: '${r.returnShipping}', estimatedCost: '${r.estimatedCost}', resolveBy: '${r.resolveBy}', … }, …]`);
    const a = d.approval;
    expect(readme).toContain(`decision.approval;    // { approver: '${a.approver}', bandId: '${a.bandId}', amount: '${a.amount}', range: '${a.range}', … }`);
    expect(d.notOffered).toEqual([]);
    const noProof = policy.decide({ ...complaint, findings: { ...complaint.findings, proofOfPurchase: false } }, { now: '2026-11-20T10:00:00+08:00' }).notOffered[0]!;
    expect(readme).toContain(`decision.notOffered;  // [] here; e.g. [{ type: '${noProof.type}', ruleId: '${noProof.ruleId}', reason: '…' }] without proof of purchase`);
    expect(readme).toContain(`decision.audit;       // { ${Object.keys(d.audit).join(', ')} }`);
  });
});

describe('docs/lifecycle.md', () => {
  const doc = page('docs/lifecycle.md');

  test('"The API": the complaint number and the first clock shown', () => {
    const policy = loadPolicy('ecommerce');
    const complaint = JSON.parse(page('examples/complaints/01-rice-cooker-fault.json'));
    const number = nextComplaintNumber(policy, '26110041', '2026-11-20T10:05:00+08:00');
    expect(doc).toContain(`const number = nextComplaintNumber(policy, '26110041', '2026-11-20T10:05:00+08:00'); // → '${number}'`);
    const actor = { id: 'li.na', role: 'agent' };
    const started = start(policy, complaint, { actor, number });
    const { snapshot } = transition(policy, started.snapshot, { type: 'start-verification', at: '2026-11-20T10:40:00+08:00', actor });
    const c = deadlines(policy, snapshot, { now: '2026-11-20T11:00:00+08:00' })[0]!;
    expect(doc).toContain(`// → [{ clock: '${c.clock}', due: '${c.due}', state: '${c.state}', timeLeft: '${c.timeLeft}', … }, …]`);
  });
});

describe('docs/loss-and-penalties.md', () => {
  const doc = page('docs/loss-and-penalties.md');
  const policy = loadPolicy('manufacturer');

  test('the penalty example prints what `aftersales penalty` prints', async () => {
    const [, command, shown] = /```\n\$ aftersales (penalty [^\n]*)\n([\s\S]*?)```/.exec(doc)!;
    const r = await cli(command!.split(' '));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shown);
  });

  test('two cases of one person: the schedules shown', () => {
    const month = (s: readonly { month: string; amount: string }[]) => s.map((m) => `{ month: '${m.month}', amount: '${m.amount}' }`).join(', ');
    const a = economicDeduction(policy, { unitLoss: '10000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11' });
    expect(doc).toContain(`// a.schedule → [${month(a.schedule)}]`);
    const b = economicDeduction(policy, { unitLoss: '5000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11', alreadyScheduled: { '2026-11': '2000.00' } });
    expect(doc).toContain(`// b.schedule → [${month(b.schedule)}]`);
  });

  test('one rounding at the end: three lines of 19.998 and of 0.006', () => {
    const three = (unitPrice: string) => calculateLoss(policy, { items: [1, 2, 3].map(() => ({ type: 'return', quantity: 1, unitPrice })) });
    const big = three('99.99');
    expect(big.lines.map((l) => [l.exact, l.amount])).toEqual([['19.998', '20.00'], ['19.998', '20.00'], ['19.998', '20.00']]);
    expect(doc).toContain(`three lines of\n  19.998 show 20.00 each and total ${big.total}`);
    const small = three('0.03');
    expect(small.lines.map((l) => l.amount)).toEqual(['0.01', '0.01', '0.01']);
    expect(doc).toContain(`three lines of 0.006 show 0.01 each and total ${small.total}`);
  });

  test('the TSDoc of CalculationStep.step lists every step the loss, allocation and penalty functions write', () => {
    const listed = /What kind of step: (.*?)\. \*\//.exec(page('src/loss/input.ts'))![1]!.split(', ').map((s) => s.replace(/`/g, ''));
    const written = new Set(
      [
        calculateLoss(policy, {
          items: [{ type: 'return', quantity: 2, unitPrice: '1.00', approvedQuantity: 2 }],
          resale: { decidedOn: '2026-01-31', aGradeValue: '5.00' },
        }).trace,
        allocate({ amount: '1.00', shares: [{ id: 'a', ratio: 1 }] }).trace,
        penaltyFor(policy, { amount: '100000.01', basePoints: '3' }).trace,
        economicDeduction(policy, { unitLoss: '10000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11' }).trace,
        attributeLiability(policy, { department: 'sales', individual: 'e1' }).trace,
      ].flatMap((t) => t.map((s) => s.step)),
    );
    expect([...written].filter((s) => !listed.includes(s))).toEqual([]);
  });
});

describe('docs/rule-packs.md, "Large rule files"', () => {
  const doc = page('docs/rule-packs.md');

  test('examples/07 loads the pack of as many liability rules as the page says (and as the example prints)', () => {
    const shownByExample = /JSON_TOO_LARGE (\d+) rules/.exec(page('examples/07-large-packs-and-limits.mjs'))![1]!;
    const bundled = JSON.parse(page('rules/ecommerce/liability.json')).rules.length as number;
    expect(Number(shownByExample)).toBe(bundled + 2000);
    expect(doc).toContain(`loads a pack of ${(bundled + 2000).toLocaleString('en-US')} liability rules this way`);
  });

  test("the size of the benchmark's 10,000-rule liability file, and the message that refuses it", () => {
    const files = largePackFiles(join(root, 'rules', 'ecommerce'), 10_000);
    const bytes = Buffer.byteLength(JSON.stringify(files['liability.json'], null, 2));
    expect(doc).toContain(`written with two-space indentation, is ≈ ${(bytes / 1e6).toFixed(1)} MB`);
    expect(doc).toContain(`\`file is ${bytes} bytes, the limit is 1048576 (load option limits.maxBytes)\``);
  });
});
