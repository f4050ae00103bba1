import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadPolicy, type Complaint } from '../../src/index.js';
import { arbComplaint } from '../arbitraries.js';
import { complaint, NOW, type ComplaintOverrides } from '../helpers.js';

const policy = loadPolicy('ecommerce');
type F = Partial<Complaint['findings']>;
const summary = (c: Complaint, now = NOW) => {
  const d = policy.decide(c, { now });
  return {
    offered: d.remedies.map((r) => `${r.ruleId}:${r.type}:${r.costBearer}:${r.returnShipping ?? '-'}:${r.estimatedCost}`),
    notOffered: d.notOffered.map((n) => `${n.type}<${n.ruleId}`),
  };
};

describe('ecommerce remedies', () => {
  test('functional fault: exchange, refund, repair, guidance — company pays, including return shipping', () => {
    const d = policy.decide(complaint(), { now: NOW });
    expect(d.remedies).toEqual([
      { ruleId: 'exchange', type: 'exchange', label: 'Exchange for the same or another model', clause: 'seed 003 art.2 §三; seed 003 art.1 §二.1; seed 003 art.1 §二.2; seed 002 §(三)1', costBearer: 'company', returnShipping: 'company', estimatedCost: '299.00', resolveWithin: { days: 7 }, resolveBy: '2026-11-27T10:00:00+08:00' },
      { ruleId: 'refund', type: 'refund', label: 'Return and full refund', clause: 'seed 002 §(三)1; seed 002 §(四)2', costBearer: 'company', returnShipping: 'company', estimatedCost: '299.00', resolveWithin: { days: 7 }, resolveBy: '2026-11-27T10:00:00+08:00' },
      { ruleId: 'repair', type: 'repair', label: 'Free repair (on site or sent in)', clause: 'seed 002 §(三)1', costBearer: 'company', returnShipping: 'company', estimatedCost: '299.00', resolveWithin: { days: 15 }, resolveBy: '2026-12-05T10:00:00+08:00' },
      { ruleId: 'technical-guidance', type: 'technical-guidance', label: 'Technical guidance by a specialist', clause: 'seed 002 §(三)1', costBearer: 'company', estimatedCost: '0.00', resolveWithin: { hours: 24 }, resolveBy: '2026-11-21T10:00:00+08:00' },
    ]);
    expect(d.notOffered).toEqual([]);
    expect(d.warnings).toEqual([]);
  });

  test.each<[string, ComplaintOverrides, { offered: string[]; notOffered: string[] }]>([
    [
      'brand counter quality problem: the counter pays',
      { order: { soldOnline: false, deliveredAt: null, items: [{ sku: 'A', quantity: 2, unitPrice: '150.50' }] }, findings: { nature: 'quality-defect' }, claimAmount: '120.00' },
      { offered: ['exchange:exchange:counter:counter:301.00', 'refund:refund:counter:counter:301.00', 'repair:repair:counter:counter:120.00'], notOffered: [] },
    ],
    [
      'price difference: price compensation and refund',
      { type: 'price', findings: { nature: 'undetermined', customerFault: 'none' }, claimAmount: '30.00' },
      { offered: ['refund:refund:company:company:299.00', 'price-compensation:price-compensation:company:-:30.00'], notOffered: [] },
    ],
    [
      'a promotion complaint about a defective product: exchanged unconditionally besides the price compensation (seed 003 art.1 §二.1)',
      { type: 'promotion', findings: { nature: 'quality-defect' }, claimAmount: '30.00' },
      {
        offered: ['exchange:exchange:company:company:299.00', 'refund:refund:company:company:299.00', 'price-compensation:price-compensation:company:-:30.00', 'repair:repair:company:company:30.00'],
        notOffered: [],
      },
    ],
    [
      'a price complaint about an appearance change of the product\'s own nature: exchange at the company\'s cost (seed 003 art.1 §二.2)',
      { type: 'price', findings: { nature: 'appearance-change', customerFault: 'none' }, claimAmount: '30.00' },
      {
        offered: ['exchange:exchange:company:company:299.00', 'refund:refund:company:company:299.00', 'price-compensation:price-compensation:company:-:30.00', 'allowance-for-cosmetic-damage:allowance:company:-:30.00'],
        notOffered: [],
      },
    ],
    [
      'package damage: allowance besides exchange and refund',
      { findings: { nature: 'package-damage' }, claimAmount: '50.00' },
      { offered: ['exchange:exchange:company:company:299.00', 'refund:refund:company:company:299.00', 'allowance-for-cosmetic-damage:allowance:company:-:50.00'], notOffered: [] },
    ],
    [
      'missing items: resend',
      { type: 'logistics', findings: { nature: 'undetermined', customerFault: 'none' }, claimAmount: '99.00' },
      { offered: ['exchange:exchange:company:company:299.00', 'refund:refund:company:company:299.00', 'resend-missing-parts:resend-parts:company:-:99.00'], notOffered: [] },
    ],
    [
      'misuse: guidance, repair at cost price and exchange at the customer\'s cost; no refund of unresaleable goods',
      { findings: { nature: 'customer-misuse', customerFault: 'unintentional' }, claimAmount: '80.00' },
      {
        offered: ['technical-guidance:technical-guidance:company:-:0.00', 'repair-at-cost-price:repair:customer:customer:80.00', 'exchange-at-customer-cost:exchange:customer:customer:299.00'],
        notOffered: ['refund<no-return-of-unresaleable-goods'],
      },
    ],
    [
      'wrong size chosen, resaleable, within 7 days: no-reason return, customer pays shipping',
      { findings: { nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true } },
      { offered: ['exchange-at-customer-cost:exchange:customer:customer:299.00', 'no-reason-return-within-7-days:refund:company:customer:299.00'], notOffered: [] },
    ],
    [
      'wrong size chosen, 8 days after delivery: no no-reason return, the refund listed as not offered',
      { order: { deliveredAt: '2026-11-12T09:59:00+08:00' }, findings: { nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true } },
      { offered: ['exchange-at-customer-cost:exchange:customer:customer:299.00'], notOffered: ['refund<no-reason-return-period-passed'] },
    ],
    [
      'wrong size chosen, not delivered yet: no day count, so neither the no-reason return nor its exclusion',
      { order: { deliveredAt: null }, findings: { nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true } },
      { offered: ['exchange-at-customer-cost:exchange:customer:customer:299.00'], notOffered: [] },
    ],
    [
      'quality defect the customer caused: repair at cost price or exchange, both at the customer\'s cost (seed 000 §2.3, seed 003 art.1 §二.3)',
      { findings: { nature: 'quality-defect', customerFault: 'unintentional' }, claimAmount: '80.00' },
      {
        offered: ['repair-at-cost-price:repair:customer:customer:80.00', 'exchange-at-customer-cost:exchange:customer:customer:299.00'],
        notOffered: ['refund<no-return-of-unresaleable-goods'],
      },
    ],
    [
      'functional fault the customer caused, at a brand counter: guidance, repair at cost price, exchange at the customer\'s cost — not the counter\'s',
      { order: { soldOnline: false }, findings: { customerFault: 'unintentional' }, claimAmount: '80.00' },
      {
        offered: ['technical-guidance:technical-guidance:company:-:0.00', 'repair-at-cost-price:repair:customer:customer:80.00', 'exchange-at-customer-cost:exchange:customer:customer:299.00'],
        notOffered: ['refund<no-return-of-unresaleable-goods'],
      },
    ],
    [
      'appearance change the customer caused: exchange at the customer\'s cost, no repair at cost price',
      { findings: { nature: 'appearance-change', customerFault: 'unintentional' }, claimAmount: '80.00' },
      { offered: ['exchange-at-customer-cost:exchange:customer:customer:299.00'], notOffered: ['refund<no-return-of-unresaleable-goods'] },
    ],
    [
      'no proof of purchase: no goods remedy, reasons listed',
      { findings: { proofOfPurchase: false } },
      {
        offered: ['technical-guidance:technical-guidance:company:-:0.00'],
        notOffered: ['refund<no-remedy-without-proof', 'exchange<no-remedy-without-proof', 'repair<no-remedy-without-proof', 'allowance<no-remedy-without-proof', 'price-compensation<no-remedy-without-proof', 'resend-parts<no-remedy-without-proof'],
      },
    ],
  ])('%s', (_name, over, expected) => {
    expect(summary(complaint(over))).toEqual(expected);
  });

  describe('the 7-day no-reason return: days from the day after delivery to the day the complaint was received, in Asia/Shanghai', () => {
    const NO_REASON = 'no-reason-return-within-7-days:refund:company:customer:299.00';
    const unwanted = (deliveredAt: string, receivedAt: string) => complaint({ receivedAt, order: { deliveredAt }, findings: { nature: 'misunderstanding', resaleable: true } });
    const offered = (deliveredAt: string, receivedAt: string, now = receivedAt) => summary(unwanted(deliveredAt, receivedAt), now).offered.includes(NO_REASON);

    test.each([
      ['delivered 11-13 10:00, asked 11-20 23:59:59 (day 7)', '2026-11-13T10:00:00+08:00', '2026-11-20T23:59:59+08:00', true],
      ['delivered 11-13 10:00, asked 11-21 00:00 (day 8)', '2026-11-13T10:00:00+08:00', '2026-11-21T00:00:00+08:00', false],
      ['delivered 11-13 23:59, asked 11-20 00:00 (day 7, less than 7 × 24 h)', '2026-11-13T23:59:00+08:00', '2026-11-20T00:00:00+08:00', true],
      ['asked on the delivery day', '2026-11-13T10:00:00+08:00', '2026-11-13T18:00:00+08:00', true],
      // 2026-11-12T17:00Z is 11-13 01:00 in Shanghai: day 7 there on 11-20, although the UTC dates are 8 days apart
      ['delivery written in UTC: the pack zone\'s date counts', '2026-11-12T17:00:00Z', '2026-11-20T23:00:00+08:00', true],
      ['delivered 11-13 10:00, asked 11-20 16:00Z = 11-21 00:00 in Shanghai (day 8)', '2026-11-13T10:00:00+08:00', '2026-11-20T16:00:00Z', false],
    ])('%s', (_name, deliveredAt, receivedAt, expected) => {
      expect(offered(deliveredAt, receivedAt)).toBe(expected);
    });

    test('a decision made after the 7 days still offers it when the customer asked within them (and never when asked after)', () => {
      expect(offered('2026-11-13T10:00:00+08:00', '2026-11-15T09:00:00+08:00', '2026-11-30T10:00:00+08:00')).toBe(true);
      expect(offered('2026-11-13T10:00:00+08:00', '2026-11-22T09:00:00+08:00', '2026-11-22T10:00:00+08:00')).toBe(false);
    });

    test('the fact and its trace entry', () => {
      const d = policy.decide(unwanted('2026-11-13T10:00:00+08:00', '2026-11-21T00:00:00+08:00'), { now: '2026-11-21T00:00:00+08:00' });
      const rule = d.trace.find((t) => t.ruleId === 'no-reason-return-within-7-days')!;
      expect(rule.fired).toBe(false);
      expect(rule.conditions.at(-1)).toMatchObject({ fact: 'daysFromDeliveryToComplaint', operator: 'lessThanInclusive', value: 7, factValue: 8, result: false });
      const passed = d.trace.find((t) => t.ruleId === 'no-reason-return-period-passed')!;
      expect(passed.fired).toBe(true);
      expect(passed.conditions.at(-1)).toMatchObject({ fact: 'daysFromDeliveryToComplaint', operator: 'greaterThan', value: 7, factValue: 8, result: true });
    });

    test('from day 8 the refund is listed as not offered, with the reason (the 7 days are the pack\'s choice; seed 003 art.2 §7.10.6(4) sets no limit)', () => {
      const notOffered = (deliveredAt: string, receivedAt: string) => policy.decide(unwanted(deliveredAt, receivedAt), { now: receivedAt, trace: false }).notOffered;
      expect(notOffered('2026-11-13T10:00:00+08:00', '2026-11-20T23:59:59+08:00')).toEqual([]);
      expect(notOffered('2026-11-13T10:00:00+08:00', '2026-11-21T00:00:00+08:00')).toEqual([
        {
          type: 'refund',
          ruleId: 'no-reason-return-period-passed',
          reason:
            "The customer asked more than 7 days after delivery: this pack refunds an unwanted purchase only within its 7-day no-reason return (a company promise, seed 000 §2.3). Seed 003 art.2 §7.10.6(4) says a return is generally granted when resale is unaffected and sets no time limit, but leaves other cases to the store's judgement; a later return is for the store to agree case by case.",
        },
      ]);
      // an intentional fault gets no no-reason return at any day, so nothing to explain about the 7 days
      const intentional = complaint({ receivedAt: '2026-11-25T10:00:00+08:00', order: { deliveredAt: '2026-11-13T10:00:00+08:00' }, findings: { nature: 'misunderstanding', customerFault: 'intentional', resaleable: true } });
      expect(policy.decide(intentional, { now: '2026-11-25T10:00:00+08:00', trace: false }).notOffered).toEqual([]);
    });

    test('the liability principles say what the pack does: 7 days, then not offered', () => {
      const principle = (findings: F) => policy.decide(complaint({ findings }), { now: NOW, trace: false }).liability.principle;
      expect(principle({ nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true })).toBe(
        "An unwanted purchase: exchange on request at the customer's cost; a refund only within this pack's 7-day no-reason return (the company promise of seed 000 §2.3), counted from delivery to the complaint, when resale is unaffected (seed 003 art.2 §7.10.6(4)), the customer paying return shipping. From day 8 the refund is listed as not offered.",
      );
      expect(principle({ nature: 'misunderstanding', resaleable: true })).toBe(
        "Explain the product; an unwanted purchase whose resale is unaffected may still be returned within this pack's 7-day no-reason return (seed 000 §2.3; seed 003 art.2 §7.10.6(4)), at the customer's shipping cost. From day 8 the refund is listed as not offered.",
      );
    });
  });

  test('every remedy rule of the pack is exercised by a fixture in this file', () => {
    const fired = new Set<string>();
    const fixtures = [
      complaint(),
      complaint({ type: 'price', findings: { nature: 'undetermined', customerFault: 'none' } }),
      complaint({ findings: { nature: 'package-damage' } }),
      complaint({ type: 'logistics', findings: { nature: 'undetermined', customerFault: 'none' } }),
      complaint({ findings: { nature: 'customer-misuse', customerFault: 'unintentional' } }),
      complaint({ findings: { nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true } }),
      complaint({ findings: { proofOfPurchase: false } }),
      complaint({ order: { deliveredAt: '2026-11-12T09:59:00+08:00' }, findings: { nature: 'size-mismatch', customerFault: 'unintentional', resaleable: true } }),
    ];
    for (const c of fixtures) for (const t of policy.decide(c, { now: NOW }).trace) if (t.stage === 'remedies' && t.fired) fired.add(t.ruleId);
    expect(policy.remedies!.doc.rules.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });

  test('property: every upheld complaint gets at least two options, each with a cost bearer and a resolution instant', () => {
    fc.assert(
      fc.property(arbComplaint, (c) => {
        const d = policy.decide(c, { now: '2026-11-25T10:00:00+08:00', trace: false });
        if (d.liability.upheld) {
          expect(d.remedies.length).toBeGreaterThanOrEqual(2);
          expect(d.warnings).toEqual([]);
        }
        for (const r of d.remedies) {
          expect(r.estimatedCost).toMatch(/^\d+\.\d{2}$/);
          expect(r.resolveBy).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        }
        expect(new Set(d.remedies.map((r) => r.type)).size).toBe(d.remedies.length);
        for (const n of d.notOffered) expect(d.remedies.map((r) => r.type)).not.toContain(n.type);
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});
