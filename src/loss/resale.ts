import { z } from 'zod';
import { InputError, PolicyError, issue, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import { dec, formatMoney, ZERO, zMoney, type Decimal, type RoundingMode } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import { addMonthsToDate, LAST_YEAR, zPlainDate } from './dates.js';
import type { CompiledLossModel } from './kind.js';
import { plain, recordOf, requirePart, screenInput } from './input.js';

/**
 * The resale part of an input: when the administrative penalty was decided,
 * the goods' value at the A-grade price, and the resale if any.
 *
 * @category Loss
 */
export const zResaleFacts = z.strictObject({
  decidedOn: zPlainDate.meta({ description: 'The day the administrative penalty was decided: the resale window starts here.' }),
  aGradeValue: zMoney.meta({ description: 'The goods valued at the A-grade selling price (A级售价).' }),
  resold: z
    .strictObject({
      on: zPlainDate.meta({ description: 'The day the goods were sold.' }),
      amount: zMoney.meta({ description: 'What the resale brought in.' }),
    })
    .optional()
    .meta({ description: 'Omit when the goods were not resold.' }),
});

/**
 * Input of {@link resaleLoss}.
 *
 * @example
 * ```ts
 * ResaleInputSchema.safeParse({ decidedOn: '2026-01-31', aGradeValue: '5000.00', actualLoss: '3000.00' }).success // → true
 * ```
 * @category Loss
 */
export const ResaleInputSchema = z
  .strictObject({
    ...zResaleFacts.shape,
    actualLoss: zMoney.meta({ description: 'The actual loss (from the loss model) used when the goods are not resold within the window.' }),
  })
  .meta({ id: 'ResaleInput' });

/** Input of {@link resaleLoss}. @category Loss */
export type ResaleInput = z.input<typeof ResaleInputSchema>;

/**
 * The loss to allocate after the resale window (seed 003 art.3 行政处罚准则 一).
 *
 * @category Loss
 */
export interface ResaleResult {
  /** The day the administrative penalty was decided, as given (`YYYY-MM-DD`): the resale window starts here. */
  readonly decidedOn: string;
  /** Last day of the window (inclusive). */
  readonly windowEnds: string;
  /** Resold at all (any date). */
  readonly resold: boolean;
  /** Resold on or before `windowEnds`. */
  readonly withinWindow: boolean;
  /** `shortfall` (resold in time) or `actual-loss`. */
  readonly basis: 'shortfall' | 'actual-loss';
  /** The loss to allocate, two decimals, rounded once in the pack's mode. */
  readonly loss: string;
  /** The rule applied in words, with the dates and amounts, e.g. `resold on 2026-02-28, within the 1 month window ending 2026-02-28: A-grade value 5000.00 − resale 4200.00 = 800.00`. */
  readonly formula: string;
  /** The policy clause of the pack's resale rule, e.g. `seed 003 art.3 行政处罚准则 (一)`. */
  readonly clause: string;
}

/**
 * The problem of a resale window that would end after the year
 * {@link LAST_YEAR}, if there is one: the check of `decidedOn` that
 * {@link applyResale} makes, for a caller collecting every problem first. It
 * needs only a valid `decidedOn`, whatever else of the facts is wrong.
 *
 * @param model - the compiled loss model (no problem when it has no resale rule)
 * @param facts - the resale facts as given (screened, not yet validated)
 * @param at - the JSON path of the resale facts in the input
 * @returns the `INVALID_INPUT` issue at `decidedOn`, or `undefined` (also when `decidedOn` is no date: the schema says so)
 * @internal
 */
export function resaleWindowIssue(model: CompiledLossModel, facts: unknown, at: JsonPath): PolicyIssue | undefined {
  const rule = model.doc.resale;
  const given = zPlainDate.safeParse(recordOf(facts)?.decidedOn);
  if (!rule || !given.success) return undefined;
  const decidedOn = given.data;
  if (addMonthsToDate(decidedOn, rule.windowMonths) !== undefined) return undefined;
  return issue('INVALID_INPUT', `the ${rule.windowMonths}-month resale window from ${decidedOn} would end after the year ${LAST_YEAR}, the last a date may name`, [...at, 'decidedOn']);
}

/**
 * The resale rule with exact amounts (the core of {@link resaleLoss}; also used
 * by `calculateLoss` with the exact loss total).
 *
 * @param model - the compiled loss model
 * @param facts - validated resale facts
 * @param actualLoss - exact actual loss
 * @param mode - rounding mode
 * @param policyId - for messages
 * @param at - the JSON path of `facts` in the input (for errors)
 * @returns the result and the exact loss
 * @throws InputError `INVALID_INPUT` at `decidedOn` when the window would end after the year 9999
 * @internal
 */
export function applyResale(
  model: CompiledLossModel,
  facts: z.output<typeof zResaleFacts>,
  actualLoss: Decimal,
  mode: RoundingMode,
  policyId: string,
  at: JsonPath,
): { result: ResaleResult; exact: Decimal } {
  const rule = model.doc.resale;
  if (!rule) throw new PolicyError('KIND_MISSING', [issue('KIND_MISSING', `the LossModel of pack "${policyId}" has no "resale" section`, ['resale'], model.file)]);
  const windowEnds = addMonthsToDate(facts.decidedOn, rule.windowMonths);
  if (windowEnds === undefined) throw new InputError([resaleWindowIssue(model, facts, at)!]);
  const sold = facts.resold;
  const within = !!sold && sold.on <= windowEnds;
  let exact: Decimal;
  let formula: string;
  const months = `${rule.windowMonths} month${rule.windowMonths === 1 ? '' : 's'}`;
  if (sold && within) {
    const diff = dec(facts.aGradeValue).minus(dec(sold.amount));
    exact = diff.lt(0) ? ZERO : diff;
    formula = `resold on ${sold.on}, within the ${months} window ending ${windowEnds}: A-grade value ${facts.aGradeValue} − resale ${sold.amount} = ${formatMoney(exact, mode)}${diff.lt(0) ? ' (no shortfall)' : ''}`;
  } else {
    exact = actualLoss;
    formula = sold
      ? `resold on ${sold.on}, after the ${months} window ending ${windowEnds}: the actual loss ${formatMoney(actualLoss, mode)} counts`
      : `not resold within the ${months} window ending ${windowEnds}: the actual loss ${formatMoney(actualLoss, mode)} counts`;
  }
  if (exact.round(2).cmp(exact) !== 0) formula += ` (exact ${plain(exact)})`;
  return {
    exact,
    result: {
      decidedOn: facts.decidedOn,
      windowEnds,
      resold: !!sold,
      withinWindow: within,
      basis: sold && within ? 'shortfall' : 'actual-loss',
      loss: formatMoney(exact, mode),
      formula,
      clause: rule.clause,
    },
  };
}

/**
 * The loss to allocate once an administrative penalty is decided (seed 003
 * art.3 行政处罚准则 一): the goods get a resale window (one month in the
 * manufacturer pack, from the day of the decision, last day inclusive); resold
 * within it → the shortfall against the A-grade value (never below zero);
 * not resold, or resold later → the actual loss.
 *
 * @param policy - a loaded policy with a `LossModel` that has `resale`
 * @param input - `{ decidedOn, aGradeValue, actualLoss, resold?: { on, amount } }` (untrusted)
 * @returns the loss to allocate and how it was found
 * @throws InputError for invalid input (a window that would end after the year 9999 at `decidedOn`, with the other problems); PolicyError `KIND_MISSING` when the pack has no resale rule
 * @example
 * ```ts
 * resaleLoss(loadPolicy('manufacturer'), {
 *   decidedOn: '2026-01-31', aGradeValue: '5000.00', actualLoss: '3000.00',
 *   resold: { on: '2026-02-28', amount: '4200.00' },
 * }).loss // → '800.00' (window ends 2026-02-28)
 * ```
 * @category Loss
 */
export function resaleLoss(policy: Policy, input: unknown): ResaleResult {
  const model = requirePart(policy, 'lossModel', 'LossModel', 'resaleLoss');
  // Every problem at once: the schema's, and the resale window's when decidedOn is a date.
  const { raw, data: v, issues } = screenInput(ResaleInputSchema, input);
  const late = resaleWindowIssue(model, raw, []);
  if (late) issues.push(late);
  if (issues.length || !v) throw new InputError(issues);
  const { actualLoss, ...facts } = v;
  return applyResale(model, facts, dec(actualLoss), policy.settings.rounding, policy.id, []).result;
}
