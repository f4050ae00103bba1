/**
 * A condition's `path` into the built-in `complaint` fact is checked against
 * the complaint's shape when the pack loads (it used to be typed "any" and
 * never checked: a typo made a rule silently never fire).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ComplaintSchema, type Complaint } from '../../src/complaint/schema.js';
import { COMPLAINT_SHAPE, shapeOfZod } from '../../src/complaint/shape.js';
import { COMPLAINT_FACTS } from '../../src/decision/facts.js';
import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, NATURES, SEVERITIES, VULNERABILITIES } from '../../src/complaint/schema.js';
import { loadPolicy, safeLoadPolicy } from '../../src/index.js';
import { transition } from '../../src/lifecycle/machine.js';
import { resolveShape } from '../../src/conditions/shape.js';
import type { FactDefinition } from '../../src/conditions/facts.js';
import { arbComplaint } from '../arbitraries.js';
import { cli, complaint, NOW } from '../helpers.js';
import { caseIn, ev } from '../lifecycle/helpers.js';
import { packFiles, withFirstLiabilityRule } from '../packs.js';

type Leaf = Record<string, unknown>;
const AT = ['rules', 0, 'conditions', 'all', 0];

function issues(files: Record<string, unknown>, options?: Parameters<typeof safeLoadPolicy>[1]) {
  const r = safeLoadPolicy({ files }, options);
  return r.success ? [] : r.error.issues.map((i) => ({ code: i.code, file: i.file, path: i.path, message: i.message }));
}

const NATURE_LIST = NATURES.map((n) => JSON.stringify(n)).join(', ');

describe('the reviewer\'s three examples are load errors', () => {
  test('a field that does not exist → UNKNOWN_REFERENCE at the path, naming the segment and the known fields', () => {
    const files = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'order.itemz[0].sku', operator: 'equal', value: 'RC-100' }] });
    expect(issues(files)).toEqual([
      {
        code: 'UNKNOWN_REFERENCE',
        file: 'liability.json',
        path: [...AT, 'path'],
        message: 'path "order.itemz[0].sku": "order" of fact "complaint" has no field "itemz"; did you mean "items"? (known: soldOnline, deliveredAt, items)',
      },
    ]);
  });

  test('an enum value that does not exist → OPERAND_TYPE_MISMATCH at the value, listing the values', () => {
    const files = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'findings.nature', operator: 'equal', value: 'customer-misue' }] });
    expect(issues(files)).toEqual([
      {
        code: 'OPERAND_TYPE_MISMATCH',
        file: 'liability.json',
        path: [...AT, 'value'],
        message: `fact "complaint" path "findings.nature" is of type string: the value "customer-misue" must be one of ${NATURE_LIST}; did you mean "customer-misuse"?`,
      },
    ]);
  });

  test('money text compared with a JSON number → OPERAND_TYPE_MISMATCH (it loaded, and "299.00" > 299 was always false)', () => {
    const files = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'claimAmount', operator: 'greaterThan', value: 299 }] });
    expect(issues(files)).toEqual([
      {
        code: 'OPERAND_TYPE_MISMATCH',
        file: 'liability.json',
        path: [...AT, 'value'],
        message: 'fact "complaint" path "claimAmount" is of type money: the value 299 must be a money string such as "100000.00", in quotes (a JSON number is not exact money)',
      },
    ]);
  });

  test('all three in one rule (and an unknown fact elsewhere) are reported at once', () => {
    const files = withFirstLiabilityRule('t', {
      all: [
        { fact: 'complaint', path: 'order.itemz[0].sku', operator: 'equal', value: 'RC-100' },
        { fact: 'complaint', path: 'findings.nature', operator: 'equal', value: 'customer-misue' },
        { fact: 'complaint', path: 'claimAmount', operator: 'greaterThan', value: 299 },
        { fact: 'natur', operator: 'equal', value: 'x' },
      ],
    });
    expect(issues(files).map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_REFERENCE', ['rules', 0, 'conditions', 'all', 0, 'path']],
      ['OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 1, 'value']],
      ['OPERAND_TYPE_MISMATCH', ['rules', 0, 'conditions', 'all', 2, 'value']],
      ['UNKNOWN_FACT', ['rules', 0, 'conditions', 'all', 3, 'fact']],
    ]);
  });

  test('`validate` no longer says such a pack is valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'complaint-paths-'));
    try {
      const files = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'order.itemz[0].sku', operator: 'equal', value: 'RC-100' }] });
      for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(doc));
      const r = await cli(['validate', dir]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('UNKNOWN_REFERENCE');
      expect(r.stdout + r.stderr).toContain('itemz');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('other wrong paths', () => {
  test.each<[string, Leaf, string, Array<string | number>, string]>([
    ['a list read as an object', { path: 'order.items.sku', operator: 'equal', value: 'RC-100' }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "order.items.sku": "order.items" of fact "complaint" is a list: it has no field "sku" (index an item, e.g. "order.items[0]", or read its "length")'],
    ['an object indexed', { path: 'order[0]', operator: 'equal', value: 'x' }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "order[0]": "order" of fact "complaint" is an object, not a list: it has no item [0]'],
    ['a path ending at an object', { path: 'findings', operator: 'equal', value: 'x' }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "findings": "findings" of fact "complaint" is an object: the path must go on to one of its fields (known: nature, customerFault, resaleable, proofOfPurchase, supplierInvolved)'],
    ['a path ending at a list of objects', { path: 'order.items', operator: 'contains', value: 'RC-100' }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "order.items": "order.items" of fact "complaint" is a list of objects: the path must index an item (e.g. "order.items[0]") or read its "length"'],
    ['a field of a boolean', { path: 'findings.resaleable.value', operator: 'equal', value: true }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "findings.resaleable.value": "findings.resaleable" of fact "complaint" is a boolean: it has no field "value"'],
    ['a field of a text', { path: 'id.prefix', operator: 'equal', value: 'C' }, 'OPERAND_TYPE_MISMATCH', ['path'], 'path "id.prefix": "id" of fact "complaint" is a string: it has no field "prefix" (a path may read its "length" or a character [n])'],
    ['an unknown top-level field', { path: 'claimAmout', operator: 'equal', value: '1.00' }, 'UNKNOWN_REFERENCE', ['path'], 'path "claimAmout": fact "complaint" has no field "claimAmout"; did you mean "claimAmount"? (known: id, receivedAt, channel, type, severity, customer, order, findings, claimAmount)'],
    ['an unknown field of an item, with $.', { path: '$.order.items[0].skuu', operator: 'equal', value: 'x' }, 'UNKNOWN_REFERENCE', ['path'], 'path "$.order.items[0].skuu": "order.items[0]" of fact "complaint" has no field "skuu"; did you mean "sku"? (known: sku, quantity, unitPrice)'],
    ['an ordered comparison of an enum', { path: 'severity', operator: 'lessThan', value: 3 }, 'OPERAND_TYPE_MISMATCH', ['operator'], 'operator "lessThan" does not apply to fact "complaint" path "severity" of type string (it takes number, money)'],
    ['an ordered comparison of an instant', { path: 'receivedAt', operator: 'greaterThan', value: '2026-11-20T00:00:00+08:00' }, 'OPERAND_TYPE_MISMATCH', ['operator'], 'operator "greaterThan" does not apply to fact "complaint" path "receivedAt" of type instant (it takes number, money)'],
    ['an instant compared with text that is no instant', { path: 'receivedAt', operator: 'equal', value: 'not an instant' }, 'OPERAND_TYPE_MISMATCH', ['value'], 'fact "complaint" path "receivedAt" is of type instant: the value "not an instant" must be an ISO 8601 instant with an offset, such as "2026-11-20T10:00:00+08:00"'],
    ['an instant without an offset', { path: 'order.deliveredAt', operator: 'in', value: ['2026-11-18T15:00:00'] }, 'OPERAND_TYPE_MISMATCH', ['value'], 'fact "complaint" path "order.deliveredAt" is of type instant (nullable): item 0 ("2026-11-18T15:00:00") must be an ISO 8601 instant with an offset, such as "2026-11-20T10:00:00+08:00"'],
    ['a boolean compared with text', { path: 'order.soldOnline', operator: 'equal', value: 'true' }, 'OPERAND_TYPE_MISMATCH', ['value'], 'fact "complaint" path "order.soldOnline" is of type boolean: the value "true" must be true or false, without quotes'],
    ['a number compared with text', { path: 'order.items[0].quantity', operator: 'greaterThan', value: '2' }, 'OPERAND_TYPE_MISMATCH', ['value'], 'fact "complaint" path "order.items[0].quantity" is of type number: the value "2" must be a number, without quotes'],
    ['an optional enum: a typo in a list', { path: 'customer.vulnerability', operator: 'in', value: ['elderly', 'pregnent'] }, 'OPERAND_TYPE_MISMATCH', ['value'], `fact "complaint" path "customer.vulnerability" is of type string: item 1 ("pregnent") must be one of ${VULNERABILITIES.map((v) => JSON.stringify(v)).join(', ')}; did you mean "pregnant"?`],
    ['null for a field that is not nullable', { path: 'claimAmount', operator: 'equal', value: null }, 'OPERAND_TYPE_MISMATCH', ['value'], 'fact "complaint" path "claimAmount" is of type money: the value null must be a money string such as "100000.00"'],
  ])('%s', (_name, leaf, code, at, message) => {
    expect(issues(withFirstLiabilityRule('t', { all: [{ fact: 'complaint', ...leaf }] }))).toEqual([{ code, file: 'liability.json', path: [...AT, ...at], message }]);
  });

  test('on the right-hand side: an unknown field at value.path; a type mismatch at value', () => {
    const bad = withFirstLiabilityRule('t', { all: [{ fact: 'claimAmount', operator: 'greaterThan', value: { fact: 'complaint', path: 'order.items[0].unitPrize' } }] });
    expect(issues(bad)).toEqual([
      { code: 'UNKNOWN_REFERENCE', file: 'liability.json', path: [...AT, 'value', 'path'], message: 'path "order.items[0].unitPrize": "order.items[0]" of fact "complaint" has no field "unitPrize"; did you mean "unitPrice"? (known: sku, quantity, unitPrice)' },
    ]);
    const mismatch = withFirstLiabilityRule('t', { all: [{ fact: 'claimAmount', operator: 'greaterThan', value: { fact: 'complaint', path: 'order.items[0].sku' } }] });
    expect(issues(mismatch)).toEqual([
      { code: 'OPERAND_TYPE_MISMATCH', file: 'liability.json', path: [...AT, 'value'], message: 'cannot compare fact "claimAmount" (money) with fact "complaint" path "order.items[0].sku" (string) using "greaterThan"' },
    ]);
    // both sides wrong: both reported
    const both = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'findings.natur', operator: 'equal', value: { fact: 'complaint', path: 'typ' } }] });
    expect(issues(both).map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_REFERENCE', [...AT, 'path']],
      ['UNKNOWN_REFERENCE', [...AT, 'value', 'path']],
    ]);
  });

  test('in remedies, in a named condition, in a lifecycle guard and in a clock `when`', () => {
    const files = packFiles('ecommerce');
    files['remedies.json'].rules[0].conditions.all.push({ fact: 'complaint', path: 'findings.proofOfPurchse', operator: 'equal', value: false });
    files['liability.json'].conditions = { ...(files['liability.json'].conditions ?? {}), typo: { fact: 'complaint', path: 'severity', operator: 'equal', value: 'complicated' } };
    const close = files['lifecycle.json'].transitions.find((t: { id: string }) => t.id === 'close');
    close.guards[0].when = { fact: 'complaint', path: 'customer.vulnerabel', operator: 'equal', value: true };
    files['lifecycle.json'].clocks[1].when = { fact: 'complaint', path: 'severity', operator: 'equal', value: 'complicated' };
    const sev = `fact "complaint" path "severity" is of type string: the value "complicated" must be one of ${SEVERITIES.map((s) => JSON.stringify(s)).join(', ')}`;
    expect(issues(files)).toEqual(
      expect.arrayContaining([
        { code: 'UNKNOWN_REFERENCE', file: 'remedies.json', path: ['rules', 0, 'conditions', 'all', 1, 'path'], message: 'path "findings.proofOfPurchse": "findings" of fact "complaint" has no field "proofOfPurchse"; did you mean "proofOfPurchase"? (known: nature, customerFault, resaleable, proofOfPurchase, supplierInvolved)' },
        { code: 'OPERAND_TYPE_MISMATCH', file: 'liability.json', path: ['conditions', 'typo', 'value'], message: sev },
        { code: 'UNKNOWN_REFERENCE', file: 'lifecycle.json', path: ['transitions', 12, 'guards', 0, 'when', 'path'], message: 'path "customer.vulnerabel": "customer" of fact "complaint" has no field "vulnerabel"; did you mean "vulnerable"? (known: vulnerable, vulnerability)' },
        { code: 'OPERAND_TYPE_MISMATCH', file: 'lifecycle.json', path: ['clocks', 1, 'when', 'value'], message: sev },
      ]),
    );
    expect(issues(files)).toHaveLength(4);
  });
});

describe('valid paths of every type load and decide as the values say', () => {
  /** The pack with one liability rule first; which rule decides `c`. */
  const ruleFor = (leaf: Leaf, c: Complaint) => loadPolicy({ files: withFirstLiabilityRule('t', { all: [leaf] }) }).decide(c, { now: NOW }).liability.ruleId;
  const base = complaint();

  test.each<[string, Leaf, Complaint, Complaint | null]>([
    ['enum', { fact: 'complaint', path: 'findings.nature', operator: 'equal', value: 'functional-fault' }, base, complaint({ findings: { nature: 'quality-defect' } })],
    ['enum, in', { fact: 'complaint', path: 'type', operator: 'in', value: ['product-quality', 'price'] }, base, complaint({ type: 'service' })],
    ['optional enum', { fact: 'complaint', path: 'customer.vulnerability', operator: 'equal', value: 'elderly' }, complaint({ customer: { vulnerable: true, vulnerability: 'elderly' } }), base],
    ['string of a list item', { fact: 'complaint', path: 'order.items[0].sku', operator: 'equal', value: 'RC-100' }, base, complaint({ order: { items: [{ sku: 'RC-200', quantity: 1, unitPrice: '299.00' }] } })],
    ['string, $.', { fact: 'complaint', path: '$.id', operator: 'notEqual', value: 'C-X' }, base, complaint({ id: 'C-X' })],
    ['boolean', { fact: 'complaint', path: 'order.soldOnline', operator: 'equal', value: true }, base, complaint({ order: { soldOnline: false } })],
    ['optional boolean', { fact: 'complaint', path: 'findings.supplierInvolved', operator: 'equal', value: true }, complaint({ findings: { supplierInvolved: true } }), base],
    ['number', { fact: 'complaint', path: 'order.items[0].quantity', operator: 'greaterThanInclusive', value: 2 }, complaint({ order: { items: [{ sku: 'RC-100', quantity: 2, unitPrice: '299.00' }] } }), base],
    ['length of a list', { fact: 'complaint', path: 'order.items.length', operator: 'greaterThan', value: 1 }, complaint({ order: { items: [{ sku: 'A', quantity: 1, unitPrice: '1.00' }, { sku: 'B', quantity: 1, unitPrice: '1.00' }] } }), base],
    ['length of a text', { fact: 'complaint', path: 'id.length', operator: 'equal', value: 11 }, base, complaint({ id: 'C-1' })],
    ['a character of a text', { fact: 'complaint', path: 'order.items[0].sku[0]', operator: 'equal', value: 'R' }, base, complaint({ order: { items: [{ sku: 'X', quantity: 1, unitPrice: '1.00' }] } })],
    ['money, ordered, compared by value', { fact: 'complaint', path: 'claimAmount', operator: 'greaterThan', value: '1000.00' }, complaint({ claimAmount: '1000.5' }), complaint({ claimAmount: '999.99' })],
    ['money, equal by value', { fact: 'complaint', path: 'order.items[0].unitPrice', operator: 'equal', value: '299' }, base, complaint({ order: { items: [{ sku: 'RC-100', quantity: 1, unitPrice: '299.01' }] } })],
    ['instant', { fact: 'complaint', path: 'receivedAt', operator: 'equal', value: '2026-11-20T10:00:00+08:00' }, base, complaint({ receivedAt: '2026-11-20T02:00:01Z' })],
    ['instant, the same moment written with another offset', { fact: 'complaint', path: 'receivedAt', operator: 'equal', value: '2026-11-20T02:00:00Z' }, base, complaint({ receivedAt: '2026-11-20T10:00:01+08:00' })],
    ['instant in a list', { fact: 'complaint', path: 'order.deliveredAt', operator: 'in', value: ['2026-11-18T07:00:00.000Z', '2026-11-19T00:00:00+08:00'] }, base, complaint({ order: { deliveredAt: '2026-11-18T15:00:01+08:00' } })],
    ['nullable instant, null', { fact: 'complaint', path: 'order.deliveredAt', operator: 'equal', value: null }, complaint({ order: { deliveredAt: null } }), base],
    ['right-hand side: a money fact against money text of an item', { fact: 'claimAmount', operator: 'greaterThan', value: { fact: 'complaint', path: 'order.items[0].unitPrice' } }, complaint({ claimAmount: '300.00' }), base],
    ['right-hand side: an enum fact against the same field', { fact: 'nature', operator: 'equal', value: { fact: 'complaint', path: 'findings.nature' } }, base, null],
    ['both sides paths', { fact: 'complaint', path: 'order.items[0].unitPrice', operator: 'lessThan', value: { fact: 'complaint', path: 'claimAmount' } }, complaint({ claimAmount: '1000.00' }), base],
  ])('%s', (_name, leaf, fires, doesNot) => {
    expect(issues(withFirstLiabilityRule('t', { all: [leaf] }))).toEqual([]);
    expect(ruleFor(leaf, fires)).toBe('t');
    if (doesNot) {
      // the pack's own rules decide, as without the added rule
      const without = loadPolicy({ files: packFiles('ecommerce') }).decide(doesNot, { now: NOW }).liability.ruleId;
      expect(ruleFor(leaf, doesNot)).toBe(without);
    }
  });

  test('a trace shows an instant path value and its literal as moments in UTC', () => {
    const p = loadPolicy({ files: withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'receivedAt', operator: 'equal', value: '2026-11-20T02:00:00Z' }] }) });
    const d = p.decide(complaint({ receivedAt: '2026-11-20T10:00:00+08:00' }), { now: NOW, trace: true });
    const leaf = d.trace.find((r) => r.stage === 'liability' && r.ruleId === 't')!.conditions[0]!;
    expect(leaf).toMatchObject({ fact: 'complaint', path: 'receivedAt', operator: 'equal', factValue: '2026-11-20T02:00:00.000Z', value: '2026-11-20T02:00:00.000Z', result: true });
  });

  test('a trace shows a money path value as its decimal, as money facts are shown', () => {
    const p = loadPolicy({ files: withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'claimAmount', operator: 'greaterThan', value: '100.00' }] }) });
    const d = p.decide(complaint({ claimAmount: '299.50' }), { now: NOW, trace: true });
    const leaf = d.trace.find((r) => r.stage === 'liability' && r.ruleId === 't')!.conditions[0]!;
    expect(leaf).toMatchObject({ fact: 'complaint', path: 'claimAmount', operator: 'greaterThan', factValue: '299.5', value: '100', result: true });
  });

  test('a lifecycle guard on a complaint path decides the transition', () => {
    const files = packFiles('ecommerce');
    const close = files['lifecycle.json'].transitions.find((t: { id: string }) => t.id === 'close');
    close.guards.push({ guard: 'condition', name: 'online-only', when: { fact: 'complaint', path: 'order.soldOnline', operator: 'equal', value: true } });
    const p = loadPolicy({ files });
    for (const soldOnline of [true, false]) {
      const s = caseIn('follow-up', p, { order: { soldOnline } }).snapshot;
      const recorded = transition(p, s, ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 4 })).snapshot;
      const close = () => transition(p, recorded, ev('close', '2026-11-24T10:01:00+08:00'));
      if (soldOnline) expect(close().snapshot.state).toBe('closed');
      else expect(close).toThrow(/online-only/);
    }
  });

  test('the bundled packs load unchanged (same hashes as pinned in safe-json.test.ts)', () => {
    expect(loadPolicy('ecommerce').hash).toBe('5c51375872b3ed77cd43eedafc2a4b3f08fd93708a8b1c5b9ac12ef8b161b285');
    expect(loadPolicy('manufacturer').hash).toBe('d21526040352c75fa706d9da6fce02d8143175b17c884c6bca93283780aaa81f');
  });
});

describe('facts without a declared shape stay unchecked', () => {
  test('a host fact replacing `complaint` without a shape: any path loads, a missing field is just false', () => {
    const host: FactDefinition<{ complaint: Complaint }> = { type: 'object', description: 'host complaint', compute: (c) => ({ ...c.complaint, tier: 'gold' }) };
    const files = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'tier', operator: 'equal', value: 'gold' }] });
    expect(issues(files, { facts: { complaint: host } })).toEqual([]);
    const p = loadPolicy({ files }, { facts: { complaint: host } });
    expect(p.decide(complaint(), { now: NOW }).liability.ruleId).toBe('t');
    const typo = withFirstLiabilityRule('t', { all: [{ fact: 'complaint', path: 'order.itemz[0].sku', operator: 'equal', value: 'RC-100' }] });
    const q = loadPolicy({ files: typo }, { facts: { complaint: host } });
    expect(q.decide(complaint(), { now: NOW }).liability.ruleId).toBe('nonconforming-product');
  });

  test('a host object fact may declare a shape of its own, and is then checked', () => {
    const host: FactDefinition<unknown> = {
      type: 'object',
      shape: { type: 'object', fields: { tier: { type: 'string', values: ['gold', 'silver'] } } },
      description: 'loyalty',
      compute: () => ({ tier: 'gold' }),
    };
    const files = withFirstLiabilityRule('t', { all: [{ fact: 'loyalty', path: 'tier', operator: 'equal', value: 'golden' }] });
    expect(issues(files, { facts: { loyalty: host } })).toEqual([
      { code: 'OPERAND_TYPE_MISMATCH', file: 'liability.json', path: [...AT, 'value'], message: 'fact "loyalty" path "tier" is of type string: the value "golden" must be one of "gold", "silver"; did you mean "gold"?' },
    ]);
  });
});

describe('the complaint shape is the schema\'s', () => {
  test('the built-in `complaint` fact declares it', () => {
    expect(COMPLAINT_FACTS.complaint!.shape).toBe(COMPLAINT_SHAPE);
  });

  test('derived from ComplaintSchema: every field, type, enum, nullable and optional', () => {
    const s = (type: string, extra: object = {}) => ({ type, ...extra });
    expect(shapeOfZod(ComplaintSchema)).toEqual(COMPLAINT_SHAPE);
    expect(COMPLAINT_SHAPE).toEqual(
      s('object', {
        fields: {
          id: s('string'),
          receivedAt: s('instant'),
          channel: s('string', { values: [...CHANNELS] }),
          type: s('string', { values: [...COMPLAINT_TYPES] }),
          severity: s('string', { values: [...SEVERITIES] }),
          customer: s('object', { fields: { vulnerable: s('boolean'), vulnerability: s('string', { values: [...VULNERABILITIES], optional: true }) } }),
          order: s('object', {
            fields: {
              soldOnline: s('boolean'),
              deliveredAt: s('instant', { nullable: true }),
              items: s('array', { items: s('object', { fields: { sku: s('string'), quantity: s('number'), unitPrice: s('money') } }) }),
            },
          }),
          findings: s('object', {
            fields: {
              nature: s('string', { values: [...NATURES] }),
              customerFault: s('string', { values: [...CUSTOMER_FAULTS] }),
              resaleable: s('boolean'),
              proofOfPurchase: s('boolean'),
              supplierInvolved: s('boolean', { optional: true }),
            },
          }),
          claimAmount: s('money'),
        },
      }),
    );
    expect(Object.isFrozen(COMPLAINT_SHAPE)).toBe(true);
  });

  test('every leaf of any valid complaint resolves, to the type of its value', () => {
    const leaves = (v: unknown, at: Array<string | number>, out: Array<[Array<string | number>, unknown]>) => {
      if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...at, i], out));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...at, k], out);
      else out.push([at, v]);
      return out;
    };
    const MONEY = new Set(['claimAmount', 'unitPrice']);
    const INSTANT = new Set(['receivedAt', 'deliveredAt']);
    fc.assert(
      fc.property(arbComplaint, (c) => {
        for (const [segs, v] of leaves(c, [], [])) {
          const r = resolveShape('complaint', COMPLAINT_SHAPE, segs);
          if (!r.ok) return false;
          const name = String(segs[segs.length - 1]);
          const want = v === null ? r.nullable === true : MONEY.has(name) ? r.type === 'money' : INSTANT.has(name) ? r.type === 'instant' : r.type === typeof v;
          if (!want) return false;
          if (r.values && !r.values.includes(v as string)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  test('a zod type the shape does not know is refused (a new kind of field cannot go unchecked)', async () => {
    const { z } = await import('zod');
    expect(() => shapeOfZod(z.object({ when: z.date() }))).toThrow('no condition shape for a zod date field');
  });
});
