/**
 * The type of a fact's value, checked against condition operands at load.
 *
 * - `money`: an exact decimal (compared as a decimal, never as text or float)
 * - `instant`: ISO 8601 text with offset (only `equal`/`notEqual`)
 * - `object`: structured data reachable with a plain `path` (checked at run time)
 *
 * @category Conditions
 */
export type FactType = 'string' | 'number' | 'boolean' | 'money' | 'instant' | 'string[]' | 'object';

/**
 * The declared shape of a value a condition `path` reads into (an object
 * fact's value, or a part of it). A path into an object fact that declares a
 * {@link FactDefinition.shape} is resolved against it when the pack loads: an
 * unknown field is `UNKNOWN_REFERENCE`, and the field it ends at gives the
 * comparison its type, checked like a fact's (`OPERAND_TYPE_MISMATCH`).
 *
 * - `string` (with `values` when only those can occur), `number`, `boolean`,
 *   `money` (money text such as `"299.00"`, compared as a decimal) and
 *   `instant` (ISO 8601 text with offset) are leaves;
 * - `object` lists its `fields`; `array` gives the shape of its `items`;
 * - `nullable`: the value may be `null`; `optional`: it may be absent (a
 *   comparison with an absent value is false).
 *
 * @category Conditions
 */
export type FieldShape =
  | { readonly type: 'string'; readonly values?: readonly string[]; readonly nullable?: boolean; readonly optional?: boolean }
  | { readonly type: 'number' | 'boolean' | 'money' | 'instant'; readonly nullable?: boolean; readonly optional?: boolean }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, FieldShape>>; readonly nullable?: boolean; readonly optional?: boolean }
  | { readonly type: 'array'; readonly items: FieldShape; readonly nullable?: boolean; readonly optional?: boolean };

/**
 * A named fact that conditions may read.
 *
 * @typeParam Ctx - what the fact is computed from (a complaint and `now`, a lifecycle snapshot, …)
 * @category Conditions
 */
export interface FactDefinition<Ctx = unknown> {
  /** Value type, for load-time operand checks. */
  readonly type: FactType;
  /** For string facts: the only values it can take (typos in packs become load errors). */
  readonly values?: readonly string[];
  /** True when the fact may be `null` (e.g. not delivered yet). */
  readonly nullable?: boolean;
  /**
   * For `object` facts: the shape of the value, which condition `path`s are
   * checked against at load (see {@link FieldShape}). Without it a path into
   * the fact is not checked: a field that does not exist is only missing at
   * run time (the comparison is false). The built-in `complaint` fact
   * declares the complaint's shape; a host fact that replaces it declares
   * its own or none.
   */
  readonly shape?: FieldShape;
  /** For people and generated docs. */
  readonly description: string;
  /** Computes the value. Must be pure. Money facts return a `Decimal`. */
  readonly compute: (ctx: Ctx) => unknown;
}

/**
 * The facts available to one family of conditions, by name.
 *
 * @category Conditions
 */
export type FactRegistry<Ctx = unknown> = Readonly<Record<string, FactDefinition<Ctx>>>;

/**
 * Computes the named facts once, into a plain object the compiled conditions read.
 *
 * @param registry - fact definitions
 * @param names - which facts to compute (those the pack references)
 * @param ctx - the input
 * @returns fact name → value
 * @category Conditions
 */
export function computeFacts<Ctx>(registry: FactRegistry<Ctx>, names: readonly string[], ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const name of names) out[name] = registry[name]!.compute(ctx);
  return out;
}

/**
 * Like {@link slotFactComputer}, but computes only the facts at the slots it
 * is given (the other entries stay empty): for rules known to read only
 * those.
 *
 * @param registry - fact definitions
 * @param names - the facts, in slot order
 * @returns `(ctx, slots) => values by slot`
 * @example
 * ```ts
 * slotFactsAt(COMPLAINT_FACTS, ['nature', 'type'])({ complaint, now }, [1]) // → [ , 'product-quality']
 * ```
 * @category Conditions
 * @internal
 */
export function slotFactsAt<Ctx>(registry: FactRegistry<Ctx>, names: readonly string[]): (ctx: Ctx, slots: readonly number[]) => Record<string, unknown> {
  const computes = names.map((name) => registry[name]!.compute);
  return (ctx, slots) => {
    const out: unknown[] = new Array(computes.length);
    for (let k = 0; k < slots.length; k++) out[slots[k]!] = computes[slots[k]!]!(ctx);
    return out as unknown as Record<string, unknown>;
  };
}

/**
 * {@link computeFacts} with the registry look-ups done once, and the values
 * in an array in the order of
 * `names` (fact slots assigned by the condition compiler): building an array
 * is cheaper than adding named properties one by one, and compiled
 * conditions read a slot by index.
 *
 * @param registry - fact definitions
 * @param names - the facts, in slot order
 * @returns `(ctx) => values by slot` (typed as a record: only compiled conditions read it)
 * @example
 * ```ts
 * slotFactComputer(COMPLAINT_FACTS, ['nature', 'type'])({ complaint, now }) // → ['quality-defect', 'product-quality']
 * ```
 * @category Conditions
 * @internal
 */
export function slotFactComputer<Ctx>(registry: FactRegistry<Ctx>, names: readonly string[]): (ctx: Ctx) => Record<string, unknown> {
  const computes = names.map((name) => registry[name]!.compute);
  const n = computes.length;
  return (ctx) => {
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = computes[i]!(ctx);
    return out as unknown as Record<string, unknown>;
  };
}
