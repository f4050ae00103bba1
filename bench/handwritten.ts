/**
 * The bundled `ecommerce` pack's liability → remedies → approval rules written
 * out by hand: the practical speed limit of this policy. It trusts its input
 * (no validation), builds no trace, no audit id, no costs or due dates — it
 * answers only what the benchmark compares: the liability rule, party and
 * cost bearer, the remedy types offered in order, and the approver.
 *
 * Kept in step with rules/ecommerce by the benchmark itself: it checks this
 * function against `policy.decide` and json-rules-engine on every complaint
 * and fails when they disagree.
 */
import type { Complaint, CostBearer, Decision, Party } from 'aftersales-policy';

/** What every evaluator in the benchmark must agree on. */
export interface Summary {
  readonly liabilityRuleId: string;
  readonly party: Party;
  readonly costBearer: CostBearer;
  readonly remedies: readonly string[];
  readonly approver: string;
}

interface Liability {
  readonly id: string;
  readonly party: Party;
  readonly costBearer: CostBearer;
  readonly upheld: boolean;
}

const L = (id: string, party: Party, costBearer: CostBearer, upheld: boolean): Liability => ({ id, party, costBearer, upheld });
const NO_PROOF = L('no-proof-of-purchase', 'undetermined', 'customer', false);
const INTENTIONAL = L('intentional-customer-damage', 'customer', 'customer', false);
const MISUSE = L('customer-misuse', 'customer', 'customer', false);
const SUPPLIER = L('supplier-shared-quality', 'supplier', 'company', true);
const COUNTER = L('counter-quality-loss', 'counter', 'counter', true);
const NONCONFORMING = L('nonconforming-product', 'manufacturer', 'company', true);
const APPEARANCE_OWN = L('appearance-change-own-nature', 'manufacturer', 'company', true);
const APPEARANCE_CUSTOMER = L('appearance-change-customer', 'customer', 'customer', false);
const TRANSIT = L('damaged-in-transit', 'logistics', 'company', true);
const CUSTOMER_QUALITY = L('customer-caused-quality-problem', 'customer', 'customer', false);
const LOGISTICS = L('logistics-service-failure', 'logistics', 'company', true);
const SIZE_SELLER = L('size-mismatch-seller', 'seller', 'company', true);
const SIZE_CUSTOMER = L('size-mismatch-customer-choice', 'customer', 'customer', false);
const SELLER_SERVICE = L('seller-service-promotion-price', 'seller', 'company', true);
const TESTING = L('undetermined-third-party-testing', 'undetermined', 'company', true);
const PRESUMPTION = L('presumption-for-customer', 'seller', 'company', true);
const MISUNDERSTANDING = L('misunderstanding-of-product-information', 'customer', 'customer', false);
const DEFAULT = L('undeterminable-customer-is-right', 'undetermined', 'company', true);

function liabilityOf(c: Complaint): Liability {
  const { nature, customerFault: fault, proofOfPurchase } = c.findings;
  const quality = nature === 'quality-defect' || nature === 'functional-fault';
  const noFault = fault === 'none' || fault === 'unknown';
  if (!proofOfPurchase) return NO_PROOF;
  if (fault === 'intentional') return INTENTIONAL;
  if (nature === 'customer-misuse') return MISUSE;
  if (quality && fault === 'unintentional') return CUSTOMER_QUALITY;
  if (quality && c.findings.supplierInvolved === true) return SUPPLIER;
  if (quality && !c.order.soldOnline) return COUNTER;
  if (quality) return NONCONFORMING;
  if (nature === 'appearance-change' && noFault) return APPEARANCE_OWN;
  if (nature === 'appearance-change' && fault === 'unintentional') return APPEARANCE_CUSTOMER;
  if (nature === 'transport-damage' || nature === 'package-damage') return TRANSIT;
  if (c.type === 'logistics' && nature !== 'misunderstanding') return LOGISTICS;
  if (nature === 'size-mismatch' && noFault) return SIZE_SELLER;
  if (nature === 'size-mismatch' && fault === 'unintentional') return SIZE_CUSTOMER;
  if (nature === 'undetermined' && noFault && c.type !== 'product-quality' && c.type !== 'logistics') return SELLER_SERVICE;
  if (nature === 'undetermined' && (fault === 'unknown' || fault === 'unintentional')) return TESTING;
  if (nature === 'undetermined' && fault === 'none') return PRESUMPTION;
  if (nature === 'misunderstanding') return MISUNDERSTANDING;
  return DEFAULT;
}

const DAY = 86_400_000;
const UTC8 = 8 * 3_600_000;

/** The day number of an instant's date in Asia/Shanghai (the pack's zone; UTC+8 all year). */
const shanghaiDay = (iso: string): number => Math.floor((Date.parse(iso) + UTC8) / DAY);

/** Appends `type` unless it is excluded or already offered. */
function offer(out: string[], type: string, allowed: boolean): void {
  if (allowed && !out.includes(type)) out.push(type);
}

/**
 * Decides one complaint the hand-written way.
 *
 * @param c - a valid complaint (trusted)
 * @param _now - ISO 8601 with offset (unused: no rule of this pack reads the clock)
 * @returns the summary the benchmark compares
 */
export function handwrittenDecide(c: Complaint, _now: string): Summary {
  const lia = liabilityOf(c);
  const { nature, customerFault: fault, proofOfPurchase, resaleable } = c.findings;
  const upheld = lia.upheld;
  const priceLike = c.type === 'price' || c.type === 'promotion';
  const goods = proofOfPurchase; // without proof every goods remedy is excluded
  const refund = goods && (upheld || resaleable);
  const out: string[] = [];
  if (upheld) {
    // a nonconforming product, or an appearance change of its own nature, is exchanged whatever the complaint is about
    if (!priceLike || nature === 'quality-defect' || nature === 'functional-fault' || nature === 'appearance-change') offer(out, 'exchange', goods);
    offer(out, 'refund', refund);
    if (priceLike) offer(out, 'price-compensation', goods);
    if (nature === 'functional-fault' || nature === 'quality-defect') offer(out, 'repair', goods);
    if (c.type === 'logistics' && nature !== 'transport-damage' && nature !== 'package-damage') offer(out, 'resend-parts', goods);
    if (nature === 'appearance-change' || nature === 'package-damage') offer(out, 'allowance', goods);
  }
  if (nature === 'functional-fault' || nature === 'misunderstanding' || nature === 'customer-misuse') offer(out, 'technical-guidance', true);
  if (!upheld) {
    if (nature === 'customer-misuse' || fault === 'intentional' || (fault === 'unintentional' && (nature === 'quality-defect' || nature === 'functional-fault'))) offer(out, 'repair', goods);
    if (fault === 'unintentional' || fault === 'intentional') offer(out, 'exchange', goods);
    const delivered = c.order.deliveredAt;
    // 7-day no-reason return: calendar days in Asia/Shanghai (UTC+8 all year) from the delivery date to the day the complaint was received
    if (refund && resaleable && fault !== 'intentional' && delivered !== null && shanghaiDay(c.receivedAt) - shanghaiDay(delivered) <= 7) offer(out, 'refund', true);
  }
  const amount = Number(c.claimAmount);
  const approver = amount <= 100_000 ? 'manager' : amount <= 150_000 ? 'deputy-general-manager' : 'general-manager';
  return { liabilityRuleId: lia.id, party: lia.party, costBearer: lia.costBearer, remedies: out, approver };
}

/**
 * What the benchmark compares of a decision: the same five values the hand-written function returns.
 *
 * @param d - a decision of `policy.decide`
 * @returns its summary
 */
export const summaryOf = (d: Decision): Summary => ({
  liabilityRuleId: d.liability.ruleId,
  party: d.liability.party,
  costBearer: d.liability.costBearer,
  remedies: d.remedies.map((r) => r.type),
  approver: d.approval.approver,
});
