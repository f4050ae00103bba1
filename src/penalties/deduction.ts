import { z } from 'zod';
import { InputError, issue, type PolicyIssue } from '../errors/errors.js';
import { addMonthsToMonth, LAST_YEAR, zYearMonth } from '../loss/dates.js';
import { parseInput, percent, plain, quantityOf, requirePart, zDecimalQuantity, type CalculationStep } from '../loss/input.js';
import { dec, floorMoney, formatMoney, roundMoney, zMoney } from '../money/money.js';
import type { Policy } from '../pack/policy.js';

/**
 * The most monthly instalments a deduction schedule may have (100 years).
 * Longer schedules are refused with `SCHEDULE_TOO_LONG`.
 *
 * @category Penalties
 */
export const MAX_INSTALMENTS = 1200;

/**
 * Input of {@link economicDeduction}.
 *
 * @example
 * ```ts
 * DeductionInputSchema.safeParse({ unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: 2, monthlyBonus: '4000.00', startMonth: '2026-11' }).success // → true
 * ```
 * @category Penalties
 */
export const DeductionInputSchema = z
  .strictObject({
    unitLoss: zMoney.meta({ description: 'The loss attributed to the unit (team or department).' }),
    unitBasePoints: zDecimalQuantity.meta({ description: 'The unit\'s total base points (> 0).' }),
    personBasePoints: zDecimalQuantity.meta({ description: 'The person\'s base points (≤ the unit\'s total).' }),
    monthlyBonus: zMoney.meta({ description: 'The person\'s monthly efficiency bonus; the cap is a share of it.' }),
    startMonth: zYearMonth.meta({ description: 'The first month deducted, YYYY-MM.' }),
  })
  .meta({ id: 'DeductionInput', title: 'aftersales-policy economic deduction input' });

/** Input of {@link economicDeduction}. @category Penalties */
export type DeductionInput = z.input<typeof DeductionInputSchema>;

/**
 * One monthly instalment.
 *
 * @category Penalties
 */
export interface Instalment {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Two decimals, never above the monthly cap. */
  readonly amount: string;
}

/**
 * The result of {@link economicDeduction}.
 *
 * @category Penalties
 */
export interface DeductionResult {
  /** The person's deduction, rounded once in the pack's mode. */
  readonly total: string;
  /** The exact share before rounding. */
  readonly exact: string;
  /** The most deducted in one month: cap rate × monthly bonus, rounded down to the fen. */
  readonly monthlyCap: string;
  /** Consecutive months from `startMonth`; sums exactly to `total`. Empty when the total is 0.00. */
  readonly schedule: readonly Instalment[];
  readonly trace: readonly CalculationStep[];
}

/**
 * Computes a person's economic deduction for one complaint case and its
 * month-by-month schedule (seed 003 art.3 经济处罚准则 三): the share is unit
 * loss ÷ unit's total base points × person's base points, rounded once in the
 * pack's mode; at most the cap (50% of one month's efficiency bonus in the
 * manufacturer pack, rounded down to the fen so no month exceeds it) is
 * deducted per month, the rest in the following months. The schedule sums
 * exactly to the total.
 *
 * @param policy - a loaded policy with an `EconomicPenalty` file
 * @param input - `{ unitLoss, unitBasePoints, personBasePoints, monthlyBonus, startMonth }` (untrusted)
 * @returns the total, the monthly cap, the schedule and a trace
 * @throws InputError for invalid input (unit base points 0, person's above the unit's, a bonus whose cap is 0.00 while something is owed, more than {@link MAX_INSTALMENTS} months, a schedule that would run past 9999-12)
 * @example
 * ```ts
 * economicDeduction(loadPolicy('manufacturer'), {
 *   unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11',
 * }).schedule
 * // → [{ month: '2026-11', amount: '2000.00' }, { month: '2026-12', amount: '2000.00' },
 * //    { month: '2027-01', amount: '2000.00' }]
 * ```
 * @category Penalties
 */
export function economicDeduction(policy: Policy, input: unknown): DeductionResult {
  const part = requirePart(policy, 'deductions', 'EconomicPenalty', 'economicDeduction');
  const mode = policy.settings.rounding;
  const v = parseInput(DeductionInputSchema, input);
  const unitPoints = quantityOf(v.unitBasePoints);
  const personPoints = quantityOf(v.personBasePoints);
  const issues: PolicyIssue[] = [];
  if (unitPoints.eq(0)) issues.push(issue('INVALID_INPUT', "the unit's total base points must be above 0", ['unitBasePoints']));
  else if (personPoints.gt(unitPoints)) {
    issues.push(issue('INVALID_INPUT', `the person's base points ${plain(personPoints)} exceed the unit's total ${plain(unitPoints)}`, ['personBasePoints']));
  }
  if (issues.length) throw new InputError(issues);

  const doc = part.doc;
  // Multiply before dividing: exact whenever the quotient terminates, 40 decimals otherwise.
  const exact = dec(v.unitLoss).times(personPoints).div(unitPoints);
  const total = roundMoney(exact, mode);
  const rate = dec(doc.cap.rate);
  const capExact = dec(v.monthlyBonus).times(rate);
  const cap = floorMoney(capExact);
  const trace: CalculationStep[] = [
    {
      step: 'share',
      id: 'share',
      clause: doc.share.clause,
      detail: `unit loss ${v.unitLoss} ÷ unit base points ${plain(unitPoints)} × person base points ${plain(personPoints)} = ${plain(exact)}, rounded once ${mode} to ${formatMoney(total, mode)}`,
    },
    {
      step: 'cap',
      id: 'cap',
      clause: doc.cap.clause,
      detail: `at most ${percent(rate)} of the monthly bonus ${v.monthlyBonus} = ${plain(capExact)}, ${capExact.eq(cap) ? '' : 'rounded down to '}${formatMoney(cap, mode)} per month; the rest in later monthly instalments`,
    },
  ];
  const schedule: Instalment[] = [];
  if (total.gt(0)) {
    if (cap.eq(0)) {
      throw new InputError([issue('INVALID_INPUT', `the monthly cap (${percent(rate)} of ${v.monthlyBonus}) is 0.00, so ${formatMoney(total, mode)} could never be deducted`, ['monthlyBonus'])]);
    }
    const months = Number(total.div(cap).round(0, 3).toFixed(0));
    if (months > MAX_INSTALMENTS) {
      throw new InputError([
        issue('SCHEDULE_TOO_LONG', `${formatMoney(total, mode)} at ${formatMoney(cap, mode)} a month needs ${months} monthly instalments; the limit is ${MAX_INSTALMENTS}`, ['monthlyBonus']),
      ]);
    }
    if (addMonthsToMonth(v.startMonth, months - 1) === undefined) {
      throw new InputError([
        issue('INVALID_INPUT', `${months} monthly instalment(s) from ${v.startMonth} would run past ${LAST_YEAR}-12, the last month a schedule may name`, ['startMonth']),
      ]);
    }
    let left = total;
    for (let i = 0; left.gt(0); i++) {
      const amount = left.gt(cap) ? cap : left;
      schedule.push({ month: addMonthsToMonth(v.startMonth, i)!, amount: formatMoney(amount, mode) });
      left = left.minus(amount);
    }
    trace.push({
      step: 'schedule',
      id: 'cap',
      clause: doc.cap.clause,
      detail: `${schedule.length} monthly instalment(s) from ${v.startMonth} to ${schedule[schedule.length - 1]!.month}`,
    });
  }
  return { total: formatMoney(total, mode), exact: plain(exact), monthlyCap: formatMoney(cap, mode), schedule, trace };
}
