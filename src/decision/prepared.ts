import type { ApprovalBand } from '../approval/schema.js';
import type { Complaint } from '../complaint/schema.js';
import { describeBand } from '../bands/bands.js';
import { dec, formatMoney, type Decimal, type RoundingMode } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import type { RemedyRule } from '../remedies/schema.js';
import { addCalendarDaysMs, formatDaysAfterLast, formatEpochMs } from '../time/instant.js';
import { COMPLAINT_FACTS, type DecisionContext } from './facts.js';
import { fingerprintSeed } from './fingerprint.js';
import { SignatureCache } from './signature.js';
import { MAX_COMBINATIONS_PER_RULE_SET } from '../conditions/trace-memo.js';
import type { LiabilityRule } from '../liability/schema.js';
import type { PlanEntry } from '../conditions/ruleset.js';

/*
 * What `decide` can work out once per policy instead of once per complaint,
 * and the integer-fen fast path for money. Money stays exact: amounts are
 * integers of fen (1/100 yuan) only while every step stays a safe integer
 * (≤ 2^53 − 1); anything bigger, or any rate other than 1, takes the big.js
 * path of `src/money/` with the pack's rounding mode.
 */

/**
 * A decimal money string (already validated against `MONEY_PATTERN`) as an
 * integer number of fen, or `undefined` when that integer would not be exact.
 *
 * @param text - e.g. `"299.5"`
 * @returns e.g. `29950`
 * @example
 * ```ts
 * toFen('299.5')  // → 29950
 * toFen('0.07')   // → 7
 * ```
 * @category Decisions
 * @internal
 */
export function toFen(text: string): number | undefined {
  const dot = text.indexOf('.');
  const whole = Number(dot < 0 ? text : text.slice(0, dot)) * 100;
  let fen = whole;
  if (dot >= 0) {
    const frac = text.slice(dot + 1);
    fen += frac.length === 1 ? Number(frac) * 10 : Number(frac);
  }
  return Number.isSafeInteger(whole) && Number.isSafeInteger(fen) ? fen : undefined;
}

/** `"00"` … `"99"`. */
const CENTS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
/** `"0"` … `"999"`, and the same padded to three digits: yuan below a million are printed from these. */
const UNDER_1000 = Array.from({ length: 1000 }, (_, i) => `${i}`);
const PADDED_1000 = Array.from({ length: 1000 }, (_, i) => `${i}`.padStart(3, '0'));

/**
 * Prints a non-negative number of fen as yuan with two decimals, exactly as
 * `formatMoney(dec(…))` prints the same amount. Below a million yuan the
 * digits come from tables (the yuan are the result of a division: printing
 * that number would take V8's slow double-to-text path).
 *
 * @param fen - a non-negative safe integer
 * @returns e.g. `"299.50"`
 * @example
 * ```ts
 * fenText(29950) // → '299.50'
 * ```
 * @category Decisions
 * @internal
 */
export function fenText(fen: number): string {
  const cents = fen % 100;
  const yuan = (fen - cents) / 100;
  if (yuan < 1000) return `${UNDER_1000[yuan]}.${CENTS[cents]}`;
  if (yuan < 1_000_000) {
    const low = yuan % 1000;
    return `${UNDER_1000[(yuan - low) / 1000]}${PADDED_1000[low]}.${CENTS[cents]}`;
  }
  return `${yuan}.${CENTS[cents]}`;
}

/**
 * Valid money text (`MONEY_PATTERN`: no leading zeros, at most two decimals)
 * printed with exactly two decimals — what `fenText(toFen(text))` prints,
 * without converting numbers to text.
 *
 * @param text - e.g. `"299.5"`
 * @returns e.g. `"299.50"`
 * @example
 * ```ts
 * twoDecimals('299')   // → '299.00'
 * twoDecimals('299.5') // → '299.50'
 * ```
 * @category Decisions
 * @internal
 */
export function twoDecimals(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  return text.length - dot === 2 ? `${text}0` : text;
}

/**
 * Σ quantity × unit price in fen, or `undefined` when a step would leave the
 * safe-integer range (then use the `orderTotal` fact, a decimal).
 *
 * @param items - validated order items
 * @returns the total in fen
 * @example
 * ```ts
 * orderTotalFen([{ quantity: 2, unitPrice: '150.50' }]) // → 30100
 * ```
 * @category Decisions
 * @internal
 */
export function orderTotalFen(items: ReadonlyArray<{ readonly quantity: number; readonly unitPrice: string }>): number | undefined {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const unit = toFen(item.unitPrice);
    if (unit === undefined) return undefined;
    total += unit * item.quantity;
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total;
}

/**
 * The money amounts of one complaint, each worked out at most once: in fen
 * while exact, as decimals otherwise.
 *
 * @example
 * ```ts
 * new ComplaintAmounts({ complaint, now }).fen('claimAmount') // → 29900 for "299.00"
 * ```
 * @category Decisions
 * @internal
 */
export class ComplaintAmounts {
  /** The claim amount in fen, or `undefined` when beyond the safe-integer range. */
  readonly claimFen: number | undefined;
  private orderFen: number | undefined | null = null;
  private claimDecimal: Decimal | undefined;
  private orderDecimal: Decimal | undefined;

  private readonly complaint: Complaint;

  /**
   * @param ctx - the complaint and `now`
   * @param claimFen - the claim in fen when already read (`undefined`: not exact)
   * @param orderFen - the order total in fen when already read (`undefined`: not exact; `null`: not read yet)
   */
  constructor(
    private readonly ctx: DecisionContext,
    claimFen: number | undefined = toFen(ctx.complaint.claimAmount),
    orderFen: number | undefined | null = null,
  ) {
    this.complaint = ctx.complaint;
    this.claimFen = claimFen;
    this.orderFen = orderFen;
  }

  /** The amount in fen, or `undefined` when it would not be exact. */
  fen(of: 'orderTotal' | 'claimAmount'): number | undefined {
    if (of === 'claimAmount') return this.claimFen;
    if (this.orderFen === null) this.orderFen = orderTotalFen(this.complaint.order.items);
    return this.orderFen;
  }

  /** The amount as an exact decimal. */
  decimal(of: 'orderTotal' | 'claimAmount'): Decimal {
    if (of === 'claimAmount') return (this.claimDecimal ??= dec(this.complaint.claimAmount));
    return (this.orderDecimal ??= COMPLAINT_FACTS.orderTotal!.compute(this.ctx) as Decimal);
  }

  /**
   * An offer's estimated cost, printed: fen when the rate is 1 and the
   * amount exact, otherwise decimal × rate rounded once in `rounding`.
   */
  estimate(cost: OfferCost, rounding: RoundingMode): string {
    if (cost.fixedText !== undefined) return cost.fixedText;
    const of = cost.of!;
    if (cost.unitRate) {
      const text = this.text(of);
      if (text !== undefined) return text;
    }
    return formatMoney(this.decimal(of).times(cost.rate!), rounding);
  }

  private claimText: string | undefined;
  private orderText: string | undefined;

  /** The amount printed with two decimals (worked out once), or `undefined` when not exact in fen. */
  text(of: 'orderTotal' | 'claimAmount'): string | undefined {
    if (of === 'claimAmount') {
      if (this.claimFen === undefined) return undefined;
      return (this.claimText ??= twoDecimals(this.complaint.claimAmount));
    }
    const fen = this.fen(of);
    return fen === undefined ? undefined : (this.orderText ??= fenText(fen));
  }
}

/** How one offer's estimated cost and due date are found. */
export interface OfferCost {
  /** The offer's `resolveWithin`, frozen: shared by every decision that offers it. */
  readonly resolveWithin: { readonly days?: number; readonly hours?: number };
  /** Whole calendar days (0 when none), then elapsed hours (0 when none). */
  readonly days: number;
  readonly hours: number;
  /** Fixed cost, already printed. */
  readonly fixedText?: string;
  /** The money fact a rated cost is based on. */
  readonly of?: 'orderTotal' | 'claimAmount';
  /** The rate as a decimal. */
  readonly rate?: Decimal;
  /** True when the rate is exactly 1 (the cost is the amount itself). */
  readonly unitRate: boolean;
}

/** An approval band with its bounds in fen (when exact) and its range text. */
export interface PreparedBand {
  readonly band: ApprovalBand;
  readonly overFen: number | undefined;
  readonly upToFen: number | undefined;
  readonly range: string;
}

/**
 * Per-policy constants of `decide`.
 *
 * @category Decisions
 * @internal
 */
export interface PreparedPolicy {
  readonly rounding: RoundingMode;
  /** Offer cost plans by remedy rule. */
  readonly offers: ReadonlyMap<RemedyRule, OfferCost>;
  /** Bands with fen bounds, or `undefined` when a bound is beyond the safe-integer range. */
  readonly bands: readonly PreparedBand[] | undefined;
  /** Range text by band, for the decimal path. */
  readonly ranges: ReadonlyMap<ApprovalBand, string>;
  /** The decision-id fingerprint's starting lanes (from the pack's content hash). */
  readonly seed: readonly [number, number, number, number];
  /** The decision id hashes the complaint's instants as text: the rules can tell how they are written. */
  readonly instantTexts: boolean;
  /** Per liability outcome (of every rule and the default). */
  readonly outcomes: ReadonlyMap<LiabilityOutcome, PreparedOutcome>;
  /** The liability rule that fired (`null`: none, the default applies) by complaint signature, when the liability rules allow it. */
  readonly liabilityBySignature: SignatureCache<LiabilityRule | null>;
}

type LiabilityOutcome = NonNullable<Policy['liability']>['doc']['default']['outcome'];

/**
 * What `decide` keeps per liability outcome.
 *
 * @category Decisions
 * @internal
 */
export interface PreparedOutcome {
  /** The outcome as the remedy facts read it, frozen. */
  readonly liability: NonNullable<DecisionContext['liability']>;
  /** The remedy rules' plans by complaint signature, when the remedies allow it (see `CompiledRemedies.signatureMask`), each with what `decide` made of its results. */
  readonly remedyPlans: SignatureCache<OutcomePlan>;
}

/**
 * A remedy plan as `decide` keeps it for one liability outcome: the rule
 * set's plan, and per result of its rules to evaluate (`liveResult`) what
 * `decide` made of the hits (its own data, built on first use).
 *
 * @category Decisions
 * @internal
 */
export interface OutcomePlan {
  readonly entry: PlanEntry<RemedyRule>;
  readonly skeletons: unknown[];
}

const cache = new WeakMap<Policy, PreparedPolicy>();

/**
 * The per-policy constants of `decide`, computed on first use and kept for
 * the policy's lifetime (policies are immutable).
 *
 * @param policy - a loaded policy with remedies and approval parts
 * @returns the prepared constants
 * @example
 * ```ts
 * preparePolicy(policy).bands?.map((b) => b.band.id) // → ['manager', 'deputy-general-manager', 'general-manager']
 * ```
 * @category Decisions
 * @internal
 */
export function preparePolicy(policy: Policy): PreparedPolicy {
  let prepared = cache.get(policy);
  if (prepared) return prepared;
  const rounding = policy.settings.rounding;
  const offers = new Map<RemedyRule, OfferCost>();
  for (const rule of policy.remedies?.doc.rules ?? []) {
    const offer = rule.offer;
    if (!offer) continue;
    const within = offer.resolveWithin;
    const due = { resolveWithin: Object.freeze({ ...within }), days: within.days ?? 0, hours: within.hours ?? 0 };
    const cost = offer.cost;
    if ('fixed' in cost) offers.set(rule, { ...due, fixedText: formatMoney(dec(cost.fixed), rounding), unitRate: false });
    else {
      const rate = dec(cost.rate);
      offers.set(rule, { ...due, of: cost.of, rate, unitRate: rate.eq(1) });
    }
  }
  const ranges = new Map<ApprovalBand, string>();
  let bands: PreparedBand[] | undefined = [];
  for (const band of policy.approval?.bands.bands ?? []) {
    const range = describeBand(band);
    ranges.set(band, range);
    const overFen = band.over === undefined ? undefined : toFen(band.over);
    const upToFen = band.upTo === undefined ? undefined : toFen(band.upTo);
    if ((band.over !== undefined && overFen === undefined) || (band.upTo !== undefined && upToFen === undefined)) bands = undefined;
    bands?.push({ band, overFen, upToFen, range });
  }
  // Outcomes with the same party, cost bearer, upheld and testing share one prepared outcome: that is all the
  // remedy stage reads of an outcome (its facts and the options' cost bearers), so a pack of many rules with
  // equal outcomes keeps one set of plans, and every outcome's plans draw on one budget of the policy.
  const outcomes = new Map<LiabilityOutcome, PreparedOutcome>();
  const byContent = new Map<string, PreparedOutcome>();
  const planBudget = { left: MAX_COMBINATIONS_PER_RULE_SET };
  const liabilityDoc = policy.liability?.doc;
  for (const o of liabilityDoc ? [...liabilityDoc.rules.map((r) => r.outcome), liabilityDoc.default.outcome] : []) {
    const liability = { party: o.party, costBearer: o.costBearer, upheld: o.upheld, thirdPartyTesting: !!o.thirdPartyTesting };
    const key = JSON.stringify([liability.party, liability.costBearer, liability.upheld, liability.thirdPartyTesting]);
    let shared = byContent.get(key);
    if (!shared) byContent.set(key, (shared = { liability: Object.freeze(liability), remedyPlans: new SignatureCache(MAX_COMBINATIONS_PER_RULE_SET, planBudget) }));
    outcomes.set(o, shared);
  }
  const instantTexts = !!(policy.liability?.readsInstantText || policy.remedies?.readsInstantText);
  prepared = { rounding, offers, bands, ranges, seed: fingerprintSeed(policy.hash, instantTexts), instantTexts, outcomes, liabilityBySignature: new SignatureCache(MAX_COMBINATIONS_PER_RULE_SET) };
  cache.set(policy, prepared);
  return prepared;
}

/**
 * The band covering a non-negative amount in fen — the same choice as
 * `CompiledBands.select` (`over` < amount ≤ `upTo`).
 *
 * @param bands - prepared bands
 * @param fen - the amount
 * @returns the band, or `undefined`
 * @example
 * ```ts
 * selectBandFen(preparePolicy(policy).bands!, 10_000_001)?.band.id // → 'deputy-general-manager'
 * ```
 * @category Decisions
 * @internal
 */
export function selectBandFen(bands: readonly PreparedBand[], fen: number): PreparedBand | undefined {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.overFen !== undefined && !(fen > b.overFen)) continue;
    if (b.upToFen !== undefined && fen > b.upToFen) continue;
    return b;
  }
  return undefined;
}

/**
 * `now` plus a resolution time: `days` whole calendar days in the pack's
 * time zone (the same wall-clock time), then `hours` elapsed hours.
 *
 * @param nowMs - the decision's clock, epoch milliseconds
 * @param within - `{ days, hours }` (0 when absent)
 * @param timeZone - the pack's IANA zone
 * @returns the due instant, epoch milliseconds
 * @example
 * ```ts
 * dueMs(Date.UTC(2026, 10, 20, 2), { days: 0, hours: 24 }, 'Asia/Shanghai') // → Date.UTC(2026, 10, 21, 2)
 * ```
 * @category Decisions
 * @internal
 */
export function dueMs(nowMs: number, within: { readonly days: number; readonly hours: number }, timeZone: string): number {
  const due = within.days ? addCalendarDaysMs(nowMs, within.days, timeZone) : nowMs;
  return within.hours ? due + within.hours * 3_600_000 : due;
}

/**
 * The printed due instant of an offer: {@link dueMs} in the pack's zone.
 * Printed from the text of `now` when `now` was the last instant printed
 * and the offset does not change on the way (see `formatDaysAfterLast`).
 *
 * @param nowMs - the decision's clock, printed just before
 * @param within - `{ days, hours }` (0 when absent)
 * @param timeZone - the pack's IANA zone
 * @returns e.g. `2026-11-27T10:00:00+08:00`
 * @example
 * ```ts
 * dueText(Date.UTC(2026, 10, 20, 2), { days: 7, hours: 0 }, 'Asia/Shanghai') // → '2026-11-27T10:00:00+08:00'
 * ```
 * @category Decisions
 * @internal
 */
export function dueText(nowMs: number, within: { readonly days: number; readonly hours: number }, timeZone: string): string {
  return formatDaysAfterLast(nowMs, within.days, within.hours, timeZone) ?? formatEpochMs(dueMs(nowMs, within, timeZone), timeZone);
}
