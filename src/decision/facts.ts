import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, NATURES, SEVERITIES, type Complaint } from '../complaint/schema.js';
import type { FactRegistry } from '../conditions/facts.js';
import { COMPLAINT_SHAPE } from '../complaint/shape.js';
import { dec, sum } from '../money/money.js';
import { localOf } from '../calendar/calendar.js';
import { parseInstant } from '../time/instant.js';

/** Parties that can be liable (POLICY-SPEC §4). @category Decisions */
export const PARTIES = ['seller', 'manufacturer', 'logistics', 'customer', 'supplier', 'counter', 'undetermined'] as const;
/** Who can bear a cost: a party, or the company as a whole. @category Decisions */
export const COST_BEARERS = [...PARTIES, 'company'] as const;
/** A liable party. @category Decisions */
export type Party = (typeof PARTIES)[number];
/** A cost bearer. @category Decisions */
export type CostBearer = (typeof COST_BEARERS)[number];

/**
 * What decision facts are computed from.
 *
 * @category Decisions
 */
export interface DecisionContext {
  /** The validated complaint the facts are computed from. */
  readonly complaint: Complaint;
  /** The instant the facts are computed at, never the system clock: the decision's `now`; in the lifecycle, the event's `at` (at intake, the complaint's `receivedAt`). */
  readonly now: Date;
  /** The pack's time zone (`settings.timeZone`): facts that count calendar days count them there. */
  readonly timeZone: string;
  /** `now` in epoch milliseconds, when the caller has it (facts read it instead of `now`). */
  readonly nowMs?: number;
  /** The complaint's `receivedAt` in epoch milliseconds when already parsed. */
  readonly receivedMs?: number;
  /** The delivery instant in epoch milliseconds when already parsed (`null`: not delivered). */
  readonly deliveredMs?: number | null;
  /** Set for the remedy stage: the liability outcome. */
  readonly liability?: { readonly party: Party; readonly costBearer: CostBearer; readonly upheld: boolean; readonly thirdPartyTesting: boolean };
}

const DAY = 86_400_000;

/**
 * The context `decide` passes to facts: `now` becomes a `Date` only when a
 * fact reads it (the built-in facts read `nowMs`), the same `Date` for every
 * fact of the decision.
 *
 * @category Decisions
 * @internal
 */
export class DecideContext implements DecisionContext {
  private date: Date | undefined = undefined;
  /** Set for the remedy stage. */
  liability: DecisionContext['liability'] = undefined;

  /**
   * @param complaint - the validated complaint
   * @param nowMs - the decision's clock
   * @param deliveredMs - the delivery instant (`null`: not delivered)
   * @param receivedMs - the complaint's `receivedAt`
   * @param timeZone - the pack's time zone
   */
  constructor(
    readonly complaint: Complaint,
    readonly nowMs: number,
    readonly deliveredMs: number | null,
    readonly receivedMs: number,
    readonly timeZone: string,
  ) {}

  /** The decision's clock as a `Date` (made on first use). */
  get now(): Date {
    return (this.date ??= new Date(this.nowMs));
  }
}

/** The delivery instant in epoch milliseconds (`null`: not delivered), parsed unless the context has it. */
function deliveredMsOf(c: DecisionContext): number | null {
  const d = c.complaint.order.deliveredAt;
  return d === null ? null : (c.deliveredMs ?? parseInstant(d)!.getTime());
}

/**
 * The facts liability and approval conditions may read, computed from the
 * complaint and `now`.
 *
 * @category Decisions
 */
export const COMPLAINT_FACTS: FactRegistry<DecisionContext> = Object.freeze({
  type: { type: 'string', values: COMPLAINT_TYPES, description: 'complaint type', compute: (c) => c.complaint.type },
  channel: { type: 'string', values: CHANNELS, description: 'domestic or foreign customer', compute: (c) => c.complaint.channel },
  severity: { type: 'string', values: SEVERITIES, description: 'ordinary or complex', compute: (c) => c.complaint.severity },
  vulnerable: { type: 'boolean', description: 'elderly, pregnant or seriously ill customer', compute: (c) => c.complaint.customer.vulnerable },
  soldOnline: { type: 'boolean', description: 'sold online (false: at a physical counter)', compute: (c) => c.complaint.order.soldOnline },
  delivered: { type: 'boolean', description: 'the order has been delivered', compute: (c) => c.complaint.order.deliveredAt !== null },
  nature: { type: 'string', values: NATURES, description: 'problem nature found by verification', compute: (c) => c.complaint.findings.nature },
  customerFault: { type: 'string', values: CUSTOMER_FAULTS, description: 'degree of customer fault', compute: (c) => c.complaint.findings.customerFault },
  resaleable: { type: 'boolean', description: 'goods can be resold as new', compute: (c) => c.complaint.findings.resaleable },
  proofOfPurchase: { type: 'boolean', description: 'proof of purchase shown', compute: (c) => c.complaint.findings.proofOfPurchase },
  supplierInvolved: { type: 'boolean', description: 'a supplier or another company is involved', compute: (c) => c.complaint.findings.supplierInvolved ?? false },
  claimAmount: { type: 'money', description: 'amount the customer claims', compute: (c) => dec(c.complaint.claimAmount) },
  orderTotal: {
    type: 'money',
    description: 'sum of quantity × unit price over the items',
    compute: (c) => sum(c.complaint.order.items.map((i) => dec(i.unitPrice).times(i.quantity))),
  },
  itemQuantity: { type: 'number', description: 'total quantity of the items', compute: (c) => c.complaint.order.items.reduce((a, i) => a + i.quantity, 0) },
  daysSinceDelivery: {
    type: 'number',
    nullable: true,
    description: 'whole days (24 h) from delivery to now; null if not delivered',
    compute: (c) => {
      const delivered = deliveredMsOf(c);
      return delivered === null ? null : Math.max(0, Math.floor(((c.nowMs ?? c.now.getTime()) - delivered) / DAY));
    },
  },
  daysFromDeliveryToComplaint: {
    type: 'number',
    nullable: true,
    description: "calendar days in the pack's time zone from the delivery date to the date the complaint was received, the delivery date not counted (0 on the delivery date); null if not delivered",
    compute: (c) => {
      const delivered = deliveredMsOf(c);
      if (delivered === null) return null;
      const received = c.receivedMs ?? parseInstant(c.complaint.receivedAt)!.getTime();
      return Math.max(0, localOf(received, c.timeZone).day - localOf(delivered, c.timeZone).day);
    },
  },
  complaint: {
    type: 'object',
    shape: COMPLAINT_SHAPE,
    description: 'the whole complaint, read with a plain "path" (checked against the complaint\'s fields at load)',
    compute: (c) => c.complaint,
  },
});

/**
 * The facts of the liability outcome that remedy conditions may read.
 *
 * @category Decisions
 * @internal
 */
export const LIABILITY_OUTCOME_FACTS: FactRegistry<DecisionContext> = Object.freeze({
  liableParty: { type: 'string', values: PARTIES, description: 'the liable party decided by the liability rules', compute: (c) => c.liability!.party },
  costBearer: { type: 'string', values: COST_BEARERS, description: 'who bears the cost, decided by the liability rules', compute: (c) => c.liability!.costBearer },
  upheld: { type: 'boolean', description: 'the complaint is upheld against the company', compute: (c) => c.liability!.upheld },
  thirdPartyTesting: { type: 'boolean', description: 'third-party testing is required', compute: (c) => c.liability!.thirdPartyTesting },
});

/**
 * The facts remedy conditions may read: the complaint facts plus the
 * liability outcome.
 *
 * @category Decisions
 */
export const REMEDY_FACTS: FactRegistry<DecisionContext> = Object.freeze({
  ...COMPLAINT_FACTS,
  ...LIABILITY_OUTCOME_FACTS,
});

/**
 * Whether conditions reading `used` facts, defined as in `facts`, can tell how
 * the complaint's instants are written (`…T10:00:00+08:00` or `…T02:00:00Z`):
 * they can through the `complaint` fact (a plain path to `receivedAt`) or any
 * fact a host defined; the other built-in facts read instants as instants. The
 * decision id then hashes the instants' text ({@link decisionIdOf}).
 *
 * @param used - the facts the conditions read
 * @param facts - the registry they were compiled with
 * @returns true when the text of an instant can change the decision
 * @example
 * ```ts
 * readsInstantText(['nature', 'upheld'], REMEDY_FACTS as FactRegistry<never>) // → false
 * readsInstantText(['complaint'], REMEDY_FACTS as FactRegistry<never>)       // → true
 * ```
 * @category Decisions
 * @internal
 */
export function readsInstantText(used: Iterable<string>, facts: FactRegistry<never>): boolean {
  for (const name of used) {
    if (name === 'complaint') return true;
    const def = Object.hasOwn(facts, name) ? facts[name] : undefined;
    const builtIn = Object.hasOwn(REMEDY_FACTS, name) ? (REMEDY_FACTS as FactRegistry<never>)[name] : undefined;
    if (def === undefined || def !== builtIn) return true;
  }
  return false;
}
