import { z } from 'zod';

/**
 * A JSON value (used for condition values and params).
 *
 * @category Conditions
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A comparison of one fact with a value (json-rules-engine's leaf format).
 *
 * @category Conditions
 */
export interface LeafCondition {
  /** Fact name, e.g. `nature`. */
  fact: string;
  /** Operator name, e.g. `equal`, `in`, `greaterThan`. */
  operator: string;
  /** The value compared with, or `{ "fact": "other" }` to compare with another fact. */
  value: JsonValue | { fact: string; path?: string | undefined };
  /** Plain dotted/indexed path into an object-valued fact, e.g. `order.items[0].sku`. */
  path?: string | undefined;
  /** Parameters passed to the fact (kept for format compatibility). */
  params?: Record<string, JsonValue> | undefined;
  /** Evaluation order hint (json-rules-engine compatible); positive integer. */
  priority?: number | undefined;
  /** A name shown in the trace. */
  name?: string | undefined;
}

/**
 * A condition: `all`, `any`, `not`, a reference to a named condition, or a leaf.
 *
 * @category Conditions
 */
export type Condition =
  | { all: Condition[]; priority?: number | undefined; name?: string | undefined }
  | { any: Condition[]; priority?: number | undefined; name?: string | undefined }
  | { not: Condition; priority?: number | undefined; name?: string | undefined }
  | { condition: string; priority?: number | undefined; name?: string | undefined }
  | LeafCondition;

const zJson: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(zJson), z.record(z.string(), zJson)]),
);

const common = {
  priority: z.number().optional().meta({ description: 'Positive integer; higher is evaluated first.' }),
  name: z.string().max(200).optional(),
};

/**
 * zod schema of a condition (json-rules-engine format). Structural only: the
 * loader adds the semantic checks (safe paths, known facts and operators,
 * non-empty `all` / `any`, operand types, integer priorities, no cycles).
 *
 * @category Conditions
 */
export const zCondition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      fact: z.string().max(200),
      operator: z.string().max(100),
      value: z.union([
        z.strictObject({ fact: z.string().max(200), path: z.string().max(500).optional() }),
        // An object with a `fact` key is read as a fact reference: one that is not a valid reference is refused, never taken as a constant.
        zJson.refine((v) => v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, 'fact'), {
          message: 'an object with a "fact" key is a fact reference: { "fact": "<fact>", "path": "<plain path>" } and nothing else',
        }),
      ]),
      path: z.string().max(500).optional(),
      params: z.record(z.string(), zJson).optional(),
      ...common,
    }),
    z.strictObject({ all: z.array(zCondition), ...common }),
    z.strictObject({ any: z.array(zCondition), ...common }),
    z.strictObject({ not: zCondition, ...common }),
    z.strictObject({ condition: z.string().max(200), ...common }),
  ]),
).meta({ id: 'Condition', description: 'A json-rules-engine style condition: all / any / not / condition reference / fact comparison.' });
