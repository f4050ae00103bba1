import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { zRate } from '../money/money.js';
import { headerShape, zClause } from '../pack/header.js';

/**
 * How a loss type turns an input item into an amount:
 *
 * - `actual-amount` — the amount actually paid or granted (`amount`) × `rate`
 *   (claim 索赔, allowance 折让);
 * - `quantity-price` — `quantity` × a unit price × `rate`; the `price` says
 *   which price the item carries (return 退回 at the actual selling price × 20%,
 *   resend 补送 at the A-grade selling price);
 * - `labour-handling` — (`labour` + `handling` + optional `wastage`) × `rate`
 *   (rework 重修: labour plus handling/transport, wastage included).
 *
 * @category Loss
 */
export const LOSS_METHODS = ['actual-amount', 'quantity-price', 'labour-handling'] as const;

/** A loss-calculation method. @category Loss */
export type LossMethod = (typeof LOSS_METHODS)[number];

/**
 * The unit prices a `quantity-price` loss type can be based on, and the input
 * field that carries each: `actual-selling-price` → `unitPrice`,
 * `a-grade-price` → `aGradeUnitPrice`.
 *
 * @category Loss
 */
export const PRICE_BASES = { 'actual-selling-price': 'unitPrice', 'a-grade-price': 'aGradeUnitPrice' } as const;

/** A price basis. @category Loss */
export type PriceBasis = keyof typeof PRICE_BASES;

const typeBase = {
  id: zId.meta({ description: 'Stable id of the loss type; input items name it in "type", e.g. "return".' }),
  label: z.string().min(1).max(200).meta({ description: 'What the loss counts, in words, e.g. "compensation actually paid".' }),
  clause: zClause,
  description: z.string().min(1).max(2000).optional(),
  rate: zRate.default('1').meta({ description: 'Multiplier applied to the base, e.g. "0.20" for 20%. Default "1".' }),
};

/**
 * One loss type of a loss model: a stable id, the method and its rate/basis.
 *
 * @category Loss
 */
export const zLossType = z.discriminatedUnion('method', [
  z.strictObject({ ...typeBase, method: z.literal('actual-amount') }),
  z.strictObject({
    ...typeBase,
    method: z.literal('quantity-price'),
    price: z.enum(Object.keys(PRICE_BASES) as [PriceBasis, ...PriceBasis[]]).meta({
      description: 'Which unit price the item carries: actual-selling-price (input field unitPrice) or a-grade-price (input field aGradeUnitPrice).',
    }),
    reconcile: z
      .boolean()
      .default(false)
      .meta({ description: 'Items may give approvedQuantity: the returned quantity is reconciled against it within the over-delivery tolerance (seed 003 art.3 §十三.2).' }),
  }),
  z.strictObject({ ...typeBase, method: z.literal('labour-handling') }),
]);

/**
 * A loss model file (`kind: LossModel`): the loss types with their rates and
 * bases (seed 003 art.3 客户投诉损失金额核算标准), the resale window of the
 * administrative penalty rules (行政处罚准则 一), and the default over-delivery
 * tolerance used to reconcile returned quantities (§十三.2).
 *
 * @example
 * ```ts
 * LossModelSchema.parse(JSON.parse(readFileSync('rules/manufacturer/lossmodel.json', 'utf8'))).types[2]
 * // → { id: 'return', method: 'quantity-price', price: 'actual-selling-price', rate: '0.20', reconcile: true, … }
 * ```
 * @category Loss
 */
export const LossModelSchema = z
  .strictObject({
    ...headerShape('LossModel'),
    clause: zClause,
    types: z.array(zLossType).min(1).max(50).meta({ description: 'Loss types, each with a unique id.' }),
    resale: z
      .strictObject({
        windowMonths: z.number().int().min(1).max(36).meta({ description: 'Calendar months given to resell the goods after an administrative penalty is decided.' }),
        clause: zClause,
        description: z.string().min(1).max(2000).optional(),
      })
      .optional()
      .meta({ description: 'Resold within the window: the loss is the shortfall against the A-grade value; otherwise the actual loss.' }),
    returnReconciliation: z
      .strictObject({
        defaultOverDeliveryTolerance: zRate.meta({ description: 'Tolerance used when the customer stated none, e.g. "0.05" for 5%.' }),
        clause: zClause,
        description: z.string().min(1).max(2000).optional(),
      })
      .optional()
      .meta({ description: 'Reconciling the actually returned quantity against the approved quantity.' }),
  })
  .meta({ id: 'LossModel', title: 'aftersales-policy loss model' });

/** A loss model file. @category Loss */
export type LossModelFile = z.output<typeof LossModelSchema>;
/** One loss type. @category Loss */
export type LossType = LossModelFile['types'][number];
