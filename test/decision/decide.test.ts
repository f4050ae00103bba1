import { describe, expect, test } from 'vitest';
import { InputError, loadPolicy, PolicyError } from '../../src/index.js';
import { baseComplaint, complaint, NOW, thrown } from '../helpers.js';

const policy = loadPolicy('ecommerce');

function inputIssues(input: unknown, now: unknown = NOW) {
  try {
    policy.decide(input, { now: now as string });
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).issues.map((i) => ({ code: i.code, path: i.path }));
  }
  throw new Error('expected an error');
}

describe('decide', () => {
  test('is deterministic: same pack, complaint and now → same decision and id', () => {
    const a = policy.decide(complaint(), { now: NOW });
    const b = loadPolicy('ecommerce').decide(complaint(), { now: '2026-11-20T02:00:00Z' });
    expect(b).toEqual(a);
    expect(a.audit).toEqual({
      decisionId: expect.stringMatching(/^[0-9a-f]{32}$/),
      packId: 'ecommerce',
      packVersion: '1.6.0',
      policyHash: policy.hash,
      now: '2026-11-20T10:00:00+08:00',
      library: 'aftersales-policy@0.1.0',
    });
    expect(policy.decide(complaint({ claimAmount: '298.00' }), { now: NOW }).audit.decisionId).not.toBe(a.audit.decisionId);
    expect(policy.decide(complaint(), { now: '2026-11-20T10:00:01+08:00' }).audit.decisionId).not.toBe(a.audit.decisionId);
  });

  test('now may be a Date; the output is in the pack time zone whatever the process TZ', () => {
    const d = policy.decide(complaint(), { now: new Date('2026-11-20T02:00:00.000Z') });
    expect(d.audit.now).toBe('2026-11-20T10:00:00+08:00');
    expect(d.remedies[0]!.resolveBy).toBe('2026-11-27T10:00:00+08:00');
  });

  test('now as text in the pack zone (printed back as given), in other offsets or as a Date: the same decision', () => {
    const forms = ['2026-11-20T10:00:00+08:00', '2026-11-20T11:00:00+09:00', '2026-11-20T02:00:00Z', '2026-11-20T02:00:00.000+00:00', '2026-11-20T10:00+08:00', new Date(Date.UTC(2026, 10, 20, 2))];
    const decisions = forms.map((now) => policy.decide(complaint(), { now, trace: false }));
    for (const d of decisions) {
      expect(d).toStrictEqual(decisions[0]);
      expect(d.audit.now).toBe('2026-11-20T10:00:00+08:00');
      expect(d.remedies.map((r) => [r.type, r.resolveBy])).toStrictEqual([
        ['exchange', '2026-11-27T10:00:00+08:00'],
        ['refund', '2026-11-27T10:00:00+08:00'],
        ['repair', '2026-12-05T10:00:00+08:00'],
        ['technical-guidance', '2026-11-21T10:00:00+08:00'],
      ]);
    }
  });

  test('{ trace: false } gives the same decision without the trace', () => {
    const full = policy.decide(complaint(), { now: NOW });
    const lean = policy.decide(complaint(), { now: NOW, trace: false });
    expect(lean.trace).toEqual([]);
    expect({ ...lean, trace: full.trace }).toEqual(full);
  });

  test('the trace lists every rule evaluated, fired or not, with actual values and clauses', () => {
    const d = policy.decide(complaint(), { now: NOW });
    const liability = d.trace.filter((t) => t.stage === 'liability');
    expect(liability.map((t) => [t.ruleId, t.fired])).toEqual([
      ['no-proof-of-purchase', false],
      ['intentional-customer-damage', false],
      ['customer-misuse', false],
      ['customer-caused-quality-problem', false],
      ['supplier-shared-quality', false],
      ['counter-quality-loss', false],
      ['nonconforming-product', true],
    ]);
    expect(liability[5]).toEqual({
      stage: 'liability',
      ruleId: 'counter-quality-loss',
      clause: 'seed 003 art.2 §7.10.6(2)',
      description: 'A pure quality problem with goods sold at a brand counter, with no customer fault found (a customer-caused one is decided first, by customer-caused-quality-problem, priority 88).',
      fired: false,
      conditions: [
        { fact: 'nature', operator: 'in', factValue: 'functional-fault', value: ['quality-defect', 'functional-fault'], result: true },
        { fact: 'soldOnline', operator: 'equal', factValue: true, value: false, result: false },
      ],
    });
    const remedies = d.trace.filter((t) => t.stage === 'remedies');
    expect(remedies).toHaveLength(policy.remedies!.doc.rules.length);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  test('decisions do not share state: interleaved decisions are independent', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => complaint({ claimAmount: `${100000 + i * 1000}.00` }));
    const expected = inputs.map((c) => policy.decide(c, { now: NOW }).approval.approver);
    const got = await Promise.all(inputs.map(async (c) => {
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3)));
      return policy.decide(c, { now: NOW }).approval.approver;
    }));
    expect(got).toEqual(expected);
  });

  test('empty lists and resolution times are shared frozen constants: reading is free, writing throws', () => {
    const a = policy.decide(complaint(), { now: NOW, trace: false });
    const b = policy.decide(complaint({ id: 'C-2611-0002' }), { now: NOW, trace: false });
    expect(a.warnings).toEqual([]);
    expect(a.trace).toEqual([]);
    expect(a.warnings).toBe(b.warnings);
    expect(a.trace).toBe(b.trace);
    expect(Object.isFrozen(a.warnings) && Object.isFrozen(a.trace)).toBe(true);
    expect(a.remedies[0]!.resolveWithin).toBe(b.remedies[0]!.resolveWithin);
    expect(() => (a.remedies[0]!.resolveWithin as { days?: number }).days = 1).toThrow(TypeError);
    expect(() => (a.trace as unknown[]).push(1)).toThrow(TypeError);
    // everything else is the decision's own
    expect(a.remedies).not.toBe(b.remedies);
    expect(a.remedies[0]).not.toBe(b.remedies[0]);
    // the base complaint (upheld, functional fault) has nothing excluded
    expect(a.notOffered).toEqual([]);
    expect(a.notOffered).toBe(b.notOffered);
    expect(Object.isFrozen(a.notOffered)).toBe(true);
    // a complaint without proof of purchase gets its own list
    const noProof = policy.decide(complaint({ findings: { proofOfPurchase: false } }), { now: NOW, trace: false });
    expect(noProof.notOffered.length).toBeGreaterThan(0);
    expect(Object.isFrozen(noProof.notOffered)).toBe(false);
  });

  test('the complaint object is not modified', () => {
    const c = baseComplaint();
    const before = JSON.stringify(c);
    policy.decide(c, { now: NOW });
    expect(JSON.stringify(c)).toBe(before);
  });

  test.each<[string, (c: any) => void, { code: string; path: (string | number)[] }[]]>([
    ['missing field', (c) => delete c.claimAmount, [{ code: 'INVALID_INPUT', path: ['claimAmount'] }]],
    ['unknown enum value', (c) => (c.findings.nature = 'broken'), [{ code: 'INVALID_INPUT', path: ['findings', 'nature'] }]],
    ['money with three decimals', (c) => (c.order.items[0].unitPrice = '299.001'), [{ code: 'INVALID_INPUT', path: ['order', 'items', 0, 'unitPrice'] }]],
    ['money as a JSON number', (c) => (c.claimAmount = 299), [{ code: 'INVALID_INPUT', path: ['claimAmount'] }]],
    ['negative quantity', (c) => (c.order.items[0].quantity = -1), [{ code: 'INVALID_INPUT', path: ['order', 'items', 0, 'quantity'] }]],
    ['fractional quantity', (c) => (c.order.items[0].quantity = 1.5), [{ code: 'INVALID_INPUT', path: ['order', 'items', 0, 'quantity'] }]],
    ['time without offset', (c) => (c.receivedAt = '2026-11-20T10:00:00'), [{ code: 'INVALID_INPUT', path: ['receivedAt'] }]],
    ['impossible date', (c) => (c.order.deliveredAt = '2026-02-30T10:00:00+08:00'), [{ code: 'INVALID_INPUT', path: ['order', 'deliveredAt'] }]],
    ['unknown key', (c) => (c.findings.natur = 'x'), [{ code: 'INVALID_INPUT', path: ['findings', 'natur'] }]],
    ['no items', (c) => (c.order.items = []), [{ code: 'INVALID_INPUT', path: ['order', 'items'] }]],
    ['two problems at once', (c) => ((c.channel = 'mars'), (c.severity = 3)), [{ code: 'INVALID_INPUT', path: ['channel'] }, { code: 'INVALID_INPUT', path: ['severity'] }]],
  ])('invalid complaint: %s', (_name, mutate, expected) => {
    const c = baseComplaint();
    mutate(c);
    expect(inputIssues(c)).toEqual(expected);
  });

  test('a __proto__ key in a complaint is FORBIDDEN_KEY', () => {
    const c = JSON.parse(JSON.stringify(baseComplaint()).replace('"findings":{', '"findings":{"__proto__":{"admin":true},'));
    expect(inputIssues(c)).toEqual([{ code: 'FORBIDDEN_KEY', path: ['findings', '__proto__'] }]);
  });

  test('InputError for the complaint; INVALID_INSTANT for a bad or missing now', () => {
    expect(() => policy.decide(null, { now: NOW })).toThrow(InputError);
    expect(inputIssues(complaint(), '2026-11-20 10:00')).toEqual([{ code: 'INVALID_INSTANT', path: ['now'] }]);
    // a malformed now is an InputError like a missing one (it used to be a bare PolicyError)
    for (const now of ['bad', '2026-11-20 10:00', new Date(Number.NaN)]) {
      const e = thrown(() => policy.decide(complaint(), { now }));
      expect(e).toBeInstanceOf(InputError);
      expect([e.code, e.issues.map((i) => [i.code, i.path])]).toEqual(['INVALID_INPUT', [['INVALID_INSTANT', ['now']]]]);
    }
    expect(() => policy.decide(complaint(), {} as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ code: 'INVALID_INSTANT', path: ['now'] })] }));
  });
});

test('the library version in audit records matches package.json', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  expect(policy.decide(complaint(), { now: NOW }).audit.library).toBe(`${pkg.name}@${pkg.version}`);
});
