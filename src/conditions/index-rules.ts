import type { FactRegistry } from './facts.js';
import type { Condition, LeafCondition } from './schema.js';

/*
 * A first-argument index for a rule set, used when no trace is asked for.
 *
 * Many rules can only fire for some values of one finite fact (`nature`,
 * `upheld`, …): their conditions require, at the top level of an `all` (named
 * conditions followed), `fact equal/in/notEqual/notIn constant`. For every
 * value that fact can take, the index lists the rules that can still fire,
 * in rule order; evaluation tries only those. A rule left out would have
 * evaluated to false (one of its necessary comparisons is false), so the
 * rules that fire — and their order — are exactly those of the full scan.
 * With a trace the full scan runs, so the trace still shows every rule.
 */

/** The rules worth trying for each value of one fact. */
export interface RuleIndex {
  /** The indexed fact. */
  readonly fact: string;
  /** Its slot in the rule set's fact array. */
  readonly slot: number;
  /** Fact value → positions of the rules that can fire, ascending. */
  readonly byValue: ReadonlyMap<unknown, readonly number[]>;
}

const INDEXABLE = new Set(['equal', 'notEqual', 'in', 'notIn']);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The comparisons a condition cannot be true without: the leaves of its
 * top-level `all`s, named conditions followed (a cycle or an unknown name
 * contributes nothing; the compiler reports those).
 */
function necessaryLeaves(cond: Condition | undefined, named: Readonly<Record<string, Condition>>, out: LeafCondition[], seen: Set<string>, depth = 0): void {
  if (!cond || depth > 64) return;
  if (has(cond, 'all')) {
    for (const c of (cond as { all: Condition[] }).all) necessaryLeaves(c, named, out, seen, depth + 1);
  } else if (has(cond, 'condition')) {
    const name = (cond as { condition: string }).condition;
    if (has(named, name) && !seen.has(name)) {
      seen.add(name);
      necessaryLeaves(named[name], named, out, seen, depth + 1);
      seen.delete(name);
    }
  } else if (has(cond, 'fact') && has(cond, 'operator')) out.push(cond as LeafCondition);
}

/** Whether a leaf (on the indexed fact) holds for `value`, as the compiled comparison answers. */
function accepts(leaf: LeafCondition, value: unknown): boolean {
  const v = leaf.value;
  switch (leaf.operator) {
    case 'equal':
      return value === v;
    case 'notEqual':
      return value !== v;
    case 'in':
      return (v as unknown[]).includes(value);
    default: // notIn
      return !(v as unknown[]).includes(value);
  }
}

/** A leaf the index can use: a built-in (in)equality of a plain fact with a constant. */
function usable(leaf: LeafCondition, fact: string): boolean {
  if (leaf.fact !== fact || leaf.path !== undefined || !INDEXABLE.has(leaf.operator)) return false;
  const v = leaf.value;
  if (leaf.operator === 'in' || leaf.operator === 'notIn') return Array.isArray(v);
  return v === null || typeof v !== 'object';
}

/**
 * Builds the index over the fact that narrows the most rules, or `undefined`
 * when no finite fact (an enumerated string or a boolean) guards at least
 * two rules.
 *
 * @param rules - the rule conditions, in evaluation order
 * @param named - the file's named conditions
 * @param facts - fact definitions (domains)
 * @param slots - fact name → slot
 * @returns the index, or `undefined`
 * @example
 * ```ts
 * buildRuleIndex([{ fact: 'nature', operator: 'equal', value: 'quality-defect' }, …], {}, COMPLAINT_FACTS, slots)?.fact // → 'nature'
 * ```
 * @category Conditions
 * @internal
 */
export function buildRuleIndex(
  rules: ReadonlyArray<Condition | undefined>,
  named: Readonly<Record<string, Condition>>,
  facts: FactRegistry<never>,
  slots: ReadonlyMap<string, number>,
): RuleIndex | undefined {
  const leaves = rules.map((c) => {
    const out: LeafCondition[] = [];
    necessaryLeaves(c, named, out, new Set());
    return out;
  });
  let best: { fact: string; domain: readonly unknown[]; guarded: number } | undefined;
  for (const [fact, slot] of slots) {
    void slot;
    const def = facts[fact];
    if (!def) continue;
    const domain: unknown[] | undefined = def.type === 'boolean' ? [true, false] : def.type === 'string' && def.values ? [...def.values] : undefined;
    if (!domain) continue;
    if (def.nullable) domain.push(null);
    const guarded = leaves.filter((ls) => ls.some((l) => usable(l, fact))).length;
    if (guarded >= 2 && (!best || guarded > best.guarded)) best = { fact, domain, guarded };
  }
  if (!best) return undefined;
  const { fact, domain } = best;
  const byValue = new Map<unknown, readonly number[]>();
  for (const value of domain) {
    const list: number[] = [];
    leaves.forEach((ls, i) => {
      if (ls.every((l) => !usable(l, fact) || accepts(l, value))) list.push(i);
    });
    byValue.set(value, Object.freeze(list));
  }
  return { fact, slot: slots.get(fact)!, byValue };
}

/**
 * A comparison a rule cannot be true without, on a fact at `slot`: when
 * {@link guardsAllow} finds it false for the fact's value, the rule is false.
 *
 * @category Conditions
 * @internal
 */
export interface RuleGuard {
  readonly slot: number;
  readonly leaf: LeafCondition;
}

/**
 * A rule's guards on the given slots: the (in)equalities with a constant
 * among the comparisons its condition cannot be true without (the leaves of
 * its top-level `all`s, named conditions followed), as the index uses them.
 *
 * @param cond - the rule's conditions (`undefined`: always fires, no guard)
 * @param named - the file's named conditions
 * @param slots - fact name → slot
 * @param within - only facts at these slots
 * @returns the guards (empty when none)
 * @example
 * ```ts
 * ruleGuards({ all: [{ fact: 'nature', operator: 'equal', value: 'quality-defect' }, …] }, {}, slots, new Set([slots.get('nature')]))
 * // → [{ slot: 2, leaf: { fact: 'nature', operator: 'equal', value: 'quality-defect' } }]
 * ```
 * @category Conditions
 * @internal
 */
export function ruleGuards(cond: Condition | undefined, named: Readonly<Record<string, Condition>>, slots: ReadonlyMap<string, number>, within: ReadonlySet<number>): readonly RuleGuard[] {
  const leaves: LeafCondition[] = [];
  necessaryLeaves(cond, named, leaves, new Set());
  const guards: RuleGuard[] = [];
  for (const leaf of leaves) {
    const slot = slots.get(leaf.fact);
    if (slot !== undefined && within.has(slot) && usable(leaf, leaf.fact)) guards.push({ slot, leaf });
  }
  return guards;
}

/**
 * False when one of the guards is false for the facts (an array by slot):
 * the rule they guard cannot fire with these facts.
 *
 * @param guards - {@link ruleGuards} of a rule
 * @param facts - fact values by slot
 * @returns whether the rule may fire
 * @example
 * ```ts
 * guardsAllow([{ slot: 2, leaf: { fact: 'nature', operator: 'equal', value: 'quality-defect' } }], facts) // → facts[2] === 'quality-defect'
 * ```
 * @category Conditions
 * @internal
 */
export function guardsAllow(guards: readonly RuleGuard[], facts: readonly unknown[]): boolean {
  for (const g of guards) if (!accepts(g.leaf, facts[g.slot])) return false;
  return true;
}
