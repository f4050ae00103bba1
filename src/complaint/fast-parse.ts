import { MONEY_PATTERN } from '../money/money.js';
import { isInstantText } from '../time/instant.js';
import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, ComplaintSchema, NATURES, SEVERITIES, type Complaint } from './schema.js';

/*
 * A hand-written validator for the one shape decisions read on every call.
 * `ComplaintSchema` (zod) stays the single source of truth: it defines the
 * JSON Schema and every error message. This file only answers "is this input
 * certainly valid?" quickly; whenever the answer is not a clear yes it returns
 * `undefined` and the caller runs the full checks (safe-JSON walk + zod),
 * which produce the issues. So the fast path may be stricter than zod (it
 * then costs speed, never correctness) but never looser — property tests
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

/** A plain JSON object (prototype `Object.prototype` or `null`), not an array. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === OBJECT_PROTO || proto === null;
}

const hasOwn = (v: object, key: string) => Object.prototype.hasOwnProperty.call(v, key);

/**
 * The number of enumerable string keys of a plain object, or -1 when it has
 * a key the full checks refuse even when hidden from `for…in`: a symbol key,
 * or an own `__proto__` / `constructor` / `prototype` (enumerable or not).
 * Other non-enumerable keys are ignored here, as zod and the safe-JSON walk
 * ignore them; the copy leaves them out, as zod's output does.
 */
function keyCount(v: object): number {
  if (hasOwn(v, '__proto__') || hasOwn(v, 'constructor') || hasOwn(v, 'prototype') || Object.getOwnPropertySymbols(v).length) return -1;
  let n = 0;
  for (const _ in v) n++;
  return n;
}

const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const isMoney = (v: unknown): v is string => typeof v === 'string' && MONEY_PATTERN.test(v);
const isInstant = (v: unknown): v is string => typeof v === 'string' && isInstantText(v);

function oneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  const set = new Set<unknown>(values);
  return (v: unknown): v is T => set.has(v);
}
const isChannel = oneOf(CHANNELS);
const isType = oneOf(COMPLAINT_TYPES);
const isSeverity = oneOf(SEVERITIES);
const isNature = oneOf(NATURES);
const isCustomerFault = oneOf(CUSTOMER_FAULTS);
const isVulnerability = oneOf(SCHEMA.vulnerabilities);

type Item = Complaint['order']['items'][number];

function parseItem(v: unknown): Item | undefined {
  if (!isPlainObject(v)) return undefined;
  const { sku, quantity, unitPrice } = v;
  if (!isText(sku, 1, 100) || !Number.isSafeInteger(quantity) || (quantity as number) <= 0 || (quantity as number) > 1_000_000_000 || !isMoney(unitPrice)) return undefined;
  if (keyCount(v) !== 3) return undefined;
  return { sku, quantity: quantity as number, unitPrice };
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
  if (!FAST_COMPLAINT_PARSER_IN_SYNC || !isPlainObject(input)) return undefined;
  const { id, receivedAt, channel, type, severity, customer, order, findings, claimAmount } = input;
  if (!isText(id, 1, 100) || !isInstant(receivedAt) || !isChannel(channel) || !isType(type) || !isSeverity(severity) || !isMoney(claimAmount)) return undefined;
  if (keyCount(input) !== 9) return undefined;

  if (!isPlainObject(customer)) return undefined;
  const { vulnerable } = customer;
  if (typeof vulnerable !== 'boolean') return undefined;
  let customerOut: Complaint['customer'];
  if (hasOwn(customer, 'vulnerability')) {
    const vulnerability = customer.vulnerability;
    if (!isVulnerability(vulnerability)) return undefined; // `undefined` is not JSON data: the full checks report it
    if (keyCount(customer) !== 2) return undefined;
    customerOut = { vulnerable, vulnerability: vulnerability as NonNullable<Complaint['customer']['vulnerability']> };
  } else {
    if (keyCount(customer) !== 1) return undefined;
    customerOut = { vulnerable };
  }

  if (!isPlainObject(order)) return undefined;
  const { soldOnline, deliveredAt, items } = order;
  if (typeof soldOnline !== 'boolean' || (deliveredAt !== null && !isInstant(deliveredAt)) || !Array.isArray(items)) return undefined;
  const n = items.length;
  if (n < 1 || n > 1000 || keyCount(order) !== 3) return undefined;
  const itemsOut: Item[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const item = parseItem(items[i]);
    if (!item) return undefined;
    itemsOut[i] = item;
  }

  if (!isPlainObject(findings)) return undefined;
  const { nature, customerFault, resaleable, proofOfPurchase } = findings;
  if (!isNature(nature) || !isCustomerFault(customerFault) || typeof resaleable !== 'boolean' || typeof proofOfPurchase !== 'boolean') return undefined;
  let findingsOut: Complaint['findings'];
  if (hasOwn(findings, 'supplierInvolved')) {
    const supplierInvolved = findings.supplierInvolved;
    if (typeof supplierInvolved !== 'boolean') return undefined;
    if (keyCount(findings) !== 5) return undefined;
    findingsOut = { nature, customerFault, resaleable, proofOfPurchase, supplierInvolved };
  } else {
    if (keyCount(findings) !== 4) return undefined;
    findingsOut = { nature, customerFault, resaleable, proofOfPurchase };
  }

  return {
    id,
    receivedAt,
    channel,
    type,
    severity,
    customer: customerOut,
    order: { soldOnline, deliveredAt: deliveredAt as string | null, items: itemsOut },
    findings: findingsOut,
    claimAmount,
  };
}

/**
 * `canonicalJson(complaint)` for a validated complaint, written out for its
 * known shape: keys sorted, `undefined` members left out. Gives exactly the
 * same text as the generic `canonicalJson` (a property test checks it), in a
 * fraction of the time.
 *
 * @param c - a complaint returned by {@link fastParseComplaint} or `ComplaintSchema`
 * @returns canonical JSON text
 * @example
 * ```ts
 * canonicalComplaintJson(c).startsWith('{"channel":') // → true
 * ```
 * @category Complaints
 */
export function canonicalComplaintJson(c: Complaint): string {
  const cu = c.customer;
  const customer = cu.vulnerability === undefined ? `{"vulnerable":${cu.vulnerable}}` : `{"vulnerability":"${cu.vulnerability}","vulnerable":${cu.vulnerable}}`;
  const f = c.findings;
  const findings =
    `{"customerFault":"${f.customerFault}","nature":"${f.nature}","proofOfPurchase":${f.proofOfPurchase},"resaleable":${f.resaleable}` +
    (f.supplierInvolved === undefined ? '}' : `,"supplierInvolved":${f.supplierInvolved}}`);
  const o = c.order;
  let items = '';
  for (let i = 0; i < o.items.length; i++) {
    const it = o.items[i]!;
    items += `${i ? ',' : ''}{"quantity":${it.quantity},"sku":${JSON.stringify(it.sku)},"unitPrice":"${it.unitPrice}"}`;
  }
  const delivered = o.deliveredAt === null ? 'null' : `"${o.deliveredAt}"`;
  return (
    `{"channel":"${c.channel}","claimAmount":"${c.claimAmount}","customer":${customer},"findings":${findings},"id":${JSON.stringify(c.id)},` +
    `"order":{"deliveredAt":${delivered},"items":[${items}],"soldOnline":${o.soldOnline}},"receivedAt":"${c.receivedAt}","severity":"${c.severity}","type":"${c.type}"}`
  );
}
