import { z } from 'zod';
import { pushAll, InputError, issue, quoted, type PolicyIssue } from '../errors/errors.js';
import { addMonthsToMonth, LAST_YEAR, zYearMonth } from '../loss/dates.js';
import { fromZodIssues } from '../errors/zod.js';
import { CALLER_INPUT_SCREENING, screenUntrustedValue } from '../json/safe-json.js';
import { percent, plain, quantityOf, recordOf, requirePart, zDecimalQuantity, type CalculationStep } from '../loss/input.js';
import { dec, floorMoney, formatMoney, roundMoney, zMoney, type Decimal } from '../money/money.js';
import type { Policy } from '../pack/policy.js';

/**
 * The most monthly instalments a deduction schedule may have (100 years).
 * Longer schedules are refused with `SCHEDULE_TOO_LONG`.
 *
 * @category Penalties
 */
export const MAX_INSTALMENTS = 1200;

/** The most months {@link economicDeduction}'s `alreadyScheduled` may hold (years of history for one person are a few hundred). @category Penalties */
export const MAX_SCHEDULED_MONTHS = 10_000;

/**
 * Amounts already deducted (or scheduled) from one person in given months by
 * other cases: `{ "2026-11": "2000.00" }`. Months `YYYY-MM`, money as decimal
 * strings. A new case's instalments fill only what is left of each month's cap.
 *
 * @example
 * ```ts
 * zAlreadyScheduled.safeParse({ '2026-11': '2000.00', '2026-12': '500.00' }).success // → true
 * zAlreadyScheduled.safeParse({ '2026-13': '1.00' }).success                         // → false
 * ```
 * @category Penalties
 */
export const zAlreadyScheduled = z
  .record(zYearMonth, zMoney, {
    error: (iss) =>
      iss.code === 'invalid_key' ? `each key must be a month YYYY-MM (years 1000–9999), such as "2026-04" (got ${quoted(iss.input)})` : undefined,
  })
  .meta({
    maxProperties: MAX_SCHEDULED_MONTHS,
    description:
      "Amounts already scheduled for this person by other cases, by month (YYYY-MM → money). The cap is per month and person: this case's instalments fill only what is left of each month's cap; a month at or above the cap is skipped. Months before startMonth are ignored.",
  });

/**
 * Input of {@link economicDeduction}.
 *
 * @example
 * ```ts
 * DeductionInputSchema.safeParse({ unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: 2, monthlyBonus: '4000.00', startMonth: '2026-11' }).success // → true
 * DeductionInputSchema.safeParse({ unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: 2, monthlyBonus: '4000.00', startMonth: '2026-11', alreadyScheduled: { '2026-11': '2000.00' } }).success // → true
 * ```
 * @category Penalties
 */
export const DeductionInputSchema = z
  .strictObject({
    unitLoss: zMoney.meta({ description: 'The loss attributed to the unit (team or department).' }),
    unitBasePoints: zDecimalQuantity.meta({ description: 'The unit\'s total base points (> 0).' }),
    personBasePoints: zDecimalQuantity.meta({ description: 'The person\'s base points (≤ the unit\'s total).' }),
    monthlyBonus: zMoney.meta({ description: 'The person\'s monthly efficiency bonus; the cap is a share of it (the same figure for every month of the schedule).' }),
    startMonth: zYearMonth.meta({ description: 'The first month deducted, YYYY-MM.' }),
    alreadyScheduled: zAlreadyScheduled.optional(),
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
  /** Two decimals, above 0, never above what is left of the month's cap (the cap less `alreadyScheduled` for that month). */
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
  /** The most deducted from the person in one month, all cases together: cap rate × monthly bonus, rounded down to the fen. */
  readonly monthlyCap: string;
  /**
   * Months in order from `startMonth`, each with what this case deducts; sums exactly to `total`.
   * Consecutive unless a month is already at the cap by `alreadyScheduled` (that month is skipped).
   * Empty when the total is 0.00.
   */
  readonly schedule: readonly Instalment[];
  /** The steps: the person's `share`, the monthly `cap`, then the `schedule` (only when the total is above 0.00). */
  readonly trace: readonly CalculationStep[];
}

type ParsedDeductionInput = z.output<typeof DeductionInputSchema>;

/** `YYYY-MM` → months since year 0 (monotonic). */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

const LAST_MONTH_INDEX = LAST_YEAR * 12 + 11;

/**
 * Screens and parses the input, then reads every field that is valid on its own, so the semantic
 * checks can run on whatever parsed and all problems are reported at once.
 */
function parseDeductionInput(input: unknown): { fields: Partial<ParsedDeductionInput>; valid: Set<string>; complete: boolean; issues: PolicyIssue[] } {
  const screened = screenUntrustedValue(input, '<input>', undefined, CALLER_INPUT_SCREENING);
  if (!('value' in screened)) throw new InputError(screened.issues);
  const issues: PolicyIssue[] = [...screened.issues];
  const keys = Object.keys(DeductionInputSchema.shape) as Array<keyof ParsedDeductionInput>;
  let raw = screened.value;
  // Too many months already scheduled is one problem, and none of them is read (500,000 took ten seconds, a problem each).
  const scheduled = recordOf(recordOf(raw)?.alreadyScheduled);
  const months = scheduled ? Object.keys(scheduled).length : 0;
  const tooMany = months > MAX_SCHEDULED_MONTHS;
  if (tooMany) {
    issues.push(issue('INVALID_INPUT', `${months} months; at most ${MAX_SCHEDULED_MONTHS} may be given`, ['alreadyScheduled']));
    const { alreadyScheduled: _left, ...rest } = raw as Record<string, unknown>;
    raw = rest;
  }
  const r = DeductionInputSchema.safeParse(raw);
  if (r.success && !tooMany) return { fields: r.data, valid: new Set(keys), complete: true, issues };
  if (!r.success) pushAll(issues, fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT'));
  const fields: Record<string, unknown> = {};
  const valid = new Set<string>();
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const k of keys) {
      if (tooMany && k === 'alreadyScheduled') continue;
      const f = DeductionInputSchema.shape[k].safeParse((raw as Record<string, unknown>)[k]);
      if (f.success) {
        valid.add(k);
        if (f.data !== undefined) fields[k] = f.data;
      }
    }
  }
  return { fields: fields as Partial<ParsedDeductionInput>, valid, complete: false, issues };
}

/**
 * Where a schedule ends when each month takes what is left of its cap: `room(i)` for the months in
 * `used`, the whole cap for every other month. Closed form over the months in `used` (no walk over
 * empty months), so a huge total is measured before anything is built.
 */
function measureSchedule(total: Decimal, cap: Decimal, start: number, used: ReadonlyMap<number, Decimal>): { end: number; skipped: number } {
  let left = total;
  let cursor = start;
  let skipped = 0;
  for (const k of [...used.keys()].sort((a, b) => a - b)) {
    const free = cap.times(k - cursor); // the months before k take the whole cap
    if (left.lte(free)) break;
    left = left.minus(free);
    const room = roomOf(cap, used.get(k)!);
    if (room.eq(0)) skipped++;
    else if (left.lte(room)) return { end: k, skipped };
    else left = left.minus(room);
    cursor = k + 1;
  }
  return { end: cursor + Number(left.div(cap).round(0, 3).toFixed(0)) - 1, skipped };
}

function roomOf(cap: Decimal, used: Decimal | undefined): Decimal {
  if (!used) return cap;
  return used.gte(cap) ? dec(0) : cap.minus(used);
}

/**
 * Computes a person's economic deduction for one complaint case and its
 * month-by-month schedule (seed 003 art.3 经济处罚准则 三): the share is unit
 * loss ÷ unit's total base points × person's base points, rounded once in the
 * pack's mode. At most the cap (50% of one month's efficiency bonus in the
 * manufacturer pack, rounded down to the fen so no month exceeds it) is
 * deducted from the person in a month, all cases together (全月效率奖金50%为准);
 * the rest in the following months. Pass what other cases already deduct per
 * month as `alreadyScheduled` and this case fills only what is left of each
 * month's cap (a month already at the cap is skipped); to schedule several
 * cases of one person, call once per case (按件分别罚扣) in order, adding each
 * schedule to `alreadyScheduled` for the next. The schedule sums exactly to the total.
 *
 * Every problem of the input is reported at once: a field the schema refuses
 * does not hide a semantic problem of the fields that parsed (unit base points 0, …).
 *
 * @param policy - a loaded policy with an `EconomicPenalty` file
 * @param input - `{ unitLoss, unitBasePoints, personBasePoints, monthlyBonus, startMonth, alreadyScheduled? }` (untrusted)
 * @returns the total, the monthly cap, the schedule and a trace
 * @throws InputError for invalid input (unit base points 0, person's above the unit's, a bonus whose cap is 0.00 while something is owed, a schedule spanning more than {@link MAX_INSTALMENTS} months, a schedule that would run past 9999-12)
 * @example
 * ```ts
 * const policy = loadPolicy('manufacturer');
 * economicDeduction(policy, {
 *   unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11',
 * }).schedule
 * // → [{ month: '2026-11', amount: '2000.00' }, { month: '2026-12', amount: '2000.00' },
 * //    { month: '2027-01', amount: '2000.00' }]
 *
 * // a second case of the same person in the same months: only what is left of each month's cap
 * economicDeduction(policy, {
 *   unitLoss: '15000.00', unitBasePoints: '10', personBasePoints: '2', monthlyBonus: '4000.00', startMonth: '2026-11',
 *   alreadyScheduled: { '2026-11': '2000.00', '2026-12': '2000.00', '2027-01': '1500.00' },
 * }).schedule
 * // → [{ month: '2027-01', amount: '500.00' }, { month: '2027-02', amount: '2000.00' },
 * //    { month: '2027-03', amount: '500.00' }]
 * ```
 * @category Penalties
 */
export function economicDeduction(policy: Policy, input: unknown): DeductionResult {
  const part = requirePart(policy, 'deductions', 'EconomicPenalty', 'economicDeduction');
  const mode = policy.settings.rounding;
  const doc = part.doc;
  const rate = dec(doc.cap.rate);
  const { fields: f, valid, complete, issues } = parseDeductionInput(input);

  // Semantic checks on whatever parsed.
  const unitPoints = f.unitBasePoints === undefined ? undefined : quantityOf(f.unitBasePoints);
  const personPoints = f.personBasePoints === undefined ? undefined : quantityOf(f.personBasePoints);
  let pointsOk = unitPoints !== undefined && personPoints !== undefined;
  if (unitPoints?.eq(0)) {
    issues.push(issue('INVALID_INPUT', "the unit's total base points must be above 0", ['unitBasePoints']));
    pointsOk = false;
  } else if (unitPoints && personPoints?.gt(unitPoints)) {
    issues.push(issue('INVALID_INPUT', `the person's base points ${plain(personPoints)} exceed the unit's total ${plain(unitPoints)}`, ['personBasePoints']));
    pointsOk = false;
  }
  let plan: { total: Decimal; exact: Decimal; cap: Decimal; capExact: Decimal; start: number; end: number; skipped: number; used: Map<number, Decimal> } | undefined;
  // The amount and the cap need only the points, the loss and the bonus: checked even when the start
  // month or the months already scheduled are refused. Without those the schedule's length is known only
  // as a lower bound (months already at the cap can only lengthen it), which is enough to refuse it.
  if (pointsOk && f.unitLoss !== undefined && f.monthlyBonus !== undefined) {
    const known = f.startMonth !== undefined && valid.has('alreadyScheduled');
    // Multiply before dividing: exact whenever the quotient terminates, 40 decimals otherwise.
    const exact = dec(f.unitLoss).times(personPoints!).div(unitPoints!);
    const total = roundMoney(exact, mode);
    const capExact = dec(f.monthlyBonus).times(rate);
    const cap = floorMoney(capExact);
    const start = known ? monthIndex(f.startMonth!) : 0;
    const used = new Map<number, Decimal>();
    if (known) for (const [m, a] of Object.entries(f.alreadyScheduled ?? {})) if (monthIndex(m) >= start && dec(a).gt(0)) used.set(monthIndex(m), dec(a));
    let ok = true;
    let end = start - 1;
    let skipped = 0;
    if (total.gt(0)) {
      if (cap.eq(0)) {
        issues.push(issue('INVALID_INPUT', `the monthly cap (${percent(rate)} of ${f.monthlyBonus}) is 0.00, so ${formatMoney(total, mode)} could never be deducted`, ['monthlyBonus']));
        ok = false;
      } else {
        ({ end, skipped } = measureSchedule(total, cap, start, used));
        const span = end - start + 1;
        const count = span - skipped;
        if (span > MAX_INSTALMENTS) {
          const needs = skipped
            ? `needs ${count} monthly instalment(s) over ${span} months (${skipped} month(s) already at the cap are skipped); the limit is ${MAX_INSTALMENTS} months`
            : `needs ${span} monthly instalments; the limit is ${MAX_INSTALMENTS}`;
          // Blamed on the months already full when the schedule would fit without them.
          const blame = skipped && count <= MAX_INSTALMENTS ? 'alreadyScheduled' : 'monthlyBonus';
          issues.push(issue('SCHEDULE_TOO_LONG', `${formatMoney(total, mode)} at ${formatMoney(cap, mode)} a month ${needs}`, [blame]));
          ok = false;
        } else if (known && end > LAST_MONTH_INDEX) {
          const needs = skipped ? `${count} monthly instalment(s) over ${span} months` : `${span} monthly instalment(s)`;
          issues.push(issue('INVALID_INPUT', `${needs} from ${f.startMonth} would run past ${LAST_YEAR}-12, the last month a schedule may name`, ['startMonth']));
          ok = false;
        }
      }
    }
    if (ok && known) plan = { total, exact, cap, capExact, start, end, skipped, used };
  }
  if (issues.length || !complete || !plan) throw new InputError(issues);

  const v = f as ParsedDeductionInput;
  const { total, exact, cap, capExact, start, end, used } = plan;
  const trace: CalculationStep[] = [
    {
      step: 'share',
      id: 'share',
      clause: doc.share.clause,
      detail: `unit loss ${v.unitLoss} ÷ unit base points ${plain(unitPoints!)} × person base points ${plain(personPoints!)} = ${plain(exact)}, rounded once ${mode} to ${formatMoney(total, mode)}`,
    },
    {
      step: 'cap',
      id: 'cap',
      clause: doc.cap.clause,
      detail: `at most ${percent(rate)} of the monthly bonus ${v.monthlyBonus} = ${plain(capExact)}, ${capExact.eq(cap) ? '' : 'rounded down to '}${formatMoney(cap, mode)} per month, all cases together; the rest in later monthly instalments`,
    },
  ];
  const schedule: Instalment[] = [];
  if (total.gt(0)) {
    let left = total;
    const reduced: string[] = [];
    for (let i = start; i <= end && left.gt(0); i++) {
      const month = addMonthsToMonth(v.startMonth, i - start)!;
      const already = used.get(i);
      const room = roomOf(cap, already);
      if (already) reduced.push(`${month} ${formatMoney(already, mode)} (${formatMoney(room, mode)} left)`);
      const amount = left.gt(room) ? room : left;
      if (amount.gt(0)) schedule.push({ month, amount: formatMoney(amount, mode) });
      left = left.minus(amount);
    }
    trace.push({
      step: 'schedule',
      id: 'cap',
      clause: doc.cap.clause,
      detail:
        `${schedule.length} monthly instalment(s) from ${schedule[0]!.month} to ${schedule[schedule.length - 1]!.month}` +
        (reduced.length ? `; already scheduled by other cases: ${reduced.join(', ')}` : ''),
    });
  }
  return { total: formatMoney(total, mode), exact: plain(exact), monthlyCap: formatMoney(cap, mode), schedule, trace };
}
