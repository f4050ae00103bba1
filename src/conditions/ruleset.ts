import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { issue, type JsonPath } from '../errors/errors.js';
import { zClause } from '../pack/header.js';
import { compileCondition, compileNamedCondition, createCompileContext, DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES, type CompiledCondition, type LeafTrace } from './compile.js';
import { slotFactComputer, slotFactsAt, type FactRegistry } from './facts.js';
import { buildRuleIndex, guardsAllow, ruleGuards, type RuleIndex, type RuleGuard } from './index-rules.js';
import { combination, factDomains, outcomeMemo, readsOnly, ruleMemo, slotsRead, traceMemoBudget, type OutcomeMemo, type RuleMemo } from './trace-memo.js';
import { BUILTIN_OPERATORS, type OperatorDefinition } from './operators.js';
import { zCondition, type Condition } from './schema.js';
import type { KindContext } from '../pack/kind.js';

/**
 * How a rule set picks results: `first` — the first rule that fires, by
 * priority (higher first), ties broken by rule id; `collect` — every rule that
 * fires, in that same order.
 *
 * @category Conditions
 */
export const zHitPolicy = z.enum(['first', 'collect']).meta({ description: 'first: first firing rule by priority then id; collect: all firing rules in that order.' });

/**
 * The fields every rule shares; a kind adds its outcome fields.
 *
 * @category Conditions
 */
export const ruleBaseShape = {
  id: zId,
  description: z.string().min(1).max(2000).meta({ description: 'What the rule decides, for a person.' }),
  clause: zClause,
  priority: z.number().optional().meta({ description: 'Positive integer, default 1; higher rules are tried first.' }),
  enabled: z.boolean().optional().meta({ description: 'Set false to keep a rule in the file but never evaluate it.' }),
  conditions: zCondition.optional().meta({ description: 'When the rule fires; omitted means always.' }),
};

/**
 * Shape of the named-conditions map of a rule file.
 *
 * @category Conditions
 */
export const zNamedConditions = z
  .record(zId, zCondition)
  .optional()
  // the loader refuses more names before this schema reads them (see MAX_NAMED_CONDITIONS)
  .meta({ description: 'Named conditions that rules reuse with { "condition": "<name>" }.', maxProperties: 20_000 } as Record<string, unknown>);

/**
 * The most named conditions (`conditions`) one rule file may declare. The
 * loader checks it before the file's schema: zod reads every entry of a map
 * and gathers one problem per wrong entry, and a few hundred thousand of them
 * overflow the call stack inside zod.
 *
 * @category Conditions
 * @internal
 */
export const MAX_NAMED_CONDITIONS = 20_000;

/**
 * A rule after compilation.
 *
 * @category Conditions
 */
export interface CompiledRule<R> {
  readonly rule: R;
  readonly id: string;
  readonly priority: number;
  readonly test: CompiledCondition;
}

/**
 * One rule's entry in a decision trace.
 *
 * @category Decisions
 */
export interface RuleTrace {
  /** Which stage: `liability`, `remedies`, `approval`, … */
  readonly stage: string;
  /** Id of the rule (or of the liability file's `default`); in the `approval` stage, the id of the band selected. */
  readonly ruleId: string;
  /** The policy clause the rule cites (in the `approval` stage, the approval-authority file's). */
  readonly clause: string;
  /** The rule's description, as written in the pack; in the `approval` stage, the amount, range and approver in words. */
  readonly description: string;
  /** Whether the rule's conditions held (always `true` for the liability default and the approval band). */
  readonly fired: boolean;
  /** Every comparison evaluated, with both sides' actual values. */
  readonly conditions: readonly LeafTrace[];
}

/**
 * A compiled rule set.
 *
 * @category Conditions
 */
export interface CompiledRuleSet<R> {
  readonly hitPolicy: 'first' | 'collect';
  readonly rules: readonly CompiledRule<R>[];
  /** Facts the rules read (compute only these). */
  readonly usedFacts: readonly string[];
  /** The rule index used when no trace is asked for (`undefined`: every rule is tried). */
  readonly index: RuleIndex | undefined;
  /** The results remembered per combination of finite fact values, used without a trace (`undefined`: none; see docs/evaluation.md). */
  readonly outcome: OutcomeMemo | undefined;
  /** Computes the facts the rules read, from the input context (an array by fact slot, read only by `evaluate`). */
  facts(ctx: unknown): Record<string, unknown>;
  /** Evaluates; appends to `trace` when given. */
  evaluate(facts: Readonly<Record<string, unknown>>, stage: string, trace: RuleTrace[] | null): R[];
  /**
   * Without a trace: the plan of these facts' combination of finite values
   * (the same object every time for a combination), or `undefined` when there
   * is no outcome memo or a key fact is outside its domain. For callers that
   * keep plans by a key of their own.
   * @internal
   */
  planFor(facts: Readonly<Record<string, unknown>>): PlanEntry<R> | undefined;
  /**
   * The hits of a plan (`evaluate` without a trace gives the same): its
   * remembered hits, and each rule it lists to evaluate, evaluated with
   * `facts` — of which only `entry.liveSlots` are read (none when settled).
   * @internal
   */
  runPlan(entry: PlanEntry<R>, facts: Readonly<Record<string, unknown>>): R[];
  /**
   * The facts at the given slots only, in an array by slot like `facts`.
   * @internal
   */
  factsAt(ctx: unknown, slots: readonly number[]): Record<string, unknown>;
  /**
   * Which of a plan's rules to evaluate fire with `facts`, as a number: bit
   * k for its k-th such rule (0 when settled); -1 when the plan has more
   * than 30 of them (use `runPlan`). With hit policy `first`, evaluation
   * stops where the hits are decided. The same result gives the same hits
   * (`hitsFor`).
   * @internal
   */
  liveResult(entry: PlanEntry<R>, facts: Readonly<Record<string, unknown>>): number;
  /**
   * The hits of a plan for a `liveResult`: the same list `runPlan` gives
   * for facts with that result.
   * @internal
   */
  hitsFor(entry: PlanEntry<R>, result: number): R[];
}

/**
 * A combination's plan, as {@link CompiledRuleSet.planFor} hands it out.
 *
 * @category Conditions
 * @internal
 */
export interface PlanEntry<R> {
  /** Rule positions in evaluation order: `i` fired (finite), `~i` to evaluate each time. */
  readonly plan: Int32Array;
  /** The hits when the plan has no rule to evaluate. */
  readonly settled: readonly R[] | undefined;
  /** The fact slots the plan's rules to evaluate read, ascending (`undefined`: every slot may be read). */
  readonly liveSlots: readonly number[] | undefined;
}

/** `list.slice(from)`, with array literals for the usual one or two entries (cheaper than a call to slice). */
function tail<T>(list: readonly T[], from: number): T[] {
  const n = list.length - from;
  if (n === 1) return [list[from]!];
  if (n === 2) return [list[from]!, list[from + 1]!];
  return list.slice(from);
}

/**
 * A trace entry made to be kept and shared: a frozen copy of it, of its list
 * of comparisons and of each comparison. A copy, not the entry frozen in
 * place, so that the objects kept for the life of the policy come from
 * allocation sites of their own. While a memo fills, the entries it keeps
 * survive; when they came from the same object literals as the entries made
 * fresh on every decision, V8 sometimes concluded (allocation-site
 * pretenuring, judged on survival early in a process) that everything those
 * literals make lives long and allocated every later fresh entry in the old
 * generation: with a 1,000-rule pack, about 1 process in 4 then decided with
 * a trace ≈ 2× slower (docs/performance.md, "Eighth round").
 */
function keptEntry(e: RuleTrace): RuleTrace {
  const conditions = e.conditions.slice();
  for (let i = 0; i < conditions.length; i++) conditions[i] = Object.freeze({ ...conditions[i]! });
  // Written out, not `{ ...e }`: a spread copy of the entry measured ≈ 2× slower to decide with (not investigated further).
  return Object.freeze({ stage: e.stage, ruleId: e.ruleId, clause: e.clause, description: e.description, fired: e.fired, conditions: Object.freeze(conditions) });
}

interface RuleLike {
  id: string;
  description: string;
  clause: string;
  priority?: number | undefined;
  enabled?: boolean | undefined;
  conditions?: Condition | undefined;
}

/** Whether a condition refers, directly or through named conditions, to one of `names` (cycles stop). */
function refersTo(cond: unknown, names: ReadonlySet<string>, named: Readonly<Record<string, unknown>>, seen = new Set<string>(), depth = 0): boolean {
  // past any depth the compiler accepts, the answer no longer matters (it reports CONDITION_TOO_DEEP)
  if (cond === null || typeof cond !== 'object' || depth > 256) return false;
  if (Array.isArray(cond)) return cond.some((c) => refersTo(c, names, named, seen, depth + 1));
  const o = cond as Record<string, unknown>;
  if (typeof o.condition === 'string') {
    const name = o.condition;
    if (names.has(name)) return true;
    if (seen.has(name) || !Object.hasOwn(named, name)) return false;
    seen.add(name);
    return refersTo(named[name], names, named, seen, depth + 1);
  }
  return refersTo(o.all, names, named, seen, depth + 1) || refersTo(o.any, names, named, seen, depth + 1) || refersTo(o.not, names, named, seen, depth + 1);
}

/**
 * The checks of {@link compileRuleSet} on a rule file that failed its schema
 * (so it is not compiled), on the parts that are valid on their own, and
 * reported with the schema's problems — all problems of a pack at once:
 *
 * - ids: a rule whose `id` is a valid id takes part in the duplicate check
 *   (`DUPLICATE_ID`), whatever else of the rule is broken;
 * - priorities: a `priority` the schema accepts (a number) that is not a
 *   positive integer is `INVALID_PRIORITY` (one the schema refuses is the
 *   schema's problem only, never reported twice);
 * - conditions: every rule's `conditions` and every named condition that are
 *   valid conditions on their own are compiled (unknown facts and operators,
 *   operand types, …). A condition that refers to a named condition which is
 *   itself invalid is left out (the schema problem names it).
 *
 * Issues come in the order {@link compileRuleSet} gives them: rule by rule
 * (id, priority, conditions), then the named conditions no rule uses.
 *
 * @param raw - the file as read (untrusted)
 * @param facts - facts the conditions may read
 * @param ctx - kind context (issues, host operators, limits)
 * @category Conditions
 * @internal
 */
export function checkRuleConditions(raw: unknown, facts: FactRegistry<never>, ctx: KindContext): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  const file = raw as { rules?: unknown; conditions?: unknown };
  const named: Record<string, Condition> = {};
  const broken = new Set<string>();
  const rawNamed = file.conditions !== null && typeof file.conditions === 'object' && !Array.isArray(file.conditions) ? (file.conditions as Record<string, unknown>) : {};
  for (const [name, c] of Object.entries(rawNamed)) {
    const r = zCondition.safeParse(c);
    if (r.success) named[name] = r.data;
    else broken.add(name);
  }
  const cctx = createCompileContext({
    facts,
    operators: { ...(ctx.options.operators ?? {}), ...BUILTIN_OPERATORS },
    named,
    file: ctx.file,
    issues: ctx.issues,
    maxDepth: ctx.options.limits?.maxConditionDepth ?? DEFAULT_MAX_CONDITION_DEPTH,
    maxNodes: ctx.options.limits?.maxConditionNodes ?? DEFAULT_MAX_CONDITION_NODES,
  });
  const usable = (c: unknown) => !refersTo(c, broken, rawNamed);
  const seen = new Map<string, number>();
  if (Array.isArray(file.rules)) {
    file.rules.forEach((rule: unknown, i) => {
      if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return;
      const r = rule as Record<string, unknown>;
      const at: JsonPath = ['rules', i];
      const id = ruleBaseShape.id.safeParse(r.id);
      if (id.success) {
        if (seen.has(id.data)) ctx.issues.push(issue('DUPLICATE_ID', `rule id "${id.data}" is already used by rule ${seen.get(id.data)}`, [...at, 'id'], ctx.file));
        else seen.set(id.data, i);
      }
      const priority = Object.hasOwn(r, 'priority') ? ruleBaseShape.priority.safeParse(r.priority) : undefined;
      if (priority?.success && priority.data !== undefined && (!Number.isSafeInteger(priority.data) || priority.data < 1)) {
        ctx.issues.push(issue('INVALID_PRIORITY', `priority must be a positive integer, got ${String(priority.data)}`, [...at, 'priority'], ctx.file));
      }
      if (!Object.hasOwn(r, 'conditions')) return;
      compileValidParts(r.conditions, cctx, [...at, 'conditions'], usable);
    });
  }
  for (const name of Object.keys(named)) if (!cctx.namedCache.has(name) && usable(named[name])) compileNamedCondition(name, cctx);
  // a broken named condition: its valid parts, as a rule's
  for (const name of broken) compileValidParts(rawNamed[name], cctx, ['conditions', name], usable);
}

/**
 * How many JSON values the search for valid parts under broken conditions may
 * read again in one file. Each level of a broken condition is parsed again, so
 * without a bound a hostile file (long lists, deep nesting) would cost its
 * size times its depth; past the budget the search stops (the broken parts
 * are reported as before, only the problems beside them may go unreported).
 * The first reading of each condition (which a valid one needs anyway) is not
 * counted: a file's valid conditions are checked whatever their size.
 *
 * @internal
 */
export const VALID_PARTS_BUDGET = 50_000;
const budgets = new WeakMap<object, { left: number }>();

/** Counts the JSON values of `raw`, stopping once `cap` is passed (returns a number above `cap`). */
function sizeUpTo(raw: unknown, cap: number): number {
  let n = 0;
  const stack: unknown[] = [raw];
  while (stack.length) {
    const v = stack.pop();
    if (++n > cap) return n;
    if (v !== null && typeof v === 'object') for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
  }
  return n;
}

/**
 * Compiles `raw` when it is a valid condition; else the valid conditions under
 * its `all`, `any` and `not`, so that a broken comparison (its own schema
 * problem) does not hide an unknown fact in the comparison beside it. Reading
 * the parts of a broken condition again is bounded by
 * {@link VALID_PARTS_BUDGET} values a file (per compile context).
 *
 * @param raw - a condition as read (untrusted)
 * @param cctx - the compile context (its issues receive the problems)
 * @param path - JSON path of `raw`
 * @param usable - whether a valid condition may be compiled (not when it uses a broken named condition)
 * @internal
 */
export function compileValidParts(raw: unknown, cctx: ReturnType<typeof createCompileContext>, path: JsonPath, usable: (c: Condition) => boolean = () => true): void {
  const c = zCondition.safeParse(raw);
  if (c.success) {
    if (usable(c.data)) compileCondition(c.data, cctx, path);
    return;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  let budget = budgets.get(cctx);
  if (!budget) budgets.set(cctx, (budget = { left: VALID_PARTS_BUDGET }));
  const b = budget;
  // each part is read again: counted, and not read once it no longer fits in what is left
  const part = (v: unknown, at: JsonPath): boolean => {
    if (b.left <= 0) return false;
    b.left -= sizeUpTo(v, b.left);
    if (b.left < 0) return false;
    compileValidParts(v, cctx, at, usable);
    return true;
  };
  const o = raw as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = o[key];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) if (!part(list[i], [...path, key, i])) return;
  }
  if (Object.hasOwn(o, 'not')) part(o.not, [...path, 'not']);
}

/**
 * Compiles the rules of one file: checks ids are unique, priorities are
 * positive integers, and compiles every condition (see `compileCondition`).
 *
 * @param rules - the rules
 * @param named - the file's named conditions
 * @param hitPolicy - `first` or `collect`
 * @param facts - facts the conditions may read
 * @param ctx - kind context (issues, host operators, limits)
 * @param rulesPath - JSON path of the rules array
 * @returns the compiled rule set
 * @category Conditions
 */
export function compileRuleSet<R extends RuleLike>(
  rules: readonly R[],
  named: Readonly<Record<string, Condition>> | undefined,
  hitPolicy: 'first' | 'collect',
  facts: FactRegistry<never>,
  ctx: KindContext,
  rulesPath: JsonPath = ['rules'],
): CompiledRuleSet<R> {
  const operators: Record<string, OperatorDefinition> = { ...(ctx.options.operators ?? {}), ...BUILTIN_OPERATORS };
  const cctx = createCompileContext({
    facts,
    operators,
    named: named ?? {},
    namedPath: ['conditions'],
    file: ctx.file,
    issues: ctx.issues,
    maxDepth: ctx.options.limits?.maxConditionDepth ?? DEFAULT_MAX_CONDITION_DEPTH,
    maxNodes: ctx.options.limits?.maxConditionNodes ?? DEFAULT_MAX_CONDITION_NODES,
    slots: new Map(),
  });
  const seen = new Map<string, number>();
  const compiled: CompiledRule<R>[] = [];
  rules.forEach((rule, i) => {
    const at: JsonPath = [...rulesPath, i];
    if (seen.has(rule.id)) {
      ctx.issues.push(issue('DUPLICATE_ID', `rule id "${rule.id}" is already used by rule ${seen.get(rule.id)}`, [...at, 'id'], ctx.file));
    } else seen.set(rule.id, i);
    let priority = 1;
    if (rule.priority !== undefined) {
      if (!Number.isSafeInteger(rule.priority) || rule.priority < 1) {
        ctx.issues.push(issue('INVALID_PRIORITY', `priority must be a positive integer, got ${String(rule.priority)}`, [...at, 'priority'], ctx.file));
      } else priority = rule.priority;
    }
    const test: CompiledCondition = rule.conditions ? compileCondition(rule.conditions, cctx, [...at, 'conditions']) : () => true;
    if (rule.enabled !== false) compiled.push({ rule, id: rule.id, priority, test });
  });
  // Named conditions nobody uses still get checked, so a broken one is reported.
  for (const name of Object.keys(named ?? {})) {
    if (!cctx.namedCache.has(name)) compileNamedCondition(name, cctx);
  }
  compiled.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const usedFacts = [...cctx.usedFacts].sort();
  const n = compiled.length;
  const all = compiled.map((_, i) => i);
  // Without a trace, try only the rules that can fire for the value of the most selective finite fact.
  const index = ctx.issues.length ? undefined : buildRuleIndex(compiled.map((c) => c.rule.conditions), named ?? {}, facts, cctx.slots!);
  // With a trace, rules that read only finite facts reuse the frozen entry of an earlier evaluation with the same values.
  const slots = cctx.slots!;
  const domains = factDomains(facts, slots);
  const finiteSlots = domains.flatMap((d, slot) => (d ? [slot] : []));
  const memos: Array<RuleMemo<RuleTrace> | undefined> = [];
  if (!ctx.issues.length && ctx.options.memo !== false) {
    let budget = traceMemoBudget(compiled.length);
    for (const c of compiled) {
      const memo = ruleMemo<RuleTrace>(c.rule.conditions, named ?? {}, slots, domains, budget);
      if (memo) budget -= memo.entries.length;
      memos.push(memo);
    }
  }
  // Without a trace, the hits for each combination of finite fact values are remembered the same way.
  const outcome: OutcomeMemo | undefined =
    !ctx.issues.length && ctx.options.memo !== false
      ? outcomeMemo(
          compiled.map((c) => c.rule.conditions),
          named ?? {},
          slots,
          domains,
        )
      : undefined;
  /** By combination: the hits of a plan that has no rule to evaluate (copied out: exact size, no growth). */
  const settled: Array<R[] | undefined> = [];
  /**
   * Per rule that reads other facts too: its (in)equalities on key facts it cannot fire without (as the
   * index uses them). A combination that fails one leaves the rule out of its plan — as the index would.
   */
  const keySlots: ReadonlySet<number> = new Set(outcome?.slots);
  const guards: ReadonlyArray<readonly RuleGuard[]> = outcome ? compiled.map((c, i) => (outcome.finite[i] ? [] : ruleGuards(c.rule.conditions, named ?? {}, slots, keySlots))) : [];
  /** The plan of a combination, worked out by evaluating every finite rule with these facts. */
  const planOf = (f: Readonly<Record<string, unknown>>, key: number): Int32Array => {
    const plan: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!outcome!.finite[i]) {
        if (guardsAllow(guards[i]!, f as unknown as readonly unknown[])) plan.push(~i);
      } else if (compiled[i]!.test(f, null)) {
        plan.push(i);
        if (hitPolicy === 'first') break;
      }
    }
    if (plan.every((i) => i >= 0)) settled[key] = plan.map((i) => compiled[i]!.rule);
    return Int32Array.from(plan);
  };
  let memoStage: string | undefined;
  /** A rule's trace entry, evaluated now (`memo`: frozen, for reuse). */
  const entryOf = (c: CompiledRule<R>, f: Readonly<Record<string, unknown>>, stage: string, leaves: LeafTrace[]): RuleTrace => {
    const from = leaves.length;
    const fired = c.test(f, leaves);
    return { stage, ruleId: c.id, clause: c.rule.clause, description: c.rule.description, fired, conditions: tail(leaves, from) };
  };
  /** The outcome memo's key of these facts: the mixed-radix number of the key facts' positions, or -1 when one is outside its domain. */
  const keyOf = (f: Readonly<Record<string, unknown>>): number => {
    const values = f as unknown as readonly unknown[];
    const { slots: keySlots, values: keyValues, sizes } = outcome!;
    let key = 0;
    for (let j = 0; j < keySlots.length; j++) {
      const v = values[keySlots[j]!];
      const list = keyValues[j]!;
      let p = 0;
      while (p < list.length && list[p] !== v) p++;
      if (p === list.length) return -1;
      key = key * sizes[j]! + p;
    }
    return key;
  };
  /** Each rule's fact slots (`undefined`: cannot tell), for the slots a plan's rules to evaluate read. */
  const ruleSlots = compiled.map((c) => slotsRead(c.rule.conditions, named ?? {}, slots));
  /** Plan entries by combination. */
  const entries: Array<PlanEntry<R> | undefined> = [];
  const planEntryOf = (f: Readonly<Record<string, unknown>>, key: number): PlanEntry<R> => {
    let entry = entries[key];
    if (entry) return entry;
    const plan = (outcome!.plans[key] ??= planOf(f, key));
    let live: Set<number> | undefined = new Set();
    for (const i of plan) {
      if (i >= 0) continue;
      const read = ruleSlots[~i];
      if (!read) {
        live = undefined;
        break;
      }
      for (const slot of read) live.add(slot);
    }
    entry = { plan, settled: settled[key], liveSlots: live && [...live].sort((a, b) => a - b) };
    entries[key] = entry;
    return entry;
  };
  const runPlan = (entry: PlanEntry<R>, f: Readonly<Record<string, unknown>>): R[] => {
    const hits = entry.settled;
    if (hits) return hits.slice();
    const plan = entry.plan;
    // Sized for every entry of the plan, then copied to the hits' size if fewer (an array grown by push reserves 17 slots).
    const out = new Array<R>(plan.length);
    let m = 0;
    for (let k = 0; k < plan.length; k++) {
      const i = plan[k]!;
      if (i >= 0 || compiled[~i]!.test(f, null)) {
        out[m++] = compiled[i >= 0 ? i : ~i]!.rule;
        if (hitPolicy === 'first') break;
      }
    }
    return m === out.length ? out : out.slice(0, m);
  };
  const liveResult = (entry: PlanEntry<R>, f: Readonly<Record<string, unknown>>): number => {
    if (entry.settled) return 0;
    const plan = entry.plan;
    let result = 0;
    let bit = 1;
    for (let k = 0; k < plan.length; k++) {
      const i = plan[k]!;
      if (i >= 0) {
        if (hitPolicy === 'first') break;
        continue;
      }
      if (bit > 1 << 29) return -1;
      if (compiled[~i]!.test(f, null)) {
        result |= bit;
        if (hitPolicy === 'first') break;
      }
      bit <<= 1;
    }
    return result;
  };
  const hitsFor = (entry: PlanEntry<R>, result: number): R[] => {
    if (entry.settled) return entry.settled.slice();
    const plan = entry.plan;
    const out: R[] = [];
    let bit = 1;
    for (let k = 0; k < plan.length; k++) {
      const i = plan[k]!;
      const fired = i >= 0 || (result & bit) !== 0;
      if (i < 0) bit <<= 1;
      if (fired) {
        out.push(compiled[i >= 0 ? i : ~i]!.rule);
        if (hitPolicy === 'first') break;
      }
    }
    return out;
  };
  const slotNames = [...cctx.slots!.keys()];
  return {
    hitPolicy,
    rules: compiled,
    usedFacts,
    planFor: (f) => {
      if (!outcome) return undefined;
      const key = keyOf(f);
      return key >= 0 ? planEntryOf(f, key) : undefined;
    },
    runPlan,
    liveResult,
    hitsFor,
    factsAt: slotFactsAt(facts as FactRegistry<unknown>, slotNames),
    facts: slotFactComputer(facts as FactRegistry<unknown>, slotNames),
    index,
    outcome,
    evaluate(f, stage, trace) {
      if (!trace) {
        if (outcome) {
          const key = keyOf(f);
          if (key >= 0) return runPlan(planEntryOf(f, key), f);
        }
        const out: R[] = [];
        const candidates = (index && index.byValue.get((f as unknown as unknown[])[index.slot])) || all;
        for (let k = 0; k < candidates.length; k++) {
          const c = compiled[candidates[k]!]!;
          if (c.test(f, null)) {
            out.push(c.rule);
            if (hitPolicy === 'first') break;
          }
        }
        return out;
      }
      const out: R[] = [];
      // One list collects every rule's comparisons; each rule's entry gets an exact-size slice
      // (an array grown by push reserves ~17 slots: ~3 KB of garbage per decision).
      const leaves: LeafTrace[] = [];
      memoStage ??= stage;
      let positions: number[] | undefined;
      if (stage === memoStage && memos.length && finiteSlots.length) {
        positions = new Array<number>(domains.length).fill(-1);
        const values = f as unknown as readonly unknown[];
        for (let k = 0; k < finiteSlots.length; k++) {
          const slot = finiteSlots[k]!;
          positions[slot] = domains[slot]!.get(values[slot]) ?? -1;
        }
      }
      for (let i = 0; i < n; i++) {
        const c = compiled[i]!;
        const memo = positions && i < memos.length ? memos[i] : undefined;
        const key = memo ? combination(memo, positions!) : -1;
        const kept = key < 0 ? null : memo!.entries[key];
        let entry: RuleTrace;
        if (kept) entry = kept;
        else {
          const from = leaves.length;
          entry = entryOf(c, f, stage, leaves);
          if (kept === undefined) {
            // First evaluation with these values: kept (frozen, shared) unless the rule compared a fact that is
            // not finite on the way (only a rule that also reads such facts can); then marked: evaluated each time.
            if (!memo!.finiteFacts || readsOnly(entry.conditions, memo!.finiteFacts)) {
              leaves.length = from;
              memo!.entries[key] = entry = keptEntry(entry);
            } else memo!.entries[key] = null;
          }
        }
        trace.push(entry);
        if (entry.fired) {
          out.push(c.rule);
          if (hitPolicy === 'first') break;
        }
      }
      return out;
    },
  };
}
