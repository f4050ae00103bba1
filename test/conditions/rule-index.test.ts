import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildRuleIndex } from '../../src/conditions/index-rules.js';
import { compileRuleSet } from '../../src/conditions/ruleset.js';
import type { Condition } from '../../src/conditions/schema.js';
import type { FactRegistry } from '../../src/conditions/facts.js';
import type { PolicyIssue } from '../../src/errors/errors.js';
import type { KindContext } from '../../src/pack/kind.js';
import { generateCase, loadPolicy, parseComplaint, PARTIES, COST_BEARERS } from '../../src/index.js';

/*
 * Without a trace, a rule set tries only the rules its index keeps for the
 * value of one finite fact. These tests hold that to the full scan (the path
 * a trace takes): the same rules, in the same order, for every input. They
 * load with `memo: false`: otherwise remembered plans answer first
 * (test/conditions/trace-memo.test.ts holds those to this path).
 */

const ids = <R extends { id: string }>(rules: readonly R[]) => rules.map((r) => r.id);

describe('the bundled packs', () => {
  const policy = loadPolicy('ecommerce', { memo: false });
  const liability = policy.liability!.rules;
  const remedies = policy.remedies!.rules;

  test('liability rules are indexed on nature, remedy rules on upheld', () => {
    expect(liability.index?.fact).toBe('nature');
    expect(remedies.index?.fact).toBe('upheld');
    const byId = (rs: { readonly rules: ReadonlyArray<{ readonly id: string }> }, positions: readonly number[]) => positions.map((i) => rs.rules[i]!.id);
    // customer-misuse can only meet the rules that do not require another nature
    expect(byId(liability, liability.index!.byValue.get('customer-misuse')!)).toEqual([
      'no-proof-of-purchase',
      'intentional-customer-damage',
      'customer-misuse',
    ]);
    expect(byId(remedies, remedies.index!.byValue.get(false)!)).toEqual([
      'no-remedy-without-proof',
      'no-return-of-unresaleable-goods',
      'no-reason-return-period-passed',
      'technical-guidance',
      'repair-at-cost-price',
      'exchange-at-customer-cost',
      'no-reason-return-within-7-days',
    ]);
  });

  test('indexed evaluation = full scan on 3,000 generated complaints and random liability outcomes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...PARTIES),
        fc.constantFrom(...COST_BEARERS),
        fc.boolean(),
        fc.boolean(),
        (index, party, costBearer, upheld, thirdPartyTesting) => {
          const g = generateCase(7, index);
          const complaint = parseComplaint(g.complaint);
          const now = new Date(Date.parse(g.now));
          const lf = liability.facts({ complaint, now });
          expect(ids(liability.evaluate(lf, 'liability', null))).toEqual(ids(liability.evaluate(lf, 'liability', [])));
          const rf = remedies.facts({ complaint, now, liability: { party, costBearer, upheld, thirdPartyTesting } });
          expect(ids(remedies.evaluate(rf, 'remedies', null))).toEqual(ids(remedies.evaluate(rf, 'remedies', [])));
        },
      ),
      { numRuns: 3000, seed: 20261125 },
    );
  });
});

// ── a synthetic rule set: every kind of guard, and conditions that give none ──
type Ctx = { colour: string | null; size: string; ok: boolean; n: number };
const FACTS: FactRegistry<Ctx> = {
  colour: { type: 'string', values: ['red', 'green', 'blue'], nullable: true, description: 'colour', compute: (c) => c.colour },
  size: { type: 'string', values: ['s', 'm', 'l'], description: 'size', compute: (c) => c.size },
  ok: { type: 'boolean', description: 'ok', compute: (c) => c.ok },
  n: { type: 'number', description: 'n', compute: (c) => c.n },
};
const RULES: Array<{ id: string; conditions?: Condition; priority?: number }> = [
  { id: 'red', conditions: { all: [{ fact: 'colour', operator: 'equal', value: 'red' }] } },
  { id: 'not-blue-big', conditions: { all: [{ fact: 'colour', operator: 'notIn', value: ['blue'] }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
  { id: 'named-green', conditions: { all: [{ condition: 'is-green' }, { fact: 'ok', operator: 'equal', value: true }] } },
  { id: 'nested-all', conditions: { all: [{ all: [{ fact: 'colour', operator: 'in', value: ['red', 'green'] }] }, { fact: 'size', operator: 'equal', value: 'm' }] } },
  { id: 'any-is-no-guard', conditions: { any: [{ fact: 'colour', operator: 'equal', value: 'red' }, { fact: 'ok', operator: 'equal', value: true }] } },
  { id: 'not-is-no-guard', conditions: { not: { fact: 'colour', operator: 'equal', value: 'red' } } },
  { id: 'colour-null', conditions: { all: [{ fact: 'colour', operator: 'equal', value: null }] } },
  { id: 'not-equal-green', priority: 5, conditions: { all: [{ fact: 'colour', operator: 'notEqual', value: 'green' }] } },
  { id: 'always' },
];
const NAMED: Record<string, Condition> = { 'is-green': { fact: 'colour', operator: 'equal', value: 'green' } };

function compile(hitPolicy: 'first' | 'collect') {
  const issues: PolicyIssue[] = [];
  const ctx = { file: 'test.json', issues, options: { memo: false }, settings: {}, documents: [] } as unknown as KindContext;
  const rules = RULES.map((r) => ({ ...r, description: r.id, clause: 'test' }));
  const set = compileRuleSet(rules, NAMED, hitPolicy, FACTS as FactRegistry<never>, ctx);
  expect(issues).toEqual([]);
  return set;
}

describe('a synthetic rule set', () => {
  test('the index is on colour, the fact most rules require; each value keeps exactly the rules that can fire', () => {
    const set = compile('collect');
    const index = set.index!;
    expect(index.fact).toBe('colour');
    const kept = (v: unknown) => index.byValue.get(v)!.map((i) => set.rules[i]!.id);
    // rule order: priority 5 first, then by id
    expect(kept('red')).toEqual(['not-equal-green', 'always', 'any-is-no-guard', 'nested-all', 'not-blue-big', 'not-is-no-guard', 'red']);
    expect(kept('green')).toEqual(['always', 'any-is-no-guard', 'named-green', 'nested-all', 'not-blue-big', 'not-is-no-guard']);
    expect(kept('blue')).toEqual(['not-equal-green', 'always', 'any-is-no-guard', 'not-is-no-guard']);
    expect(kept(null)).toEqual(['not-equal-green', 'always', 'any-is-no-guard', 'colour-null', 'not-blue-big', 'not-is-no-guard']);
  });

  test.each(['first', 'collect'] as const)('hit policy %s: indexed evaluation = full scan for every input', (hitPolicy) => {
    const set = compile(hitPolicy);
    for (const colour of ['red', 'green', 'blue', null])
      for (const size of ['s', 'm', 'l'])
        for (const ok of [true, false])
          for (const n of [0, 6]) {
            const f = set.facts({ colour, size, ok, n });
            expect(ids(set.evaluate(f, 't', null)), JSON.stringify({ colour, size, ok, n })).toEqual(ids(set.evaluate(f, 't', [])));
          }
  });

  test('no index when no finite fact guards two rules', () => {
    const slots = new Map([['n', 0]]);
    expect(buildRuleIndex([{ fact: 'n', operator: 'equal', value: 1 }, { fact: 'n', operator: 'equal', value: 2 }], {}, FACTS as FactRegistry<never>, slots)).toBeUndefined();
    const colour = new Map([['colour', 0]]);
    expect(buildRuleIndex([{ fact: 'colour', operator: 'equal', value: 'red' }, undefined], {}, FACTS as FactRegistry<never>, colour)).toBeUndefined();
    expect(buildRuleIndex([{ fact: 'colour', operator: 'equal', value: 'red' }, { fact: 'colour', operator: 'equal', value: 'blue' }], {}, FACTS as FactRegistry<never>, colour)?.fact).toBe('colour');
  });

  test('a cycle of named conditions gives no guard (and no endless loop)', () => {
    const named: Record<string, Condition> = { a: { all: [{ condition: 'b' }] }, b: { all: [{ condition: 'a' }] } };
    const colour = new Map([['colour', 0]]);
    const index = buildRuleIndex([{ condition: 'a' }, { fact: 'colour', operator: 'equal', value: 'red' }, { fact: 'colour', operator: 'in', value: ['red'] }], named, FACTS as FactRegistry<never>, colour);
    expect(index?.byValue.get('blue')).toEqual([0]);
    expect(index?.byValue.get('red')).toEqual([0, 1, 2]);
  });
});
