import { z } from 'zod';
import { zBandRange, zId } from '../bands/bands.js';
import { zMoney, zRate } from '../money/money.js';
import { headerShape, zClause } from '../pack/header.js';

/**
 * Administrative sanctions, lightest first (seed 003 art.3 行政处罚准则 三):
 * written self-criticism 悔过书, reprimand 申诫 (the 警告 "warning" of 五),
 * minor demerit 小过, major demerit 大过.
 *
 * @category Penalties
 */
export const SANCTION_TYPES = ['self-criticism', 'reprimand', 'minor-demerit', 'major-demerit'] as const;

/** A sanction type. @category Penalties */
export type SanctionType = (typeof SANCTION_TYPES)[number];

/**
 * A sanction: its type and how many times (`申诫二次` = reprimand ×2).
 * `orMore` marks an open-ended count (`大过二次以上` = major demerit ×2 or more).
 *
 * @category Penalties
 */
export const zSanction = z.strictObject({
  type: z.enum(SANCTION_TYPES),
  count: z.number().int().min(1).max(10).meta({ description: 'How many times, e.g. 2 for 申诫二次.' }),
  orMore: z.boolean().optional().meta({ description: 'True when the count is a minimum (二次以上).' }),
});

/**
 * The supervisor's joint penalty of a band (主管连带处分,以降一级为原则).
 *
 * @category Penalties
 */
export const zSupervisorRule = z.strictObject({
  jointPenalty: z.boolean().meta({ description: 'Whether the person\'s supervisor is penalised jointly.' }),
  levelsLower: z
    .number()
    .int()
    .min(1)
    .max(10)
    .optional()
    .meta({ description: 'With jointPenalty: the supervisor normally gets the sanction this many bands lower (1 = one level lower).' }),
  note: z.string().min(1).max(500).optional(),
});

/**
 * One penalty band: the individual liability amount range (`over` < amount ≤
 * `upTo`), the sanction and the supervisor rule.
 *
 * @category Penalties
 */
export const zPenaltyBand = z.strictObject({
  ...zBandRange,
  sanction: zSanction,
  supervisor: zSupervisorRule,
});

const fineBase = {
  id: zId,
  sanction: z.enum(SANCTION_TYPES).meta({ description: 'The sanction this fine converts.' }),
  clause: zClause,
  quote: z.string().min(1).max(500).optional().meta({ description: 'The policy text, quoted.' }),
};

/**
 * How a sanction converts to a fine (seed 003 art.3 行政处罚准则 五, and 三 for
 * the self-criticism): a fixed amount, an amount per base point of the
 * person, or a rate of the person's monthly efficiency bonus. `perCount`
 * multiplies by the sanction count; `atLeast` marks the amount as a minimum
 * (罚扣…元以上: the general manager's office may set more).
 *
 * @category Penalties
 */
export const zFineRule = z.discriminatedUnion('method', [
  z.strictObject({
    ...fineBase,
    method: z.literal('fixed'),
    amount: zMoney,
    perCount: z.boolean().default(true),
    atLeast: z.boolean().default(false),
  }),
  z.strictObject({
    ...fineBase,
    method: z.literal('per-base-point'),
    amount: zMoney.meta({ description: 'Amount per base point of the person.' }),
    perCount: z.boolean().default(true),
    atLeast: z.boolean().default(false),
  }),
  z.strictObject({
    ...fineBase,
    method: z.literal('monthly-bonus'),
    rate: zRate.meta({ description: 'Share of the month\'s efficiency bonus, "1" for all of it.' }),
  }),
]);

/**
 * A penalty band file (`kind: PenaltyBands`): ordered amount bands of the
 * individual liability amount → sanction and supervisor joint penalty, and
 * the fine of each sanction (seed 003 art.3 行政处罚准则 三, 五).
 *
 * @example
 * ```ts
 * PenaltyBandsSchema.parse(JSON.parse(readFileSync('rules/manufacturer/penalties.json', 'utf8'))).bands[1]
 * // → { id: 'reprimand-1', over: '10000.00', upTo: '50000.00', sanction: { type: 'reprimand', count: 1 }, … }
 * ```
 * @category Penalties
 */
export const PenaltyBandsSchema = z
  .strictObject({
    ...headerShape('PenaltyBands'),
    amount: z
      .enum(['individualLiability'])
      .default('individualLiability')
      .meta({ description: 'Which amount selects the band: the person\'s liability amount after allocation.' }),
    clause: zClause,
    bands: z.array(zPenaltyBand).min(1).max(100).meta({ description: 'Ascending, contiguous bands: each covers over < amount ≤ upTo; sanctions never get lighter.' }),
    fines: z.array(zFineRule).min(1).max(20).meta({ description: 'One fine rule per sanction type used by the bands.' }),
  })
  .meta({ id: 'PenaltyBands', title: 'aftersales-policy penalty bands' });

/** A penalty band file. @category Penalties */
export type PenaltyBandsFile = z.output<typeof PenaltyBandsSchema>;
/** One penalty band. @category Penalties */
export type PenaltyBand = PenaltyBandsFile['bands'][number];
/** One fine rule. @category Penalties */
export type FineRule = PenaltyBandsFile['fines'][number];
/** A sanction. @category Penalties */
export type Sanction = z.output<typeof zSanction>;

/**
 * Attribution levels (seed 003 art.3 经济处罚准则 一, 二): the smallest team
 * (manufacturing), the individual (sales, service), the department.
 *
 * @category Penalties
 */
export const ATTRIBUTION_LEVELS = ['team', 'individual', 'department'] as const;

/** An attribution level. @category Penalties */
export type AttributionLevel = (typeof ATTRIBUTION_LEVELS)[number];

/**
 * An economic penalty file (`kind: EconomicPenalty`, seed 003 art.3
 * 经济处罚准则): whom a deduction is attributed to, the person's share
 * (unit loss ÷ unit's total base points × person's base points), and the
 * monthly cap with instalments.
 *
 * @example
 * ```ts
 * EconomicPenaltySchema.parse(JSON.parse(readFileSync('rules/manufacturer/deductions.json', 'utf8'))).cap.rate // → '0.50'
 * ```
 * @category Penalties
 */
export const EconomicPenaltySchema = z
  .strictObject({
    ...headerShape('EconomicPenalty'),
    clause: zClause,
    attribution: z
      .strictObject({
        rules: z
          .array(
            z.strictObject({
              id: zId,
              department: zId.meta({ description: 'The department id this rule is for, e.g. "manufacturing".' }),
              prefer: z
                .array(z.enum(['team', 'individual']))
                .min(1)
                .max(2)
                .meta({ description: 'Levels tried in order before falling back to the department.' }),
              clause: zClause,
              description: z.string().min(1).max(2000).optional(),
            }),
          )
          .max(50),
        default: z
          .strictObject({ id: zId, clause: zClause, description: z.string().min(1).max(2000).optional() })
          .meta({ description: 'Every other department: attributed to the department.' }),
      })
      .meta({ description: 'Whom a complaint deduction is attributed to.' }),
    share: z
      .strictObject({ clause: zClause, quote: z.string().min(1).max(500).optional() })
      .meta({ description: 'The person\'s share: unit loss ÷ unit total base points × person base points.' }),
    cap: z
      .strictObject({
        rate: zRate.meta({
          description: 'At most this share of one month\'s efficiency bonus is deducted per month: above 0 and at most 1, e.g. "0.50".',
          // Checked by the loader (SCHEMA_VIOLATION 'the monthly cap rate must be above 0 and at most 1'); the JSON Schema says it too.
          allOf: [{ type: 'string', pattern: '^(0\\.0*[1-9][0-9]*|1(\\.0+)?)$' }],
        } as Record<string, unknown>),
        of: z.literal('monthlyBonus'),
        clause: zClause,
        quote: z.string().min(1).max(500).optional(),
      })
      .meta({ description: 'The monthly cap; the rest is deducted in later monthly instalments.' }),
  })
  .meta({ id: 'EconomicPenalty', title: 'aftersales-policy economic penalty' });

/** An economic penalty file. @category Penalties */
export type EconomicPenaltyFile = z.output<typeof EconomicPenaltySchema>;
