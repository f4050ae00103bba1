/**
 * The one place json-rules-engine is used: an adapter that runs our rules
 * with json-rules-engine, for the differential test (our compiled evaluator
 * against json-rules-engine on the same conditions and facts) and for the
 * benchmark baseline (json-rules-engine used the ordinary way).
 *
 * - Conditions are copied into json-rules-engine's format (it mutates what
 *   it is given; our documents are frozen). A leaf at the root of a rule or
 *   of a named condition is wrapped in `{ all: [leaf] }`, which
 *   json-rules-engine requires and which means the same.
 * - Paths are resolved by our own plain-path resolver (the `pathResolver`
 *   engine option), so jsonpath-plus is never reached; a path that is not
 *   plain throws.
 * - Money facts (our `Decimal`s) and money literals are given to
 *   json-rules-engine as JavaScript numbers, the way its users hold money:
 *   exact for amounts below 2^53 fen. Passing them as the decimal strings of
 *   the JSON would compare them as text ("100000.00" < "99999.99").
 *
 * Deliberate differences between the two evaluators are listed in
 * docs/evaluation.md.
 *
 * @module
 */
import { Engine, type Almanac, type EngineResult, type RuleResult, type TopLevelCondition } from 'json-rules-engine';
import type { ApprovalBand } from '../approval/schema.js';
import type { Complaint } from '../complaint/schema.js';
import { COMPLAINT_FACTS, REMEDY_FACTS, type CostBearer, type DecisionContext, type Party } from '../decision/facts.js';
import type { LiabilityRule } from '../liability/schema.js';
import type { Policy } from '../pack/policy.js';
import type { RemedyRule } from '../remedies/schema.js';
import type { FactRegistry } from './facts.js';
import { parsePlainPath, resolvePath, type PathSegments } from './path.js';
import type { Condition, JsonValue, LeafCondition } from './schema.js';

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isDecimal = (v: unknown): v is { toString(): string } =>
  typeof v === 'object' && v !== null && typeof (v as { cmp?: unknown }).cmp === 'function';

const parsedPaths = new Map<string, PathSegments>();

/**
 * json-rules-engine's `pathResolver` option, backed by our plain-path parser
 * and resolver (own properties only, no JSONPath). Throws on a path that is
 * not plain, so jsonpath-plus can never be reached through the adapter.
 *
 * @param value - the fact value (json-rules-engine calls this only for objects)
 * @param path - e.g. `order.items[0].sku` or `$.order.items[0].sku`
 * @returns the value at the path, or `undefined`
 * @throws Error for a path that is not a plain dotted/indexed path
 * @example
 * ```ts
 * plainPathResolver({ order: { items: [{ sku: 'A' }] } }, '$.order.items[0].sku') // → 'A'
 * ```
 * @category json-rules-engine
 */
export function plainPathResolver(value: object, path: string): unknown {
  let segments = parsedPaths.get(path);
  if (!segments) {
    segments = parsePlainPath(path);
    if (!segments) throw new Error(`not a plain path: ${JSON.stringify(path)}`);
    if (parsedPaths.size < 10_000) parsedPaths.set(path, segments);
  }
  return resolvePath(value, segments);
}

/**
 * A fact value as json-rules-engine gets it: decimals (money) become numbers,
 * everything else is passed as is.
 *
 * @param value - our fact value
 * @returns the value for json-rules-engine
 * @example
 * ```ts
 * toJreValue(dec('299.50')) // → 299.5
 * toJreValue('refund')      // → 'refund'
 * ```
 * @category json-rules-engine
 */
export function toJreValue(value: unknown): unknown {
  return isDecimal(value) ? Number(value.toString()) : value;
}

/**
 * Converts a fact-value object (as `computeFacts` returns it) for
 * json-rules-engine with {@link toJreValue}.
 *
 * @param facts - fact name → our value
 * @returns fact name → json-rules-engine value (a new plain object)
 * @example
 * ```ts
 * toJreFacts({ claimAmount: dec('100.50'), nature: 'quality-defect' }) // → { claimAmount: 100.5, nature: 'quality-defect' }
 * ```
 * @category json-rules-engine
 */
export function toJreFacts(facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(facts)) out[name] = toJreValue(facts[name]);
  return out;
}

function literal(value: JsonValue, money: boolean): unknown {
  if (!money) return Array.isArray(value) ? [...value] : value;
  if (typeof value === 'string') return Number(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? Number(v) : v));
  return value;
}

type JreNode = Record<string, unknown>;

/**
 * Copies one of our conditions into json-rules-engine's format: the same
 * shape, with literals compared against a money fact turned into numbers.
 *
 * @param cond - a condition that compiled without issues
 * @param facts - the fact registry (to know which facts are money)
 * @returns a fresh json-rules-engine condition (not necessarily top-level)
 * @example
 * ```ts
 * toJreCondition({ fact: 'claimAmount', operator: 'greaterThan', value: '100.00' }, COMPLAINT_FACTS)
 * // → { fact: 'claimAmount', operator: 'greaterThan', value: 100 }
 * ```
 * @category json-rules-engine
 */
export function toJreCondition(cond: Condition, facts: FactRegistry<never>): JreNode {
  const meta: JreNode = {};
  if (cond.priority !== undefined) meta.priority = cond.priority;
  if (cond.name !== undefined) meta.name = cond.name;
  if (has(cond, 'all')) return { all: (cond as { all: Condition[] }).all.map((c) => toJreCondition(c, facts)), ...meta };
  if (has(cond, 'any')) return { any: (cond as { any: Condition[] }).any.map((c) => toJreCondition(c, facts)), ...meta };
  if (has(cond, 'not')) return { not: toJreCondition((cond as { not: Condition }).not, facts), ...meta };
  if (has(cond, 'condition')) return { condition: (cond as { condition: string }).condition, ...meta };
  const leaf = cond as LeafCondition;
  const value = leaf.value;
  const isRef = value !== null && typeof value === 'object' && !Array.isArray(value) && has(value, 'fact');
  const money = !isRef && leaf.path === undefined && facts[leaf.fact]?.type === 'money';
  const out: JreNode = {
    fact: leaf.fact,
    operator: leaf.operator,
    value: isRef ? { ...(value as { fact: string; path?: string }) } : literal(value as JsonValue, money),
    ...meta,
  };
  if (leaf.path !== undefined) out.path = leaf.path;
  if (leaf.params !== undefined) out.params = { ...leaf.params };
  return out;
}

/**
 * {@link toJreCondition} for the root of a rule or named condition, which
 * json-rules-engine requires to be `all`, `any`, `not` or a reference: a
 * leaf is wrapped in `{ all: [leaf] }`.
 *
 * @param cond - the condition, or `undefined` for "always" (an empty `all`)
 * @param facts - the fact registry
 * @returns a top-level json-rules-engine condition
 * @example
 * ```ts
 * toJreTopLevel({ fact: 'upheld', operator: 'equal', value: true }, REMEDY_FACTS)
 * // → { all: [{ fact: 'upheld', operator: 'equal', value: true }] }
 * ```
 * @category json-rules-engine
 */
export function toJreTopLevel(cond: Condition | undefined, facts: FactRegistry<never>): TopLevelCondition {
  if (cond === undefined) return { all: [] };
  const c = toJreCondition(cond, facts);
  return (has(c, 'all') || has(c, 'any') || has(c, 'not') || has(c, 'condition') ? c : { all: [c] }) as unknown as TopLevelCondition;
}

/**
 * A json-rules-engine engine with our plain-path resolver and the named
 * conditions of a rule file.
 *
 * @param named - named conditions (`{ "condition": name }` targets)
 * @param facts - the fact registry (money detection)
 * @returns a new engine without rules
 * @example
 * ```ts
 * const engine = createJreEngine(doc.conditions, COMPLAINT_FACTS);
 * engine.addRule({ conditions: { condition: 'quality-problem' }, event: { type: 'quality' } });
 * ```
 * @category json-rules-engine
 */
export function createJreEngine(named: Readonly<Record<string, Condition>> = {}, facts: FactRegistry<never> = {}): Engine {
  const engine = new Engine([], { pathResolver: plainPathResolver });
  for (const name of Object.keys(named)) engine.setCondition(name, toJreTopLevel(named[name], facts));
  return engine;
}

/** The rule fields the adapter reads. */
export interface JreRuleLike {
  readonly id: string;
  readonly priority?: number | undefined;
  readonly enabled?: boolean | undefined;
  readonly conditions?: Condition | undefined;
}

const byPriorityThenId = (a: { priority: number; id: string }, b: { priority: number; id: string }) =>
  b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One rule file run by json-rules-engine.
 *
 * @category json-rules-engine
 */
export interface JreRuleSet {
  readonly engine: Engine;
  /**
   * Runs the engine once and returns the ids of the rules that fired, in our
   * order (priority high to low, then id); with the `first` hit policy at
   * most one.
   */
  run(facts: Readonly<Record<string, unknown>>): Promise<string[]>;
}

/**
 * Builds a json-rules-engine engine for one rule file: one json-rules-engine
 * rule per enabled rule (same priority, event type = rule id). Which rules
 * fire is json-rules-engine's answer; the hit policy (`first` / `collect`,
 * by priority then id) is applied to its results.
 *
 * @param rules - the rules
 * @param options - named conditions, fact registry, hit policy
 * @returns the engine and a `run`
 * @example
 * ```ts
 * const set = createJreRuleSet(policy.liability!.doc.rules, { named: policy.liability!.doc.conditions, facts: COMPLAINT_FACTS, hitPolicy: 'first' });
 * await set.run(toJreFacts(facts)) // → ['nonconforming-product']
 * ```
 * @category json-rules-engine
 */
export function createJreRuleSet(
  rules: readonly JreRuleLike[],
  options: { named?: Readonly<Record<string, Condition>> | undefined; facts: FactRegistry<never>; hitPolicy: 'first' | 'collect' },
): JreRuleSet {
  const engine = createJreEngine(options.named, options.facts);
  const priorityOf = new Map<string, number>();
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const priority = rule.priority ?? 1;
    priorityOf.set(rule.id, priority);
    engine.addRule({ name: rule.id, priority, conditions: toJreTopLevel(rule.conditions, options.facts), event: { type: rule.id } });
  }
  return {
    engine,
    async run(facts) {
      const { results } = await engine.run(toJreFacts(facts));
      const fired = results.map((r) => ({ id: r.name, priority: priorityOf.get(r.name)! })).sort(byPriorityThenId);
      return (options.hitPolicy === 'first' ? fired.slice(0, 1) : fired).map((r) => r.id);
    },
  };
}

/**
 * What the benchmark compares between evaluators: the liability rule and its
 * party and cost bearer, the remedy types offered in order, and the approver.
 *
 * @category json-rules-engine
 */
export interface DecisionSummary {
  readonly liabilityRuleId: string;
  readonly party: Party;
  readonly costBearer: CostBearer;
  readonly remedies: readonly string[];
  readonly approver: string;
}

/**
 * A whole policy (liability → remedies → approval) run by json-rules-engine.
 *
 * @category json-rules-engine
 */
export interface JrePolicy {
  readonly engine: Engine;
  /** One `engine.run` for one complaint. */
  decide(complaint: Complaint, now: Date): Promise<DecisionSummary>;
}

type Stage = 'liability' | 'remedies' | 'approval';

/**
 * The policy's liability, remedy and approval rules in ONE json-rules-engine
 * engine, used the ordinary way: `await engine.run(facts)` once per
 * complaint. Liability rules get higher json-rules-engine priorities than
 * every remedy rule, so they have all been evaluated before any remedy rule
 * is; the remedy facts (`upheld`, `liableParty`, `costBearer`,
 * `thirdPartyTesting`) are dynamic facts that read the liability results from
 * the almanac. Approval bands are rules on `claimAmount`
 * (`greaterThan over`, `lessThanInclusive upTo`).
 *
 * @param policy - a loaded policy with liability, remedies and approval
 * @returns the engine and a `decide` returning a {@link DecisionSummary}
 * @throws Error when a part is missing
 * @example
 * ```ts
 * const jre = createJrePolicy(loadPolicy('ecommerce'));
 * (await jre.decide(complaint, new Date('2026-11-20T02:00:00Z'))).approver // → 'manager'
 * ```
 * @category json-rules-engine
 */
export function createJrePolicy(policy: Policy): JrePolicy {
  const liability = policy.liability?.doc;
  const remedies = policy.remedies?.doc;
  const approval = policy.approval?.doc;
  if (!liability || !remedies || !approval) throw new Error(`pack "${policy.id}" needs liability, remedies and approval files`);
  const liabilityFacts = COMPLAINT_FACTS as FactRegistry<never>;
  const remedyFacts = REMEDY_FACTS as FactRegistry<never>;
  const engine = new Engine([], { pathResolver: plainPathResolver });
  // Named conditions are per file; prefix them so the two files cannot collide.
  const rename = (prefix: string, cond: Condition | undefined): Condition | undefined => {
    if (cond === undefined) return undefined;
    if (has(cond, 'all')) return { ...cond, all: (cond as { all: Condition[] }).all.map((c) => rename(prefix, c)!) } as Condition;
    if (has(cond, 'any')) return { ...cond, any: (cond as { any: Condition[] }).any.map((c) => rename(prefix, c)!) } as Condition;
    if (has(cond, 'not')) return { ...cond, not: rename(prefix, (cond as { not: Condition }).not)! } as Condition;
    if (has(cond, 'condition')) return { ...cond, condition: `${prefix}:${(cond as { condition: string }).condition}` } as Condition;
    return cond;
  };
  for (const [name, c] of Object.entries(liability.conditions ?? {})) engine.setCondition(`liability:${name}`, toJreTopLevel(rename('liability', c), liabilityFacts));
  for (const [name, c] of Object.entries(remedies.conditions ?? {})) engine.setCondition(`remedies:${name}`, toJreTopLevel(rename('remedies', c), remedyFacts));

  const meta = new Map<string, { stage: Stage; id: string; priority: number; rule: LiabilityRule | RemedyRule | ApprovalBand }>();
  const remedyRules = remedies.rules.filter((r) => r.enabled !== false);
  const liabilityRules = liability.rules.filter((r) => r.enabled !== false);
  const offset = Math.max(1, ...remedyRules.map((r) => r.priority ?? 1));
  const add = (stage: Stage, id: string, priority: number, jrePriority: number, conditions: TopLevelCondition, rule: LiabilityRule | RemedyRule | ApprovalBand) => {
    const name = `${stage}:${id}`;
    meta.set(name, { stage, id, priority, rule });
    engine.addRule({ name, priority: jrePriority, conditions, event: { type: name } });
  };
  for (const r of liabilityRules) add('liability', r.id, r.priority ?? 1, offset + (r.priority ?? 1), toJreTopLevel(rename('liability', r.conditions), liabilityFacts), r);
  for (const r of remedyRules) add('remedies', r.id, r.priority ?? 1, r.priority ?? 1, toJreTopLevel(rename('remedies', r.conditions), remedyFacts), r);
  for (const band of approval.bands) {
    const all: JreNode[] = [];
    if (band.over !== undefined) all.push({ fact: 'claimAmount', operator: 'greaterThan', value: Number(band.over) });
    if (band.upTo !== undefined) all.push({ fact: 'claimAmount', operator: 'lessThanInclusive', value: Number(band.upTo) });
    add('approval', band.id, 1, 1, { all } as unknown as TopLevelCondition, band);
  }

  const fired = (results: readonly RuleResult[], stage: Stage) =>
    results
      .filter((r) => r.result)
      .map((r) => meta.get(r.name)!)
      .filter((m) => m.stage === stage)
      .sort(byPriorityThenId);
  const liabilityOutcome = (results: readonly RuleResult[]) => ((fired(results, 'liability')[0]?.rule as LiabilityRule | undefined) ?? liability.default).outcome;
  const outcomes = new WeakMap<Almanac, ReturnType<typeof liabilityOutcome>>();
  const outcomeOf = (almanac: Almanac) => {
    let o = outcomes.get(almanac);
    if (!o) outcomes.set(almanac, (o = liabilityOutcome((almanac as unknown as { getResults(): RuleResult[] }).getResults())));
    return o;
  };
  engine.addFact('liableParty', (_p, almanac) => outcomeOf(almanac).party);
  engine.addFact('costBearer', (_p, almanac) => outcomeOf(almanac).costBearer);
  engine.addFact('upheld', (_p, almanac) => outcomeOf(almanac).upheld);
  engine.addFact('thirdPartyTesting', (_p, almanac) => !!outcomeOf(almanac).thirdPartyTesting);

  const derived = new Set(['liableParty', 'costBearer', 'upheld', 'thirdPartyTesting']);
  const used = new Set<string>(['claimAmount', ...policy.liability!.rules.usedFacts, ...policy.remedies!.rules.usedFacts.filter((f) => !derived.has(f))]);
  const factNames = [...used];

  return {
    engine,
    async decide(complaint, now) {
      const ctx: DecisionContext = { complaint, now, timeZone: policy.settings.timeZone };
      const facts: Record<string, unknown> = {};
      for (const name of factNames) facts[name] = toJreValue(COMPLAINT_FACTS[name]!.compute(ctx));
      const result: EngineResult = await engine.run(facts);
      const o = liabilityOutcome(result.results);
      const chosen = (fired(result.results, 'liability')[0]?.rule as LiabilityRule | undefined) ?? liability.default;
      const excluded = new Set<string>();
      const offered: string[] = [];
      const remedyHits = fired(result.results, 'remedies').map((m) => m.rule as RemedyRule);
      for (const r of remedyHits) for (const t of r.exclude?.types ?? []) excluded.add(t);
      for (const r of remedyHits) if (r.offer && !excluded.has(r.offer.type) && !offered.includes(r.offer.type)) offered.push(r.offer.type);
      const band = fired(result.results, 'approval')[0]?.rule as ApprovalBand | undefined;
      return { liabilityRuleId: chosen.id, party: o.party, costBearer: o.costBearer, remedies: offered, approver: band?.approver ?? 'none' };
    },
  };
}
