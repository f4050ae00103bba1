/**
 * The decision id: a deterministic 128-bit fingerprint of the pack hash,
 * every complaint field and `now`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ComplaintSchema, type Complaint } from '../../src/complaint/schema.js';
import { decisionIdOf, fingerprintSeed } from '../../src/decision/fingerprint.js';
import { loadPolicy, parseComplaint } from '../../src/index.js';
import { baseComplaint } from '../helpers.js';
import { packFiles, withFirstLiabilityRule } from '../packs.js';
import { arbComplaint } from '../arbitraries.js';
import { enumWord } from '../../src/complaint/fast-parse.js';

const HASH = 'x'.repeat(64);
const NOW_TEXT = '2026-11-20T10:00:00+08:00';
const NOW_MS = Date.parse(NOW_TEXT);
const ID = /^[0-9a-f]{32}$/;
/** decisionIdOf(fingerprintSeed('x' × 64), baseComplaint(), 2026-11-20T10:00:00+08:00): changes only when the algorithm does. */
const PINNED_ID = 'a12e268e0a4c7d2ccb22995007303452';

const idOf = (c: Complaint, nowMs = NOW_MS, hash = HASH) => decisionIdOf(fingerprintSeed(hash), c, nowMs);

/**
 * The construction as src/decision/fingerprint.ts documents it, written plainly: one step function,
 * a list of words, a list of tagged texts.
 */
function referenceId(seed: readonly number[], c: Complaint, nowMs: number, instantTexts = false): string {
  const lanes = seed.map((x) => x | 0);
  const K = [0xcc9e2d51, 0x1b873593, 0x85ebca6b, 0xc2b2ae35];
  const R = [15, 13, 17, 11];
  const step = (u: number) => {
    for (let k = 0; k < 4; k++) {
      const x = Math.imul(lanes[k]! ^ u, K[k]!);
      lanes[k] = (x << R[k]!) | (x >>> (32 - R[k]!));
    }
  };
  const flag = (v: boolean | undefined) => (v === undefined ? 2 : v ? 1 : 0);
  const f = c.findings;
  const halves = (ms: number) => [...new Uint32Array(new Float64Array([ms]).buffer)];
  const delivered = c.order.deliveredAt;
  const words = [
    flag(c.customer.vulnerable) | (flag(c.order.soldOnline) << 2) | (flag(f.resaleable) << 4) | (flag(f.proofOfPurchase) << 6) | (flag(f.supplierInvolved) << 8) | ((delivered === null ? 1 : 0) << 10) | (c.order.items.length << 11),
    enumWord(c),
    ...(instantTexts ? [] : [...halves(Date.parse(c.receivedAt)), ...halves(delivered === null ? 0 : Date.parse(delivered))]),
    ...halves(nowMs),
    ...c.order.items.map((i) => i.quantity),
  ];
  for (const w of words) step(w | 0);
  const texts: Array<[number, string]> = [
    [1, c.id],
    [4, c.claimAmount],
    ...(instantTexts ? ([[5, c.receivedAt], [6, delivered ?? '']] as Array<[number, string]>) : []),
    ...c.order.items.flatMap((i): Array<[number, string]> => [[2, i.sku], [3, i.unitPrice]]),
  ];
  for (const [tag, t] of texts) {
    step((tag << 24) ^ t.length);
    for (let i = 0; i < t.length; i += 2) step(i + 1 < t.length ? t.charCodeAt(i) | (t.charCodeAt(i + 1) << 16) : t.charCodeAt(i));
  }
  const fmix = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  let [a, b, cc, d] = lanes as [number, number, number, number];
  a = (a + b + cc + d) | 0;
  b = fmix((b + a) | 0);
  cc = fmix((cc + a) | 0);
  d = fmix((d + a) | 0);
  a = fmix(a);
  a = (a + b + cc + d) | 0;
  return [a, b + a, cc + a, d + a].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

/** The base complaint changed by `f` (on a fresh copy), checked to be a valid complaint. */
function variant(f: (c: Complaint) => void): Complaint {
  const c = baseComplaint();
  f(c);
  expect(ComplaintSchema.safeParse(c).success).toBe(true);
  return c;
}

describe('decisionIdOf', () => {
  test('deterministic, 32 lower-case hex digits, pinned for the base complaint', () => {
    const seed = fingerprintSeed(HASH);
    expect(seed).toHaveLength(4);
    for (const lane of seed) expect(Number.isInteger(lane) && lane >= 0 && lane <= 0xffffffff).toBe(true);
    expect(fingerprintSeed(HASH)).toStrictEqual(seed);
    const id = decisionIdOf(seed, baseComplaint(), NOW_MS);
    expect(id).toMatch(ID);
    expect(id).toBe(PINNED_ID);
    // again, with other fingerprints computed in between (no state leaks from one call into the next)
    idOf(variant((c) => (c.id = 'other')));
    fingerprintSeed('y'.repeat(64));
    expect(decisionIdOf(seed, baseComplaint(), NOW_MS)).toBe(PINNED_ID);
    expect(idOf(baseComplaint())).toBe(PINNED_ID);
  });

  test('= a plain reference implementation of the documented construction, on random complaints and on orders of 1–200 items (the 64-item scratch words and the larger path)', () => {
    const seed = fingerprintSeed('sha256:test');
    const many = (n: number) => {
      const c = baseComplaint();
      c.order.items = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, quantity: i + 1, unitPrice: `${i}.5` }));
      return c;
    };
    const textSeed = fingerprintSeed('sha256:test', true);
    for (const n of [1, 2, 63, 64, 65, 200]) {
      expect(decisionIdOf(seed, many(n), 1e12), `${n} items`).toBe(referenceId(seed, many(n), 1e12));
      expect(decisionIdOf(textSeed, many(n), 1e12, undefined, true), `${n} items, instants as text`).toBe(referenceId(textSeed, many(n), 1e12, true));
    }
    fc.assert(
      fc.property(arbComplaint, fc.integer({ min: 0, max: 4e12 }), fc.boolean(), (c, now, instantTexts) => {
        const parsed = ComplaintSchema.parse(c);
        const s = instantTexts ? textSeed : seed;
        expect(decisionIdOf(s, parsed, now, undefined, instantTexts)).toBe(referenceId(s, parsed, now, instantTexts));
      }),
      { numRuns: 400 },
    );
  });

  test('orders of 2, 64, 65 and 200 items: pinned ids (the 64-item scratch words and the larger path give the ids of the array-based version)', () => {
    const seed = fingerprintSeed('sha256:test');
    const many = (n: number) => {
      const c = baseComplaint();
      c.order.items = Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, quantity: i + 1, unitPrice: `${i}.5` }));
      return c;
    };
    // computed with the implementation of commit 9550ffc (number words in an array, one mix call per text)
    const pinned: Record<number, string> = {
      2: '0fa4182056b6ce78d1765ece02936471',
      64: 'cdd03ed580785834c641f6775f682d46',
      65: 'a6adfaec6d6c5f84f6ac80636e445ae4',
      200: 'b45fe983103b712d567ee52b7f54532a',
    };
    for (const round of [0, 1])
      for (const n of [200, 2, 65, 64]) expect(decisionIdOf(seed, many(n), 1e12), `${n} items, round ${round}`).toBe(pinned[n]);
  });

  test('changing any single field, now or the pack changes the id (all pairwise distinct)', () => {
    const ids = new Map<string, string>();
    const add = (label: string, id: string) => {
      expect(id, label).toMatch(ID);
      ids.set(label, id);
    };
    add('base', idOf(baseComplaint()));
    const fields: Record<string, (c: Complaint) => void> = {
      id: (c) => (c.id = 'C-2611-0002'),
      'id: one character longer': (c) => (c.id = 'C-2611-00010'),
      receivedAt: (c) => (c.receivedAt = '2026-11-20T10:00:01+08:00'),
      channel: (c) => (c.channel = 'foreign'),
      type: (c) => (c.type = 'service'),
      severity: (c) => (c.severity = 'complex'),
      'customer.vulnerable': (c) => (c.customer.vulnerable = true),
      'customer.vulnerability added': (c) => (c.customer = { vulnerable: false, vulnerability: 'elderly' }),
      'customer.vulnerable + vulnerability': (c) => (c.customer = { vulnerable: true, vulnerability: 'elderly' }),
      'customer.vulnerability pregnant': (c) => (c.customer = { vulnerable: true, vulnerability: 'pregnant' }),
      'order.soldOnline': (c) => (c.order.soldOnline = false),
      'order.deliveredAt other': (c) => (c.order.deliveredAt = '2026-11-18T15:00:01+08:00'),
      'order.deliveredAt null': (c) => (c.order.deliveredAt = null),
      'item sku': (c) => (c.order.items[0]!.sku = 'RC-101'),
      'item quantity': (c) => (c.order.items[0]!.quantity = 2),
      'item quantity 1e9': (c) => (c.order.items[0]!.quantity = 1_000_000_000),
      'item unitPrice': (c) => (c.order.items[0]!.unitPrice = '299.01'),
      'item unitPrice: same amount, other text': (c) => (c.order.items[0]!.unitPrice = '299'),
      'second item': (c) => c.order.items.push({ sku: 'RC-100', quantity: 1, unitPrice: '299.00' }),
      'second item, other': (c) => c.order.items.push({ sku: 'X', quantity: 3, unitPrice: '1.5' }),
      'findings.nature': (c) => (c.findings.nature = 'quality-defect'),
      'findings.customerFault': (c) => (c.findings.customerFault = 'unintentional'),
      'findings.resaleable': (c) => (c.findings.resaleable = true),
      'findings.proofOfPurchase': (c) => (c.findings.proofOfPurchase = false),
      'findings.supplierInvolved false': (c) => (c.findings.supplierInvolved = false),
      'findings.supplierInvolved true': (c) => (c.findings.supplierInvolved = true),
      claimAmount: (c) => (c.claimAmount = '299.01'),
      'claimAmount: same amount, other text': (c) => (c.claimAmount = '299.0'),
      'claimAmount 0': (c) => (c.claimAmount = '0'),
    };
    for (const [label, f] of Object.entries(fields)) add(label, idOf(variant(f)));
    add('now + 1 ms', idOf(baseComplaint(), NOW_MS + 1));
    add('now − 1 ms', idOf(baseComplaint(), NOW_MS - 1));
    add('now + 1 day', idOf(baseComplaint(), NOW_MS + 86_400_000));
    add('now 0', idOf(baseComplaint(), 0));
    add('pack hash y×64', idOf(baseComplaint(), NOW_MS, 'y'.repeat(64)));
    add('pack hash x×63', idOf(baseComplaint(), NOW_MS, 'x'.repeat(63)));
    add('pack hash x×63 + y', idOf(baseComplaint(), NOW_MS, 'x'.repeat(63) + 'y'));
    expect(ids.size).toBe(Object.keys(fields).length + 8);
    expect(new Set(ids.values()).size).toBe(ids.size);
    // instants count as instants: the same instant written with another offset gives the same id
    expect(idOf(variant((c) => (c.receivedAt = '2026-11-20T02:00:00Z')))).toBe(ids.get('base'));
    expect(idOf(variant((c) => (c.order.deliveredAt = '2026-11-18T07:00:00Z')))).toBe(ids.get('base'));
    // … unless the pack's rules can tell how they are written: then the text counts (and the seed says so)
    const textSeed = fingerprintSeed(HASH, true);
    const textId = (c: Complaint) => decisionIdOf(textSeed, c, NOW_MS, undefined, true);
    const asText = [
      textId(baseComplaint()),
      textId(variant((c) => (c.receivedAt = '2026-11-20T02:00:00Z'))),
      textId(variant((c) => (c.receivedAt = '2026-11-20T10:00:00.000+08:00'))),
      textId(variant((c) => (c.order.deliveredAt = '2026-11-18T07:00:00Z'))),
      textId(variant((c) => (c.order.deliveredAt = null))),
    ];
    expect(new Set([...ids.values(), ...asText]).size).toBe(ids.size + 5);
    // absent supplierInvolved (the base) differs from false and from true
    expect(ids.get('base')).not.toBe(ids.get('findings.supplierInvolved false'));
    expect(ids.get('base')).not.toBe(ids.get('findings.supplierInvolved true'));
  });

  test('field boundaries are part of the input: the same concatenated text split differently gives another id', () => {
    const pairs: Array<[(c: Complaint) => void, (c: Complaint) => void]> = [
      // id + sku
      [(c) => ((c.id = 'AB'), (c.order.items[0]!.sku = 'C')), (c) => ((c.id = 'A'), (c.order.items[0]!.sku = 'BC'))],
      // two skus
      [
        (c) => (c.order.items = [{ sku: 'AB', quantity: 1, unitPrice: '1.00' }, { sku: 'C', quantity: 1, unitPrice: '1.00' }]),
        (c) => (c.order.items = [{ sku: 'A', quantity: 1, unitPrice: '1.00' }, { sku: 'BC', quantity: 1, unitPrice: '1.00' }]),
      ],
      // a unit price + the next item's sku ('1.01X' both ways)
      [
        (c) => (c.order.items = [{ sku: 'A', quantity: 1, unitPrice: '1.0' }, { sku: '1X', quantity: 1, unitPrice: '1.00' }]),
        (c) => (c.order.items = [{ sku: 'A', quantity: 1, unitPrice: '1.01' }, { sku: 'X', quantity: 1, unitPrice: '1.00' }]),
      ],
      // the items swapped
      [
        (c) => (c.order.items = [{ sku: 'A', quantity: 1, unitPrice: '1.00' }, { sku: 'B', quantity: 2, unitPrice: '1.00' }]),
        (c) => (c.order.items = [{ sku: 'B', quantity: 2, unitPrice: '1.00' }, { sku: 'A', quantity: 1, unitPrice: '1.00' }]),
      ],
      // quantity moved from one item to the other
      [
        (c) => (c.order.items = [{ sku: 'A', quantity: 1, unitPrice: '1.00' }, { sku: 'A', quantity: 2, unitPrice: '1.00' }]),
        (c) => (c.order.items = [{ sku: 'A', quantity: 2, unitPrice: '1.00' }, { sku: 'A', quantity: 1, unitPrice: '1.00' }]),
      ],
      // odd and even lengths: 'ABC' + 'D' vs 'AB' + 'CD' (units are read in pairs)
      [(c) => ((c.id = 'ABC'), (c.order.items[0]!.sku = 'D')), (c) => ((c.id = 'AB'), (c.order.items[0]!.sku = 'CD'))],
      // an odd-length text and the same text with a NUL unit appended: the same units two at a time, another length
      [(c) => (c.id = 'C-1'), (c) => (c.id = 'C-1\u0000')],
      [(c) => (c.order.items[0]!.sku = 'A'), (c) => (c.order.items[0]!.sku = 'A\u0000')],
    ];
    for (const [f, g] of pairs) {
      const a = variant(f);
      const b = variant(g);
      expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
      expect(idOf(a)).not.toBe(idOf(b));
      expect(idOf(a)).toMatch(ID);
    }
    // the id and the sku as strings: exactly the same characters overall
    const x = variant((c) => ((c.id = 'AB'), (c.order.items[0]!.sku = 'C')));
    const y = variant((c) => ((c.id = 'A'), (c.order.items[0]!.sku = 'BC')));
    expect(x.id + x.order.items[0]!.sku).toBe(y.id + y.order.items[0]!.sku);
  });

  test('no collisions over 2000 random distinct complaints', () => {
    const money = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 999_999 }).map(String),
    );
    const arbVariant = fc.record({
      id: fc.string({ minLength: 1, maxLength: 12 }),
      claimAmount: money,
      quantity: fc.integer({ min: 1, max: 1_000_000_000 }),
      sku: fc.string({ minLength: 1, maxLength: 6 }),
      vulnerable: fc.boolean(),
      supplierInvolved: fc.option(fc.boolean(), { nil: undefined }),
      nowDelta: fc.integer({ min: -1000, max: 1000 }),
    });
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(arbVariant, (v) => {
        const c = baseComplaint();
        c.id = v.id;
        c.claimAmount = v.claimAmount;
        c.order.items[0] = { sku: v.sku, quantity: v.quantity, unitPrice: '299.00' };
        c.customer.vulnerable = v.vulnerable;
        if (v.supplierInvolved !== undefined) c.findings.supplierInvolved = v.supplierInvolved;
        const key = JSON.stringify([c, v.nowDelta]);
        const id = idOf(c, NOW_MS + v.nowDelta);
        expect(id).toMatch(ID);
        const before = seen.get(id);
        if (before !== undefined) expect(before).toBe(key); // the same id only for the same input
        seen.set(id, key);
      }),
      { seed: 20261120, numRuns: 2000 },
    );
    expect(new Set(seen.values()).size).toBe(seen.size);
    expect(seen.size).toBeGreaterThan(1900);
  });
});

describe('through the public API', () => {
  const policy = loadPolicy('ecommerce');

  test('a rule that reads receivedAt as text decides the same instant written two ways differently: the ids differ too (they used to be equal)', () => {
    // the last character of the text: "Z" or the offset's last digit (a path to the instant itself compares moments)
    const files = withFirstLiabilityRule('received-in-beijing-time', { all: [{ fact: 'complaint', path: 'receivedAt[24]', operator: 'equal', value: '0' }] });
    const p = loadPolicy({ files });
    const beijing = { ...baseComplaint(), receivedAt: '2026-11-20T10:00:00+08:00' };
    const utc = { ...baseComplaint(), receivedAt: '2026-11-20T02:00:00Z' };
    const [a, b] = [beijing, utc].map((c) => p.decide(c, { now: NOW_TEXT, trace: false }));
    expect([a!.liability.ruleId, b!.liability.ruleId]).toEqual(['received-in-beijing-time', 'nonconforming-product']);
    expect(a!.audit.decisionId).not.toBe(b!.audit.decisionId);
    expect(p.liability!.readsInstantText).toBe(true);
    // the bundled pack cannot tell: one instant, one decision, one id
    expect(policy.liability!.readsInstantText || policy.remedies!.readsInstantText).toBe(false);
    expect(policy.decide(utc, { now: NOW_TEXT }).audit.decisionId).toBe(policy.decide(beijing, { now: NOW_TEXT }).audit.decisionId);
  });

  test.each([
    ['a rule on the complaint fact', { complaint: true }, true],
    ['a host fact', { host: 'tier' }, true],
    ['a host fact under a built-in name', { host: 'nature' }, true],
    ['built-in facts only (the bundled rules)', {}, false],
  ])('the pack can tell how instants are written: %s → %s', (_n, how: { complaint?: boolean; host?: string }, expected) => {
    const files = packFiles('ecommerce');
    const facts = how.host ? { [how.host]: { type: 'string' as const, description: 'x', compute: () => 'quality-defect' } } : undefined;
    const leaf = how.complaint ? { fact: 'complaint', path: 'id', operator: 'equal', value: 'x' } : how.host ? { fact: how.host, operator: 'equal', value: 'x' } : undefined;
    if (leaf) files['remedies.json'].rules[0].conditions.all.push(leaf);
    const p = loadPolicy({ files }, facts ? { facts } : {});
    expect([p.liability!.readsInstantText, p.remedies!.readsInstantText]).toEqual([how.host === 'nature', expected]);
  });

  test('decide().audit.decisionId = decisionIdOf(fingerprintSeed(policy.hash), parsed complaint, now)', () => {
    const d = policy.decide(baseComplaint(), { now: NOW_TEXT });
    expect(d.audit.decisionId).toMatch(ID);
    expect(d.audit.decisionId).toBe(decisionIdOf(fingerprintSeed(policy.hash), parseComplaint(baseComplaint()), NOW_MS));
    expect(policy.decide(baseComplaint(), { now: new Date(NOW_MS) }).audit.decisionId).toBe(d.audit.decisionId);
    expect(policy.decide(baseComplaint(), { now: '2026-11-20T02:00:00Z' }).audit.decisionId).toBe(d.audit.decisionId); // same instant
    expect(policy.decide(baseComplaint(), { now: '2026-11-20T10:00:00.001+08:00' }).audit.decisionId).not.toBe(d.audit.decisionId);
    // the pack hash is part of it
    expect(policy.hash).not.toBe(HASH);
    expect(d.audit.decisionId).not.toBe(PINNED_ID);
  });

  test('keys in another order give the same decisionId', () => {
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const b = baseComplaint();
    const shuffled = reversed({
      ...b,
      customer: reversed(b.customer),
      order: reversed({ ...b.order, items: b.order.items.map((it) => reversed(it)) }),
      findings: reversed(b.findings),
    });
    expect(Object.keys(shuffled)[0]).toBe('claimAmount');
    expect(Object.keys((shuffled.order as Record<string, unknown>))[0]).toBe('items');
    const normal = policy.decide(baseComplaint(), { now: NOW_TEXT }).audit.decisionId;
    expect(policy.decide(shuffled, { now: NOW_TEXT }).audit.decisionId).toBe(normal);
    // what zod returns for it fingerprints the same too
    expect(decisionIdOf(fingerprintSeed(policy.hash), ComplaintSchema.parse(shuffled), NOW_MS)).toBe(normal);
    expect(JSON.stringify(parseComplaint(shuffled))).toBe(JSON.stringify(baseComplaint()));
  });
});
