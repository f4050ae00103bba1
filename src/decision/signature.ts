import type { FactRegistry } from '../conditions/facts.js';
import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, NATURES, SEVERITIES, type Complaint } from '../complaint/schema.js';
import { COMPLAINT_FACTS } from './facts.js';

/*
 * A complaint's signature: the values of the built-in complaint facts that
 * take few values (the enumerations and the booleans), packed in one small
 * integer. A rule set that reads only such facts gives the same outcome for
 * the same signature (facts and operators being pure, as the `memo` load
 * option already assumes), so `decide` keeps the liability outcome per
 * signature and skips computing facts and evaluating rules when it has seen
 * the signature before.
 *
 * Bits: the enumerations' 1-based positions as `enumWord` packs them
 * (channel 0–3, type 4–7, severity 8–11, nature 12–16, customer fault 17–20;
 * the word's vulnerability bits are not a fact and are dropped), then one bit
 * per boolean fact (21–26). Under 2^27: a small integer in V8.
 */

/** Each signature fact's bits. */
const SIGNATURE_BITS: Readonly<Record<string, number | undefined>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
  channel: 0xf,
  type: 0xf0,
  severity: 0xf00,
  nature: 0x1f000,
  customerFault: 0x1e0000,
  vulnerable: 1 << 21,
  soldOnline: 1 << 22,
  delivered: 1 << 23,
  resaleable: 1 << 24,
  proofOfPurchase: 1 << 25,
  supplierInvolved: 1 << 26,
  }),
);

/** True while every enumeration's positions fit their bits (a test fails otherwise; signatures are then not used). */
export const SIGNATURE_FITS: boolean =
  CHANNELS.length < 16 && COMPLAINT_TYPES.length < 16 && SEVERITIES.length < 16 && NATURES.length < 32 && CUSTOMER_FAULTS.length < 16;

/**
 * The signature bits a rule set reads, when it reads only built-in
 * signature facts with their built-in definitions; `undefined` when it reads
 * any other fact (a number, the whole complaint, a host fact, or a host
 * definition under a built-in name) — its outcome is then not a function of
 * the signature.
 *
 * @param usedFacts - the facts the rule set reads (`CompiledRuleSet.usedFacts`)
 * @param registry - the fact definitions it was compiled with
 * @param known - other facts allowed with these definitions, which the caller accounts for itself (add no bits; e.g. the liability outcome's facts, known per outcome)
 * @returns the mask of the bits that decide its outcome, or `undefined`
 * @example
 * ```ts
 * signatureMask(['nature', 'proofOfPurchase'], COMPLAINT_FACTS) // → 0x1f000 | (1 << 25)
 * signatureMask(['daysSinceDelivery'], COMPLAINT_FACTS)         // → undefined
 * ```
 * @category Decisions
 * @internal
 */
export function signatureMask(usedFacts: readonly string[], registry: FactRegistry<never>, known: FactRegistry<never> = NO_FACTS): number | undefined {
  if (!SIGNATURE_FITS) return undefined;
  let mask = 0;
  for (const name of usedFacts) {
    const bits = SIGNATURE_BITS[name];
    if (bits !== undefined && registry[name] === COMPLAINT_FACTS[name]) mask |= bits;
    else if (!Object.prototype.hasOwnProperty.call(known, name) || registry[name] !== known[name]) return undefined;
  }
  return mask;
}
const NO_FACTS: FactRegistry<never> = Object.freeze({});

/**
 * The signature of a validated complaint.
 *
 * @param c - the validated complaint
 * @param enums - its enumerations packed by `enumWord` (the validator reports it)
 * @returns an integer below 2^27
 * @example
 * ```ts
 * complaintSignature(c, enumWord(c)) & signatureMask(['proofOfPurchase'], COMPLAINT_FACTS)! // → 1 << 25 when proof was shown
 * ```
 * @category Decisions
 * @internal
 */
export function complaintSignature(c: Complaint, enums: number): number {
  const o = c.order;
  const f = c.findings;
  return (
    (enums & 0x1fffff) |
    (c.customer.vulnerable ? 1 << 21 : 0) |
    (o.soldOnline ? 1 << 22 : 0) |
    (o.deliveredAt !== null ? 1 << 23 : 0) |
    (f.resaleable ? 1 << 24 : 0) |
    (f.proofOfPurchase ? 1 << 25 : 0) |
    (f.supplierInvolved === true ? 1 << 26 : 0)
  );
}

/**
 * A bounded map from signatures to what a rule set gave for them: at most
 * `limit` entries are kept; past that, new signatures are answered by the
 * caller's evaluation each time (still correct, only slower).
 *
 * @category Decisions
 * @internal
 */
export class SignatureCache<T> {
  private readonly map = new Map<number, T>();

  /**
   * @param limit - the most signatures kept
   * @param budget - entries left for every cache sharing it (several caches of one policy draw on one budget, so
   *   their total stays bounded however many of them a pack makes)
   */
  constructor(
    readonly limit: number,
    private readonly budget: { left: number } = { left: limit },
  ) {}

  /** What was kept for a signature, or `undefined`. */
  get(signature: number): T | undefined {
    return this.map.get(signature);
  }

  /** Keeps a value for a signature while there is room (in this cache and in its budget); returns it. */
  keep(signature: number, value: T): T {
    if (this.map.size < this.limit && this.budget.left > 0) {
      this.map.set(signature, value);
      this.budget.left--;
    }
    return value;
  }

  /** How many signatures are kept. */
  get size(): number {
    return this.map.size;
  }
}
