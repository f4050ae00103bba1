import { z } from 'zod';
import { InputError, issue } from '../errors/errors.js';
import { dec, formatMoney, roundMoney, zMoney, type Decimal, type RoundingMode } from '../money/money.js';
import { plain, quantityOf, recordOf, screenInput, zDecimalQuantity, type CalculationStep } from '../loss/input.js';

const zShareId = z.string().min(1).max(100).meta({ description: 'Stable id of the liable unit or person (unique).' });

/** The most shares one allocation splits an amount into. */
const MAX_SHARES = 10_000;

/**
 * Input of {@link allocate}: the amount to split and the liable units or
 * people with their liability ratios. Ratios are relative weights: `60`/`40`,
 * `"0.6"`/`"0.4"` and `3`/`2` all split 60 : 40; they need not sum to 1.
 *
 * @example
 * ```ts
 * AllocationInputSchema.safeParse({ amount: '100.00', shares: [{ id: 'smt-2', ratio: 60 }, { id: 'qa', ratio: '40' }] }).success // → true
 * ```
 * @category Allocation
 */
export const AllocationInputSchema = z
  .strictObject({
    amount: zMoney.meta({ description: 'The amount to split, e.g. a loss total.' }),
    shares: z
      .array(
        z.strictObject({
          id: zShareId,
          ratio: zDecimalQuantity.meta({ description: 'Liability ratio, a relative weight ≥ 0.' }),
        }),
      )
      .min(1)
      .max(MAX_SHARES),
  })
  .meta({ id: 'AllocationInput', title: 'aftersales-policy allocation input' });

/** Input of {@link allocate}. @category Allocation */
export type AllocationInput = z.input<typeof AllocationInputSchema>;

/**
 * One liable unit's or person's share.
 *
 * @category Allocation
 */
export interface AllocationLine {
  /** The share's id as given in the input (the liable unit or person), e.g. `team-a`. */
  readonly id: string;
  /** The ratio as an exact decimal text, written plainly: `"0.600000"` and `0.6` both come back as `"0.6"`. */
  readonly ratio: string;
  /** The share, two decimals; the shares sum exactly to the amount. */
  readonly amount: string;
}

/**
 * The result of {@link allocate}.
 *
 * @category Allocation
 */
export interface AllocationResult {
  /** The amount split, two decimals. */
  readonly amount: string;
  /** One line per share, in input order. */
  readonly allocations: readonly AllocationLine[];
  /** One `allocation` step per share, in input order: its exact quota and its amount (and whether it got a remainder fen). */
  readonly trace: readonly CalculationStep[];
}

/**
 * A weight for {@link splitAmount}.
 *
 * @category Allocation
 */
export interface Weight {
  /** The id of the unit or person weighted; unique among the weights, and the tie-breaker for remainder fen (the smaller id first). */
  readonly id: string;
  /** Non-negative exact weight. */
  readonly weight: Decimal;
}

/**
 * One share computed by {@link splitAmount}.
 *
 * @category Allocation
 */
export interface Split {
  /** The id of the weight this share is for. */
  readonly id: string;
  /** The share in fen-exact yuan (two decimals at most). */
  readonly amount: Decimal;
  /** Whether the share received one of the remainder fen. */
  readonly remainderFen: boolean;
  /** The exact quota as a fraction, e.g. `100.00 × 1/3`. */
  readonly quota: string;
}

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits an amount by weights with the largest-remainder method, exactly to
 * the fen: the amount is first rounded once to the fen (pack rounding mode; a
 * two-decimal amount is unchanged), every share gets the floor of its exact
 * quota, and the fen left over go one each to the largest remainders, ties to
 * the smaller id (code-unit order). A negative amount is split as its
 * magnitude, every share negated (its shares mirror the positive amount's).
 * The shares sum exactly to the rounded
 * amount and do not depend on the order of `weights`. Integer arithmetic
 * (BigInt, in fen) — no binary floats.
 *
 * @param amount - the amount (exact)
 * @param weights - ids (unique) and non-negative weights, at least one positive
 * @param mode - rounding mode of the single rounding of `amount`
 * @returns one split per weight, in the order given
 * @throws RangeError when ids repeat, a weight is negative or all weights are zero (validate input first)
 * @example
 * ```ts
 * splitAmount(dec('100.00'), [{ id: 'b', weight: dec(1) }, { id: 'a', weight: dec(1) }, { id: 'c', weight: dec(1) }])
 *   .map((s) => [s.id, s.amount.toFixed(2)])
 * // → [['b', '33.33'], ['a', '33.34'], ['c', '33.33']]
 * ```
 * @category Allocation
 */
export function splitAmount(amount: Decimal, weights: readonly Weight[], mode: RoundingMode = 'half-up'): Split[] {
  const ids = new Set<string>();
  for (const w of weights) {
    if (ids.has(w.id)) throw new RangeError(`splitAmount(): id "${w.id}" repeats`);
    ids.add(w.id);
    if (w.weight.lt(0)) throw new RangeError(`splitAmount(): weight of "${w.id}" is negative`);
  }
  const texts = weights.map((w) => plain(w.weight));
  // a loop, not Math.max(...): spreading some 150,000 weights as arguments overflows the call stack
  let scale = 0;
  for (const t of texts) scale = Math.max(scale, decimals(t));
  const ints = weights.map((w) => BigInt(w.weight.times(dec(10).pow(scale)).toFixed(0)));
  const total = ints.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new RangeError('splitAmount(): every weight is zero');
  const rounded = roundMoney(amount, mode);
  // A negative amount (a credit) is split as its magnitude and every share negated, so its shares
  // mirror the positive amount's. (BigInt `/` truncates toward zero: on a negative amount the
  // floors would be too high and the fen left over negative.)
  const signed = BigInt(rounded.times(100).toFixed(0));
  const sign = signed < 0n ? -1n : 1n;
  const fen = signed * sign;
  const floors = ints.map((w) => (fen * w) / total);
  const rema = ints.map((w) => (fen * w) % total);
  let left = fen - floors.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (rema[a]! > rema[b]! ? -1 : rema[a]! < rema[b]! ? 1 : compareIds(weights[a]!.id, weights[b]!.id)));
  const extra = new Set<number>();
  for (const i of order) {
    if (left <= 0n) break;
    extra.add(i);
    left -= 1n;
  }
  const shown = formatMoney(rounded, mode);
  return weights.map((w, i) => ({
    id: w.id,
    amount: dec((sign * (floors[i]! + (extra.has(i) ? 1n : 0n))).toString()).div(100),
    remainderFen: extra.has(i),
    quota: `${shown} × ${ints[i]!.toString()}/${total.toString()}`,
  }));
}

/**
 * Splits a loss among liable units or people by liability ratio (seed 003
 * art.3 行政处罚准则 二): shares exact to the fen that sum exactly to the
 * amount (largest remainder, ties to the smaller id), independent of the
 * order of the shares. Ratios are relative weights.
 *
 * @param input - `{ amount, shares: [{ id, ratio }] }` (untrusted; `amount` a decimal string)
 * @param options - `rounding`: the pack's mode for the single rounding of the amount (default `half-up`; a two-decimal amount is not changed)
 * @returns one allocation per share, in input order, and a trace
 * @throws InputError for invalid input, repeated ids (`$.shares[i].id`) or all-zero ratios (`$.shares`), every problem at once
 *   (a bad amount hides no repeated id)
 * @example
 * ```ts
 * allocate({ amount: '100.00', shares: [{ id: 'team-a', ratio: '2' }, { id: 'team-b', ratio: '1' }] }).allocations
 * // → [{ id: 'team-a', ratio: '2', amount: '66.67' }, { id: 'team-b', ratio: '1', amount: '33.33' }]
 * ```
 * @category Allocation
 */
export function allocate(input: unknown, options: { readonly rounding?: RoundingMode | undefined } = {}): AllocationResult {
  const mode = options.rounding ?? 'half-up';
  // Every problem at once: the schema's, and the checks of the shares on the parts that are
  // well-formed even when another part is not (a bad amount hides no repeated id). A part the
  // schema refused is not checked again: no problem twice.
  const { raw, data: v, issues } = screenInput(AllocationInputSchema, input);
  const given = recordOf(raw)?.shares;
  // A list longer than the schema allows was refused as a whole: its shares are not read (a million took ten seconds).
  const shares: unknown[] = Array.isArray(given) && given.length <= MAX_SHARES ? given : [];
  const seen = new Map<string, number>();
  shares.forEach((s, i) => {
    const id = zShareId.safeParse(recordOf(s)?.id);
    if (!id.success) return; // the schema named it
    const first = seen.get(id.data);
    if (first !== undefined) issues.push(issue('INVALID_INPUT', `share id ${JSON.stringify(id.data)} is already used by share ${first}`, ['shares', i, 'id']));
    else seen.set(id.data, i);
  });
  // Whether every ratio is zero is known only when every ratio is a valid one (a refused ratio may be meant positive).
  const ratios = shares.map((s) => zDecimalQuantity.safeParse(recordOf(s)?.ratio));
  if (ratios.length && ratios.every((r) => r.success && quantityOf(r.data).eq(0))) issues.push(issue('INVALID_INPUT', 'every ratio is zero: nobody can bear the amount', ['shares']));
  if (issues.length || !v) throw new InputError(issues);
  const weights = v.shares.map((s) => ({ id: s.id, weight: quantityOf(s.ratio) }));
  const splits = splitAmount(dec(v.amount), weights, mode);
  const trace: CalculationStep[] = splits.map((s) => ({
    step: 'allocation',
    id: s.id,
    clause: 'seed 003 art.3 行政处罚准则 (二)',
    detail: `${s.quota} → ${formatMoney(s.amount, mode)}${s.remainderFen ? ' (includes one remainder fen: largest remainder, ties to the smaller id)' : ''}`,
  }));
  return {
    amount: formatMoney(dec(v.amount), mode),
    allocations: splits.map((s, i) => ({ id: s.id, ratio: plain(weights[i]!.weight), amount: formatMoney(s.amount, mode) })),
    trace,
  };
}
