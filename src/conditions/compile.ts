import { didYouMean, SUGGEST_BUDGET, type SuggestBudget } from '../errors/suggest.js';
import { issue, quoted, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import type { Big } from 'big.js';
import { compareDecimals, dec, MONEY_PATTERN, moneyHint } from '../money/money.js';
import type { FactDefinition, FactRegistry, FactType } from './facts.js';
import { BUILTIN_OPERATORS, isBig, type OperatorDefinition } from './operators.js';
import { parsePlainPath, resolvePath, type PathSegments } from './path.js';
import { resolveShape } from './shape.js';
import { instantMs, toIsoUtc } from '../time/instant.js';
import { LIFECYCLE_ONLY_FACTS, type Condition, type JsonValue, type LeafCondition } from './schema.js';
import { LIABILITY_OUTCOME_FACTS } from '../decision/facts.js';

/**
 * What one evaluated comparison looked like: both sides' actual values.
 *
 * @category Conditions
 */
export interface LeafTrace {
  /** The fact the left side reads, e.g. `nature`, `claimAmount` or `complaint`. */
  readonly fact: string;
  /** The plain path into that fact, as written in the rule, e.g. `order.items[0].sku`; absent when the comparison reads the fact itself. */
  readonly path?: string;
  /** The operator's name, built-in or the host's, e.g. `equal`, `in` or `greaterThan`. */
  readonly operator: string;
  /** The fact's actual value (decimals as strings). */
  readonly factValue: unknown;
  /** The value compared with (for a fact reference: that fact's actual value). */
  readonly value: unknown;
  /** Set when the right side is another fact. */
  readonly valueFact?: string;
  /** Whether the comparison held; `false` whenever either side has no value (e.g. a path that resolves to nothing). */
  readonly result: boolean;
}

/**
 * A condition compiled to a closure. Reads precomputed facts; when `sink` is
 * given, appends one {@link LeafTrace} per comparison evaluated.
 *
 * @category Conditions
 */
export type CompiledCondition = (facts: Readonly<Record<string, unknown>>, sink: LeafTrace[] | null) => boolean;

/**
 * Everything the condition compiler needs, and where it reports problems.
 *
 * @category Conditions
 */
export interface ConditionCompileContext {
  /** The facts conditions may read, by name (the built-in ones and the host's). */
  readonly facts: FactRegistry<never>;
  /** The operators conditions may use, by name (the host's and the built-in ones). */
  readonly operators: Readonly<Record<string, OperatorDefinition>>;
  /** Named conditions that `{ "condition": name }` may refer to. */
  readonly named: Readonly<Record<string, Condition>>;
  /** JSON path of each named condition (for issues). */
  readonly namedPath: JsonPath;
  /** Pack-relative name of the file being compiled, e.g. `liability.json`: the `file` of every issue reported. */
  readonly file: string;
  /** Where every problem found is pushed (each with its code, JSON path and `file`). */
  readonly issues: PolicyIssue[];
  /** Facts referenced so far (filled by the compiler). */
  readonly usedFacts: Set<string>;
  /** Maximum nesting depth of a condition. */
  readonly maxDepth: number;
  /** Memo of compiled named conditions, and the ones being compiled (cycle detection). */
  readonly namedCache: Map<string, CompiledCondition | null>;
  /** Most comparisons and groups the conditions compiled with this context may hold, named conditions expanded. */
  readonly maxNodes: number;
  /** Nodes charged so far ({@link compileCondition}); above `maxNodes` once `CONDITION_TOO_LARGE` is reported. */
  nodes: number;
  /** Expanded size of each named condition, worked out once. */
  readonly namedSizes: Map<string, number>;
  /**
   * When set, facts are read from an array: fact name → index, filled in
   * order of first use (rule sets use this; a plain `compileCondition` reads
   * facts by name).
   */
  readonly slots?: Map<string, number>;
}

/**
 * How deep one rule's or guard's conditions may nest unless the load option
 * `limits.maxConditionDepth` says otherwise; deeper is `CONDITION_TOO_DEEP`.
 *
 * @category Conditions
 */
export const DEFAULT_MAX_CONDITION_DEPTH = 32;

/**
 * How many comparisons and groups (`all`, `any`, `not`) the conditions of one
 * file may hold, each named condition counted wherever it is referred to —
 * as evaluation walks them — unless the load option
 * `limits.maxConditionNodes` says otherwise; more is `CONDITION_TOO_LARGE`.
 * Without it, named conditions that each refer to the next several times
 * make a small file exponentially slow to load and to decide.
 *
 * @category Conditions
 */
export const DEFAULT_MAX_CONDITION_NODES = 100_000;

/**
 * Creates a compile context.
 *
 * @param init - facts, operators, named conditions, file and depth limit
 * @returns a context whose `issues` and `usedFacts` fill as conditions compile
 * @category Conditions
 */
export function createCompileContext(init: {
  facts: FactRegistry<never>;
  operators: Readonly<Record<string, OperatorDefinition>>;
  named?: Readonly<Record<string, Condition>>;
  namedPath?: JsonPath;
  file: string;
  issues?: PolicyIssue[];
  maxDepth?: number;
  maxNodes?: number;
  slots?: Map<string, number>;
}): ConditionCompileContext {
  return {
    ...(init.slots ? { slots: init.slots } : {}),
    facts: init.facts,
    operators: init.operators,
    named: init.named ?? {},
    namedPath: init.namedPath ?? ['conditions'],
    file: init.file,
    issues: init.issues ?? [],
    usedFacts: new Set(),
    maxDepth: init.maxDepth ?? DEFAULT_MAX_CONDITION_DEPTH,
    namedCache: new Map(),
    maxNodes: init.maxNodes ?? DEFAULT_MAX_CONDITION_NODES,
    nodes: 0,
    namedSizes: new Map(),
  };
}

const ALWAYS_FALSE: CompiledCondition = () => false;

/** The built-in ordered comparisons: their literal must be a number or a decimal, never `null`. */
const ORDERED_OPERATORS: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/** Why an ordered comparison with a `null` literal is refused (docs/evaluation.md, difference 9). */
function nullOrderedProblem(operator: string, nullable: boolean): string {
  return `"${operator}" with the value null is meaningless: null is neither less nor greater than any value${nullable ? '; to test for no value use "equal" null' : ''}`;
}

/** The known names a message lists, per registry: at most 30, then how many more — worked out once (a file with thousands of names must not make every message that long, nor list them again for each). */
const KNOWN = new WeakMap<object, string>();
function knownOf(registry: object, sort = false): string {
  let text = KNOWN.get(registry);
  if (text === undefined) {
    const names = Object.keys(registry);
    if (sort) names.sort();
    text = names.length <= 30 ? names.join(', ') : `${names.slice(0, 30).join(', ')} and ${names.length - 30} more`;
    KNOWN.set(registry, text);
  }
  return text;
}
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Where a built-in fact that a file of this kind does not read is read: the liability outcome in remedies, the lifecycle facts in the lifecycle. */
function elsewhere(name: string): string {
  if (has(LIABILITY_OUTCOME_FACTS, name)) return ': it is the liability outcome, which only remedies rules read';
  if ((LIFECYCLE_ONLY_FACTS as readonly string[]).includes(name)) return ': it is a lifecycle fact, which only lifecycle conditions read';
  return '';
}

/** Registries with more names than this get no "did you mean": a file can refer to a missing name thousands of times. */
const MAX_SUGGESTED_FROM = 1000;
const SUGGESTIONS = new WeakMap<object, { names: string[] | undefined; memo: Map<string, string>; budget: SuggestBudget }>();

/**
 * `; did you mean "x"?` for a name missing from a registry (facts, operators, named conditions), remembered per
 * registry and name. The names compared with are bounded per registry too ({@link SUGGEST_BUDGET}): a file that
 * names thousands of different missing conditions, each close to hundreds of long names, took minutes.
 */
function suggestion(registry: object, name: string): string {
  let entry = SUGGESTIONS.get(registry);
  if (!entry) {
    const names = Object.keys(registry);
    entry = { names: names.length <= MAX_SUGGESTED_FROM ? names : undefined, memo: new Map(), budget: { left: SUGGEST_BUDGET } };
    SUGGESTIONS.set(registry, entry);
  }
  if (!entry.names) return '';
  let text = entry.memo.get(name);
  if (text === undefined) entry.memo.set(name, (text = didYouMean(name, entry.names, entry.budget)));
  return text;
}

/**
 * Checks and compiles a condition. Every problem is pushed to `ctx.issues`
 * (and a never-firing closure is returned), so all problems of a pack are
 * found in one pass. No text of the condition is ever executed: paths are
 * parsed by a plain-path grammar and resolved over own properties.
 *
 * @param cond - the condition (already structurally valid per `zCondition`)
 * @param ctx - compile context
 * @param path - JSON path of `cond` within its file
 * @returns a closure
 * @category Conditions
 */
export function compileCondition(cond: Condition, ctx: ConditionCompileContext, path: JsonPath): CompiledCondition {
  if (ctx.nodes <= ctx.maxNodes) {
    const walk = { deep: false };
    ctx.nodes += expandedSize(cond, ctx, [], ctx.maxNodes + 1 - ctx.nodes, 0, walk);
    if (walk.deep) {
      // Too deep somewhere: the compiler names the places it finds; but a named condition it compiled
      // shallow first comes from its cache when referred to deeper, so when it finds none the rule is
      // named here (counting expands named conditions wherever they are referred to).
      const before = ctx.issues.length;
      compileAt(cond, ctx, path, 0, []);
      if (!ctx.issues.slice(before).some((i) => i.code === 'CONDITION_TOO_DEEP')) {
        ctx.issues.push(issue('CONDITION_TOO_DEEP', `conditions nest deeper than ${ctx.maxDepth} levels, named conditions expanded where they are referred to (load option limits.maxConditionDepth)`, path, ctx.file));
      }
      return ALWAYS_FALSE;
    }
    if (ctx.nodes > ctx.maxNodes) {
      ctx.issues.push(
        issue(
          'CONDITION_TOO_LARGE',
          `with named conditions counted wherever they are referred to, this file's conditions hold more than ${ctx.maxNodes} comparisons and groups by here (load option limits.maxConditionNodes)`,
          path,
          ctx.file,
        ),
      );
      return ALWAYS_FALSE;
    }
  }
  return compileAt(cond, ctx, path, 0, []);
}

/**
 * Checks and compiles a named condition on its own (one nobody refers to
 * still gets its problems reported); not counted against `maxNodes`.
 *
 * @param name - the named condition
 * @param ctx - compile context
 * @returns a closure
 * @category Conditions
 * @internal
 */
export function compileNamedCondition(name: string, ctx: ConditionCompileContext): CompiledCondition {
  return compileAt({ condition: name }, ctx, ['conditions', name], 0, []);
}

/**
 * The comparisons and groups of a condition with every named condition
 * expanded where it is referred to, at most `cap` (counting stops there:
 * the expanded size can grow exponentially while the text stays small).
 * Each named condition's size is worked out once. Unknown and circular
 * references count 1: the compiler reports them.
 */
function expandedSize(cond: Condition, ctx: ConditionCompileContext, stack: string[], cap: number, depth: number, walk: { deep: boolean }): number {
  if (cond === null || typeof cond !== 'object') return 1;
  // Deeper than the depth limit: counting stops and the walk says so (a chain of thousands of named
  // conditions would otherwise overflow the stack here first).
  if (depth > ctx.maxDepth) {
    walk.deep = true;
    return 1;
  }
  if (has(cond, 'all') || has(cond, 'any')) {
    const list = (cond as { all?: unknown; any?: unknown })[has(cond, 'all') ? 'all' : 'any'];
    let n = 1;
    if (Array.isArray(list)) for (let i = 0; i < list.length && n < cap; i++) n += expandedSize(list[i] as Condition, ctx, stack, cap - n, depth + 1, walk);
    return Math.min(n, cap);
  }
  if (has(cond, 'not')) return Math.min(cap, 1 + expandedSize((cond as { not: Condition }).not, ctx, stack, cap - 1, depth + 1, walk));
  if (has(cond, 'condition')) {
    const name = (cond as { condition: unknown }).condition;
    if (typeof name !== 'string' || !has(ctx.named, name) || stack.includes(name)) return 1;
    // Worked out once, up to the file's whole budget (any call's cap is at most that) — unless the walk
    // went past the depth limit, which cuts the count short: that size is not kept.
    let size = ctx.namedSizes.get(name);
    if (size === undefined) {
      const inner = { deep: false };
      size = expandedSize(ctx.named[name]!, ctx, [...stack, name], ctx.maxNodes + 1, depth + 1, inner);
      if (inner.deep) walk.deep = true;
      else ctx.namedSizes.set(name, size);
    }
    return Math.min(size, cap);
  }
  return 1;
}

function checkPriority(cond: { priority?: number | undefined }, ctx: ConditionCompileContext, path: JsonPath): number {
  if (cond.priority === undefined) return 1;
  if (!Number.isSafeInteger(cond.priority) || cond.priority < 1) {
    ctx.issues.push(issue('INVALID_PRIORITY', `priority must be a positive integer, got ${String(cond.priority)}`, [...path, 'priority'], ctx.file));
    return 1;
  }
  return cond.priority;
}

function compileAt(cond: Condition, ctx: ConditionCompileContext, path: JsonPath, depth: number, namedStack: string[]): CompiledCondition {
  if (depth > ctx.maxDepth) {
    ctx.issues.push(issue('CONDITION_TOO_DEEP', `conditions nest deeper than ${ctx.maxDepth} levels (load option limits.maxConditionDepth)`, path, ctx.file));
    return ALWAYS_FALSE;
  }
  checkPriority(cond, ctx, path);
  if (has(cond, 'all') || has(cond, 'any')) {
    const isAll = has(cond, 'all');
    const key = isAll ? 'all' : 'any';
    const list = (cond as { all?: Condition[]; any?: Condition[] })[key]!;
    if (list.length === 0) {
      ctx.issues.push(issue('EMPTY_CONDITION', `"${key}" must list at least one condition`, [...path, key], ctx.file));
      return ALWAYS_FALSE;
    }
    // json-rules-engine evaluates higher-priority conditions first; keep that order (stable).
    const ordered = list
      .map((c, i) => ({ c, i, p: typeof c.priority === 'number' && Number.isSafeInteger(c.priority) ? c.priority : 1 }))
      .sort((a, b) => b.p - a.p || a.i - b.i);
    const parts = ordered.map(({ c, i }) => compileAt(c, ctx, [...path, key, i], depth + 1, namedStack));
    const n = parts.length;
    if (n === 1) return parts[0]!; // all/any of one condition is that condition (same result, same trace)
    // Two or three parts (most rules) are called at call sites of their own: the first
    // condition of a rule is usually the same kind of comparison from rule to rule, the
    // second another, so each site keeps seeing one closure literal and the engine can
    // specialise it, where one loop's single call site saw them all (on a 10,000-rule
    // pack ≈ 1.5× faster and steadier from process to process; docs/performance.md,
    // "Tenth round"). Same order, same short-circuit, same trace.
    if (n === 2) {
      const [p0, p1] = parts as [CompiledCondition, CompiledCondition];
      return isAll ? (f, s) => p0(f, s) && p1(f, s) : (f, s) => p0(f, s) || p1(f, s);
    }
    if (n === 3) {
      const [p0, p1, p2] = parts as [CompiledCondition, CompiledCondition, CompiledCondition];
      return isAll ? (f, s) => p0(f, s) && p1(f, s) && p2(f, s) : (f, s) => p0(f, s) || p1(f, s) || p2(f, s);
    }
    if (isAll) {
      return (f, s) => {
        for (let i = 0; i < n; i++) if (!parts[i]!(f, s)) return false;
        return true;
      };
    }
    return (f, s) => {
      for (let i = 0; i < n; i++) if (parts[i]!(f, s)) return true;
      return false;
    };
  }
  if (has(cond, 'not')) {
    const inner = compileAt((cond as { not: Condition }).not, ctx, [...path, 'not'], depth + 1, namedStack);
    return (f, s) => !inner(f, s);
  }
  if (has(cond, 'condition')) {
    const name = (cond as { condition: string }).condition;
    if (!has(ctx.named, name)) {
      ctx.issues.push(issue('UNKNOWN_REFERENCE', `no named condition "${name}" in this file's "conditions" (each file has its own)${suggestion(ctx.named, name)} (known: ${knownOf(ctx.named) || 'none'})`, [...path, 'condition'], ctx.file));
      return ALWAYS_FALSE;
    }
    if (namedStack.includes(name)) {
      ctx.issues.push(
        issue('CIRCULAR_CONDITION', `named conditions refer to each other in a cycle: ${[...namedStack, name].join(' → ')}`, [...path, 'condition'], ctx.file),
      );
      return ALWAYS_FALSE;
    }
    const cached = ctx.namedCache.get(name);
    if (cached) return cached;
    const compiled = compileAt(ctx.named[name]!, ctx, [...ctx.namedPath, name], depth + 1, [...namedStack, name]);
    ctx.namedCache.set(name, compiled);
    return compiled;
  }
  return compileLeaf(cond as LeafCondition, ctx, path);
}

/** What a side's literal checks read: a fact's `values` and `nullable`, or those of the field a path ends at. */
type SideDef = Pick<FactDefinition<never>, 'values' | 'nullable'>;
/** One side of a comparison; `label` names it in messages (`fact "nature"`, or `fact "complaint" path "findings.nature"`). */
type Side = { get: (f: Readonly<Record<string, unknown>>) => unknown; type: FactType | 'any'; def?: SideDef; fact?: string; key?: string | number; label: string; moments?: boolean };

/** How many wrong items of one `in` / `notIn` list a message names. */
const LISTED_ITEMS = 10;

/** Where a fact is read: its name, or its index when the context assigns slots. */
function factKey(name: string, ctx: ConditionCompileContext): string | number {
  const slots = ctx.slots;
  if (!slots) return name;
  let slot = slots.get(name);
  if (slot === undefined) slots.set(name, (slot = slots.size));
  return slot;
}

function factSide(name: string, rawPath: string | undefined, ctx: ConditionCompileContext, at: JsonPath, factKeyPath: JsonPath): Side | undefined {
  if (!has(ctx.facts, name)) {
    ctx.issues.push(
      issue('UNKNOWN_FACT', `unknown fact "${name}"${elsewhere(name) || suggestion(ctx.facts, name)} (known: ${knownOf(ctx.facts, true)})`, factKeyPath, ctx.file),
    );
    return undefined;
  }
  const def = ctx.facts[name]!;
  ctx.usedFacts.add(name);
  const key = factKey(name, ctx);
  if (rawPath === undefined) {
    if (def.type === 'object') {
      ctx.issues.push(issue('OPERAND_TYPE_MISMATCH', `fact "${name}" is an object: give a "path" to a field`, at, ctx.file));
      return undefined;
    }
    return { get: (f) => f[key], type: def.type, def, fact: name, key, label: `fact "${name}"` };
  }
  const segs: PathSegments | undefined = parsePlainPath(rawPath);
  if (!segs) {
    ctx.issues.push(
      issue(
        'UNSAFE_PATH',
        `path ${JSON.stringify(rawPath)} is not a plain dotted/indexed path such as "order.items[0].sku"; filter, wildcard, recursive and script expressions are refused`,
        [...at, 'path'],
        ctx.file,
      ),
    );
    return undefined;
  }
  if (def.type !== 'object') {
    ctx.issues.push(issue('OPERAND_TYPE_MISMATCH', `fact "${name}" is a ${def.type}, not an object: remove "path"`, [...at, 'path'], ctx.file));
    return undefined;
  }
  if (def.shape === undefined) return { get: (f) => resolvePath(f[key], segs), type: 'any', def, fact: name, label: `fact "${name}"` };
  // A declared shape: the path is resolved against it now, and the field it ends at types the comparison.
  const shaped = resolveShape(name, def.shape, segs);
  if (!shaped.ok) {
    ctx.issues.push(issue(shaped.code, `path ${JSON.stringify(rawPath)}: ${shaped.message}`, [...at, 'path'], ctx.file));
    return undefined;
  }
  const fieldDef: SideDef = { ...(shaped.values ? { values: shaped.values } : {}), ...(shaped.nullable ? { nullable: true } : {}) };
  const label = `fact "${name}" path ${JSON.stringify(rawPath)}`;
  // Money is text in the value (`"299.00"`): read as a decimal, so it compares by value with money literals and facts.
  if (shaped.type === 'money') return { get: (f) => asMoney(resolvePath(f[key], segs)), type: 'money', def: fieldDef, fact: name, label };
  // An instant is text in the value, written with any offset: read as the moment (UTC text), so the same instant written two ways compares equal.
  if (shaped.type === 'instant') return { get: (f) => asInstant(resolvePath(f[key], segs)), type: 'instant', def: fieldDef, fact: name, label, moments: true };
  return { get: (f) => resolvePath(f[key], segs), type: shaped.type, def: fieldDef, fact: name, label };
}

function literalMatches(v: unknown, type: FactType, def: SideDef | undefined): string | undefined {
  switch (type) {
    case 'money': {
      if (typeof v === 'string' && MONEY_PATTERN.test(v)) return undefined;
      const hint = moneyHint(v);
      return `a money string such as "100000.00"${hint ? `, ${hint}` : ''}`;
    }
    case 'instant':
      return typeof v === 'string' && instantMs(v) !== undefined ? undefined : 'an ISO 8601 instant with an offset, such as "2026-11-20T10:00:00+08:00"';
    case 'string':
      if (typeof v !== 'string') return 'a string';
      if (def?.values && !def.values.includes(v)) return `one of ${def.values.map((x) => JSON.stringify(x)).join(', ')}${didYouMean(v, def.values)}`;
      return undefined;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v) ? 'a number, without quotes' : 'a number';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : v === 'true' || v === 'false' ? 'true or false, without quotes' : 'true or false';
    default:
      return undefined;
  }
}

/** Converts a literal to its runtime form (money → Decimal). */
function runtimeLiteral(v: JsonValue, type: FactType | 'any', moments = false): unknown {
  if (type === 'money' && typeof v === 'string') return dec(v);
  // beside a complaint path to an instant, read as that path's values are (a host's instant fact compares its text as before)
  if (moments && typeof v === 'string') return asInstant(v);
  // The engine's own copy of the text (a property key): a complaint's enumerated values are the
  // same objects once validated, so comparing them with `===` is one pointer comparison.
  if (typeof v === 'string') return Object.keys({ [v]: 0 })[0] ?? v;
  return v;
}

/** The decimal last printed by {@link jsonSafe}, and its text: a trace shows one money fact in many comparisons. */
let lastDecimal: unknown;
let lastDecimalText = '';

/** A value as a trace shows it: decimals as their text (big.js decimals are immutable: the same object, the same text). */
function jsonSafe(v: unknown): unknown {
  if (isBig(v)) {
    if (v !== lastDecimal) {
      lastDecimalText = String(v);
      lastDecimal = v;
    }
    return lastDecimalText;
  }
  // a list of decimals (`in` / `notIn` on money) as a list of texts
  if (Array.isArray(v) && v.length > 0 && isBig(v[0])) return v.map(jsonSafe);
  return v;
}

/** A path value beside a money fact: money text or a finite number as a decimal, a list item by item; anything else as it is (never equal to a decimal, never ordered with one). */
/** Instant text as its moment, printed in UTC to the millisecond (`…T09:30:00.000Z`); anything else as it is. */
function asInstant(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const ms = instantMs(v);
  return ms === undefined ? v : toIsoUtc(new Date(ms));
}

function asMoney(v: unknown): unknown {
  if (typeof v === 'string') return MONEY_PATTERN.test(v) ? dec(v) : v;
  if (typeof v === 'number') return Number.isFinite(v) ? dec(String(v)) : v;
  if (Array.isArray(v)) return v.map(asMoney);
  return v;
}

function compileLeaf(leaf: LeafCondition, ctx: ConditionCompileContext, at: JsonPath): CompiledCondition {
  const before = ctx.issues.length;
  const left = factSide(leaf.fact, leaf.path, ctx, at, [...at, 'fact']);
  const op = has(ctx.operators, leaf.operator) ? ctx.operators[leaf.operator]! : undefined;
  if (!op) {
    ctx.issues.push(
      issue('UNKNOWN_OPERATOR', `unknown operator "${leaf.operator}"${suggestion(ctx.operators, leaf.operator)} (known: ${knownOf(ctx.operators)})`, [...at, 'operator'], ctx.file),
    );
  }
  const rawValue = leaf.value;
  const isFactRef = rawValue !== null && typeof rawValue === 'object' && !Array.isArray(rawValue) && has(rawValue, 'fact');
  let right: Side | undefined;
  if (isFactRef) {
    const ref = rawValue as { fact: string; path?: string };
    right = factSide(ref.fact, ref.path, ctx, [...at, 'value'], [...at, 'value', 'fact']);
  }
  if (!left || !op || (isFactRef && !right) || ctx.issues.length > before) return ALWAYS_FALSE;

  // ── load-time operand type checks ────────────────────────────────────────
  const leftType = left.type;
  if (leftType !== 'any' && !op.factTypes.includes(leftType)) {
    ctx.issues.push(
      issue('OPERAND_TYPE_MISMATCH', `operator "${leaf.operator}" does not apply to ${left.label} of type ${leftType} (it takes ${op.factTypes.join(', ')})`, [...at, 'operator'], ctx.file),
    );
    return ALWAYS_FALSE;
  }
  let rightGet: (f: Readonly<Record<string, unknown>>) => unknown;
  if (right) {
    if (leftType !== 'any' && right.type !== 'any' && (right.type !== leftType || op.valueShape !== 'same')) {
      ctx.issues.push(
        issue('OPERAND_TYPE_MISMATCH', `cannot compare ${left.label} (${leftType}) with ${right.label} (${right.type}) using "${leaf.operator}"`, [...at, 'value'], ctx.file),
      );
      return ALWAYS_FALSE;
    }
    rightGet = right.get;
  } else {
    const v = rawValue as JsonValue;
    if (leftType !== 'any') {
      const elemType: FactType = leftType === 'string[]' ? 'string' : leftType;
      const problems: string[] = [];
      if (op.valueShape === 'list') {
        if (!Array.isArray(v)) problems.push(`"${leaf.operator}" needs a list of values${v !== null && typeof v !== 'object' ? ` (for one value write [${quoted(v)}])` : ''}`);
        else {
          // The first few wrong items are named; a list of 100,000 would otherwise make a message of megabytes.
          let wrong = 0;
          v.forEach((x, i) => {
            const want = literalMatches(x, elemType, left.def);
            if (want && ++wrong <= LISTED_ITEMS) problems.push(`item ${i} (${quoted(x)}) must be ${want}`);
          });
          if (wrong > LISTED_ITEMS) problems.push(`${wrong - LISTED_ITEMS} more items are wrong too (only the first ${LISTED_ITEMS} are listed)`);
        }
      } else if (v === null && ORDERED_OPERATORS.has(leaf.operator)) {
        // Never let through, nullable or not: `3 > null` is true in JavaScript (and in json-rules-engine).
        problems.push(nullOrderedProblem(leaf.operator, left.def?.nullable === true));
      } else {
        const want = literalMatches(v, elemType, left.def);
        if (want && !(v === null && left.def?.nullable && op.valueShape === 'same')) problems.push(`the value ${quoted(v)} must be ${want}`);
      }
      if (problems.length) {
        ctx.issues.push(
          issue('OPERAND_TYPE_MISMATCH', `${left.label} is of type ${leftType}${left.def?.nullable ? ' (nullable)' : ''}: ${problems.join('; ')}`, [...at, 'value'], ctx.file),
        );
        return ALWAYS_FALSE;
      }
    } else if (ORDERED_OPERATORS.has(leaf.operator) && typeof v !== 'number') {
      const problem = v === null ? nullOrderedProblem(leaf.operator, true) : `"${leaf.operator}" on a path value needs a number, got ${quoted(v)}`;
      ctx.issues.push(issue('OPERAND_TYPE_MISMATCH', problem, [...at, 'value'], ctx.file));
      return ALWAYS_FALSE;
    } else if (op.valueShape === 'list' && !Array.isArray(v)) {
      // json-rules-engine would look the value up with `indexOf`: inside a text it finds a substring ("pen" in "open"), anything else throws.
      ctx.issues.push(
        issue('OPERAND_TYPE_MISMATCH', `"${leaf.operator}" needs a list of values, got ${quoted(v)} (for one value write [${quoted(v)}])`, [...at, 'value'], ctx.file),
      );
      return ALWAYS_FALSE;
    }
    const literal = Array.isArray(v) ? v.map((x) => runtimeLiteral(x, leftType === 'string[]' ? 'string' : leftType, left.moments)) : runtimeLiteral(v, leftType, left.moments);
    Object.freeze(literal);
    rightGet = () => literal;
    if (leaf.path === undefined) {
      const compiled = constantLeaf(leaf, left.key ?? leaf.fact, op, leftType, literal);
      if (compiled) return compiled;
    }
  }

  const evaluate = op.evaluate;
  let getLeft = left.get;
  // A money fact against a value of no declared type (a path into an object): money text or a
  // finite number there is read as a decimal, so the two compare by value (difference 2).
  if (right && leftType === 'money' && right.type === 'any') {
    const g = rightGet;
    rightGet = (f) => asMoney(g(f));
  } else if (right && leftType === 'any' && right.type === 'money') {
    const g = getLeft;
    getLeft = (f) => asMoney(g(f));
  }
  const fact = leaf.fact;
  const operator = leaf.operator;
  const pathText = leaf.path;
  const valueFact = right?.fact;
  return (f, sink) => {
    const a = getLeft(f);
    const b = rightGet(f);
    // A missing value on either side (a path that resolves to nothing) makes every comparison false.
    const result = a !== undefined && b !== undefined && evaluate(a, b);
    if (sink) {
      const t: { -readonly [K in keyof LeafTrace]: LeafTrace[K] } = { fact, operator, factValue: jsonSafe(a) ?? null, value: jsonSafe(b), result };
      if (pathText !== undefined) t.path = pathText;
      if (valueFact !== undefined) t.valueFact = valueFact;
      sink.push(t);
    }
    return result;
  };
}

/**
 * The closure of a leaf `fact <built-in operator> constant` (no path),
 * reading the fact directly (by name or slot): the same answers as the
 * operator's `evaluate` (test/conditions/constant-leaves.test.ts), without
 * its generic type dispatch. Money is compared with a
 * decimal constant (a side that is not a decimal is never equal and never
 * ordered) with no copy of the constant per comparison (big.js's `cmp` makes
 * one); NaN is not ordered (false for every ordered comparison, as in
 * json-rules-engine).
 *
 * Each operator's comparison is a function literal of its own. A shared
 * closure calling a per-leaf test function saw every operator of the pack at
 * its one call site, which the engine then could not specialise: on a
 * 10,000-rule pack that made a decision ≈ 2× slower and its speed vary from
 * process to process (docs/performance.md, "Tenth round").
 *
 * `undefined` for host operators, `any`/`object` facts and a money fact
 * whose constant is not a decimal: those take the generic path.
 */
function constantLeaf(leaf: LeafCondition, key: string | number, op: OperatorDefinition, type: FactType | 'any', value: unknown): CompiledCondition | undefined {
  if (type === 'any' || type === 'object' || (type === 'money' && !isBig(value))) return undefined;
  const { fact, operator } = leaf;
  const shown = jsonSafe(value); // the constant as the trace prints it, worked out once
  const record = (sink: LeafTrace[], a: unknown, result: boolean): boolean => {
    sink.push({ fact, operator, factValue: jsonSafe(a) ?? null, value: shown, result });
    return result;
  };
  type Facts = Readonly<Record<string | number, unknown>>;
  if (type === 'money') {
    const d = value as Big;
    switch (op) {
      case BUILTIN_OPERATORS.equal:
        return (f, sink) => { const a = (f as Facts)[key]; const r = isBig(a) && compareDecimals(a, d) === 0; return sink ? record(sink, a, r) : r; };
      case BUILTIN_OPERATORS.notEqual:
        return (f, sink) => { const a = (f as Facts)[key]; const r = a !== undefined && !(isBig(a) && compareDecimals(a, d) === 0); return sink ? record(sink, a, r) : r; };
      case BUILTIN_OPERATORS.lessThan:
        return (f, sink) => { const a = (f as Facts)[key]; const r = isBig(a) && compareDecimals(a, d) < 0; return sink ? record(sink, a, r) : r; };
      case BUILTIN_OPERATORS.lessThanInclusive:
        return (f, sink) => { const a = (f as Facts)[key]; const r = isBig(a) && compareDecimals(a, d) <= 0; return sink ? record(sink, a, r) : r; };
      case BUILTIN_OPERATORS.greaterThan:
        return (f, sink) => { const a = (f as Facts)[key]; const r = isBig(a) && compareDecimals(a, d) > 0; return sink ? record(sink, a, r) : r; };
      case BUILTIN_OPERATORS.greaterThanInclusive:
        return (f, sink) => { const a = (f as Facts)[key]; const r = isBig(a) && compareDecimals(a, d) >= 0; return sink ? record(sink, a, r) : r; };
      default:
        return undefined;
    }
  }
  const n = value as number;
  // An ordered comparison is specialised only with a number constant (the loader refuses any other,
  // `null` included: `3 > null` is true in JavaScript); anything else takes the generic path, whose
  // `evaluate` orders only two numbers.
  if (typeof value !== 'number' && (op === BUILTIN_OPERATORS.lessThan || op === BUILTIN_OPERATORS.lessThanInclusive || op === BUILTIN_OPERATORS.greaterThan || op === BUILTIN_OPERATORS.greaterThanInclusive)) return undefined;
  switch (op) {
    case BUILTIN_OPERATORS.equal:
      return (f, sink) => { const a = (f as Facts)[key]; const r = a !== undefined && a === value; return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.notEqual:
      return (f, sink) => { const a = (f as Facts)[key]; const r = a !== undefined && a !== value; return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.in: {
      const member = memberOf(value as readonly unknown[]);
      return (f, sink) => { const a = (f as Facts)[key]; const r = a !== undefined && member(a); return sink ? record(sink, a, r) : r; };
    }
    case BUILTIN_OPERATORS.notIn: {
      const member = memberOf(value as readonly unknown[]);
      return (f, sink) => { const a = (f as Facts)[key]; const r = a !== undefined && !member(a); return sink ? record(sink, a, r) : r; };
    }
    case BUILTIN_OPERATORS.contains:
      return (f, sink) => { const a = (f as Facts)[key]; const r = Array.isArray(a) && a.includes(value); return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.doesNotContain:
      return (f, sink) => { const a = (f as Facts)[key]; const r = Array.isArray(a) && !a.includes(value); return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.lessThan:
      return (f, sink) => { const a = (f as Facts)[key]; const r = typeof a === 'number' && a < n; return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.lessThanInclusive:
      return (f, sink) => { const a = (f as Facts)[key]; const r = typeof a === 'number' && a <= n; return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.greaterThan:
      return (f, sink) => { const a = (f as Facts)[key]; const r = typeof a === 'number' && a > n; return sink ? record(sink, a, r) : r; };
    case BUILTIN_OPERATORS.greaterThanInclusive:
      return (f, sink) => { const a = (f as Facts)[key]; const r = typeof a === 'number' && a >= n; return sink ? record(sink, a, r) : r; };
    default:
      return undefined;
  }
}

/**
 * `list.includes(a)` (SameValueZero) as a closure: a plain loop for the
 * short lists conditions hold (no call into the built-in), a `Set` for long ones.
 */
function memberOf(list: readonly unknown[]): (a: unknown) => boolean {
  if (list.length > 8) {
    const set = new Set(list);
    return (a) => set.has(a);
  }
  const items = [...list];
  const n = items.length;
  return (a) => {
    for (let i = 0; i < n; i++) {
      const x = items[i];
      if (x === a || (x !== x && a !== a)) return true;
    }
    return false;
  };
}

