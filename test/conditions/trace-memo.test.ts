import { describe, expect, test } from 'vitest';
import type { FactRegistry } from '../../src/conditions/facts.js';
import { compileRuleSet, type RuleTrace } from '../../src/conditions/ruleset.js';
import type { Condition } from '../../src/conditions/schema.js';
import { combination, factDomains, MAX_COMBINATIONS_PER_RULE_SET, outcomeMemo, readsOnly, ruleMemo } from '../../src/conditions/trace-memo.js';
import type { PolicyIssue } from '../../src/errors/errors.js';
import type { KindContext } from '../../src/pack/kind.js';
import { generateCase, loadPolicy } from '../../src/index.js';
import { complaint } from '../helpers.js';
import { withFirstLiabilityRule } from '../packs.js';

/*
 * Rules that read only finite facts are remembered per combination of those
 * facts' values: with a trace, each rule's frozen entry; without, the rule
 * set's plan (the finite rules that fired, the others evaluated each time).
 * These tests hold every trace and every list of hits to the ones found
 * without the memo (`memo: false`).
 */

const NOW = '2026-11-20T10:00:00+08:00';

describe('the bundled packs', () => {
  test.each(['ecommerce', 'manufacturer'])('%s: 3,000 decisions with the memo = without it (each complaint decided twice: entry made, entry reused)', (pack) => {
    const memo = loadPolicy(pack);
    const plain = loadPolicy(pack, { memo: false });
    if (!memo.liability || !memo.remedies || !memo.approval) return; // packs without decisions have nothing to trace
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 3000; i++) {
        const g = generateCase(11, i);
        const a = memo.decide(g.complaint, { now: g.now });
        expect(a, `case ${i}`).toEqual(plain.decide(g.complaint, { now: g.now }));
      }
  });

  test.each(['ecommerce', 'manufacturer'])('%s: 3,000 decisions without a trace with the memo = without it (plan made, plan reused)', (pack) => {
    const memo = loadPolicy(pack);
    const plain = loadPolicy(pack, { memo: false });
    expect(memo.liability!.rules.outcome).toBeDefined();
    expect(memo.remedies!.rules.outcome).toBeDefined();
    expect(plain.liability!.rules.outcome).toBeUndefined();
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 3000; i++) {
        const g = generateCase(12, i);
        const a = memo.decide(g.complaint, { now: g.now, trace: false });
        expect(a, `case ${i}`).toEqual(plain.decide(g.complaint, { now: g.now, trace: false }));
      }
  });

  test('ecommerce: the keys of both stages, and the two remedy rules evaluated every time (the 7-day no-reason return and its exclusion from day 8)', () => {
    const policy = loadPolicy('ecommerce');
    const liability = policy.liability!.rules;
    const remedies = policy.remedies!.rules;
    // in slot order (first read by the rules, in evaluation order)
    expect(liability.outcome!.facts).toEqual(['proofOfPurchase', 'customerFault', 'nature', 'supplierInvolved', 'soldOnline', 'type']);
    expect(liability.outcome!.plans).toHaveLength(1728);
    expect(liability.outcome!.finite.every(Boolean)).toBe(true);
    expect(remedies.outcome!.facts).toEqual(['proofOfPurchase', 'upheld', 'resaleable', 'type', 'nature', 'customerFault']);
    expect(remedies.rules.filter((_, i) => !remedies.outcome!.finite[i]).map((r) => r.id)).toEqual(['no-reason-return-period-passed', 'no-reason-return-within-7-days']);
  });

  test('two complaints with the same finite facts share the liability entries, frozen; a rule reading a number is shared where finite facts decide it, made afresh where the number is compared', () => {
    const policy = loadPolicy('ecommerce');
    const first = policy.decide(complaint({ id: 'A-1' }), { now: NOW });
    const second = policy.decide(complaint({ id: 'B-2', claimAmount: '10.00' }), { now: NOW });
    const liability = (d: typeof first) => d.trace.filter((t) => t.stage === 'liability');
    expect(liability(second).length).toBeGreaterThan(0);
    liability(second).forEach((entry, i) => {
      expect(entry).toBe(liability(first)[i]);
      expect(Object.isFrozen(entry) && Object.isFrozen(entry.conditions)).toBe(true);
      entry.conditions.forEach((c) => expect(Object.isFrozen(c)).toBe(true));
    });
    // The one remedy rule that also reads daysFromDeliveryToComplaint (a number): for an upheld complaint its first
    // comparison (not upheld) decides it, so its entry is kept and shared too…
    const byDays = (d: typeof first) => d.trace.find((t) => t.ruleId === 'no-reason-return-within-7-days')!;
    expect(byDays(first).conditions.map((c) => c.fact)).toEqual(['upheld']);
    expect(byDays(second)).toBe(byDays(first));
    expect(Object.isFrozen(byDays(second)) && Object.isFrozen(byDays(second).conditions[0])).toBe(true);
    // …but when the evaluation reaches daysFromDeliveryToComplaint, the entry is made afresh every time.
    const misuse = (id: string) =>
      policy.decide(complaint({ id, findings: { nature: 'customer-misuse', customerFault: 'none', resaleable: true, proofOfPurchase: true } }), { now: NOW });
    const [m1, m2] = [misuse('M-1'), misuse('M-2')];
    expect(byDays(m1).conditions.map((c) => c.fact)).toEqual(['upheld', 'resaleable', 'customerFault', 'daysFromDeliveryToComplaint']);
    expect(byDays(m1).fired).toBe(true);
    expect(byDays(m2)).not.toBe(byDays(m1));
    expect(Object.isFrozen(byDays(m2))).toBe(false);
    expect(byDays(m2)).toEqual(byDays(m1));
  });

  test('memo: false builds fresh entries every time', () => {
    const policy = loadPolicy('ecommerce', { memo: false });
    const a = policy.decide(complaint(), { now: NOW });
    const b = policy.decide(complaint(), { now: NOW });
    expect(a.trace[0]).not.toBe(b.trace[0]);
    expect(a.trace).toEqual(b.trace);
  });
});

// ── a synthetic rule set: nullable strings, booleans, a number, fact references, a host fact that strays ──
type Ctx = { colour: string | null; size: string; ok: boolean; n: number; mood: string };
const FACTS: FactRegistry<Ctx> = {
  colour: { type: 'string', values: ['red', 'green', 'blue'], nullable: true, description: 'colour', compute: (c) => c.colour },
  size: { type: 'string', values: ['s', 'm', 'l'], description: 'size', compute: (c) => c.size },
  ok: { type: 'boolean', description: 'ok', compute: (c) => c.ok },
  n: { type: 'number', description: 'n', compute: (c) => c.n },
  // declares two values but may return others: those are evaluated without the memo
  mood: { type: 'string', values: ['calm', 'cross'], description: 'mood', compute: (c) => c.mood },
};
const NAMED: Record<string, Condition> = { 'is-green': { fact: 'colour', operator: 'equal', value: 'green' } };
const RULES: Array<{ id: string; conditions?: Condition; priority?: number }> = [
  { id: 'red-or-ok', conditions: { any: [{ fact: 'colour', operator: 'equal', value: 'red' }, { fact: 'ok', operator: 'equal', value: true }] } },
  { id: 'named-green-m', conditions: { all: [{ condition: 'is-green' }, { fact: 'size', operator: 'equal', value: 'm' }] } },
  { id: 'not-null', conditions: { not: { fact: 'colour', operator: 'equal', value: null } } },
  { id: 'big', conditions: { all: [{ fact: 'n', operator: 'greaterThan', value: 5 }, { fact: 'ok', operator: 'equal', value: true }] } },
  { id: 'calm', conditions: { fact: 'mood', operator: 'equal', value: 'calm' } },
  { id: 'same-as-size', conditions: { fact: 'colour', operator: 'notEqual', value: { fact: 'size' } } },
  { id: 'always', priority: 2 },
];

function compile(hitPolicy: 'first' | 'collect', memo = true, rules = RULES) {
  const issues: PolicyIssue[] = [];
  const ctx = { file: 'test.json', issues, options: { memo }, settings: {}, documents: [] } as unknown as KindContext;
  const set = compileRuleSet(
    rules.map((r) => ({ ...r, description: r.id, clause: 'test' })),
    NAMED,
    hitPolicy,
    FACTS as FactRegistry<never>,
    ctx,
  );
  expect(issues).toEqual([]);
  return set;
}

/** The synthetic rule set with fact functions that record their names when called. */
function compileRuleSetWith(rules: typeof RULES, computed: string[]) {
  const spied = Object.fromEntries(Object.entries(FACTS).map(([name, def]) => [name, { ...def, compute: (c: Ctx) => (computed.push(name), def.compute(c)) }]));
  const issues: PolicyIssue[] = [];
  const ctx = { file: 'test.json', issues, options: { memo: true }, settings: {}, documents: [] } as unknown as KindContext;
  const set = compileRuleSet(
    rules.map((r) => ({ ...r, description: r.id, clause: 'test' })),
    NAMED,
    'collect',
    spied as FactRegistry<never>,
    ctx,
  );
  expect(issues).toEqual([]);
  return set;
}

/** Every combination of the synthetic facts' test values (a stray mood included), twice: remembered, then reused. */
function* everyInputTwice(): Generator<Ctx> {
  for (let round = 0; round < 2; round++)
    for (const colour of ['red', 'green', 'blue', null])
      for (const size of ['s', 'm', 'l'])
        for (const ok of [true, false])
          for (const n of [0, 6])
            for (const mood of ['calm', 'cross', 'sulky']) yield { colour, size, ok, n, mood };
}

describe('a synthetic rule set', () => {
  test.each(['first', 'collect'] as const)('hit policy %s: every input, twice, traces and hits as without the memo', (hitPolicy) => {
    const memo = compile(hitPolicy);
    const plain = compile(hitPolicy, false);
    for (const ctx of everyInputTwice()) {
      const a: RuleTrace[] = [];
      const b: RuleTrace[] = [];
      const hitsA = memo.evaluate(memo.facts(ctx), 't', a).map((r) => r.id);
      const hitsB = plain.evaluate(plain.facts(ctx), 't', b).map((r) => r.id);
      expect(hitsA, JSON.stringify(ctx)).toEqual(hitsB);
      expect(a, JSON.stringify(ctx)).toEqual(b);
    }
  });

  test.each(['first', 'collect'] as const)('hit policy %s, no trace: every input, twice, hits as without the memo', (hitPolicy) => {
    const memo = compile(hitPolicy);
    const plain = compile(hitPolicy, false);
    const all = compile(hitPolicy, true, RULES.map(({ priority: _, ...r }) => r)); // 'always' last
    const plainAll = compile(hitPolicy, false, RULES.map(({ priority: _, ...r }) => r));
    let planned = 0;
    for (const ctx of everyInputTwice()) {
      const ids = (set: typeof memo) => set.evaluate(set.facts(ctx), 't', null).map((r) => r.id);
      expect(ids(memo), JSON.stringify(ctx)).toEqual(ids(plain));
      expect(ids(all), JSON.stringify(ctx)).toEqual(ids(plainAll));
    }
    for (const set of [memo, all]) planned += set.outcome!.plans.filter(Boolean).length;
    // 4 colours × 3 sizes × 2 ok × 2 moods in their domain (sulky has no key), in each of the two sets
    expect(planned).toBe(2 * 48);
  });

  test('a plan lists the finite rules that fired and the others to evaluate; with "first" it ends at its first finite hit', () => {
    const rules = [
      { id: 'big', priority: 3, conditions: { fact: 'n', operator: 'greaterThan', value: 5 } as Condition },
      { id: 'ok', priority: 2, conditions: { fact: 'ok', operator: 'equal', value: true } as Condition },
      { id: 'always' },
      { id: 'bigger', conditions: { fact: 'n', operator: 'greaterThan', value: 7 } as Condition },
    ];
    const first = compile('first', true, rules);
    const collect = compile('collect', true, rules);
    const ids = (set: typeof first, ok: boolean, n: number) => set.evaluate(set.facts({ colour: null, size: 's', ok, n, mood: 'calm' }), 't', null).map((r) => r.id);
    expect(ids(first, true, 9)).toEqual(['big']);
    expect(ids(first, true, 0)).toEqual(['ok']);
    expect(ids(first, false, 0)).toEqual(['always']);
    expect(ids(collect, true, 9)).toEqual(['big', 'ok', 'always', 'bigger']);
    expect(ids(collect, false, 6)).toEqual(['big', 'always']);
    const plans = (set: typeof first) => set.outcome!.plans.map((p) => (p ? Array.from(p) : p));
    // key: ok (true, false); rules in order big, ok, always, bigger
    expect(first.outcome!.finite).toEqual([false, true, true, false]);
    expect(plans(first)).toEqual([
      [~0, 1],
      [~0, 2],
    ]);
    expect(plans(collect)).toEqual([
      [~0, 1, 2, ~3],
      [~0, 2, ~3],
    ]);
  });

  test.each(['first', 'collect'] as const)('hit policy %s: planFor + runPlan with only the live slots computed (factsAt) = evaluate, for every input', (hitPolicy) => {
    const set = compile(hitPolicy);
    for (const ctx of everyInputTwice()) {
      const facts = set.facts(ctx);
      const entry = set.planFor(facts);
      const want = set.evaluate(facts, 't', null).map((r) => r.id);
      if (ctx.mood === 'sulky') {
        expect(entry, 'a key fact outside its domain has no plan').toBeUndefined();
        continue;
      }
      expect(entry).toBeDefined();
      expect(set.planFor(set.facts(ctx)), 'the same object for the same combination').toBe(entry);
      const live = entry!.settled ? [] : entry!.liveSlots!;
      expect(set.runPlan(entry!, set.factsAt(ctx, live)).map((r) => r.id), JSON.stringify(ctx)).toEqual(want);
    }
  });

  test.each(['first', 'collect'] as const)('hit policy %s: hitsFor(liveResult) = runPlan, for every input', (hitPolicy) => {
    const results = new Set<number>();
    // without 'always' (it would end every plan under "first"), the rule reading n comes first by id
    for (const rules of [RULES, RULES.map(({ priority: _, ...r }) => r), RULES.filter((r) => r.id !== 'always')]) {
      const set = compile(hitPolicy, true, rules);
      for (const ctx of everyInputTwice()) {
        const facts = set.facts(ctx);
        const entry = set.planFor(facts);
        if (!entry) continue;
        const result = set.liveResult(entry, facts);
        results.add(result);
        expect(result).toBeGreaterThanOrEqual(0);
        expect(set.hitsFor(entry, result).map((r) => r.id), JSON.stringify(ctx)).toEqual(set.runPlan(entry, facts).map((r) => r.id));
      }
    }
    expect(results.size, 'the rules evaluated each time fire and do not').toBeGreaterThan(1);
  });

  test('liveResult: −1 for a plan with more than 30 rules to evaluate (runPlan still answers)', () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ id: `n-${String(i).padStart(2, '0')}`, conditions: { fact: 'n', operator: 'greaterThan', value: i } as Condition }));
    const thirty = compile('collect', true, [...many.slice(0, 30), { id: 'ok', conditions: { fact: 'ok', operator: 'equal', value: true } }]);
    const over = compile('collect', true, [...many, { id: 'ok', conditions: { fact: 'ok', operator: 'equal', value: true } }]);
    const input = { colour: null, size: 's', ok: true, n: 3, mood: 'calm' };
    const e30 = thirty.planFor(thirty.facts(input))!;
    expect(thirty.liveResult(e30, thirty.facts(input))).toBe(0b111);
    expect(thirty.hitsFor(e30, 0b111).map((r) => r.id)).toEqual(['n-00', 'n-01', 'n-02', 'ok']);
    const e31 = over.planFor(over.facts(input))!;
    expect(over.liveResult(e31, over.facts(input))).toBe(-1);
    expect(over.runPlan(e31, over.facts(input)).map((r) => r.id)).toEqual(['n-00', 'n-01', 'n-02', 'ok']);
  });

  test('a plan entry: its live slots are the slots its rules to evaluate read; settled plans read none; factsAt computes only those slots', () => {
    const rules = [
      { id: 'big', priority: 3, conditions: { fact: 'n', operator: 'greaterThan', value: 5 } as Condition },
      { id: 'ok', priority: 2, conditions: { fact: 'ok', operator: 'equal', value: true } as Condition },
      { id: 'always' },
    ];
    const set = compile('collect', true, rules);
    const entry = set.planFor(set.facts({ colour: null, size: 's', ok: true, n: 0, mood: 'calm' }))!;
    expect(Array.from(entry.plan)).toEqual([~0, 1, 2]);
    expect(entry.settled).toBeUndefined();
    expect(entry.liveSlots).toHaveLength(1);
    const computed: string[] = [];
    const spy = compileRuleSetWith(rules, computed);
    const e = spy.planFor(spy.facts({ colour: null, size: 's', ok: true, n: 0, mood: 'calm' }))!;
    computed.length = 0;
    const sparse = spy.factsAt({ colour: null, size: 's', ok: true, n: 9, mood: 'calm' }, e.liveSlots!) as unknown as unknown[];
    expect(computed).toEqual(['n']);
    expect(sparse.filter((v) => v !== undefined)).toEqual([9]);
    expect(spy.runPlan(e, sparse as never).map((r) => r.id)).toEqual(['big', 'ok', 'always']);
    // without a rule to evaluate, the plan is settled
    const settledSet = compile('collect', true, rules.slice(1));
    const settled = settledSet.planFor(settledSet.facts({ colour: null, size: 's', ok: false, n: 0, mood: 'calm' }))!;
    expect(settled.settled!.map((r) => r.id)).toEqual(['always']);
    expect(settledSet.runPlan(settled, {}).map((r) => r.id)).toEqual(['always']);
    // no outcome memo without the memo option
    const plain = compile('collect', false, rules);
    expect(plain.planFor(plain.facts({ colour: null, size: 's', ok: false, n: 0, mood: 'calm' }))).toBeUndefined();
  });

  test('a remembered list of hits is handed out as a copy: changing one changes no later evaluation', () => {
    const set = compile('collect', true, [{ id: 'ok', conditions: { fact: 'ok', operator: 'equal', value: true } }, { id: 'always' }]);
    const facts = set.facts({ colour: null, size: 's', ok: true, n: 0, mood: 'calm' });
    const first = set.evaluate(facts, 't', null);
    first.length = 0;
    const second = set.evaluate(facts, 't', null);
    expect(second).not.toBe(first);
    expect(second.map((r) => r.id)).toEqual(['always', 'ok']); // same priority: by id
  });

  test('only rules reading finite facts are remembered; a value outside its domain is evaluated afresh', () => {
    const set = compile('collect');
    const ctx = { colour: 'red', size: 's', ok: true, n: 9, mood: 'sulky' };
    const first: RuleTrace[] = [];
    const second: RuleTrace[] = [];
    set.evaluate(set.facts(ctx), 't', first);
    set.evaluate(set.facts(ctx), 't', second);
    const frozen = Object.fromEntries(second.map((t, i) => [t.ruleId, t === first[i] && Object.isFrozen(t)]));
    expect(frozen).toEqual({ always: true, 'red-or-ok': true, 'named-green-m': true, 'not-null': true, big: false, calm: false, 'same-as-size': true });
    const calm = { ...ctx, mood: 'calm' };
    const third: RuleTrace[] = [];
    const fourth: RuleTrace[] = [];
    set.evaluate(set.facts(calm), 't', third);
    set.evaluate(set.facts(calm), 't', fourth);
    expect(fourth.find((t) => t.ruleId === 'calm')).toBe(third.find((t) => t.ruleId === 'calm'));
  });

  test('another stage name is never served entries made for the first', () => {
    const set = compile('collect');
    const ctx = { colour: 'blue', size: 'l', ok: false, n: 0, mood: 'calm' };
    set.evaluate(set.facts(ctx), 'liability', []);
    const other: RuleTrace[] = [];
    set.evaluate(set.facts(ctx), 'remedies', other);
    expect(other.map((t) => t.stage)).toEqual(other.map(() => 'remedies'));
  });
});

describe('plans leave out rules their key facts rule out', () => {
  // Finite rules reading colour, size and ok make those three the key; no finite rule reads mood.
  const KEYED: typeof RULES = [
    { id: 'named-green-m', conditions: { all: [{ condition: 'is-green' }, { fact: 'size', operator: 'equal', value: 'm' }] } },
    { id: 'ok', conditions: { fact: 'ok', operator: 'equal', value: true } },
    { id: 'n-green', conditions: { all: [{ condition: 'is-green' }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-not-s', conditions: { all: [{ fact: 'size', operator: 'notEqual', value: 's' }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-in-ml', conditions: { all: [{ all: [{ fact: 'size', operator: 'in', value: ['m', 'l'] }] }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-not-red-blue', conditions: { all: [{ fact: 'colour', operator: 'notIn', value: ['red', 'blue'] }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-ok', conditions: { all: [{ fact: 'n', operator: 'greaterThan', value: 5 }, { fact: 'ok', operator: 'equal', value: true }] } },
    // no guard: an `any`, a `not`, a comparison with another fact, a finite fact outside the key
    { id: 'n-any', conditions: { any: [{ fact: 'colour', operator: 'equal', value: 'red' }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-not', conditions: { all: [{ not: { fact: 'colour', operator: 'equal', value: 'red' } }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-fact-ref', conditions: { all: [{ fact: 'colour', operator: 'notEqual', value: { fact: 'size' } }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
    { id: 'n-calm', conditions: { all: [{ fact: 'mood', operator: 'equal', value: 'calm' }, { fact: 'n', operator: 'greaterThan', value: 5 }] } },
  ];
  const live = (set: ReturnType<typeof compile>, ctx: Ctx) => {
    const entry = set.planFor(set.facts(ctx))!;
    return Array.from(entry.plan)
      .filter((i) => i < 0)
      .map((i) => set.rules[~i]!.id)
      .sort(); // (in evaluation order: all of the same priority, by id)
  };

  test('the rules to evaluate each time are those whose (in)equalities on key facts hold: none else, none fewer', () => {
    const set = compile('collect', true, KEYED);
    expect(set.outcome!.facts).toEqual(['colour', 'size', 'ok']);
    const unguarded = ['n-any', 'n-not', 'n-fact-ref', 'n-calm'];
    const plus = (...ids: string[]) => [...ids, ...unguarded].sort();
    expect(live(set, { colour: 'blue', size: 's', ok: false, n: 0, mood: 'cross' })).toEqual(plus());
    expect(live(set, { colour: 'green', size: 'm', ok: true, n: 0, mood: 'calm' })).toEqual(plus('n-green', 'n-not-s', 'n-in-ml', 'n-not-red-blue', 'n-ok'));
    expect(live(set, { colour: null, size: 'l', ok: false, n: 0, mood: 'calm' })).toEqual(plus('n-not-s', 'n-in-ml', 'n-not-red-blue'));
    expect(live(set, { colour: 'red', size: 's', ok: true, n: 0, mood: 'calm' })).toEqual(plus('n-ok'));
  });

  test.each(['first', 'collect'] as const)('hit policy %s, with a trace: every input, twice, in both orders, traces and hits as without the memo', (hitPolicy) => {
    const inputs = [...everyInputTwice()];
    for (const order of [inputs, [...inputs].reverse()]) {
      const memo = compile(hitPolicy, true, KEYED);
      const plain = compile(hitPolicy, false, KEYED);
      for (const ctx of order) {
        const a: RuleTrace[] = [];
        const b: RuleTrace[] = [];
        expect(memo.evaluate(memo.facts(ctx), 't', a).map((r) => r.id)).toEqual(plain.evaluate(plain.facts(ctx), 't', b).map((r) => r.id));
        expect(a, JSON.stringify(ctx)).toEqual(b);
      }
    }
  });

  test('with a trace, a rule that also reads n is shared exactly when its finite comparisons decide it; a shared entry is frozen', () => {
    const set = compile('collect', true, KEYED);
    const trace = (ctx: Ctx) => {
      const t: RuleTrace[] = [];
      set.evaluate(set.facts(ctx), 't', t);
      return new Map(t.map((e) => [e.ruleId, e]));
    };
    const input = { colour: 'blue', size: 's', ok: false, n: 0, mood: 'calm' };
    const [a, b] = [trace(input), trace({ ...input, n: 6 })];
    const shared = [...a.keys()].filter((id) => a.get(id) === b.get(id)).sort();
    // decided before n: not green, size s, size not m/l, colour blue — and the two finite rules
    expect(shared).toEqual(['n-green', 'n-in-ml', 'n-not-red-blue', 'n-not-s', 'named-green-m', 'ok']);
    for (const id of shared) expect(Object.isFrozen(a.get(id)) && Object.isFrozen(a.get(id)!.conditions) && a.get(id)!.conditions.every((c) => Object.isFrozen(c))).toBe(true);
    // n compared: n-any (not red), n-not (not red), n-fact-ref (blue ≠ s), n-calm (calm), n-ok (n first)
    for (const id of ['n-any', 'n-not', 'n-fact-ref', 'n-calm', 'n-ok']) {
      expect(a.get(id)!.conditions.some((c) => c.fact === 'n'), id).toBe(true);
      expect(Object.isFrozen(b.get(id)), id).toBe(false);
    }
    expect(b.get('n-calm')!.fired).toBe(true);
    // red: n-any fires on colour alone and n-not stops at it; both are then kept
    const [r1, r2] = [trace({ ...input, colour: 'red' }), trace({ ...input, colour: 'red', n: 6 })];
    expect(r2.get('n-any')).toBe(r1.get('n-any'));
    expect(r1.get('n-any')!.fired).toBe(true);
    expect(r2.get('n-not')).toBe(r1.get('n-not'));
    // a mood outside its domain: evaluated afresh
    expect(trace({ ...input, mood: 'sulky' }).get('n-calm')).not.toBe(trace({ ...input, mood: 'sulky' }).get('n-calm'));
  });

  test.each(['first', 'collect'] as const)('hit policy %s: every input, twice, in both orders (plans made by either value of a fact outside the key), hits as without the memo', (hitPolicy) => {
    const inputs = [...everyInputTwice()];
    for (const [rules, order] of [KEYED, [...KEYED].reverse(), KEYED.map((r, i) => ({ ...r, priority: 1 + (i % 3) }))].flatMap((r) => [[r, inputs] as const, [r, [...inputs].reverse()] as const])) {
      const memo = compile(hitPolicy, true, rules);
      const plain = compile(hitPolicy, false, rules);
      const fired = new Set<string>();
      for (const ctx of order) {
        const hits = memo.evaluate(memo.facts(ctx), 't', null).map((r) => r.id);
        expect(hits, JSON.stringify(ctx)).toEqual(plain.evaluate(plain.facts(ctx), 't', null).map((r) => r.id));
        hits.forEach((id) => fired.add(id));
      }
      if (hitPolicy === 'collect') expect([...fired].sort()).toEqual(KEYED.map((r) => r.id).sort());
    }
  });
});

describe('memo building blocks', () => {
  const slots = new Map([
    ['colour', 0],
    ['n', 1],
    ['ok', 2],
    ['size', 3],
  ]);
  const domains = factDomains(FACTS as FactRegistry<never>, slots);

  test('domains: listed values in order, null last when nullable, booleans true then false, none for numbers', () => {
    expect([...domains[0]!]).toEqual([
      ['red', 0],
      ['green', 1],
      ['blue', 2],
      [null, 3],
    ]);
    expect(domains[1]).toBeUndefined();
    expect([...domains[2]!]).toEqual([
      [true, 0],
      [false, 1],
    ]);
  });

  test('a value listed twice keeps its first position: positions have no gaps (or two combinations would share an entry)', () => {
    const twice = { tier: { type: 'string', values: ['gold', 'silver', 'silver', 'bronze'], nullable: true, description: 't', compute: () => 'gold' } };
    expect([...factDomains(twice as unknown as FactRegistry<never>, new Map([['tier', 0]]))[0]!]).toEqual([
      ['gold', 0],
      ['silver', 1],
      ['bronze', 2],
      [null, 3],
    ]);
  });

  test('a host fact listing a value twice: decisions with a trace = without the memo (a bronze entry was reused for gold)', () => {
    const facts = {
      tier: { type: 'string' as const, values: ['gold', 'silver', 'silver', 'bronze'], description: 'customer tier', compute: (c: { complaint: { id: string } }) => c.complaint.id.split('-')[0]! },
    };
    const files = withFirstLiabilityRule('vulnerable-bronze', { all: [{ fact: 'vulnerable', operator: 'equal', value: true }, { fact: 'tier', operator: 'equal', value: 'bronze' }] });
    const memo = loadPolicy({ files }, { facts });
    const plain = loadPolicy({ files }, { facts, memo: false });
    const bronze = { ...complaint(), id: 'bronze-1', customer: { vulnerable: true } };
    const gold = { ...complaint(), id: 'gold-2', customer: { vulnerable: false } };
    for (const c of [bronze, gold, bronze, gold]) expect(memo.decide(c, { now: NOW })).toEqual(plain.decide(c, { now: NOW }));
    expect(memo.decide(gold, { now: NOW }).liability.ruleId).toBe('nonconforming-product');
    expect(memo.decide(bronze, { now: NOW }).liability.ruleId).toBe('vulnerable-bronze');
  });

  test('a rule memo names its slots ascending with their sizes; combinations are mixed-radix numbers', () => {
    const memo = ruleMemo<string>({ all: [{ fact: 'size', operator: 'equal', value: 's' }, { fact: 'colour', operator: 'equal', value: { fact: 'size' } }] }, {}, slots, domains)!;
    expect(memo.slots).toEqual([0, 3]);
    expect(memo.sizes).toEqual([4, 3]);
    expect(memo.entries).toHaveLength(12);
    expect(combination(memo, [2, -1, -1, 1])).toBe(2 * 3 + 1);
    expect(combination(memo, [3, -1, -1, 2])).toBe(11);
    expect(combination(memo, [-1, -1, -1, 2])).toBe(-1);
    expect(ruleMemo(undefined, {}, slots, domains)?.entries).toHaveLength(1);
  });

  test('an outcome memo keys on the finite facts of the finite rules; none without a finite rule or past the budget', () => {
    const sizeS: Condition = { fact: 'size', operator: 'equal', value: 's' };
    const memo = outcomeMemo([sizeS, { fact: 'n', operator: 'equal', value: 1 }, { all: [{ fact: 'ok', operator: 'equal', value: true }, { fact: 'n', operator: 'equal', value: 1 }] }, undefined], {}, slots, domains)!;
    expect(memo.slots).toEqual([3]);
    expect(memo.facts).toEqual(['size']);
    expect(memo.sizes).toEqual([3]);
    expect(memo.finite).toEqual([true, false, false, true]);
    expect(memo.plans).toEqual([undefined, undefined, undefined]);
    expect(outcomeMemo([{ fact: 'n', operator: 'equal', value: 1 }], {}, slots, domains)).toBeUndefined();
    expect(outcomeMemo([sizeS, { fact: 'colour', operator: 'equal', value: null }], {}, slots, domains, 12)?.plans).toHaveLength(12);
    expect(outcomeMemo([sizeS, { fact: 'colour', operator: 'equal', value: null }], {}, slots, domains, 11)).toBeUndefined();
  });

  test('a rule that also reads a number gets a memo over its finite facts, naming them; one reading only numbers gets none', () => {
    const memo = ruleMemo<string>({ all: [{ fact: 'ok', operator: 'equal', value: true }, { fact: 'n', operator: 'greaterThan', value: 5 }] }, {}, slots, domains)!;
    expect(memo.slots).toEqual([2]);
    expect(memo.sizes).toEqual([2]);
    expect([...memo.finiteFacts!]).toEqual(['ok']);
    expect(ruleMemo({ fact: 'ok', operator: 'equal', value: true }, {}, slots, domains)!.finiteFacts).toBeUndefined();
    expect(ruleMemo({ all: [{ fact: 'n', operator: 'greaterThan', value: 5 }, { fact: 'n', operator: 'lessThan', value: 9 }] }, {}, slots, domains)).toBeUndefined();
    // which entries can be kept: comparisons of the finite facts alone (a right-side fact among them too; no path)
    const facts = new Set(['ok', 'size', 'colour']);
    const leaf = (fact: string, extra: object = {}) => ({ fact, operator: 'equal', factValue: 1, value: 1, result: false, ...extra });
    expect(readsOnly([leaf('ok'), leaf('colour', { valueFact: 'size' })], facts)).toBe(true);
    expect(readsOnly([leaf('ok'), leaf('n')], facts)).toBe(false);
    expect(readsOnly([leaf('colour', { valueFact: 'n' })], facts)).toBe(false);
    expect(readsOnly([leaf('ok', { path: 'a' })], facts)).toBe(false);
    expect(readsOnly([], facts)).toBe(true);
  });

  test('no memo for a number fact, an unknown or circular named condition, or too many combinations', () => {
    expect(ruleMemo({ fact: 'n', operator: 'equal', value: 1 }, {}, slots, domains)).toBeUndefined();
    expect(ruleMemo({ condition: 'missing' }, {}, slots, domains)).toBeUndefined();
    expect(ruleMemo({ condition: 'a' }, { a: { all: [{ condition: 'a' }] } }, slots, domains)).toBeUndefined();
    const wide = new Map(Array.from({ length: 13 }, (_, i) => [`b${i}`, i] as [string, number]));
    const facts = Object.fromEntries([...wide.keys()].map((k) => [k, { type: 'boolean', description: k, compute: () => true }])) as FactRegistry<never>;
    const all = (k: number): Condition => ({ all: [...wide.keys()].slice(0, k).map((fact) => ({ fact, operator: 'equal', value: true })) });
    expect(ruleMemo(all(12), {}, wide, factDomains(facts, wide))?.entries).toHaveLength(4096);
    expect(ruleMemo(all(13), {}, wide, factDomains(facts, wide))).toBeUndefined();
    // what is left of the rule set's budget
    expect(ruleMemo(all(12), {}, wide, factDomains(facts, wide), 4096)?.entries).toHaveLength(4096);
    expect(ruleMemo(all(12), {}, wide, factDomains(facts, wide), 4095)).toBeUndefined();
  });

  test(`a rule set remembers at most ${MAX_COMBINATIONS_PER_RULE_SET} combinations: rules past the budget are evaluated every time`, () => {
    const names = Array.from({ length: 12 }, (_, i) => `b${i}`);
    const facts = Object.fromEntries(names.map((k) => [k, { type: 'boolean', description: k, compute: (c: Record<string, boolean>) => c[k] }])) as FactRegistry<never>;
    // five rules of 4,096 combinations each (r1 … r5 in evaluation order): the budget holds four
    const rules = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => ({ id, description: id, clause: 'test', conditions: { all: names.map((fact) => ({ fact, operator: 'equal', value: true })) } as Condition }));
    const issues: PolicyIssue[] = [];
    const set = compileRuleSet(rules, {}, 'collect', facts, { file: 't.json', issues, options: {}, settings: {}, documents: [] } as unknown as KindContext);
    expect(issues).toEqual([]);
    const input = Object.fromEntries(names.map((k) => [k, true]));
    const first: RuleTrace[] = [];
    const second: RuleTrace[] = [];
    set.evaluate(set.facts(input), 't', first);
    set.evaluate(set.facts(input), 't', second);
    expect(second.map((t, i) => [t.ruleId, t === first[i]])).toEqual([
      ['r1', true],
      ['r2', true],
      ['r3', true],
      ['r4', true],
      ['r5', false],
    ]);
    expect(second).toEqual(first);
  });
});
