import { describe, expect, test } from 'vitest';
import { loadPolicy } from '../../src/index.js';
import { complaint, faultTable, NOW } from '../helpers.js';
import approvalCases from './fixtures/approval-boundaries.json' with { type: 'json' };

const policy = loadPolicy('manufacturer');

describe('the manufacturer pack (seed 003 art.1, art.3)', () => {
  test('loads with every part, rounding half-up', () => {
    expect(policy.id).toBe('manufacturer');
    expect(policy.settings).toEqual({ timeZone: 'Asia/Shanghai', currency: 'CNY', rounding: 'half-up' });
    // other kinds (e.g. the lifecycle) may join the pack; these are the ones this file covers
    expect(policy.documents.map((d) => d.kind)).toEqual(expect.arrayContaining(['Liability', 'Remedies', 'ApprovalAuthority', 'LossModel', 'PenaltyBands', 'EconomicPenalty']));
    expect([...policy.lossModel!.types.keys()]).toEqual(['claim', 'allowance', 'return', 'resend', 'rework']);
    expect(policy.penalties!.doc.bands.map((b) => [b.id, b.over ?? null, b.upTo ?? null])).toEqual([
      ['self-criticism', null, '10000.00'],
      ['reprimand-1', '10000.00', '50000.00'],
      ['reprimand-2', '50000.00', '100000.00'],
      ['minor-demerit-1', '100000.00', '200000.00'],
      ['minor-demerit-2', '200000.00', '400000.00'],
      ['major-demerit-1', '400000.00', '1000000.00'],
      ['major-demerit-2-or-more', '1000000.00', null],
    ]);
    expect(policy.deductions!.doc.cap.rate).toBe('0.50');
  });

  test('file descriptions quote the seed\'s figures and name the clocks the lifecycle carries (§十)', () => {
    const doc = (kind: string) => policy.documents.find((d) => d.kind === kind)!.doc as { description: string };
    expect(doc('Remedies').description).toContain("the seed sets 13 days domestic / 17 days foreign to close the whole case (§十) and 3 days domestic / 7 days foreign for the business department's part (§十.2, 国内3天国外7天); set your own.");
    for (const kind of ['PenaltyBands', 'LossModel']) {
      expect(doc(kind).description).toMatch(/cases close within 13 days domestic \/ 17 days foreign from acceptance \(§十\); the lifecycle file carries those clocks \(case-closure-domestic, case-closure-foreign\)\.$/);
      expect(doc(kind).description).not.toContain('will carry');
    }
    const clocks = (doc('Lifecycle') as unknown as { clocks: Array<{ id: string }> }).clocks.map((c) => c.id);
    expect(clocks).toEqual(expect.arrayContaining(['case-closure-domestic', 'case-closure-foreign']));
  });

  test.each(approvalCases.cases)('approval at $claimAmount → $band ($approver) (§十一)', ({ claimAmount, band, approver }) => {
    const d = policy.decide(complaint({ claimAmount }), { now: NOW });
    expect(d.approval).toMatchObject({ bandId: band, approver, amount: claimAmount, clause: 'seed 003 art.3 §十一 客户投诉金额核决权限' });
  });
});

describe('manufacturer liability: every rule is reachable', () => {
  test.each([
    ['order-not-identified', { findings: { proofOfPurchase: false } }, 'undetermined', 'customer', false],
    ['customer-intentional-damage', { findings: { customerFault: 'intentional' } }, 'customer', 'customer', false],
    ['customer-misuse', { findings: { nature: 'customer-misuse', customerFault: 'unintentional' } }, 'customer', 'customer', false],
    ['customer-caused-quality-problem', { findings: { nature: 'quality-defect', customerFault: 'unintentional' } }, 'customer', 'customer', false],
    ['supplier-joint-handling', { findings: { nature: 'quality-defect', supplierInvolved: true } }, 'supplier', 'company', true],
    ['nonconforming-product', {}, 'manufacturer', 'company', true],
    ['appearance-change-own-nature', { findings: { nature: 'appearance-change' } }, 'manufacturer', 'company', true],
    ['appearance-change-customer', { findings: { nature: 'appearance-change', customerFault: 'unintentional' } }, 'customer', 'customer', false],
    ['storage-or-transport', { findings: { nature: 'transport-damage' } }, 'logistics', 'company', true],
    ['delivery-or-shipment-error', { type: 'logistics', findings: { nature: 'undetermined' } }, 'seller', 'company', true],
    ['labelling-or-order-mismatch', { findings: { nature: 'size-mismatch' } }, 'manufacturer', 'company', true],
    ['size-mismatch-customer-order', { findings: { nature: 'size-mismatch', customerFault: 'unintentional' } }, 'customer', 'customer', false],
    ['documents-or-finance-error', { type: 'service', findings: { nature: 'undetermined' } }, 'seller', 'company', true],
    ['misunderstanding', { findings: { nature: 'misunderstanding' } }, 'customer', 'customer', false],
    ['quality-management-determines', { findings: { nature: 'undetermined' } }, 'undetermined', 'company', true],
  ] as const)('%s', (ruleId, over, party, costBearer, upheld) => {
    const d = policy.decide(complaint(over as never), { now: NOW });
    expect(d.liability).toMatchObject({ ruleId, party, costBearer, upheld });
  });

  test('every liability rule has a case above', () => {
    const covered = ['order-not-identified', 'customer-intentional-damage', 'customer-misuse', 'customer-caused-quality-problem', 'supplier-joint-handling', 'nonconforming-product', 'appearance-change-own-nature', 'appearance-change-customer', 'storage-or-transport', 'delivery-or-shipment-error', 'labelling-or-order-mismatch', 'size-mismatch-customer-order', 'documents-or-finance-error', 'misunderstanding'];
    expect(policy.liability!.doc.rules.map((r) => r.id).filter((id) => !covered.includes(id))).toEqual([]);
  });

  test('a quality problem the customer caused goes to the customer whatever its nature (seed 003 art.1 §二.3), as an appearance change already did', () => {
    expect(faultTable(policy)).toEqual([
      ['nonconforming-product:company:true', 'nonconforming-product:company:true', 'customer-caused-quality-problem:customer:false', 'customer-intentional-damage:customer:false'],
      ['nonconforming-product:company:true', 'nonconforming-product:company:true', 'customer-caused-quality-problem:customer:false', 'customer-intentional-damage:customer:false'],
      ['appearance-change-own-nature:company:true', 'appearance-change-own-nature:company:true', 'appearance-change-customer:customer:false', 'customer-intentional-damage:customer:false'],
    ]);
    const d = policy.decide(complaint({ findings: { nature: 'functional-fault', customerFault: 'unintentional', supplierInvolved: true } }), { now: NOW });
    expect(d.liability).toEqual({
      ruleId: 'customer-caused-quality-problem',
      clause: 'seed 003 art.1 §二.3; seed 003 art.3 §九.14',
      party: 'customer',
      costBearer: 'customer',
      upheld: false,
      principle: "A quality problem caused by the customer (因用户方责任出现的产品质量问题): the goods can still be exchanged on request, at the customer's cost; the complaint is not upheld and receivables are collected on the normal terms.",
    });
  });

  test('supplier involvement: the company makes good and recovers from the supplier (§九.13)', () => {
    const d = policy.decide(complaint({ findings: { nature: 'functional-fault', supplierInvolved: true } }), { now: NOW });
    expect(d.liability.recoverFrom).toBe('supplier');
    expect(d.liability.clause).toBe('seed 003 art.3 §九.13');
  });
});

describe('manufacturer remedies: claim, allowance, return, resend, rework', () => {
  const types = (over = {}) => policy.decide(complaint(over), { now: NOW }).remedies.map((r) => [r.type, r.ruleId, r.costBearer]);

  test('a nonconforming product: resend (exchange), return for credit, allowance, rework, claim, guidance — all at the company\'s cost', () => {
    expect(types()).toEqual([
      ['exchange', 'resend-conforming-goods', 'company'],
      ['refund', 'return-for-credit', 'company'],
      ['allowance', 'sales-allowance', 'company'],
      ['rework', 'rework', 'company'],
      ['claim', 'claim-payment', 'company'],
      ['technical-guidance', 'technical-guidance', 'company'],
    ]);
    const d = policy.decide(complaint(), { now: NOW });
    expect(d.remedies[0]!.resolveBy).toBe('2026-12-03T10:00:00+08:00');
    expect(d.warnings).toEqual([]);
  });

  test('a price complaint: allowance or claim, no goods remedy', () => {
    expect(types({ type: 'price', findings: { nature: 'undetermined' } })).toEqual([
      ['allowance', 'sales-allowance', 'company'],
      ['claim', 'claim-payment', 'company'],
    ]);
  });

  test('customer misuse: exchange or rework at the customer\'s cost; no compensation (§九.14)', () => {
    const d = policy.decide(complaint({ findings: { nature: 'customer-misuse', customerFault: 'unintentional' } }), { now: NOW });
    expect(d.remedies.map((r) => [r.type, r.costBearer, r.returnShipping ?? null])).toEqual([
      ['exchange', 'customer', 'customer'],
      ['rework', 'customer', 'customer'],
      ['technical-guidance', 'company', null],
    ]);
    expect(d.notOffered).toEqual([
      { type: 'claim', ruleId: 'no-compensation-when-not-upheld', reason: 'The complaint is not upheld: receivables are collected on the normal terms.' },
      { type: 'allowance', ruleId: 'no-compensation-when-not-upheld', reason: 'The complaint is not upheld: receivables are collected on the normal terms.' },
      { type: 'refund', ruleId: 'no-compensation-when-not-upheld', reason: 'The complaint is not upheld: receivables are collected on the normal terms.' },
    ]);
  });

  test('a quality defect the customer caused: exchange or rework at the customer\'s cost; no compensation (seed 003 art.1 §二.3, §九.14)', () => {
    const d = policy.decide(complaint({ findings: { nature: 'quality-defect', customerFault: 'unintentional' } }), { now: NOW });
    expect(d.remedies.map((r) => [r.ruleId, r.type, r.costBearer, r.returnShipping ?? null, r.estimatedCost])).toEqual([
      ['exchange-at-customer-cost', 'exchange', 'customer', 'customer', '299.00'],
      ['rework-at-customer-cost', 'rework', 'customer', 'customer', '299.00'],
    ]);
    expect(d.notOffered.map((n) => [n.type, n.ruleId])).toEqual([
      ['claim', 'no-compensation-when-not-upheld'],
      ['allowance', 'no-compensation-when-not-upheld'],
      ['refund', 'no-compensation-when-not-upheld'],
    ]);
    expect(d.warnings).toEqual([]);
  });

  test('order not identified: no goods or money remedy', () => {
    const d = policy.decide(complaint({ findings: { proofOfPurchase: false } }), { now: NOW });
    expect(d.notOffered.map((n) => [n.type, n.ruleId])).toEqual([
      ['refund', 'no-remedy-before-order-identified'],
      ['exchange', 'no-remedy-before-order-identified'],
      ['allowance', 'no-remedy-before-order-identified'],
      ['claim', 'no-remedy-before-order-identified'],
      ['rework', 'no-remedy-before-order-identified'],
    ]);
    expect(d.remedies.map((r) => r.type)).toEqual(['technical-guidance']);
  });
});
