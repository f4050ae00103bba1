/**
 * Complaint signatures: the liability outcome kept per combination of the
 * built-in facts that take few values.
 */
import { describe, expect, test } from 'vitest';
import { enumWord } from '../../src/complaint/fast-parse.js';
import type { Complaint } from '../../src/complaint/schema.js';
import { COMPLAINT_FACTS } from '../../src/decision/facts.js';
import { preparePolicy } from '../../src/decision/prepared.js';
import { SIGNATURE_FITS, SignatureCache, complaintSignature, signatureMask } from '../../src/decision/signature.js';
import { generateCase, loadPolicy } from '../../src/index.js';
import { baseComplaint, NOW } from '../helpers.js';
import { packFiles } from '../packs.js';

const sig = (c: Complaint) => complaintSignature(c, enumWord(c));
/** The base complaint changed by `f`, on a fresh copy. */
const variant = (f: (c: Complaint) => void) => {
  const c = baseComplaint();
  f(c);
  return c;
};

describe('signatureMask', () => {
  test('every enumeration fits its bits', () => {
    expect(SIGNATURE_FITS).toBe(true);
  });

  test('the bits of the facts read; undefined once a fact is not a built-in signature fact', () => {
    expect(signatureMask([], COMPLAINT_FACTS)).toBe(0);
    expect(signatureMask(['channel', 'type', 'severity', 'nature', 'customerFault'], COMPLAINT_FACTS)).toBe(0x1fffff);
    expect(signatureMask(['vulnerable', 'soldOnline', 'delivered', 'resaleable', 'proofOfPurchase', 'supplierInvolved'], COMPLAINT_FACTS)).toBe(0x7e00000);
    expect(signatureMask(['nature', 'proofOfPurchase'], COMPLAINT_FACTS)).toBe(0x1f000 | (1 << 25));
    for (const other of ['daysFromDeliveryToComplaint', 'claimAmount', 'orderTotal', 'itemQuantity', 'complaint', 'loyaltyTier', '__proto__', 'constructor', 'toString']) {
      expect(signatureMask(['nature', other], COMPLAINT_FACTS), other).toBeUndefined();
    }
    // a host definition under a built-in name
    const host = { ...COMPLAINT_FACTS, nature: { ...COMPLAINT_FACTS.nature!, compute: () => 'quality-defect' } };
    expect(signatureMask(['type'], host)).toBe(0xf0);
    expect(signatureMask(['type', 'nature'], host)).toBeUndefined();
  });

  test('the bundled liability rules read only signature facts; memo: false turns the signature off', () => {
    const policy = loadPolicy('ecommerce');
    expect(policy.liability!.rules.usedFacts).toStrictEqual(['customerFault', 'nature', 'proofOfPurchase', 'soldOnline', 'supplierInvolved', 'type']);
    expect(policy.liability!.signatureMask).toBe(0xf0 | 0x1f000 | 0x1e0000 | (1 << 22) | (1 << 25) | (1 << 26));
    expect(loadPolicy('manufacturer').liability!.signatureMask).toBeDefined();
    expect(loadPolicy('ecommerce', { memo: false }).liability!.signatureMask).toBeUndefined();
  });
});

describe('complaintSignature', () => {
  const base = sig(baseComplaint());

  test('each signature fact changes exactly its own bits', () => {
    const cases: Array<[string, (c: Complaint) => void, number]> = [
      ['channel', (c) => (c.channel = 'foreign'), 0xf],
      ['type', (c) => (c.type = 'logistics'), 0xf0],
      ['severity', (c) => (c.severity = 'complex'), 0xf00],
      ['nature', (c) => (c.findings.nature = 'transport-damage'), 0x1f000],
      ['customerFault', (c) => (c.findings.customerFault = 'intentional'), 0x1e0000],
      ['vulnerable', (c) => (c.customer.vulnerable = !c.customer.vulnerable), 1 << 21],
      ['soldOnline', (c) => (c.order.soldOnline = !c.order.soldOnline), 1 << 22],
      ['delivered', (c) => (c.order.deliveredAt = c.order.deliveredAt === null ? '2026-11-18T15:00:00+08:00' : null), 1 << 23],
      ['resaleable', (c) => (c.findings.resaleable = !c.findings.resaleable), 1 << 24],
      ['proofOfPurchase', (c) => (c.findings.proofOfPurchase = !c.findings.proofOfPurchase), 1 << 25],
      ['supplierInvolved', (c) => (c.findings.supplierInvolved = c.findings.supplierInvolved !== true), 1 << 26],
    ];
    for (const [name, f, bits] of cases) {
      const s = sig(variant(f));
      expect(s, name).not.toBe(base);
      expect((s ^ base) & ~bits, name).toBe(0);
      expect(s, name).toBeLessThan(2 ** 27);
    }
  });

  test('what is not a signature fact leaves it alone (supplierInvolved absent counts as false, as the fact computes)', () => {
    const same: Array<(c: Complaint) => void> = [
      (c) => (c.id = 'other'),
      (c) => (c.claimAmount = '1.00'),
      (c) => (c.receivedAt = '2026-01-01T00:00:00Z'),
      (c) => (c.order.items = [{ sku: 'X', quantity: 9, unitPrice: '9.99' }]),
      (c) => (c.customer = { vulnerable: c.customer.vulnerable, vulnerability: 'elderly' }),
      (c) => (c.findings.supplierInvolved = false),
    ];
    for (const f of same) expect(sig(variant(f))).toBe(base);
    if (baseComplaint().order.deliveredAt !== null) expect(sig(variant((c) => (c.order.deliveredAt = '2020-01-01T00:00:00Z')))).toBe(base);
  });
});

describe('decide keeps the liability outcome per signature', () => {
  test('3,000 generated complaints twice: the same decisions as without the memo; one entry per signature seen', () => {
    const policy = loadPolicy('ecommerce');
    const plain = loadPolicy('ecommerce', { memo: false });
    const cache = preparePolicy(policy).liabilityBySignature;
    const mask = policy.liability!.signatureMask!;
    const seen = new Set<number>();
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 3000; i++) {
        const g = generateCase(13, i);
        seen.add(sig(g.complaint) & mask);
        expect(policy.decide(g.complaint, { now: g.now, trace: false }), `case ${i}`).toStrictEqual(plain.decide(g.complaint, { now: g.now, trace: false }));
      }
    expect(cache.size).toBe(seen.size);
    expect(preparePolicy(plain).liabilityBySignature.size).toBe(0);
  });

  test('a host definition of a fact the liability rules read turns the signature off: decisions follow the host fact', () => {
    const always = loadPolicy('ecommerce', { facts: { proofOfPurchase: { ...COMPLAINT_FACTS.proofOfPurchase!, compute: () => true } } });
    expect(always.liability!.signatureMask).toBeUndefined();
    const noProof = variant((c) => (c.findings.proofOfPurchase = false));
    expect(loadPolicy('ecommerce').decide(noProof, { now: NOW, trace: false }).liability.ruleId).toBe('no-proof-of-purchase');
    for (let i = 0; i < 2; i++) expect(always.decide(noProof, { now: NOW, trace: false }).liability.ruleId).not.toBe('no-proof-of-purchase');
    expect(preparePolicy(always).liabilityBySignature.size).toBe(0);
  });

  test('with a trace every rule is evaluated (nothing is kept from the signature path)', () => {
    const policy = loadPolicy('ecommerce');
    const d = policy.decide(baseComplaint(), { now: NOW });
    expect(d.trace.filter((t) => t.stage === 'liability').length).toBeGreaterThan(1);
    expect(preparePolicy(policy).liabilityBySignature.size).toBe(0);
  });
});

describe('decide keeps the remedy plan per liability outcome and signature', () => {
  test('the bundled remedies are keyed by signature facts and the outcome; memo: false or a host definition of a key fact turns it off', () => {
    const policy = loadPolicy('ecommerce');
    expect([...policy.remedies!.rules.outcome!.facts].sort()).toStrictEqual(['customerFault', 'nature', 'proofOfPurchase', 'resaleable', 'type', 'upheld']);
    expect(policy.remedies!.signatureMask).toBe(0xf0 | 0x1f000 | 0x1e0000 | (1 << 24) | (1 << 25));
    expect(loadPolicy('ecommerce', { memo: false }).remedies!.signatureMask).toBeUndefined();
    const hostResaleable = loadPolicy('ecommerce', { facts: { resaleable: { ...COMPLAINT_FACTS.resaleable!, compute: () => true } } });
    expect(hostResaleable.remedies!.signatureMask).toBeUndefined();
  });

  test('a host fact read only by a rule evaluated each time keeps the signature; decisions follow the host fact', () => {
    // daysFromDeliveryToComplaint is read by the one remedy rule evaluated every time (refund within 7 days)
    const fresh = loadPolicy('ecommerce', { facts: { daysFromDeliveryToComplaint: { ...COMPLAINT_FACTS.daysFromDeliveryToComplaint!, compute: () => 0 } } });
    const old = loadPolicy('ecommerce', { facts: { daysFromDeliveryToComplaint: { ...COMPLAINT_FACTS.daysFromDeliveryToComplaint!, compute: () => 30 } } });
    expect(fresh.remedies!.signatureMask).toBe(loadPolicy('ecommerce').remedies!.signatureMask);
    // not upheld (customer misuse), resaleable, delivered: the refund depends on the days alone
    const c = variant((x) => {
      x.findings.nature = 'customer-misuse';
      x.findings.customerFault = 'unintentional';
      x.findings.resaleable = true;
      x.findings.proofOfPurchase = true;
    });
    for (let i = 0; i < 2; i++) {
      expect(fresh.decide(c, { now: NOW, trace: false }).remedies.map((r) => r.type)).toContain('refund');
      expect(old.decide(c, { now: NOW, trace: false }).remedies.map((r) => r.type)).not.toContain('refund');
    }
    // the same answers as with the trace (which evaluates every rule)
    expect(fresh.decide(c, { now: NOW, trace: false }).remedies).toStrictEqual(fresh.decide(c, { now: NOW }).remedies);
    expect(old.decide(c, { now: NOW, trace: false }).remedies).toStrictEqual(old.decide(c, { now: NOW }).remedies);
  });

  test('plans are kept per outcome content: one entry per (party, cost bearer, upheld, testing; signature) seen; none with a trace', () => {
    const policy = loadPolicy('ecommerce');
    const mask = policy.remedies!.signatureMask!;
    const contentOf = (o: { party: string; costBearer: string; upheld: boolean; thirdPartyTesting?: unknown }) => JSON.stringify([o.party, o.costBearer, o.upheld, !!o.thirdPartyTesting]);
    const seen = new Map<string, Set<number>>();
    for (let i = 0; i < 2000; i++) {
      const g = generateCase(14, i);
      const d = policy.decide(g.complaint, { now: g.now, trace: false });
      const key = contentOf(d.liability);
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(sig(g.complaint) & mask);
    }
    const prepared = preparePolicy(policy);
    const rules = [...policy.liability!.doc.rules, policy.liability!.doc.default];
    // rules whose outcomes say the same share one prepared outcome, and only those
    for (const a of rules)
      for (const b of rules) expect(prepared.outcomes.get(a.outcome) === prepared.outcomes.get(b.outcome), `${a.id} ${b.id}`).toBe(contentOf(a.outcome) === contentOf(b.outcome));
    const shared = new Set(prepared.outcomes.values());
    expect(shared.size).toBeLessThan(rules.length);
    let total = 0;
    for (const o of shared) {
      const kept = o.remedyPlans.size;
      expect(kept, contentOf(o.liability)).toBe(seen.get(contentOf(o.liability))?.size ?? 0);
      total += kept;
    }
    expect(total).toBeGreaterThan(50);
    const traced = loadPolicy('ecommerce');
    traced.decide(baseComplaint(), { now: NOW });
    expect([...preparePolicy(traced).outcomes.values()].every((o) => o.remedyPlans.size === 0)).toBe(true);
  });

  test('a pack of many liability rules, each with an outcome of its own, keeps a bounded number of plans (one budget per policy)', () => {
    // 600 rules banded on the claim, alternating between two outcome contents, each outcome a separate object
    const files = packFiles();
    const base = files['liability.json'];
    const bands = Array.from({ length: 600 }, (_, i) => ({
      id: `band-${String(i).padStart(3, '0')}`,
      description: 'claim band',
      clause: 'test',
      priority: 1000 - i,
      conditions: { all: [{ fact: 'claimAmount', operator: 'greaterThan', value: `${(599 - i) * 10}.00` }, { fact: 'proofOfPurchase', operator: 'equal', value: true }] },
      outcome: i % 2 ? { party: 'seller', costBearer: 'company', upheld: true, principle: `rule ${i}` } : { party: 'customer', costBearer: 'customer', upheld: false, principle: `rule ${i}` },
    }));
    files['liability.json'] = { ...base, rules: [...bands, ...base.rules] };
    const many = loadPolicy({ files });
    const plain = loadPolicy({ files }, { memo: false });
    for (let i = 0; i < 3000; i++) {
      const g = generateCase(15, i);
      const d = many.decide(g.complaint, { now: g.now, trace: false });
      if (i % 10 === 0) expect(d, `case ${i}`).toEqual(plain.decide(g.complaint, { now: g.now, trace: false }));
    }
    const prepared = preparePolicy(many);
    // 600 + 16 + 1 outcome objects, but as many prepared outcomes as contents
    const contents = new Set([...many.liability!.doc.rules, many.liability!.doc.default].map((r) => JSON.stringify([r.outcome.party, r.outcome.costBearer, r.outcome.upheld, !!r.outcome.thirdPartyTesting])));
    expect(new Set(prepared.outcomes.values()).size).toBe(contents.size);
  });

  test('caches sharing a budget keep no more than it allows, in total', () => {
    const budget = { left: 3 };
    const a = new SignatureCache<string>(10, budget);
    const b = new SignatureCache<string>(10, budget);
    for (let i = 0; i < 5; i++) {
      expect(a.keep(i, `a${i}`)).toBe(`a${i}`);
      expect(b.keep(i, `b${i}`)).toBe(`b${i}`);
    }
    expect([a.size, b.size, budget.left]).toEqual([2, 1, 0]);
    expect([a.get(0), a.get(1), a.get(2), b.get(0), b.get(1)]).toEqual(['a0', 'a1', undefined, 'b0', undefined]);
    const own = new SignatureCache<number>(2);
    for (let i = 0; i < 5; i++) own.keep(i, i);
    expect(own.size).toBe(2);
  });
});

describe('what the hits make of the options is kept per plan result and shared', () => {
  test('decisions sharing it get their own lists and objects: changing one decision changes no later one', () => {
    const policy = loadPolicy('ecommerce');
    // no proof of purchase: goods remedies are excluded (notOffered is not empty)
    const c = variant((x) => (x.findings.proofOfPurchase = false));
    const first = policy.decide(c, { now: NOW, trace: false });
    const expected = structuredClone(first);
    expect(first.notOffered.length).toBeGreaterThan(0);
    expect(first.remedies.length).toBeGreaterThan(0);
    (first.notOffered as unknown as Array<{ type: string }>)[0]!.type = 'changed';
    (first.notOffered as unknown[]).push('extra');
    (first.remedies as unknown as Array<{ label: string }>)[0]!.label = 'changed';
    (first.remedies as unknown[]).pop();
    for (let i = 0; i < 2; i++) expect(policy.decide(c, { now: NOW, trace: false })).toStrictEqual(expected);
  });

  test('the options, exclusions and warnings equal those of the evaluation without memo on 3,000 complaints (amounts and due dates per complaint)', () => {
    const policy = loadPolicy('manufacturer');
    const plain = loadPolicy('manufacturer', { memo: false });
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 3000; i++) {
        const g = generateCase(15, i);
        const a = policy.decide(g.complaint, { now: g.now, trace: false });
        const b = plain.decide(g.complaint, { now: g.now, trace: false });
        expect([a.remedies, a.notOffered, a.warnings], `case ${i}`).toStrictEqual([b.remedies, b.notOffered, b.warnings]);
      }
  });
});

describe('a plan with more rules evaluated each time than options are kept for', () => {
  test('12 rules reading daysFromDeliveryToComplaint: results past the first 8 rules are worked out per decision, the same as without memo', () => {
    const files = packFiles('ecommerce');
    const base = files['remedies.json'].rules.find((r: { id: string }) => r.id === 'no-reason-return-within-7-days');
    // ids sort after the original: the extra rules come last in the plan, same priority
    for (let k = 0; k < 12; k++) {
      files['remedies.json'].rules.push({
        ...structuredClone(base),
        id: `no-reason-return-within-7-days-${String.fromCharCode(97 + k)}`,
        conditions: { all: [{ condition: 'not-upheld' }, { fact: 'daysFromDeliveryToComplaint', operator: 'lessThanInclusive', value: k }] },
        offer: { ...structuredClone(base.offer), type: k % 2 ? 'allowance' : 'refund' },
      });
    }
    const memo = loadPolicy({ files });
    const plain = loadPolicy({ files }, { memo: false });
    expect(memo.remedies!.signatureMask).toBeDefined();
    const c = variant((x) => {
      x.findings.nature = 'customer-misuse';
      x.findings.customerFault = 'unintentional';
      x.findings.resaleable = true;
    });
    const delivered = Date.parse(c.order.deliveredAt!);
    for (let round = 0; round < 2; round++)
      for (let days = 0; days <= 14; days++) {
        // the complaint received `days` days after delivery (the fact counts to receivedAt), decided when received
        const now = new Date(delivered + days * 86_400_000 + 3_600_000);
        const received = { ...c, receivedAt: now.toISOString() };
        expect(memo.decide(received, { now, trace: false }), `${days} days`).toStrictEqual(plain.decide(received, { now, trace: false }));
      }
  });
});

describe('SignatureCache', () => {
  test('keeps at most its limit; past it, values are handed back without being kept', () => {
    const cache = new SignatureCache<string>(2);
    expect(cache.keep(1, 'a')).toBe('a');
    expect(cache.keep(2, 'b')).toBe('b');
    expect(cache.keep(3, 'c')).toBe('c');
    expect([cache.get(1), cache.get(2), cache.get(3), cache.size]).toStrictEqual(['a', 'b', undefined, 2]);
  });
});
