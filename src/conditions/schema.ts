import { z } from 'zod';
import { COMPLAINT_FACTS, LIABILITY_OUTCOME_FACTS } from '../decision/facts.js';
import { BUILTIN_OPERATORS } from './operators.js';
import { wholeValueMessage } from '../errors/zod.js';
import { quoted } from '../errors/errors.js';

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

/** The message of a condition that fits none of the five shapes because it mixes them (e.g. both `all` and `any`). */
const CONDITION_SHAPE = 'a condition has exactly one of all / any / not / condition / fact (a fact with operator and value)';

/** The message of a condition with none of the keys of any shape (`{}`), which the best shape would report as a missing `all`. */
const NO_SHAPE = wholeValueMessage(`${CONDITION_SHAPE}; this one is empty (a rule without "conditions" always applies)`);

/** The keys that say which shape a condition is. */
const SHAPE_KEYS = ['all', 'any', 'not', 'condition', 'fact'] as const;

/**
 * The message of a condition that mixes shapes, naming the keys it mixes:
 * `… this one has both "not" and "fact"`. `undefined` when the value is not an
 * object with two or more of the shape keys.
 */
function mixedShapeMessage(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const found = SHAPE_KEYS.filter((k) => Object.hasOwn(input, k)).map((k) => `"${k}"`);
  if (found.length < 2) return undefined;
  const listed = found.length === 2 ? `both ${found[0]} and ${found[1]}` : `${found.slice(0, -1).join(', ')} and ${found[found.length - 1]}`;
  return `${CONDITION_SHAPE}; this one has ${listed}: split it, e.g. { "all": [ … ] } holding one condition of each`;
}

/** An object with no key but a condition's common ones (`{}`, `{ "priority": 2 }`). */
function isEmptyCondition(input: unknown): boolean {
  return input !== null && typeof input === 'object' && !Array.isArray(input) && Object.keys(input).every((k) => k === 'priority' || k === 'name');
}

/**
 * The error of each shape of a condition: a key of another shape (`{ "not": …, "fact": … }`) is the
 * condition mixing shapes, said of the condition as a whole, whichever shape zod reports — a union
 * with one branch that did not fail outright reports only that branch's unknown keys.
 */
const shapeError = { error: (iss: z.core.$ZodRawIssue) => (iss.code === 'unrecognized_keys' && iss.keys.some((k) => (SHAPE_KEYS as readonly string[]).includes(k)) ? mixedShapeMessage(iss.input) : undefined) };

/** Built-in operator names, suggested by the JSON Schema (hosts may add operators). */
const OPERATOR_NAMES = Object.keys(BUILTIN_OPERATORS);

const zJson: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(zJson), z.record(z.string(), zJson)]),
);

/**
 * The facts only lifecycle conditions read (see `lifecycleFacts`). Listed here
 * for the JSON Schema's suggestions: `lifecycleFacts` itself cannot be imported
 * here (an import cycle); a test keeps the two lists equal.
 *
 * @internal
 */
export const LIFECYCLE_ONLY_FACTS = [
  'state',
  'event',
  'actorRole',
  'actorIsOwner',
  'actorIsHandler',
  'greenChannel',
  'satisfaction',
  'followUpRecorded',
  'proposalOptions',
  'proposalAmount',
  'reviewResult',
  'liabilityUpheld',
  'handOffs',
  'eventData',
] as const;

/**
 * Built-in fact names suggested by the JSON Schema: the complaint facts, which every kind of
 * file may read. One condition schema serves every kind, so the facts only some kinds read
 * (the liability outcome in remedies, the lifecycle facts) are named in the description
 * instead — suggested everywhere, they would steer liability rules to facts refused there.
 */
const FACT_NAMES = Object.keys(COMPLAINT_FACTS);

/**
 * Priority of a condition or a rule, as both zod and the JSON Schema read it.
 * zod accepts any number so that the loader reports a bad one with its own
 * code (`INVALID_PRIORITY`) together with every other problem of the file; the
 * JSON Schema says "integer ≥ 1" so that an editor flags it while typing.
 *
 * @param description - what the priority orders
 * @returns the zod schema of an optional priority
 * @internal
 */
export const zPriority = (description: string) =>
  z
    .number()
    .optional()
    .meta({ description, type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as Record<string, unknown>);

const common = {
  priority: zPriority('Positive integer; higher is evaluated first.'),
  name: z.string().max(200).optional().meta({ description: 'A name shown in the trace.' }),
};

/**
 * The most conditions one `all` or `any` list may hold. A longer list is
 * refused before its items are read: zod gathers one problem per wrong item,
 * and a few hundred thousand of them (a 1 MiB file holds 500,000 `1,`) overflow
 * the call stack inside zod — a `RangeError` instead of a problem. The
 * comparisons and groups of a whole file are bounded by `maxConditionNodes`.
 *
 * @category Conditions
 * @internal
 */
export const MAX_CONDITION_LIST = 10_000;

/** A non-empty list of conditions (an empty one is refused by the loader with EMPTY_CONDITION; the JSON Schema says minItems 1). */
const conditionList = (description: string) =>
  z
    .array(zCondition)
    .max(MAX_CONDITION_LIST, { error: `an "all" or "any" list holds at most ${MAX_CONDITION_LIST} conditions (group them in nested lists)` })
    .meta({ description, minItems: 1 } as Record<string, unknown>);

/**
 * zod schema of a condition (json-rules-engine format). Structural only: the
 * loader adds the semantic checks (safe paths, known facts and operators,
 * non-empty `all` / `any`, operand types, integer priorities, no cycles).
 * Non-empty `all` / `any` and integer priorities ≥ 1 are also written into
 * the JSON Schema (as metadata, so the loader still reports them with their
 * own codes), and the built-in fact and operator names are its `examples`.
 *
 * @category Conditions
 */
export const zCondition: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({
        fact: z
          .string()
          .max(200)
          .meta({
            description:
              `The fact compared: a complaint fact (suggested), or in remedy rules also the liability outcome (${Object.keys(LIABILITY_OUTCOME_FACTS).join(', ')}), in lifecycle conditions also the lifecycle facts (${LIFECYCLE_ONLY_FACTS.join(', ')}), or a fact the host defined.`,
            examples: FACT_NAMES,
          }),
        operator: z
          .string()
          .max(100)
          .meta({ description: 'How the fact is compared with the value: a built-in operator or one the host defined.', examples: OPERATOR_NAMES }),
        value: z
          .union([
            z
              .strictObject({
                fact: z.string().max(200).meta({ description: 'The other fact compared with.' }),
                path: z.string().max(500).optional().meta({ description: 'Plain path into the other fact, e.g. "order.items[0].sku".' }),
              })
              .meta({ description: 'Compare with another fact instead of a constant.' }),
            // An object with a `fact` key is read as a fact reference: one that is not a valid reference is refused, never taken as a constant.
            zJson.refine((v) => v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, 'fact'), {
              message: 'an object with a "fact" key is a fact reference: { "fact": "<fact>", "path": "<plain path>" } and nothing else',
            }),
          ])
          .meta({
            description:
              'The value compared with, of the fact\'s type (money as a decimal string, a list for "in" / "notIn"), or { "fact": "<other fact>" } to compare with another fact.',
          }),
        path: z
          .string()
          .max(500)
          .optional()
          .meta({ description: 'Plain dotted/indexed path into an object-valued fact, e.g. "order.items[0].sku" (no filters or expressions).' }),
        params: z.record(z.string(), zJson).optional().meta({ description: 'Parameters passed to the fact (kept for json-rules-engine compatibility).' }),
        ...common,
      }, shapeError),
      z.strictObject({ all: conditionList('Every one of these conditions holds (at least one condition).'), ...common }, shapeError),
      z.strictObject({ any: conditionList('At least one of these conditions holds (at least one condition).'), ...common }, shapeError),
      z.strictObject({ not: zCondition, ...common }, shapeError).meta({ description: 'The condition under "not" does not hold.' }),
      z.strictObject({ condition: z.string().max(200).meta({ description: 'The name of a named condition of this file ("conditions").' }), ...common }, shapeError),
    ],
    {
      error: (iss) =>
        mixedShapeMessage(iss.input) ??
        (isEmptyCondition(iss.input) ? NO_SHAPE : undefined) ??
        (iss.input !== undefined && (iss.input === null || typeof iss.input !== 'object' || Array.isArray(iss.input))
          ? `a condition is an object { … } with one of all / any / not / condition / fact, not ${Array.isArray(iss.input) ? 'a list [ … ]' : quoted(iss.input)}`
          : CONDITION_SHAPE),
    },
  ),
).meta({ id: 'Condition', description: 'A json-rules-engine style condition: all / any / not / condition reference / fact comparison.' });
