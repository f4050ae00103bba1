import { z } from 'zod';
import { describeBand } from '../bands/bands.js';
import { PolicyError, issue } from '../errors/errors.js';
import { dec, formatMoney, zMoney, type Decimal, type RoundingMode } from '../money/money.js';
import { parseInput, percent, plain, quantityOf, requirePart, zDecimalQuantity, type CalculationStep } from '../loss/input.js';
import type { Policy } from '../pack/policy.js';
import { describeSanction } from './kind.js';
import type { FineRule, Sanction, SanctionType } from './schema.js';

/**
 * Input of {@link penaltyFor}: the person's liability amount, and optionally
 * what fines depend on — the person's base points and monthly efficiency bonus.
 *
 * @example
 * ```ts
 * PenaltyInputSchema.safeParse({ amount: 100000 }).success // → false (money is a decimal string)
 * ```
 * @category Penalties
 */
export const PenaltyInputSchema = z
  .strictObject({
    amount: zMoney.meta({ description: 'The person\'s liability amount (their allocated share of the loss).' }),
    basePoints: zDecimalQuantity.optional().meta({ description: 'The person\'s base points (基点数), for fines per base point.' }),
    monthlyBonus: zMoney.optional().meta({ description: 'The person\'s monthly efficiency bonus (效益奖金), for fines of the whole bonus.' }),
  })
  .meta({ id: 'PenaltyInput', title: 'aftersales-policy penalty input' });

/** Input of {@link penaltyFor}. @category Penalties */
export type PenaltyInput = z.input<typeof PenaltyInputSchema>;

/**
 * The supervisor's joint penalty: none, or the sanction of the band
 * `levelsLower` below the person's ("normally one level lower").
 *
 * @category Penalties
 */
export type SupervisorPenalty =
  | { readonly jointPenalty: false }
  | {
      readonly jointPenalty: true;
      /** How many bands lower the supervisor's sanction is taken from (normally 1). */
      readonly levelsLower: number;
      /** The band the supervisor's sanction comes from. */
      readonly band: string;
      readonly sanction: { readonly type: SanctionType; readonly count: number };
    };

/**
 * The fine of a sanction: the rule in words and, when computable, the amount.
 *
 * @category Penalties
 */
export interface FineResult {
  /** The fine rule id of the pack. */
  readonly id: string;
  /** The rule in words, with the computation when computable. */
  readonly rule: string;
  /** Two decimals, or `null` when it depends on an input not given (see `missing`). */
  readonly amount: string | null;
  /** True when the amount is a minimum (罚扣…元以上). */
  readonly atLeast: boolean;
  /** The inputs the amount needs but did not get. */
  readonly missing?: ReadonlyArray<'basePoints' | 'monthlyBonus'>;
}

/**
 * The result of {@link penaltyFor}.
 *
 * @category Penalties
 */
export interface PenaltyResult {
  /** The liability amount, two decimals. */
  readonly amount: string;
  /** The band id. */
  readonly band: string;
  /** The band's range in words, e.g. `over 10000.00 up to 50000.00`. */
  readonly range: string;
  /** The policy clause of the penalty band file, e.g. `seed 003 art.3 行政处罚准则 (三)`. */
  readonly clause: string;
  /** The band's sanction: its type and how many times, e.g. `{ type: 'reprimand', count: 2 }`. */
  readonly sanction: { readonly type: SanctionType; readonly count: number };
  /** True when the count is a minimum (大过二次以上). */
  readonly orMore: boolean;
  /** The supervisor's joint penalty in this band: `{ jointPenalty: false }`, or the sanction of the band `levelsLower` below. */
  readonly supervisor: SupervisorPenalty;
  /** The fine of the sanction under the pack's fine rule for its type: the rule in words and, when computable, the amount. */
  readonly fine: FineResult;
  /** The steps, in order: `band`, `supervisor` (also when there is no joint penalty), `fine`, each naming the band or fine rule id. */
  readonly trace: readonly CalculationStep[];
}

function levels(n: number): string {
  return n === 1 ? 'one level' : `${n} levels`;
}

function sanctionWord(t: SanctionType): string {
  return describeSanction({ type: t, count: 1 }).replace(/ ×1$/, '');
}

/**
 * Computes the fine of a sanction under a fine rule.
 *
 * @param rule - the fine rule
 * @param sanction - the sanction
 * @param basePoints - the person's base points, if known
 * @param monthlyBonus - the person's monthly bonus, if known
 * @param mode - rounding mode
 * @returns the fine
 * @internal
 */
export function computeFine(rule: FineRule, sanction: Sanction, basePoints: Decimal | undefined, monthlyBonus: Decimal | undefined, mode: RoundingMode): FineResult {
  const word = sanctionWord(sanction.type);
  if (rule.method === 'monthly-bonus') {
    const rate = dec(rule.rate);
    const head = rate.eq(1) ? "the whole month's efficiency bonus" : `${percent(rate)} of the month's efficiency bonus`;
    if (!monthlyBonus) return { id: rule.id, rule: `${head}: needs the person's monthly efficiency bonus`, amount: null, atLeast: false, missing: ['monthlyBonus'] };
    const exact = monthlyBonus.times(rate);
    return { id: rule.id, rule: `${head}: ${percent(rate)} × ${formatMoney(monthlyBonus, mode)} = ${formatMoney(exact, mode)}`, amount: formatMoney(exact, mode), atLeast: false };
  }
  const times = rule.perCount ? sanction.count : 1;
  const least = rule.atLeast ? 'at least ' : '';
  if (rule.method === 'fixed') {
    const exact = dec(rule.amount).times(times);
    const text = rule.perCount ? `${least}${rule.amount} per ${word}: ${rule.amount} × ${times} = ${formatMoney(exact, mode)}` : `${least}${rule.amount} deducted`;
    return { id: rule.id, rule: text, amount: formatMoney(exact, mode), atLeast: rule.atLeast };
  }
  const head = `${least}${rule.amount} per base point${rule.perCount ? ` per ${word}` : ''}`;
  if (!basePoints) return { id: rule.id, rule: `${head}: needs the person's base points`, amount: null, atLeast: rule.atLeast, missing: ['basePoints'] };
  const exact = dec(rule.amount).times(basePoints).times(times);
  return {
    id: rule.id,
    rule: `${head}: ${rule.amount} × ${plain(basePoints)} base points × ${times} = ${formatMoney(exact, mode)}`,
    amount: formatMoney(exact, mode),
    atLeast: rule.atLeast,
  };
}

/**
 * Decides the administrative penalty for a person's liability amount (seed 003
 * art.3 行政处罚准则 三, 五): the band (over < amount ≤ upTo), the sanction,
 * the supervisor's joint penalty (normally the sanction one band lower), and
 * the fine — its rule in words, and its amount when computable (fines per
 * base point need `basePoints`, a whole-bonus fine needs `monthlyBonus`).
 * Pure: the same pack and input give the same result.
 *
 * @param policy - a loaded policy with a `PenaltyBands` file
 * @param input - `{ amount, basePoints?, monthlyBonus? }` (untrusted; money as decimal strings)
 * @returns the band, sanction, supervisor penalty, fine and a trace naming the band and fine rule ids
 * @throws InputError for invalid input (path `$.amount`, …)
 * @example
 * ```ts
 * const p = penaltyFor(loadPolicy('manufacturer'), { amount: '100000.01', basePoints: '3' });
 * p.band       // → 'minor-demerit-1'
 * p.sanction   // → { type: 'minor-demerit', count: 1 }
 * p.supervisor // → { jointPenalty: true, levelsLower: 1, band: 'reprimand-2', sanction: { type: 'reprimand', count: 2 } }
 * p.fine.amount // → '2400.00' (at least 800.00 per base point)
 * ```
 * @category Penalties
 */
export function penaltyFor(policy: Policy, input: unknown): PenaltyResult {
  const part = requirePart(policy, 'penalties', 'PenaltyBands', 'penaltyFor');
  const mode = policy.settings.rounding;
  const v = parseInput(PenaltyInputSchema, input);
  const amount = dec(v.amount);
  const band = part.bands.select(amount);
  if (!band) throw new PolicyError('NO_MATCHING_BAND', [issue('NO_MATCHING_BAND', `no band of ${part.file} covers ${v.amount}`, ['amount'])]);
  const index = part.doc.bands.indexOf(band);
  const trace: CalculationStep[] = [];
  const range = describeBand(band);
  trace.push({ step: 'band', id: band.id, clause: part.doc.clause, detail: `liability amount ${formatMoney(amount, mode)} is ${range}: ${describeSanction(band.sanction)}` });

  let supervisor: SupervisorPenalty = { jointPenalty: false };
  if (band.supervisor.jointPenalty) {
    const lower = part.doc.bands[index - band.supervisor.levelsLower!]!;
    supervisor = { jointPenalty: true, levelsLower: band.supervisor.levelsLower!, band: lower.id, sanction: { type: lower.sanction.type, count: lower.sanction.count } };
    trace.push({
      step: 'supervisor',
      id: band.id,
      clause: part.doc.clause,
      detail: `supervisor jointly penalised, normally ${levels(band.supervisor.levelsLower!)} lower: ${describeSanction(lower.sanction)} (band ${lower.id})`,
    });
  } else {
    trace.push({ step: 'supervisor', id: band.id, clause: part.doc.clause, detail: 'no supervisor joint penalty in this band' });
  }

  const rule = part.fines.get(band.sanction.type)!;
  const fine = computeFine(
    rule,
    band.sanction,
    v.basePoints !== undefined ? quantityOf(v.basePoints) : undefined,
    v.monthlyBonus !== undefined ? dec(v.monthlyBonus) : undefined,
    mode,
  );
  trace.push({ step: 'fine', id: rule.id, clause: rule.clause, detail: `${fine.rule}${rule.quote ? ` (${rule.quote})` : ''}` });

  return {
    amount: formatMoney(amount, mode),
    band: band.id,
    range,
    clause: part.doc.clause,
    sanction: { type: band.sanction.type, count: band.sanction.count },
    orMore: band.sanction.orMore ?? false,
    supervisor,
    fine,
    trace,
  };
}
