import { enumWord } from '../complaint/fast-parse.js';
import { parseInstant } from '../time/instant.js';
import type { Complaint } from '../complaint/schema.js';

/*
 * The decision id: a 128-bit fingerprint of (pack content hash, validated
 * complaint, now), computed in JavaScript over the complaint's fields — no
 * intermediate JSON text, no call into native code. It is deterministic and
 * changes whenever any field, the pack or `now` changes; it is not a
 * cryptographic signature (do not use it as proof that a stored decision
 * was not altered — hash the stored record for that).
 *
 * Construction: four 32-bit lanes seeded from the pack's content hash, each
 * stepped per 32-bit word (xor, multiply by an odd constant, rotate: a
 * bijection of the lane). The words: the booleans and the shape, the
 * enumerations (as positions), the instants (as epoch milliseconds: the same
 * instant written with another offset gives the same id, as it gives the
 * same decision), `now` and the quantities; then each text (id, claim amount,
 * each sku and unit price) as a tag-and-length word followed by its UTF-16
 * units two to a word, so field boundaries are part of the input. When the
 * pack's rules can tell how the instants are written (the `complaint` fact, a
 * host fact: `readsInstantText`), the same instant written two ways can be
 * decided differently: then `receivedAt` and `deliveredAt` count as texts
 * (after the claim amount; `deliveredAt` empty when null) instead of instants,
 * and the seed names that construction. The lanes are cross-mixed and each
 * finished with MurmurHash3's fmix32 avalanche.
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

/** Character codes of the 16 hex digits. */
const HEX = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** 32 lower-case hex digits of four 32-bit lanes, signed or not (one `String.fromCharCode`: a flat string, no concatenation). */
function hex32(a: number, b: number, c: number, d: number): string {
  const h = HEX;
  // prettier-ignore
  return String.fromCharCode(
    h[a >>> 28]!, h[(a >>> 24) & 15]!, h[(a >>> 20) & 15]!, h[(a >>> 16) & 15]!, h[(a >>> 12) & 15]!, h[(a >>> 8) & 15]!, h[(a >>> 4) & 15]!, h[a & 15]!,
    h[b >>> 28]!, h[(b >>> 24) & 15]!, h[(b >>> 20) & 15]!, h[(b >>> 16) & 15]!, h[(b >>> 12) & 15]!, h[(b >>> 8) & 15]!, h[(b >>> 4) & 15]!, h[b & 15]!,
    h[c >>> 28]!, h[(c >>> 24) & 15]!, h[(c >>> 20) & 15]!, h[(c >>> 16) & 15]!, h[(c >>> 12) & 15]!, h[(c >>> 8) & 15]!, h[(c >>> 4) & 15]!, h[c & 15]!,
    h[d >>> 28]!, h[(d >>> 24) & 15]!, h[(d >>> 20) & 15]!, h[(d >>> 16) & 15]!, h[(d >>> 12) & 15]!, h[(d >>> 8) & 15]!, h[(d >>> 4) & 15]!, h[d & 15]!,
  );
}

/** The four lanes of the fingerprint being computed (synchronous code only: never shared across calls). */
const L = new Int32Array(4);

/**
 * Steps the four lanes of `L` with a text: a word of `tag` and its length,
 * then its UTF-16 units two to a word (the last alone when the length is odd).
 * `decisionIdOf` repeats these steps written out (see there).
 */
function text(tag: number, s: string): void {
  const n = s.length;
  let a = L[0]!;
  let b = L[1]!;
  let c = L[2]!;
  let d = L[3]!;
  let u = (tag << 24) ^ n;
  for (let i = 0; ; i += 2) {
    a = Math.imul(a ^ u, C1);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ u, C2);
    b = (b << 13) | (b >>> 19);
    c = Math.imul(c ^ u, C3);
    c = (c << 17) | (c >>> 15);
    d = Math.imul(d ^ u, C4);
    d = (d << 11) | (d >>> 21);
    if (i >= n) break;
    u = i + 1 < n ? s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16) : s.charCodeAt(i);
  }
  L[0] = a;
  L[1] = b;
  L[2] = c;
  L[3] = d;
}

/** Cross-mixes and finishes the four lanes, in place. */
function finish(): void {
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
  L[0] = a;
  L[1] = b + a;
  L[2] = c + a;
  L[3] = d + a;
}

/** The number words of orders of up to this many items are written into one reused array. */
const MAX_SCRATCH_ITEMS = 64;
const SCRATCH = new Int32Array(8 + MAX_SCRATCH_ITEMS);

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/**
 * The starting lanes for a pack: the fingerprint of its content hash,
 * worked out once per policy.
 *
 * @param policyHash - the pack's content hash
 * @param instantTexts - the ids hash the complaint's instants as text ({@link decisionIdOf})
 * @returns four 32-bit lanes
 * @example
 * ```ts
 * fingerprintSeed(policy.hash).length // → 4
 * ```
 * @category Decisions
 * @internal
 */
export function fingerprintSeed(policyHash: string, instantTexts = false): [number, number, number, number] {
  L.set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a]);
  text(0, instantTexts ? 'aftersales-policy decision id v3, instants as text' : 'aftersales-policy decision id v2');
  text(0, policyHash);
  finish();
  return [L[0]! >>> 0, L[1]! >>> 0, L[2]! >>> 0, L[3]! >>> 0];
}

// Text tags: which field a text is.
const ID = 1;
const SKU = 2;
const UNIT_PRICE = 3;
const CLAIM_AMOUNT = 4;
const RECEIVED_AT = 5;
const DELIVERED_AT = 6;

/** 0 false, 1 true, 2 absent. */
const flag = (v: boolean | undefined) => (v === undefined ? 2 : v ? 1 : 0);

/** What the validator read on the way that the id uses: instants as epoch ms, the enumerations packed. */
export interface ReadFields {
  readonly receivedMs: number;
  readonly deliveredMs: number | null;
  /** {@link enumWord} of the complaint. */
  readonly enums: number;
}

/**
 * The deterministic decision id: 32 hex digits fingerprinting the pack (its
 * seed), what the decision is made of — every field of the validated
 * complaint — and `now`. Texts, money included, count character by character
 * (`"299.0"` and `"299.00"` differ: the trace prints them). `now` counts as an
 * instant. The complaint's instants count as instants — the same instant
 * written with another offset gives the same id, as it gives the same
 * decision — unless the pack's rules can tell how they are written (the
 * `complaint` fact, a host fact: {@link readsInstantText}); then their text
 * counts, character by character, and the seed says so (`instantTexts`).
 *
 * @param seed - {@link fingerprintSeed} of the pack's content hash (and `instantTexts`)
 * @param c - the validated complaint
 * @param nowMs - the decision's clock, epoch milliseconds
 * @param read - instants and enumerations as the validator read them (worked out from `c` when not given)
 * @param instantTexts - hash `receivedAt` and `deliveredAt` as text (as the seed was made)
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
  read: ReadFields = {
    receivedMs: parseInstant(c.receivedAt)!.getTime(),
    deliveredMs: c.order.deliveredAt === null ? null : parseInstant(c.order.deliveredAt)!.getTime(),
    enums: enumWord(c),
  },
  instantTexts = false,
): string {
  const o = c.order;
  const fi = c.findings;
  const items = o.items;
  const ni = items.length;
  const delivered = o.deliveredAt;
  // The numbers, one 32-bit word each (instants: both halves of their float64): the booleans and
  // the shape, the enumerations, the instants (when they count as instants), `now`, the quantities.
  const W = ni <= MAX_SCRATCH_ITEMS ? SCRATCH : new Int32Array(8 + ni);
  W[0] =
    flag(c.customer.vulnerable) |
    (flag(o.soldOnline) << 2) |
    (flag(fi.resaleable) << 4) |
    (flag(fi.proofOfPurchase) << 6) |
    (flag(fi.supplierInvolved) << 8) |
    ((delivered === null ? 1 : 0) << 10) |
    (ni << 11);
  W[1] = read.enums;
  let k0 = 2;
  if (!instantTexts) {
    F64[0] = read.receivedMs;
    W[2] = U32[0]!;
    W[3] = U32[1]!;
    F64[0] = read.deliveredMs ?? 0;
    W[4] = U32[0]!;
    W[5] = U32[1]!;
    k0 = 6;
  }
  F64[0] = nowMs;
  W[k0] = U32[0]!;
  W[k0 + 1] = U32[1]!;
  for (let i = 0; i < ni; i++) W[k0 + 2 + i] = items[i]!.quantity;
  // Then the texts — id, claim amount, (receivedAt, deliveredAt,) each item's sku and unit price —
  // as `text` adds them. Written out (not calls to `text`, not one buffer of words): the lanes stay
  // in local variables for the whole complaint, measured ≈ 150 ns faster a decision than either.
  const nw = k0 + 2 + ni;
  const fixed = instantTexts ? 4 : 2;
  const nt = fixed + 2 * ni;
  let a = seed[0];
  let b = seed[1];
  let cc = seed[2];
  let d = seed[3];
  let n = 0;
  let s = '';
  for (let k = 0, t = 0, i = 0; ; ) {
    let u: number;
    if (k < nw) u = W[k++]!;
    else if (i < n) {
      u = i + 1 < n ? s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16) : s.charCodeAt(i);
      i += 2;
    } else if (t < nt) {
      const j = t - fixed; // item text j ≥ 0: sku when even, unit price when odd
      s = t === 0 ? c.id : t === 1 ? c.claimAmount : j < 0 ? (t === 2 ? c.receivedAt : (delivered ?? '')) : (j & 1) === 0 ? items[j >> 1]!.sku : items[j >> 1]!.unitPrice;
      n = s.length;
      i = 0;
      u = ((t === 0 ? ID : t === 1 ? CLAIM_AMOUNT : j < 0 ? (t === 2 ? RECEIVED_AT : DELIVERED_AT) : (j & 1) === 0 ? SKU : UNIT_PRICE) << 24) ^ n;
      t++;
    } else break;
    a = Math.imul(a ^ u, C1);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ u, C2);
    b = (b << 13) | (b >>> 19);
    cc = Math.imul(cc ^ u, C3);
    cc = (cc << 17) | (cc >>> 15);
    d = Math.imul(d ^ u, C4);
    d = (d << 11) | (d >>> 21);
  }
  L[0] = a;
  L[1] = b;
  L[2] = cc;
  L[3] = d;
  finish();
  return hex32(L[0]!, L[1]!, L[2]!, L[3]!);
}
