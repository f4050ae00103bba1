import type { FactRegistry } from './facts.js';
import type { Condition } from './schema.js';

/*
 * Trace entries remembered per rule, for rules that read finite facts.
 *
 * A rule whose conditions read only facts with a finite domain (booleans and
 * strings with listed `values`, `null` added when nullable) gives the same
 * trace entry — fired or not, every comparison with both sides' values —
 * whenever those facts have the same values: conditions are pure functions
 * of the facts. So the first decision with a combination of values builds
 * the entry (by evaluating the rule, as always) and freezes it; later
 * decisions with the same combination reuse it. A value outside its domain
 * (a host fact that returns something else) is evaluated as usual. A rule
 * that also reads other facts keeps an entry for a combination only when
 * the evaluation stopped before comparing any of them (`readsOnly`).
 */

/** Positions of a finite fact's values: value → 0…n−1. */
export type Domain = ReadonlyMap<unknown, number>;

/** The remembered trace entries of one rule. */
export interface RuleMemo<E> {
  /** The finite fact slots the rule reads, in ascending order. */
  readonly slots: readonly number[];
  /** How many values each of those facts can take. */
  readonly sizes: readonly number[];
  /**
   * Entry by combination (mixed-radix number of the values' positions);
   * filled as combinations occur. `null`: with these values the evaluation
   * goes on to a fact outside `slots` (only when {@link RuleMemo.finiteFacts} is set), so it is evaluated every time.
   */
  readonly entries: Array<E | null | undefined>;
  /**
   * Set when the rule also reads facts that are not finite: the names of its
   * finite facts. An entry is then kept only when its evaluation compared
   * none but these facts (it stopped before the others), see {@link readsOnly}.
   */
  readonly finiteFacts?: ReadonlySet<string>;
}

/** At most this many combinations per rule (a bigger rule is evaluated every time). */
const MAX_COMBINATIONS = 4096;

/**
 * At most this many combinations over all the rules of one rule set: the
 * remembered entries of a rule set stay within a few megabytes whatever the
 * pack (rules past the budget, in evaluation order, are evaluated every time).
 */
export const MAX_COMBINATIONS_PER_RULE_SET = 16_384;

/**
 * The trace memo's budget of combinations for a rule set of `rules` rules:
 * {@link MAX_COMBINATIONS_PER_RULE_SET}, or 16 a rule for a larger set (so a
 * pack loaded with a higher `limits.maxRules` keeps remembering its rules
 * guarded by one enumeration; the memory stays proportional to the pack).
 *
 * @param rules - rules in the set
 * @returns combinations allowed
 * @example
 * ```ts
 * traceMemoBudget(28)     // → 16384
 * traceMemoBudget(10_000) // → 160000
 * ```
 * @category Conditions
 * @internal
 */
export function traceMemoBudget(rules: number): number {
  return Math.max(MAX_COMBINATIONS_PER_RULE_SET, 16 * rules);
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Each slot's domain, or `undefined` for a fact that can take unlisted values
 * (numbers, money, instants, objects, strings without `values`).
 *
 * @param facts - fact definitions
 * @param slots - fact name → slot
 * @returns domain by slot
 * @example
 * ```ts
 * factDomains(COMPLAINT_FACTS, new Map([['vulnerable', 0]]))[0]?.get(true) // → 0
 * ```
 * @category Conditions
 * @internal
 */
export function factDomains(facts: FactRegistry<never>, slots: ReadonlyMap<string, number>): Array<Domain | undefined> {
  const out: Array<Domain | undefined> = new Array(slots.size).fill(undefined);
  for (const [name, slot] of slots) {
    const def = has(facts, name) ? facts[name] : undefined;
    const values: unknown[] | undefined = def?.type === 'boolean' ? [true, false] : def?.type === 'string' && def.values ? [...def.values] : undefined;
    if (!values) continue;
    if (def!.nullable) values.push(null);
    // Positions 0 … size − 1 with no gaps: a value listed twice (a host fact may list one twice) keeps
    // its first position, or positions would outrun the domain's size and two combinations share a key.
    const domain = new Map<unknown, number>();
    for (const v of values) if (!domain.has(v)) domain.set(v, domain.size);
    out[slot] = domain;
  }
  return out;
}

/**
 * Adds the facts a condition reads (both sides of every comparison, named
 * conditions followed) to `out`; false when it cannot tell (an unknown or
 * circular name: the compiler reports those). A named condition is walked
 * once per call however often it is referred to (`done`): references that
 * multiply from level to level would otherwise make the walk exponential.
 */
function factsRead(
  cond: Condition | undefined,
  named: Readonly<Record<string, Condition>>,
  out: Set<string>,
  seen: Set<string>,
  depth: number,
  done: Set<string> = new Set(),
): boolean {
  if (cond === undefined) return true;
  if (depth > 64 || cond === null || typeof cond !== 'object') return false;
  for (const key of ['all', 'any'] as const) {
    if (has(cond, key)) {
      const list = (cond as Record<string, unknown>)[key];
      if (!Array.isArray(list)) return false;
      for (const c of list) if (!factsRead(c as Condition, named, out, seen, depth + 1, done)) return false;
      return true;
    }
  }
  if (has(cond, 'not')) return factsRead((cond as { not: Condition }).not, named, out, seen, depth + 1, done);
  if (has(cond, 'condition')) {
    const name = (cond as { condition: string }).condition;
    if (typeof name !== 'string' || !has(named, name) || seen.has(name)) return false;
    if (done.has(name)) return true; // its facts are in `out` already
    seen.add(name);
    const ok = factsRead(named[name], named, out, seen, depth + 1, done);
    seen.delete(name);
    if (ok) done.add(name);
    return ok;
  }
  if (has(cond, 'fact')) {
    const leaf = cond as { fact: unknown; value?: unknown };
    if (typeof leaf.fact !== 'string') return false;
    out.add(leaf.fact);
    const v = leaf.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && has(v, 'fact')) {
      const ref = (v as { fact: unknown }).fact;
      if (typeof ref !== 'string') return false;
      out.add(ref);
    }
    return true;
  }
  return false;
}

/**
 * The slots of every fact a condition reads (named conditions followed), or
 * `undefined` when it cannot tell (an unknown or circular name) or a fact has
 * no slot.
 *
 * @param conditions - the condition (`undefined`: reads nothing)
 * @param named - the file's named conditions
 * @param slots - fact name → slot
 * @returns the slots, ascending
 * @example
 * ```ts
 * slotsRead({ fact: 'daysSinceDelivery', operator: 'lessThanInclusive', value: 7 }, {}, new Map([['daysSinceDelivery', 3]])) // → [3]
 * ```
 * @category Conditions
 * @internal
 */
export function slotsRead(conditions: Condition | undefined, named: Readonly<Record<string, Condition>>, slots: ReadonlyMap<string, number>): number[] | undefined {
  const names = new Set<string>();
  if (!factsRead(conditions, named, names, new Set(), 0)) return undefined;
  const out: number[] = [];
  for (const name of names) {
    const slot = slots.get(name);
    if (slot === undefined) return undefined;
    out.push(slot);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Whether every comparison of a trace entry is on one of `facts` alone:
 * no path, and a fact on the right side only when it is one of them too.
 * The comparisons an evaluation makes, in order, depend only on the results
 * of the comparisons before them; so when those are all on finite facts,
 * every evaluation with the same values of those facts makes the same
 * comparisons with the same results: the same entry.
 *
 * @param conditions - the comparisons of one entry
 * @param facts - {@link RuleMemo.finiteFacts}
 * @returns whether the entry can be kept for its combination
 * @example
 * ```ts
 * readsOnly([{ fact: 'upheld', operator: 'equal', factValue: false, value: true, result: false }], new Set(['upheld'])) // → true
 * ```
 * @category Conditions
 * @internal
 */
export function readsOnly(conditions: ReadonlyArray<{ readonly fact: string; readonly path?: string; readonly valueFact?: string }>, facts: ReadonlySet<string>): boolean {
  for (const c of conditions) {
    if (c.path !== undefined || !facts.has(c.fact) || (c.valueFact !== undefined && !facts.has(c.valueFact))) return false;
  }
  return true;
}

/**
 * The facts a condition reads, split by finiteness: the slots and names of
 * the finite ones, and whether it reads any other; `undefined` when it
 * cannot tell (an unknown or circular name) or a fact has no slot.
 */
function finiteFactsRead(
  conditions: Condition | undefined,
  named: Readonly<Record<string, Condition>>,
  slots: ReadonlyMap<string, number>,
  domains: ReadonlyArray<Domain | undefined>,
): { slots: number[]; names: Set<string>; others: boolean } | undefined {
  const names = new Set<string>();
  if (!factsRead(conditions, named, names, new Set(), 0)) return undefined;
  const finite = { slots: [] as number[], names: new Set<string>(), others: false };
  for (const name of names) {
    const slot = slots.get(name);
    if (slot === undefined) return undefined;
    if (!domains[slot]) finite.others = true;
    else {
      finite.slots.push(slot);
      finite.names.add(name);
    }
  }
  return finite;
}

/** The slots of the facts a condition reads, or `undefined` when one is not finite (or it cannot tell). */
function finiteSlotsRead(
  conditions: Condition | undefined,
  named: Readonly<Record<string, Condition>>,
  slots: ReadonlyMap<string, number>,
  domains: ReadonlyArray<Domain | undefined>,
): number[] | undefined {
  const read = finiteFactsRead(conditions, named, slots, domains);
  return read && !read.others ? read.slots : undefined;
}

/**
 * The memo of a rule whose conditions read finite facts, or `undefined`
 * (the rule is evaluated every time). A rule that also reads other facts
 * (numbers, money, instants, paths) gets a memo over its finite facts whose
 * entries are kept only for the combinations that decide the rule before any
 * other fact is compared ({@link RuleMemo.finiteFacts}).
 *
 * @param conditions - the rule's conditions (`undefined`: always fires)
 * @param named - the file's named conditions
 * @param slots - fact name → slot
 * @param domains - {@link factDomains}
 * @param budget - combinations still allowed in the rule set (see {@link MAX_COMBINATIONS_PER_RULE_SET})
 * @returns the memo, with no entry yet
 * @example
 * ```ts
 * ruleMemo({ fact: 'vulnerable', operator: 'equal', value: true }, {}, slots, domains)?.sizes // → [2]
 * ```
 * @category Conditions
 * @internal
 */
export function ruleMemo<E>(
  conditions: Condition | undefined,
  named: Readonly<Record<string, Condition>>,
  slots: ReadonlyMap<string, number>,
  domains: ReadonlyArray<Domain | undefined>,
  budget = MAX_COMBINATIONS_PER_RULE_SET,
): RuleMemo<E> | undefined {
  const read = finiteFactsRead(conditions, named, slots, domains);
  if (!read || (read.others && !read.slots.length)) return undefined;
  const used = read.slots.sort((a, b) => a - b);
  const sizes = used.map((s) => domains[s]!.size);
  const combinations = sizes.reduce((a, b) => a * b, 1);
  if (combinations > Math.min(MAX_COMBINATIONS, budget)) return undefined;
  const entries = new Array<E | null | undefined>(combinations).fill(undefined);
  return read.others ? { slots: used, sizes, entries, finiteFacts: read.names } : { slots: used, sizes, entries };
}

/**
 * The combination number of a rule's fact values, or -1 when one is outside
 * its domain.
 *
 * @param memo - the rule's memo
 * @param positions - each slot's value position (-1: outside the domain or not finite)
 * @returns the index into `memo.entries`, or -1
 * @example
 * ```ts
 * combination({ slots: [0, 2], sizes: [2, 9], entries: [] }, [1, -1, 4]) // → 13
 * ```
 * @category Conditions
 * @internal
 */
export function combination(memo: RuleMemo<unknown>, positions: ArrayLike<number>): number {
  const { slots, sizes } = memo;
  let key = 0;
  for (let j = 0; j < slots.length; j++) {
    const p = positions[slots[j]!]!;
    if (p < 0) return -1;
    key = key * sizes[j]! + p;
  }
  return key;
}

/**
 * The remembered hits of a rule set evaluated without a trace. The key is the
 * combination of values of every finite fact the finite rules read; the plan
 * of a combination lists, in rule order, the finite rules that fired with
 * those values (as their position) and every rule reading another fact (as
 * `~position`: evaluated each time). With hit policy `first` a plan ends at
 * its first finite rule that fired.
 */
export interface OutcomeMemo {
  /** The fact slots of the key, ascending. */
  readonly slots: readonly number[];
  /** The facts of those slots. */
  readonly facts: readonly string[];
  /** Each key slot's values in position order (positions are found by `===` along it: faster than a `Map` for a few values). */
  readonly values: ReadonlyArray<readonly unknown[]>;
  /** How many values each key slot can take. */
  readonly sizes: readonly number[];
  /** Per rule (in evaluation order): it reads only finite facts. */
  readonly finite: readonly boolean[];
  /** Plan by combination; filled as combinations occur. */
  readonly plans: Array<Int32Array | undefined>;
}

/**
 * The outcome memo of a rule set, or `undefined` when no rule reads only
 * finite facts or the key would have more than `budget` combinations.
 *
 * @param conditions - each rule's conditions, in evaluation order (`undefined`: always fires)
 * @param named - the file's named conditions
 * @param slots - fact name → slot
 * @param domains - {@link factDomains}
 * @param budget - most combinations allowed
 * @returns the memo, with no plan yet
 * @example
 * ```ts
 * outcomeMemo([{ fact: 'vulnerable', operator: 'equal', value: true }], {}, slots, domains)?.sizes // → [2]
 * ```
 * @category Conditions
 * @internal
 */
export function outcomeMemo(
  conditions: ReadonlyArray<Condition | undefined>,
  named: Readonly<Record<string, Condition>>,
  slots: ReadonlyMap<string, number>,
  domains: ReadonlyArray<Domain | undefined>,
  budget = MAX_COMBINATIONS_PER_RULE_SET,
): OutcomeMemo | undefined {
  const keySlots = new Set<number>();
  const finite = conditions.map((cond) => {
    const used = finiteSlotsRead(cond, named, slots, domains);
    for (const s of used ?? []) keySlots.add(s);
    return used !== undefined;
  });
  if (!finite.includes(true)) return undefined;
  const sorted = [...keySlots].sort((a, b) => a - b);
  const values = sorted.map((s) => [...domains[s]!.keys()]);
  const sizes = values.map((v) => v.length);
  const combinations = sizes.reduce((a, b) => a * b, 1);
  if (combinations > budget) return undefined;
  const nameOf = new Map([...slots].map(([name, slot]) => [slot, name]));
  return { slots: sorted, facts: sorted.map((s) => nameOf.get(s)!), values, sizes, finite, plans: new Array<Int32Array | undefined>(combinations).fill(undefined) };
}
