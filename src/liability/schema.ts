import { z } from 'zod';
import { headerShape, zClause } from '../pack/header.js';
import { ruleBaseShape, zNamedConditions } from '../conditions/ruleset.js';
import { zPriority } from '../conditions/schema.js';
import { COST_BEARERS, PARTIES } from '../decision/facts.js';
import { zId } from '../bands/bands.js';

/**
 * What a liability rule decides.
 *
 * @category Liability
 */
export const zLiabilityOutcome = z
  .strictObject({
    party: z.enum(PARTIES).meta({ description: 'Who is at fault.' }),
    costBearer: z.enum(COST_BEARERS).meta({ description: 'Who bears the remedy costs towards the customer.' }),
    upheld: z.boolean().meta({ description: 'Whether the complaint is upheld against the company.' }),
    principle: z.string().min(1).max(2000).meta({ description: 'The principle applied, in words.' }),
    recoverFrom: z.enum(PARTIES).optional().meta({ description: 'The company pays first and recovers later from this party.' }),
    thirdPartyTesting: z
      .strictObject({
        required: z.literal(true),
        feeBearer: z.literal('liable-party').meta({ description: 'The testing fee is borne by the party found liable.' }),
      })
      .optional()
      .meta({ description: 'Send the goods to an accredited testing body.' }),
  })
  .meta({ description: 'The liability decision of a rule.' });

/**
 * A liability rule file (`kind: Liability`).
 *
 * @category Liability
 */
export const LiabilitySchema = z
  .strictObject({
    ...headerShape('Liability'),
    hitPolicy: z
      .literal('first', { error: 'a liability file decides one liability: "hitPolicy" can only be "first" (the first firing rule by priority, then id); "collect" is for remedies' })
      .default('first')
      .meta({ description: 'Always "first": the first firing rule by priority, then id, decides the liability.' }),
    conditions: zNamedConditions,
    rules: z
      .array(z.strictObject({ ...ruleBaseShape, priority: zPriority('Positive integer, default 1; higher rules are tried first.'), outcome: zLiabilityOutcome }))
      .min(1)
      .meta({ description: 'At most 1,000 rules unless the host loads the pack with a higher limits.maxRules (a load limit, like the size of a file).' }),
    default: z
      .strictObject({ id: zId, description: z.string().min(1).max(2000), clause: zClause, outcome: zLiabilityOutcome })
      .meta({ description: 'The decision when no rule fires.' }),
  })
  .meta({ id: 'Liability', title: 'aftersales-policy liability rules' });

/** A liability rule file. @category Liability */
export type LiabilityFile = z.output<typeof LiabilitySchema>;
/** One liability rule. @category Liability */
export type LiabilityRule = LiabilityFile['rules'][number];
