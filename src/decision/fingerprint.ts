import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, NATURES, SEVERITIES, VULNERABILITIES, type Complaint } from '../complaint/schema.js';
import { parseInstant } from '../time/instant.js';

/*
 * The decision id: a 128-bit fingerprint of (pack content hash, validated
 * complaint, now), computed in JavaScript over the complaint's fields — no
 * intermediate JSON text, no call into native code. It is deterministic and
 * changes whenever any field, the pack or `now` changes; it is not a
 * cryptographic signature (do not use it as proof that a stored decision
 * was not altered — hash the stored record for that).
 *
 * Construction: four 32-bit lanes, each stepped per pair of UTF-16 units
 * (xor, multiply by an odd constant, rotate: a bijection of the lane), every
 * field prefixed by a tag and its length so that field boundaries are part of the
 * input; the four lanes are cross-mixed and each finished with MurmurHash3's
 * fmix32 avalanche.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number) => HEX[n >>> 24]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** The four lanes of the fingerprint being computed (synchronous code only: never shared across calls). */
const L = new Int32Array(4);

function start(seed: readonly [number, number, number, number]): void {
  L[0] = seed[0];
  L[1] = seed[1];
  L[2] = seed[2];
  L[3] = seed[3];
}

/** Adds the word `first`, then the UTF-16 units of `s` two at a time (the last one alone when the length is odd). */
function mix(first: number, s: string): void {
  const n = s.length;
  let a = L[0]!;
  let b = L[1]!;
  let c = L[2]!;
  let d = L[3]!;
  for (let i = -2; i < n; i += 2) {
    const u = i < 0 ? first : i + 1 < n ? s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16) : s.charCodeAt(i);
    a = Math.imul(a ^ u, C1);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ u, C2);
    b = (b << 13) | (b >>> 19);
    c = Math.imul(c ^ u, C3);
    c = (c << 17) | (c >>> 15);
    d = Math.imul(d ^ u, C4);
    d = (d << 11) | (d >>> 21);
  }
  L[0] = a;
  L[1] = b;
  L[2] = c;
  L[3] = d;
}

/** Adds one 32-bit word. */
const word = (v: number): void => mix(v, '');

/** Adds a tagged string: tag and length in one word, then its units. */
const text = (tag: number, s: string): void => mix((tag << 24) ^ s.length, s);

/** Adds a finite number exactly (the two 32-bit halves of its float64). */
function number(v: number): void {
  F64[0] = v;
  word(U32[0]!);
  word(U32[1]!);
}

/** The four lanes, cross-mixed and finished. */
function finish(): [number, number, number, number] {
  let a = L[0]!;
  let b = L[1]!;
  let c = L[2]!;
  let d = L[3]!;
  a = (a + b + c + d) | 0;
  b = fmix32((b + a) | 0);
  c = fmix32((c + a) | 0);
  d = fmix32((d + a) | 0);
  a = fmix32(a);
  a = (a + b + c + d) | 0;
  return [a >>> 0, (b + a) >>> 0, (c + a) >>> 0, (d + a) >>> 0];
}



/**
 * The starting lanes for a pack: the fingerprint of its content hash,
 * worked out once per policy.
 *
 * @param policyHash - the pack's content hash
 * @returns four 32-bit lanes
 * @example
 * ```ts
 * fingerprintSeed(policy.hash).length // → 4
 * ```
 * @category Decisions
 * @internal
 */
export function fingerprintSeed(policyHash: string): [number, number, number, number] {
  start([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a]);
  text(0, 'aftersales-policy decision id v2');
  text(0, policyHash);
  return finish();
}

// Field tags: a field's position is part of what is hashed.
const ID = 1;
const SKU = 2;
const UNIT_PRICE = 3;
const CLAIM_AMOUNT = 4;

/** 0 false, 1 true, 2 absent. */
const flag = (v: boolean | undefined) => (v === undefined ? 2 : v ? 1 : 0);

/** Value → position + 1 in its enumeration (0: absent). */
function indexOf(values: readonly string[]): ReadonlyMap<string | undefined, number> {
  return new Map<string | undefined, number>(values.map((v, i) => [v, i + 1]));
}
const CHANNEL = indexOf(CHANNELS);
const TYPE = indexOf(COMPLAINT_TYPES);
const SEVERITY = indexOf(SEVERITIES);
const NATURE = indexOf(NATURES);
const FAULT = indexOf(CUSTOMER_FAULTS);
const VULNERABILITY = indexOf(VULNERABILITIES);

/**
 * The deterministic decision id: 32 hex digits fingerprinting the pack (its
 * seed), what the decision is made of — every field of the validated
 * complaint — and `now`. Instants count as instants (the same instant
 * written with another offset gives the same id: decisions depend on the
 * instant only); texts, including money texts, count character by
 * character (`"299.0"` and `"299.00"` differ: the trace prints them).
 *
 * @param seed - {@link fingerprintSeed} of the pack's content hash
 * @param c - the validated complaint
 * @param nowMs - the decision's clock, epoch milliseconds
 * @param instants - `receivedAt` / `deliveredAt` as epoch ms when already read (the validator reads them)
 * @returns 32 lower-case hex digits
 * @example
 * ```ts
 * decisionIdOf(fingerprintSeed(policy.hash), complaint, Date.parse('2026-11-20T02:00:00Z')) // → 32 hex digits
 * ```
 * @category Decisions
 * @internal
 */
export function decisionIdOf(
  seed: readonly [number, number, number, number],
  c: Complaint,
  nowMs: number,
  instants: { readonly receivedMs: number; readonly deliveredMs: number | null } = {
    receivedMs: parseInstant(c.receivedAt)!.getTime(),
    deliveredMs: c.order.deliveredAt === null ? null : parseInstant(c.order.deliveredAt)!.getTime(),
  },
): string {
  start(seed);
  const o = c.order;
  const fi = c.findings;
  // The booleans, the enumerations and the shape (delivered or not, item count) in two words.
  word(
    flag(c.customer.vulnerable) |
      (flag(o.soldOnline) << 2) |
      (flag(fi.resaleable) << 4) |
      (flag(fi.proofOfPurchase) << 6) |
      (flag(fi.supplierInvolved) << 8) |
      ((instants.deliveredMs === null ? 1 : 0) << 10) |
      (o.items.length << 11),
  );
  word(
    CHANNEL.get(c.channel)! |
      (TYPE.get(c.type)! << 4) |
      (SEVERITY.get(c.severity)! << 8) |
      (NATURE.get(fi.nature)! << 12) |
      (FAULT.get(fi.customerFault)! << 17) |
      (VULNERABILITY.get(c.customer.vulnerability) ?? 0) << 21,
  );
  number(instants.receivedMs);
  number(instants.deliveredMs ?? 0);
  text(ID, c.id);
  const items = o.items;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    text(SKU, it.sku);
    number(it.quantity);
    text(UNIT_PRICE, it.unitPrice);
  }
  text(CLAIM_AMOUNT, c.claimAmount);
  number(nowMs);
  const [a, b, cc, d] = finish();
  return hex8(a) + hex8(b) + hex8(cc) + hex8(d);
}
