import { describe, expect, test } from 'vitest';
import { loadPolicy, type Complaint, type LiabilityDecision } from '../../src/index.js';
import { complaint, faultTable, NOW, type ComplaintOverrides } from '../helpers.js';

const policy = loadPolicy('ecommerce');
type F = Partial<Complaint['findings']>;

// One fixture per liability rule of the ecommerce pack (and its default), with the exact decision.
const cases: Array<[string, ComplaintOverrides, Pick<LiabilityDecision, 'ruleId' | 'party' | 'costBearer' | 'upheld'> & { recoverFrom?: string; testing?: boolean }]> = [
  ['no proof of purchase', { findings: { proofOfPurchase: false } }, { ruleId: 'no-proof-of-purchase', party: 'undetermined', costBearer: 'customer', upheld: false }],
  ['intentional damage (seed 000 §2.3)', { findings: { customerFault: 'intentional' } }, { ruleId: 'intentional-customer-damage', party: 'customer', costBearer: 'customer', upheld: false }],
  ['customer misuse', { findings: { nature: 'customer-misuse', customerFault: 'unintentional' } }, { ruleId: 'customer-misuse', party: 'customer', costBearer: 'customer', upheld: false }],
  ['supplier shares a quality case', { findings: { nature: 'quality-defect', supplierInvolved: true } }, { ruleId: 'supplier-shared-quality', party: 'supplier', costBearer: 'company', upheld: true, recoverFrom: 'supplier' }],
  ['quality problem at a brand counter', { order: { soldOnline: false } }, { ruleId: 'counter-quality-loss', party: 'counter', costBearer: 'counter', upheld: true }],
  ['nonconforming product online', {}, { ruleId: 'nonconforming-product', party: 'manufacturer', costBearer: 'company', upheld: true }],
  ['quality defect online', { findings: { nature: 'quality-defect' } }, { ruleId: 'nonconforming-product', party: 'manufacturer', costBearer: 'company', upheld: true }],
  ['quality defect the customer caused (seed 003 art.1 §二.3)', { findings: { nature: 'quality-defect', customerFault: 'unintentional' } }, { ruleId: 'customer-caused-quality-problem', party: 'customer', costBearer: 'customer', upheld: false }],
  ['functional fault the customer caused', { findings: { customerFault: 'unintentional' } }, { ruleId: 'customer-caused-quality-problem', party: 'customer', costBearer: 'customer', upheld: false }],
  ['customer-caused quality problem at a brand counter: not the counter\'s loss', { order: { soldOnline: false }, findings: { customerFault: 'unintentional' } }, { ruleId: 'customer-caused-quality-problem', party: 'customer', costBearer: 'customer', upheld: false }],
  ['customer-caused quality problem with a supplier involved: not the supplier\'s', { findings: { nature: 'quality-defect', customerFault: 'unintentional', supplierInvolved: true } }, { ruleId: 'customer-caused-quality-problem', party: 'customer', costBearer: 'customer', upheld: false }],
  ['quality defect, customer\'s part undeterminable: presumed right (seed 003 art.2 §7.10.7(1))', { findings: { nature: 'quality-defect', customerFault: 'unknown' } }, { ruleId: 'nonconforming-product', party: 'manufacturer', costBearer: 'company', upheld: true }],
  ['quality problem at a brand counter, customer\'s part undeterminable', { order: { soldOnline: false }, findings: { customerFault: 'unknown' } }, { ruleId: 'counter-quality-loss', party: 'counter', costBearer: 'counter', upheld: true }],
  ['appearance change from the product itself', { findings: { nature: 'appearance-change', customerFault: 'unknown' } }, { ruleId: 'appearance-change-own-nature', party: 'manufacturer', costBearer: 'company', upheld: true }],
  ['appearance change by the customer', { findings: { nature: 'appearance-change', customerFault: 'unintentional' } }, { ruleId: 'appearance-change-customer', party: 'customer', costBearer: 'customer', upheld: false }],
  ['transport damage', { type: 'logistics', findings: { nature: 'transport-damage' } }, { ruleId: 'damaged-in-transit', party: 'logistics', costBearer: 'company', upheld: true, recoverFrom: 'logistics' }],
  ['package damage', { findings: { nature: 'package-damage' } }, { ruleId: 'damaged-in-transit', party: 'logistics', costBearer: 'company', upheld: true, recoverFrom: 'logistics' }],
  ['slow delivery', { type: 'logistics', findings: { nature: 'undetermined', customerFault: 'none' } }, { ruleId: 'logistics-service-failure', party: 'logistics', costBearer: 'company', upheld: true, recoverFrom: 'logistics' }],
  ['size not as described', { findings: { nature: 'size-mismatch' } }, { ruleId: 'size-mismatch-seller', party: 'seller', costBearer: 'company', upheld: true }],
  ['customer chose the wrong size', { findings: { nature: 'size-mismatch', customerFault: 'unintentional' } }, { ruleId: 'size-mismatch-customer-choice', party: 'customer', costBearer: 'customer', upheld: false }],
  ['cannot tell: third-party testing', { findings: { nature: 'undetermined', customerFault: 'unknown' } }, { ruleId: 'undetermined-third-party-testing', party: 'undetermined', costBearer: 'company', upheld: true, testing: true }],
  ['cannot tell, no customer fault: presumption', { findings: { nature: 'undetermined', customerFault: 'none' } }, { ruleId: 'presumption-for-customer', party: 'seller', costBearer: 'company', upheld: true }],
  ['misunderstanding of product information', { findings: { nature: 'misunderstanding' } }, { ruleId: 'misunderstanding-of-product-information', party: 'customer', costBearer: 'customer', upheld: false }],
  ['price complaint', { type: 'price', findings: { nature: 'undetermined', customerFault: 'none' } }, { ruleId: 'seller-service-promotion-price', party: 'seller', costBearer: 'company', upheld: true }],
  ['service complaint, customer part unknown', { type: 'service', findings: { nature: 'undetermined', customerFault: 'unknown' } }, { ruleId: 'seller-service-promotion-price', party: 'seller', costBearer: 'company', upheld: true }],
  ['promotion misunderstood by the customer', { type: 'promotion', findings: { nature: 'misunderstanding' } }, { ruleId: 'misunderstanding-of-product-information', party: 'customer', costBearer: 'customer', upheld: false }],
];

describe('ecommerce liability', () => {
  test.each(cases)('%s', (_name, over, expected) => {
    const d = policy.decide(complaint(over), { now: NOW });
    expect({ ruleId: d.liability.ruleId, party: d.liability.party, costBearer: d.liability.costBearer, upheld: d.liability.upheld }).toEqual({
      ruleId: expected.ruleId,
      party: expected.party,
      costBearer: expected.costBearer,
      upheld: expected.upheld,
    });
    expect(d.liability.recoverFrom).toBe(expected.recoverFrom);
    expect(d.liability.thirdPartyTesting).toEqual(expected.testing ? { required: true, feeBearer: 'liable-party' } : undefined);
  });

  test('a customer fault found by verification puts the cost on the customer whatever the quality nature; none or unknown leaves it with the company (seed 003 art.1 §二.1–3, art.2 §7.10.7(1))', () => {
    expect(faultTable(policy)).toEqual([
      ['nonconforming-product:company:true', 'nonconforming-product:company:true', 'customer-caused-quality-problem:customer:false', 'intentional-customer-damage:customer:false'],
      ['nonconforming-product:company:true', 'nonconforming-product:company:true', 'customer-caused-quality-problem:customer:false', 'intentional-customer-damage:customer:false'],
      ['appearance-change-own-nature:company:true', 'appearance-change-own-nature:company:true', 'appearance-change-customer:customer:false', 'intentional-customer-damage:customer:false'],
    ]);
  });

  test('the customer-caused quality rule: clause and principle', () => {
    const l = policy.decide(complaint({ findings: { customerFault: 'unintentional' } }), { now: NOW }).liability;
    expect(l.clause).toBe('seed 003 art.1 §二.3; seed 000 §2.3');
    expect(l.principle).toBe(
      'A quality problem caused by the customer (因用户方责任出现的产品质量问题): an exchange is still possible on request, at the customer\'s cost, or a repair at cost price (人为损坏…成本价维修). A fault found by verification is not covered by the presumption for the customer, which applies when no obvious or intentional fault is found.',
    );
  });

  test('compensate first, recover later is labelled the pack\'s choice, the seed providing for it in emergencies (seed 003 art.2 §7.10.7(1))', () => {
    const supplier = policy.decide(complaint({ findings: { nature: 'quality-defect', supplierInvolved: true } }), { now: NOW }).liability;
    expect(supplier.clause).toBe("seed 003 art.3 §九.13; compensate first: pack's choice (seed 003 art.2 §7.10.7(1) provides for it in emergencies)");
    expect(supplier.principle).toBe('Joint handling with the supplier (seed 003 art.3 §九.13). This pack compensates the customer first and recovers from the supplier in every case; the seed provides for compensating first in emergencies (在紧急的情况下,可先赔后索).');
    const carrier = policy.decide(complaint({ type: 'logistics', findings: { nature: 'transport-damage' } }), { now: NOW }).liability;
    expect(carrier.clause).toBe("seed 002 §(二)3; compensate first: pack's choice (seed 003 art.2 §7.10.7(1) provides for it in emergencies)");
    expect(carrier.principle).toBe('Logistics liability (seed 002 §(二)3). This pack compensates the customer first and recovers from the carrier in every case; the seed provides for compensating first in emergencies (在紧急的情况下,可先赔后索, seed 003 art.2 §7.10.7(1)).');
    const slow = policy.decide(complaint({ type: 'logistics', findings: { nature: 'undetermined', customerFault: 'none' } }), { now: NOW }).liability;
    expect(slow.principle).toBe('Logistics liability. This pack makes good first and recovers from the carrier in every case; the seed provides for compensating first in emergencies (在紧急的情况下,可先赔后索, seed 003 art.2 §7.10.7(1)).');
  });

  test('every liability rule of the pack has a fixture above', () => {
    const covered = new Set(cases.map((c) => c[2].ruleId));
    expect(policy.liability!.doc.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('the default (customer is right) applies when no rule fires', () => {
    const files = Object.fromEntries(policy.documents.map((d) => [d.file, JSON.parse(JSON.stringify(d.doc))]));
    files['manifest.json'] = JSON.parse(JSON.stringify(policy.manifest));
    for (const r of files['liability.json'].rules) r.enabled = false;
    const d = loadPolicy({ files }).decide(complaint(), { now: NOW });
    expect(d.liability).toEqual({
      ruleId: 'undeterminable-customer-is-right',
      clause: 'seed 003 art.2 §7.10.7(1)',
      party: 'undetermined',
      costBearer: 'company',
      upheld: true,
      principle: 'Liability cannot be determined: the customer is right.',
    });
    expect(d.trace.filter((t) => t.stage === 'liability')).toEqual([
      { stage: 'liability', ruleId: 'undeterminable-customer-is-right', clause: 'seed 003 art.2 §7.10.7(1)', description: 'No rule decided the case.', fired: true, conditions: [] },
    ]);
  });
});
