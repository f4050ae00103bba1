import { z } from 'zod';
import { PolicyError, issue } from '../errors/errors.js';
import { dec, zRate, type Decimal } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import { parseInput, percent, plain, requirePart, zGoodsQuantity } from './input.js';

/**
 * Input of {@link reconcileReturn}.
 *
 * @example
 * ```ts
 * ReconciliationInputSchema.safeParse({ approvedQuantity: 100, returnedQuantity: 104.5 }).success // → false
 * ```
 * @category Loss
 */
export const ReconciliationInputSchema = z
  .strictObject({
    approvedQuantity: zGoodsQuantity.meta({ description: 'Return quantity approved on the complaint form (客户抱怨处理表 核定的退货量).' }),
    returnedQuantity: zGoodsQuantity.meta({ description: 'Quantity actually returned (成品退货单 实退量).' }),
    overDeliveryTolerance: zRate.optional().meta({ description: 'The customer\'s over-delivery tolerance (超量允收比率), e.g. "0.05"; default from the pack.' }),
  })
  .meta({ id: 'ReconciliationInput' });

/** Input of {@link reconcileReturn}. @category Loss */
export type ReconciliationInput = z.input<typeof ReconciliationInputSchema>;

/**
 * How the returned quantity compares with the approved one:
 * `match`, `under` (fewer returned), `over-within-tolerance`, `over-tolerance`.
 *
 * @category Loss
 */
export type ReconciliationStatus = 'match' | 'under' | 'over-within-tolerance' | 'over-tolerance';

/**
 * The result of reconciling a returned quantity (seed 003 art.3 §十三.2).
 *
 * @category Loss
 */
export interface ReconciliationResult {
  /** How the returned quantity compares with the approved one: `match`, `under`, `over-within-tolerance` or `over-tolerance`. */
  readonly status: ReconciliationStatus;
  /** The return quantity approved on the complaint form, as given (a whole number). */
  readonly approvedQuantity: number;
  /** The quantity actually returned, as given (a whole number). */
  readonly returnedQuantity: number;
  /** The tolerance applied, e.g. `"0.05"`. */
  readonly tolerance: string;
  /** Whether the tolerance came from the customer (input) or the pack default. */
  readonly toleranceSource: 'customer' | 'pack';
  /** approved × (1 + tolerance), exact: the most that may be booked without instruction. */
  readonly acceptedUpTo: string;
  /** The quantity to book (the actual return), or `null` when it exceeds the tolerance and needs an instruction first. */
  readonly bookedQuantity: number | null;
  /** The policy clause of the pack's reconciliation rule, e.g. `seed 003 art.3 §十三.2`. */
  readonly clause: string;
  /** In words, with the numbers. */
  readonly detail: string;
}

/**
 * Reconciles quantities with a known tolerance (the core of {@link reconcileReturn}).
 *
 * @param approved - approved quantity
 * @param returned - actually returned quantity
 * @param tolerance - over-delivery tolerance as an exact rate
 * @param source - where the tolerance came from
 * @param clause - the clause to cite
 * @returns the reconciliation
 * @internal
 */
export function reconcileQuantities(approved: number, returned: number, tolerance: Decimal, source: 'customer' | 'pack', clause: string): ReconciliationResult {
  const limit = dec(approved).times(dec(1).plus(tolerance));
  const r = dec(returned);
  let status: ReconciliationStatus;
  if (returned === approved) status = 'match';
  else if (returned < approved) status = 'under';
  else if (r.lte(limit)) status = 'over-within-tolerance';
  else status = 'over-tolerance';
  const tol = `${percent(tolerance)} (${source === 'customer' ? "the customer's stated tolerance" : 'pack default'})`;
  const detail =
    status === 'over-tolerance'
      ? `returned ${returned} exceeds approved ${approved} by more than ${tol}, i.e. more than ${plain(limit)}: ask for an instruction before booking`
      : status === 'match'
        ? `returned ${returned} equals approved ${approved}: book ${returned}`
        : status === 'under'
          ? `returned ${returned} is less than approved ${approved}: book the actual return ${returned}`
          : `returned ${returned} is over approved ${approved} but within ${tol} (up to ${plain(limit)}): book the actual return ${returned}`;
  return {
    status,
    approvedQuantity: approved,
    returnedQuantity: returned,
    tolerance: plain(tolerance),
    toleranceSource: source,
    acceptedUpTo: plain(limit),
    bookedQuantity: status === 'over-tolerance' ? null : returned,
    clause,
    detail,
  };
}

/**
 * Reconciles the actually returned quantity against the approved quantity
 * (seed 003 art.3 §十三.2): fewer returned, or more but within the customer's
 * over-delivery tolerance (the pack default when the customer stated none) →
 * book the actual return; more than that → refer for an instruction
 * (`bookedQuantity: null`).
 *
 * @param policy - a loaded policy with a `LossModel` that has `returnReconciliation`
 * @param input - `{ approvedQuantity, returnedQuantity, overDeliveryTolerance? }` (untrusted)
 * @returns the reconciliation
 * @throws InputError for invalid input; PolicyError `KIND_MISSING` when the pack has no reconciliation rule
 * @example
 * ```ts
 * const policy = loadPolicy('manufacturer');
 * reconcileReturn(policy, { approvedQuantity: 100, returnedQuantity: 104, overDeliveryTolerance: '0.05' }).status
 * // → 'over-within-tolerance' (up to 105 may be booked)
 * reconcileReturn(policy, { approvedQuantity: 100, returnedQuantity: 101 }).bookedQuantity
 * // → null (the pack's default tolerance is 0: ask for an instruction first)
 * ```
 * @category Loss
 */
export function reconcileReturn(policy: Policy, input: unknown): ReconciliationResult {
  const model = requirePart(policy, 'lossModel', 'LossModel', 'reconcileReturn');
  const rule = model.doc.returnReconciliation;
  if (!rule) {
    throw new PolicyError('KIND_MISSING', [issue('KIND_MISSING', `the LossModel of pack "${policy.id}" has no "returnReconciliation" section`, ['returnReconciliation'], model.file)]);
  }
  const v = parseInput(ReconciliationInputSchema, input);
  const tol = v.overDeliveryTolerance ?? rule.defaultOverDeliveryTolerance;
  return reconcileQuantities(v.approvedQuantity, v.returnedQuantity, dec(tol), v.overDeliveryTolerance !== undefined ? 'customer' : 'pack', rule.clause);
}
