import { z } from 'zod';
import { headerShape } from '../pack/header.js';
import { ruleBaseShape, zHitPolicy, zNamedConditions } from '../conditions/ruleset.js';
import { COST_BEARERS } from '../decision/facts.js';
import { zRate, zMoney } from '../money/money.js';
import { zPriority } from '../conditions/schema.js';

/** Remedy types (POLICY-SPEC §5). @category Remedies */
export const REMEDY_TYPES = [
  'refund',
  'exchange',
  'repair',
  'resend-parts',
  'price-compensation',
  'technical-guidance',
  'allowance',
  'claim',
  'rework',
  'goodwill',
] as const;
/** A remedy type. @category Remedies */
export type RemedyType = (typeof REMEDY_TYPES)[number];

/** A cost bearer, or `liability` for "whoever the liability rules named". */
const zBearerRef = z.enum([...COST_BEARERS, 'liability']).meta({ description: 'A cost bearer, or "liability" for the cost bearer decided by the liability rules.' });

/**
 * How an option is costed: a rate of a money fact, or a fixed amount.
 *
 * @category Remedies
 */
export const zCostEstimate = z.union([
  z.strictObject({
    of: z.enum(['orderTotal', 'claimAmount']).meta({ description: 'The money fact the estimate is based on.' }),
    rate: zRate.default('1').meta({ description: 'Multiplier, e.g. "1" for the whole amount, "0.10" for 10%.' }),
  }),
  z.strictObject({ fixed: zMoney }),
]);

/**
 * A duration in calendar time.
 *
 * @category Remedies
 */
export const zDuration = z
  .strictObject({
    hours: z.number().int().positive().max(100_000).optional().meta({ description: 'Whole hours, at least 1.' }),
    days: z.number().int().positive().max(3650).optional().meta({ description: 'Whole calendar days, at least 1.' }),
  })
  .refine((d) => d.hours !== undefined || d.days !== undefined, { error: 'give "hours" or "days"' })
  // The refinement, as the JSON Schema says it (an empty object is refused).
  .meta({ description: 'A duration: "hours", "days" or both (added).', minProperties: 1 } as Record<string, unknown>);

/**
 * A remedy rule file (`kind: Remedies`). Rules `offer` an option or `exclude`
 * a type with a reason; the hit policy is normally `collect`.
 *
 * @category Remedies
 */
export const RemediesSchema = z
  .strictObject({
    ...headerShape('Remedies'),
    hitPolicy: zHitPolicy.default('collect'),
    minimumOptions: z.number().int().min(1).max(10).default(2).meta({ description: 'Options an upheld complaint must get (seed 001 §三.4: at least two).' }),
    conditions: zNamedConditions,
    rules: z
      .array(
        z
          .strictObject({
            ...ruleBaseShape,
            priority: zPriority('Positive integer, default 1; higher rules are tried first.'),
            offer: z
              .strictObject({
                type: z.enum(REMEDY_TYPES).meta({ description: 'The remedy type offered.' }),
                label: z.string().min(1).max(500).meta({ description: 'How the option is shown to the customer.' }),
                costBearer: zBearerRef,
                returnShipping: zBearerRef.optional().meta({ description: 'Who pays return shipping, when goods travel back (seed 002 §(四)2).' }),
                cost: zCostEstimate.meta({ description: 'The estimated cost of the option.' }),
                resolveWithin: zDuration.meta({ description: 'Expected resolution time from the decision: "hours", "days" or both.' }),
              })
              .optional()
              .meta({ description: 'The remedy option this rule offers when it fires (a rule has exactly one of "offer" or "exclude").' }),
            exclude: z
              .strictObject({
                types: z.array(z.enum(REMEDY_TYPES)).min(1).max(10).meta({ description: 'The remedy types not offered when this rule fires, whichever rule offers them.' }),
                reason: z.string().min(1).max(1000).meta({ description: 'Why, shown in the decision.' }),
              })
              .optional()
              .meta({ description: 'Remedy types this rule rules out when it fires, with the reason (a rule has exactly one of "offer" or "exclude").' }),
          })
          // Checked by the loader (SCHEMA_VIOLATION 'rule "…" must have exactly one of "offer" or "exclude"'); the JSON Schema says it too.
          .meta({
            oneOf: [
              { type: 'object', required: ['offer'], properties: { offer: { type: 'object' } } },
              { type: 'object', required: ['exclude'], properties: { exclude: { type: 'object' } } },
            ],
          } as Record<string, unknown>),
      )
      .min(1)
      .meta({ description: 'At most 1,000 rules unless the host loads the pack with a higher limits.maxRules (a load limit, like the size of a file).' }),
  })
  .meta({ id: 'Remedies', title: 'aftersales-policy remedy rules' });

/** A remedy rule file. @category Remedies */
export type RemediesFile = z.output<typeof RemediesSchema>;
/** One remedy rule. @category Remedies */
export type RemedyRule = RemediesFile['rules'][number];
