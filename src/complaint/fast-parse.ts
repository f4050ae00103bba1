import { instantMs } from '../time/instant.js';
import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, ComplaintSchema, NATURES, SEVERITIES, type Complaint } from './schema.js';

/*
 * A hand-written validator for the one shape decisions read on every call.
 * `ComplaintSchema` (zod) stays the single source of truth: it defines the
 * JSON Schema and every error message. This file only answers "is this input
 * certainly valid?" quickly; whenever the answer is not a clear yes it returns
 * `undefined` and the caller runs the full checks (safe-JSON walk + zod),
 * which produce the issues. So the fast path may be stricter than zod (it
 * then costs speed, never correctness) but never looser — an
 * `undefined`-valued field, which the full checks take as absent, is such a
 * case: left to them, never accepted here — property tests
 * (test/decision/fast-validator.test.ts) check both directions on random and
 * mutated complaints.
 */

const TOP_KEYS = ['id', 'receivedAt', 'channel', 'type', 'severity', 'customer', 'order', 'findings', 'claimAmount'] as const;
const CUSTOMER_KEYS = ['vulnerable', 'vulnerability'] as const;
const ORDER_KEYS = ['soldOnline', 'deliveredAt', 'items'] as const;
const FINDINGS_KEYS = ['nature', 'customerFault', 'resaleable', 'proofOfPurchase', 'supplierInvolved'] as const;
const ITEM_KEYS = ['sku', 'quantity', 'unitPrice'] as const;

// Schema introspection (zod v4 public `shape` / `element` / `unwrap().options`), done once.
type Shaped = { shape: Record<string, unknown> };
const shape = (s: unknown): Record<string, unknown> => (s as Shaped).shape;
const sameKeys = (actual: Record<string, unknown>, expected: readonly string[]) => Object.keys(actual).join() === expected.join();

function introspect(): { inSync: boolean; vulnerabilities: readonly string[] } {
  try {
    const top = shape(ComplaintSchema);
    const customer = shape(top.customer);
    const order = shape(top.order);
    const vulnerabilities = (customer.vulnerability as { unwrap(): { options: readonly string[] } }).unwrap().options;
    const inSync =
      sameKeys(top, TOP_KEYS) &&
      sameKeys(customer, CUSTOMER_KEYS) &&
      sameKeys(order, ORDER_KEYS) &&
      sameKeys(shape(top.findings), FINDINGS_KEYS) &&
      sameKeys(shape((order.items as { element: unknown }).element), ITEM_KEYS) &&
      Array.isArray(vulnerabilities);
    return { inSync, vulnerabilities: inSync ? vulnerabilities : [] };
  } catch {
    return { inSync: false, vulnerabilities: [] };
  }
}
const SCHEMA = introspect();

/**
 * True while the hand-written validator matches the keys of
 * `ComplaintSchema`. When someone adds, removes or reorders a complaint field
 * without updating this file, the fast path switches itself off (every
 * complaint then goes through zod: slower, still correct) and a test fails.
 *
 * @example
 * ```ts
 * FAST_COMPLAINT_PARSER_IN_SYNC // → true
 * ```
 * @category Complaints
 */
export const FAST_COMPLAINT_PARSER_IN_SYNC: boolean = SCHEMA.inSync;

const OBJECT_PROTO = Object.prototype;

/**
 * An object with the prototype of a plain JSON object (`Object.prototype` or
 * `null`). An array with its prototype taken away passes, but its own
 * `length` key then fails the exact-keys check that always follows.
 */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === OBJECT_PROTO || proto === null;
}

/**
 * True when an object's own string keys (`Object.getOwnPropertyNames`, read
 * once per object) — enumerable or not — are exactly `expected`, in any order. Any other
 * own key (`__proto__`, `constructor`, a hidden or unknown key) leaves the
 * input to the full checks, which say what is wrong or accept it. Symbol
 * keys are not data: both paths ignore them, as `JSON.stringify` does.
 */
function exactKeys(keys: readonly string[], expected: readonly string[], set: ReadonlySet<PropertyKey>): boolean {
  const n = expected.length;
  if (keys.length !== n) return false;
  let i = 0;
  while (i < n && keys[i] === expected[i]) i++;
  for (; i < n; i++) if (!set.has(keys[i]!)) return false; // own keys are distinct: n of them in a set of n is the set
  return true;
}
const keySet = (keys: readonly string[]): ReadonlySet<PropertyKey> => new Set<PropertyKey>(keys);
const TOP_SET = keySet(TOP_KEYS);
const CUSTOMER_SET = keySet(CUSTOMER_KEYS);
const ORDER_SET = keySet(ORDER_KEYS);
const FINDINGS_SET = keySet(FINDINGS_KEYS);
const ITEM_SET = keySet(ITEM_KEYS);
const CUSTOMER_REQUIRED = CUSTOMER_KEYS.slice(0, 1);
const FINDINGS_REQUIRED = FINDINGS_KEYS.slice(0, 4);

const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

/** Money text that is not a whole number of fen within 2^53 − 1 (still valid money: use decimals). */
const NOT_EXACT = -2;

/**
 * Reads `MONEY_PATTERN` text (`0` or up to 15 digits without a leading zero,
 * then optionally `.` and 1–2 digits) as integer fen: -1 when the text is
 * not money, {@link NOT_EXACT} when it is but the fen would pass 2^53 − 1.
 */
function moneyFen(v: string): number {
  const n = v.length;
  if (n === 0 || n > 18) return -1;
  const first = v.charCodeAt(0) - 48;
  if (!(first >= 0 && first <= 9)) return -1;
  let whole = first;
  let i = 1;
  if (first !== 0) {
    for (; i < n; i++) {
      const c = v.charCodeAt(i) - 48;
      if (!(c >= 0 && c <= 9)) break;
      whole = whole * 10 + c; // exact: at most 15 digits < 2^53
    }
    if (i > 15) return -1;
  }
  let fen = whole * 100;
  if (i < n) {
    if (v.charCodeAt(i) !== 46 /* . */) return -1;
    const decimals = n - i - 1;
    const d1 = v.charCodeAt(i + 1) - 48;
    if (decimals < 1 || decimals > 2 || !(d1 >= 0 && d1 <= 9)) return -1;
    if (decimals === 2) {
      const d2 = v.charCodeAt(i + 2) - 48;
      if (!(d2 >= 0 && d2 <= 9)) return -1;
      fen += d1 * 10 + d2;
    } else fen += d1 * 10;
  }
  // A float result ≤ 2^53 − 1 is exact (anything above rounds to ≥ 2^53).
  return Number.isSafeInteger(fen) ? fen : NOT_EXACT;
}

/** Value → its position + 1 in an enumeration. */
function positions(values: readonly string[]): ReadonlyMap<unknown, number> {
  return new Map<unknown, number>(values.map((v, i) => [v, i + 1]));
}
const CHANNEL_AT = positions(CHANNELS);
const TYPE_AT = positions(COMPLAINT_TYPES);
const SEVERITY_AT = positions(SEVERITIES);
const NATURE_AT = positions(NATURES);
const FAULT_AT = positions(CUSTOMER_FAULTS);
const VULNERABILITY_AT = positions(SCHEMA.vulnerabilities);

/** The enumerated fields' positions (1-based; vulnerability 0 when absent) packed in one 32-bit word. */
const packEnums = (channel: number, type: number, severity: number, nature: number, fault: number, vulnerability: number) =>
  channel | (type << 4) | (severity << 8) | (nature << 12) | (fault << 17) | (vulnerability << 21);

/**
 * The enumerated fields of a validated complaint packed in one word, as
 * {@link scanComplaint} reports them (the decision id hashes it).
 *
 * @param c - a validated complaint
 * @returns a 32-bit integer
 * @example
 * ```ts
 * enumWord(complaint) === scanComplaint(complaint)!.enums // → true
 * ```
 * @category Complaints
 * @internal
 */
export function enumWord(c: Complaint): number {
  return packEnums(
    CHANNEL_AT.get(c.channel)!,
    TYPE_AT.get(c.type)!,
    SEVERITY_AT.get(c.severity)!,
    NATURE_AT.get(c.findings.nature)!,
    FAULT_AT.get(c.findings.customerFault)!,
    VULNERABILITY_AT.get(c.customer.vulnerability) ?? 0,
  );
}

type Item = Complaint['order']['items'][number];

/**
 * A complaint the fast validator accepted, with what it read on the way:
 * instants as epoch milliseconds and money as integer fen (`undefined` when
 * not exact within 2^53 − 1: use decimals).
 *
 * @category Complaints
 * @internal
 */
export interface ScannedComplaint {
  /** The validated copy, equal to what `ComplaintSchema.parse` returns. */
  readonly complaint: Complaint;
  readonly receivedMs: number;
  /** `null` when not delivered. */
  readonly deliveredMs: number | null;
  readonly claimFen: number | undefined;
  /** Σ quantity × unit price in fen. */
  readonly orderFen: number | undefined;
  /** The enumerated fields' positions in one word ({@link enumWord}). */
  readonly enums: number;
}

/**
 * The fast validator: the complaint and what was read on the way, or
 * `undefined` when the input is not certainly valid (run the full checks).
 *
 * @param input - untrusted complaint data
 * @returns the scan, or `undefined`
 * @example
 * ```ts
 * scanComplaint(validComplaint)?.claimFen // → 29900 for claimAmount "299.00"
 * ```
 * @category Complaints
 * @internal
 */
export function scanComplaint(input: unknown): ScannedComplaint | undefined {
  if (!FAST_COMPLAINT_PARSER_IN_SYNC || !isPlainObject(input) || !exactKeys(Object.getOwnPropertyNames(input), TOP_KEYS, TOP_SET)) return undefined;
  const { id, receivedAt, channel, type, severity, customer, order, findings, claimAmount } = input;
  const channelAt = CHANNEL_AT.get(channel);
  const typeAt = TYPE_AT.get(type);
  const severityAt = SEVERITY_AT.get(severity);
  if (!isText(id, 1, 100) || typeof receivedAt !== 'string' || !channelAt || !typeAt || !severityAt || typeof claimAmount !== 'string') return undefined;
  const receivedMs = instantMs(receivedAt);
  const claim = moneyFen(claimAmount);
  if (receivedMs === undefined || claim === -1) return undefined;

  if (!isPlainObject(customer)) return undefined;
  const { vulnerable } = customer;
  if (typeof vulnerable !== 'boolean') return undefined;
  let customerOut: Complaint['customer'];
  let vulnerabilityAt = 0;
  const customerKeys = Object.getOwnPropertyNames(customer);
  if (exactKeys(customerKeys, CUSTOMER_REQUIRED, CUSTOMER_SET)) customerOut = { vulnerable };
  else {
    const vulnerability = customer.vulnerability;
    vulnerabilityAt = VULNERABILITY_AT.get(vulnerability) ?? 0;
    // `vulnerability: undefined` is left to the full checks, which take it as absent.
    if (!vulnerabilityAt || !exactKeys(customerKeys, CUSTOMER_KEYS, CUSTOMER_SET)) return undefined;
    customerOut = { vulnerable, vulnerability: vulnerability as NonNullable<Complaint['customer']['vulnerability']> };
  }

  if (!isPlainObject(order) || !exactKeys(Object.getOwnPropertyNames(order), ORDER_KEYS, ORDER_SET)) return undefined;
  const { soldOnline, deliveredAt, items } = order;
  if (typeof soldOnline !== 'boolean' || !Array.isArray(items)) return undefined;
  let deliveredMs: number | null = null;
  if (deliveredAt !== null) {
    const ms = typeof deliveredAt === 'string' ? instantMs(deliveredAt) : undefined;
    if (ms === undefined) return undefined;
    deliveredMs = ms;
  }
  const n = items.length;
  if (n < 1 || n > 1000) return undefined;
  const itemsOut: Item[] = new Array(n);
  let orderFen = 0;
  for (let i = 0; i < n; i++) {
    const v: unknown = items[i];
    if (!isPlainObject(v) || !exactKeys(Object.getOwnPropertyNames(v), ITEM_KEYS, ITEM_SET)) return undefined;
    const { sku, quantity, unitPrice } = v;
    if (!isText(sku, 1, 100) || !Number.isSafeInteger(quantity) || (quantity as number) <= 0 || (quantity as number) > 1_000_000_000 || typeof unitPrice !== 'string') return undefined;
    const unit = moneyFen(unitPrice);
    if (unit === -1) return undefined;
    // NaN once a price or a step is not exact (NaN stays NaN).
    orderFen = unit === NOT_EXACT ? Number.NaN : orderFen + unit * (quantity as number);
    if (!Number.isSafeInteger(orderFen)) orderFen = Number.NaN;
    itemsOut[i] = { sku, quantity: quantity as number, unitPrice };
  }

  if (!isPlainObject(findings)) return undefined;
  const { resaleable, proofOfPurchase } = findings;
  // Known to be members of their enumerations once their positions are found.
  const nature = findings.nature as Complaint['findings']['nature'];
  const customerFault = findings.customerFault as Complaint['findings']['customerFault'];
  const natureAt = NATURE_AT.get(nature);
  const faultAt = FAULT_AT.get(customerFault);
  if (!natureAt || !faultAt || typeof resaleable !== 'boolean' || typeof proofOfPurchase !== 'boolean') return undefined;
  let findingsOut: Complaint['findings'];
  const findingsKeys = Object.getOwnPropertyNames(findings);
  const natureOut = NATURES[natureAt - 1]!;
  const faultOut = CUSTOMER_FAULTS[faultAt - 1]!;
  if (exactKeys(findingsKeys, FINDINGS_REQUIRED, FINDINGS_SET)) findingsOut = { nature: natureOut, customerFault: faultOut, resaleable, proofOfPurchase };
  else {
    const supplierInvolved = findings.supplierInvolved;
    // `supplierInvolved: undefined` is left to the full checks, which take it as absent.
    if (typeof supplierInvolved !== 'boolean' || !exactKeys(findingsKeys, FINDINGS_KEYS, FINDINGS_SET)) return undefined;
    findingsOut = { nature: natureOut, customerFault: faultOut, resaleable, proofOfPurchase, supplierInvolved };
  }

  return {
    complaint: {
      id,
      receivedAt,
      // enumerated values: the library's own copies of the same texts (see `positions`)
      channel: CHANNELS[channelAt - 1]!,
      type: COMPLAINT_TYPES[typeAt - 1]!,
      severity: SEVERITIES[severityAt - 1]!,
      customer: customerOut,
      order: { soldOnline, deliveredAt: deliveredAt as string | null, items: itemsOut },
      findings: findingsOut,
      claimAmount,
    },
    receivedMs,
    deliveredMs,
    claimFen: claim === NOT_EXACT ? undefined : claim,
    orderFen: Number.isNaN(orderFen) ? undefined : orderFen,
    enums: packEnums(channelAt, typeAt, severityAt, natureAt, faultAt, vulnerabilityAt),
  };
}

/**
 * Validates a complaint the fast way. Returns a fresh copy equal to what
 * `ComplaintSchema.parse` returns (same keys in the same order, optional keys
 * present exactly when the input has them), or `undefined` when the input is
 * not certainly valid — then run the full checks to get the issues.
 *
 * @param input - untrusted complaint data
 * @returns the validated copy, or `undefined`
 * @example
 * ```ts
 * fastParseComplaint(validComplaint)?.id // → 'C-1001'
 * fastParseComplaint({ id: 7 })          // → undefined (zod reports why)
 * ```
 * @category Complaints
 */
export function fastParseComplaint(input: unknown): Complaint | undefined {
  return scanComplaint(input)?.complaint;
}
