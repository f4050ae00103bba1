import { z } from 'zod';
import { pushAll, InputError, issue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import { dec, formatMoney, sum, type Decimal, type RoundingMode } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import { percent, plain, recordOf, requirePart, screenInput, type CalculationStep } from './input.js';
import { TOLERANCE_NEEDS_APPROVED, toleranceWithoutApproved, type CompiledLossModel, type CompiledLossType } from './kind.js';
import { reconcileQuantities, type ReconciliationResult } from './reconcile.js';
import { applyResale, resaleWindowIssue, zResaleFacts, type ResaleResult } from './resale.js';
import { PRICE_BASES } from './schema.js';

/** What the whole-input schema checks of an item: its loss type id (the rest depends on the type). */
const zLossItemHead = z.looseObject({ type: z.string().min(1).max(100).meta({ description: 'A loss type id of the pack, e.g. "return".' }) });

/** The most items one loss input holds. */
const MAX_LOSS_ITEMS = 10_000;

/**
 * Input of {@link calculateLoss}: the loss items, each naming a loss type of
 * the pack in `type` with that type's fields (money as decimal strings), and
 * optionally the resale facts of the administrative penalty.
 *
 * With the manufacturer pack an item is one of
 * `{ type: "claim", amount }`, `{ type: "allowance", amount }`,
 * `{ type: "return", quantity, unitPrice, approvedQuantity?, overDeliveryTolerance? }`,
 * `{ type: "resend", quantity, aGradeUnitPrice }`,
 * `{ type: "rework", labour, handling, wastage? }`.
 *
 * @example
 * ```ts
 * LossInputSchema.safeParse({ items: [{ type: 'claim', amount: '1200.00' }] }).success // → true
 * ```
 * @category Loss
 */
export const LossInputSchema = z
  .strictObject({
    items: z
      .array(zLossItemHead)
      .min(1)
      .max(MAX_LOSS_ITEMS)
      .meta({ description: 'Loss items; the other fields depend on the loss type (see the pack\'s LossModel).' }),
    resale: zResaleFacts.optional().meta({ description: 'Resale facts (seed 003 art.3 行政处罚准则 一); the actual loss is the total of the items.' }),
  })
  .meta({ id: 'LossInput', title: 'aftersales-policy loss items' });

/** Input of {@link calculateLoss}. @category Loss */
export type LossInput = z.input<typeof LossInputSchema>;

/**
 * One itemised line of a loss calculation.
 *
 * @category Loss
 */
export interface LossLine {
  /** The loss type id, e.g. `return`. */
  readonly type: string;
  /** The line amount, two decimals (the exact amount rounded once for display). */
  readonly amount: string;
  /** The formula in words with the actual numbers. */
  readonly formula: string;
  /** The exact amount before rounding. */
  readonly exact: string;
  /** The policy clause of the loss type, e.g. `seed 003 art.3 损失金额核算标准 退回`. */
  readonly clause: string;
  /** For a reconciling type given `approvedQuantity`: the quantity reconciliation. */
  readonly reconciliation?: ReconciliationResult;
}

/**
 * The result of {@link calculateLoss}.
 *
 * @category Loss
 */
export interface LossResult {
  /** One line per input item, in input order. */
  readonly lines: readonly LossLine[];
  /** The exact sum of the lines, rounded once in the pack's mode. */
  readonly total: string;
  /** The exact sum before rounding. */
  readonly exactTotal: string;
  /** When `resale` was given: the loss to allocate after the resale window. */
  readonly resale?: ResaleResult;
  /** Things a person should look at (e.g. a return over the tolerance). */
  readonly warnings: readonly string[];
  /** How the total was found: a `loss-type` step per item (and a `reconciliation` step after a reconciled one), the `rounding` of the total, then `resale` when given. */
  readonly trace: readonly CalculationStep[];
}

const PRICE_WORDS: Record<keyof typeof PRICE_BASES, string> = {
  'actual-selling-price': 'actual selling price',
  'a-grade-price': 'A-grade selling price',
};

function equals(exact: Decimal, mode: RoundingMode): string {
  const shown = formatMoney(exact, mode);
  return exact.round(2).cmp(exact) === 0 ? shown : `${plain(exact)} (${shown} rounded ${mode})`;
}

interface Computed {
  exact: Decimal;
  formula: string;
  reconciliation?: ReconciliationResult;
}

function compute(ct: CompiledLossType, item: Record<string, unknown>, model: CompiledLossModel, mode: RoundingMode): Computed {
  const t = ct.type;
  const rate = dec(t.rate);
  const unit = rate.eq(1);
  const times = unit ? '' : ` × ${percent(rate)}`;
  switch (t.method) {
    case 'actual-amount': {
      const amount = item.amount as string;
      const exact = dec(amount).times(rate);
      return { exact, formula: `${t.label}: ${amount}${unit ? '' : `${times} = ${equals(exact, mode)}`}` };
    }
    case 'quantity-price': {
      const q = item.quantity as number;
      const price = item[PRICE_BASES[t.price]] as string;
      const exact = dec(q).times(dec(price)).times(rate);
      const out: Computed = { exact, formula: `${t.label}: quantity ${q} × ${PRICE_WORDS[t.price]} ${price}${times} = ${equals(exact, mode)}` };
      if (t.reconcile && item.approvedQuantity !== undefined) {
        const rule = model.doc.returnReconciliation!;
        const given = item.overDeliveryTolerance as string | undefined;
        out.reconciliation = reconcileQuantities(item.approvedQuantity as number, q, dec(given ?? rule.defaultOverDeliveryTolerance), given !== undefined ? 'customer' : 'pack', rule.clause);
      }
      return out;
    }
    case 'labour-handling': {
      const labour = item.labour as string;
      const handling = item.handling as string;
      const wastage = item.wastage as string | undefined;
      const base = dec(labour).plus(dec(handling)).plus(dec(wastage ?? '0'));
      const exact = base.times(rate);
      const parts = `labour ${labour} + handling and transport (incl. wastage) ${handling}${wastage !== undefined ? ` + wastage ${wastage}` : ''}`;
      return { exact, formula: `${t.label}: ${unit ? parts : `(${parts})${times}`} = ${equals(exact, mode)}` };
    }
  }
}

/**
 * Calculates the loss of a complaint (seed 003 art.3 客户投诉损失金额核算标准):
 * one itemised line per input item — the loss type's formula in words with
 * the actual numbers, and its amount — and the total. Amounts are exact
 * (big.js); the total is the exact sum rounded once, in the pack's rounding
 * mode (`settings.rounding`). With `resale`, also the loss to allocate after
 * the resale window (see {@link resaleLoss}).
 *
 * @param policy - a loaded policy with a `LossModel`
 * @param input - `{ items: [...], resale? }` (untrusted; money as decimal strings)
 * @returns the lines, the total, and the trace naming every loss type id
 * @throws InputError with the JSON path of every bad field (a JSON number for money, an unknown type, …), all at once:
 *   an unknown top-level key or bad resale facts hide no item's problem
 * @example
 * ```ts
 * const r = calculateLoss(loadPolicy('manufacturer'), {
 *   items: [
 *     { type: 'claim', amount: '1200.00' },
 *     { type: 'return', quantity: 120, unitPrice: '35.50' },
 *   ],
 * });
 * r.lines[1].formula // → 'returned goods: quantity 120 × actual selling price 35.50 × 20% = 852.00'
 * r.total            // → '2052.00'
 * ```
 * @category Loss
 */
export function calculateLoss(policy: Policy, input: unknown): LossResult {
  const model = requirePart(policy, 'lossModel', 'LossModel', 'calculateLoss');
  const mode = policy.settings.rounding;
  // Every problem at once: the whole-input schema's, and the checks of each item and of the resale
  // facts on the parts that are well-formed even when another part is not (an unknown top-level key,
  // a bad date hides nothing). A part the schema refused is not checked again: no problem twice.
  const { raw, data: v, issues } = screenInput(LossInputSchema, input);
  const whole = recordOf(raw);
  const known = [...model.types.keys()].join(', ');
  const parsed: Array<{ ct: CompiledLossType; item: Record<string, unknown> }> = [];
  // A list longer than the schema allows was refused as a whole: its items are not read (a million took seconds).
  const rawItems: unknown[] = Array.isArray(whole?.items) && whole.items.length <= MAX_LOSS_ITEMS ? whole.items : [];
  rawItems.forEach((rawItem, i) => {
    const head = zLossItemHead.safeParse(rawItem);
    if (!head.success) return; // the schema named it
    const ct = model.types.get(head.data.type);
    if (!ct) {
      issues.push(issue('INVALID_INPUT', `unknown loss type ${JSON.stringify(head.data.type)}; pack "${policy.id}" has: ${known}`, ['items', i, 'type']));
      return;
    }
    const r = ct.itemSchema.safeParse(rawItem);
    if (r.success) {
      parsed.push({ ct, item: r.data as Record<string, unknown> });
      return;
    }
    const found = fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT', ['items', i]);
    pushAll(issues, found);
    // The schema says a tolerance needs approvedQuantity only of an item otherwise valid: said here of the
    // others too (unless the tolerance itself was refused: its own problem comes first, as on a valid item).
    const tolerancePath = ['items', i, 'overDeliveryTolerance'];
    if (toleranceWithoutApproved(ct.type, rawItem) && !found.some((f) => f.path.length === 3 && f.path.every((k, j) => k === tolerancePath[j]))) {
      issues.push(issue('INVALID_INPUT', TOLERANCE_NEEDS_APPROVED, tolerancePath));
    }
  });
  const late = resaleWindowIssue(model, whole?.resale, ['resale']);
  if (late) issues.push(late);
  if (issues.length || !v) throw new InputError(issues);

  const trace: CalculationStep[] = [];
  const warnings: string[] = [];
  const lines: LossLine[] = parsed.map(({ ct, item }, i) => {
    const c = compute(ct, item, model, mode);
    trace.push({ step: 'loss-type', id: ct.type.id, clause: ct.type.clause, detail: `item ${i}: ${c.formula}` });
    if (c.reconciliation) {
      trace.push({ step: 'reconciliation', id: ct.type.id, clause: c.reconciliation.clause, detail: `item ${i}: ${c.reconciliation.detail}` });
      if (c.reconciliation.status === 'over-tolerance') warnings.push(`item ${i} (${ct.type.id}): ${c.reconciliation.detail}`);
    }
    return {
      type: ct.type.id,
      amount: formatMoney(c.exact, mode),
      formula: c.formula,
      exact: plain(c.exact),
      clause: ct.type.clause,
      ...(c.reconciliation ? { reconciliation: c.reconciliation } : {}),
    };
  });
  const exactTotal = sum(lines.map((l) => dec(l.exact)));
  const total = formatMoney(exactTotal, mode);
  trace.push({ step: 'rounding', id: 'total', clause: 'manifest.json settings.rounding', detail: `total ${plain(exactTotal)} rounded once ${mode} to ${total}` });
  let resale: ResaleResult | undefined;
  if (v.resale) {
    resale = applyResale(model, v.resale, exactTotal, mode, policy.id, ['resale']).result;
    trace.push({ step: 'resale', id: 'resale', clause: resale.clause, detail: resale.formula });
  }
  return { lines, total, exactTotal: plain(exactTotal), ...(resale ? { resale } : {}), warnings, trace };
}
