import { CHANNELS, COMPLAINT_TYPES, NATURES, SEVERITIES, type Complaint } from '../complaint/schema.js';

/**
 * One generated complaint and the clock reading to decide it at.
 *
 * @category Simulation
 */
export interface GeneratedCase {
  /** A valid complaint (plain JSON data, as a backend would send it). */
  readonly complaint: Complaint;
  /** When to decide it: ISO 8601 with the `+08:00` offset, 0–72 h after `receivedAt`. */
  readonly now: string;
}

/** 32-bit integer mix (the finaliser of MurmurHash3), used to seed one case from (seed, index). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A small deterministic pseudo-random source (mulberry32). Not for security.
 *
 * @internal
 */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element, uniformly. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** One element, by integer weights. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }
}

const HOUR = 3_600_000;
/** 2026-01-01T00:00:00+08:00 */
const EPOCH = Date.UTC(2025, 11, 31, 16, 0, 0);
const OFFSET_MS = 8 * HOUR;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 in +08:00 (fixed offset, so the generator needs no time-zone data). */
function iso8(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** Fen (integer) → decimal string with two decimals. */
function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${pad(fen % 100)}`;
}

/** Price in fen, log-uniform-ish from 1.00 to ~80,000.00. */
function priceFen(rng: Rng): number {
  const magnitude = rng.int(2, 6); // 10^2 .. 10^6 fen
  return Math.max(100, Math.floor(10 ** magnitude * (1 + rng.next() * 7)));
}

const BAND_EDGES = ['100000.00', '100000.01', '150000.00', '150000.01', '0.00', '0.01'] as const;

/**
 * How many complaints one generated stream holds: the index is mixed as a
 * 32-bit number, so index 2^32 would repeat index 0.
 *
 * @category Simulation
 */
export const STREAM_LENGTH = 2 ** 32;

/**
 * Generates complaint number `index` of the stream `seed`: every field varied
 * so every rule of the bundled `ecommerce` pack fires on some complaints, and
 * claim amounts cross every approval band (edges included). Each case
 * depends only on `(seed, index)`, so workers can split a stream by index
 * ranges and still produce exactly the same complaints.
 *
 * @param seed - the stream (any 32-bit integer)
 * @param index - position in the stream (0-based, below {@link STREAM_LENGTH})
 * @returns the complaint and the `now` to decide it at
 * @throws RangeError for a seed or index out of range
 * @example
 * ```ts
 * const { complaint, now } = generateCase(42, 0);
 * policy.decide(complaint, { now }).liability.ruleId; // e.g. 'nonconforming-product'
 * ```
 * @category Simulation
 */
export function generateCase(seed: number, index: number): GeneratedCase {
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 32 - 1) throw new RangeError(`seed must be a 32-bit integer, got ${String(seed)}`);
  if (!Number.isInteger(index) || index < 0 || index >= STREAM_LENGTH) throw new RangeError(`index must be a whole number from 0 to ${STREAM_LENGTH - 1}, got ${String(index)}`);
  const rng = new Rng(mix32(mix32(seed >>> 0) ^ mix32(index + 0x9e3779b9)));
  const received = EPOCH + rng.int(0, 364 * 24 * 60) * 60_000;
  const delivered = rng.chance(0.85) ? received - rng.int(0, 30 * 24 * 60) * 60_000 : null;
  const items: Array<{ sku: string; quantity: number; unitPrice: string }> = [];
  const itemCount = rng.weighted([
    [1, 60],
    [2, 25],
    [3, 10],
    [4, 5],
  ] as const);
  let totalFen = 0;
  for (let i = 0; i < itemCount; i++) {
    const quantity = rng.weighted([
      [1, 80],
      [2, 15],
      [3, 5],
    ] as const);
    const unit = priceFen(rng);
    totalFen += quantity * unit;
    items.push({ sku: `SKU-${rng.int(1000, 9999)}`, quantity, unitPrice: yuan(unit) });
  }
  let claimAmount: string;
  const claimKind = rng.next();
  if (claimKind < 0.03) claimAmount = rng.pick(BAND_EDGES);
  else if (claimKind < 0.1) claimAmount = yuan(rng.int(10_000_000, 30_000_000)); // 100,000–300,000 yuan
  else claimAmount = yuan(Math.max(1, Math.floor(totalFen * rng.next())));
  const vulnerable = rng.chance(0.05);
  const supplier = rng.weighted([
    ['absent', 50],
    ['true', 20],
    ['false', 30],
  ] as const);
  const complaint: Complaint = {
    id: `C-${seed}-${index}`,
    receivedAt: iso8(received),
    channel: rng.weighted([
      [CHANNELS[0], 80],
      [CHANNELS[1], 20],
    ] as const),
    type: rng.pick(COMPLAINT_TYPES),
    severity: rng.weighted([
      [SEVERITIES[0], 85],
      [SEVERITIES[1], 15],
    ] as const),
    customer: vulnerable ? { vulnerable, vulnerability: rng.pick(['elderly', 'pregnant', 'seriously-ill'] as const) } : { vulnerable },
    order: { soldOnline: rng.chance(0.75), deliveredAt: delivered === null ? null : iso8(delivered), items },
    findings: {
      nature: rng.pick(NATURES),
      customerFault: rng.weighted([
        ['none', 50],
        ['unintentional', 20],
        ['intentional', 10],
        ['unknown', 20],
      ] as const),
      resaleable: rng.chance(0.6),
      proofOfPurchase: rng.chance(0.92),
      ...(supplier === 'absent' ? {} : { supplierInvolved: supplier === 'true' }),
    },
    claimAmount,
  };
  return { complaint, now: iso8(received + rng.int(0, 72 * 60) * 60_000) };
}
