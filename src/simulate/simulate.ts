import type { Policy } from '../pack/policy.js';
import { generateCase, STREAM_LENGTH } from './generate.js';

/**
 * How often each outcome occurred over a batch of decided complaints.
 *
 * @category Simulation
 */
export interface SimulationTally {
  /** Complaints decided. */
  readonly count: number;
  /** Liability rule id (or the default's id) → complaints. */
  readonly liability: Readonly<Record<string, number>>;
  /** Approver → complaints. */
  readonly approvers: Readonly<Record<string, number>>;
  /** Remedy type → complaints it was offered to. */
  readonly remedies: Readonly<Record<string, number>>;
  /** Remedy type → complaints it was excluded for. */
  readonly notOffered: Readonly<Record<string, number>>;
  /** Decisions that carried at least one warning. */
  readonly withWarnings: number;
}

/**
 * Options of {@link simulateRange}.
 *
 * @category Simulation
 */
export interface SimulateRangeOptions {
  /** The complaint stream (see {@link generateCase}). */
  readonly seed: number;
  /** First index of the stream to decide (default 0; `undefined` counts as not given). */
  readonly from?: number | undefined;
  /** How many complaints to decide. */
  readonly count: number;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Counts by key with no prototype: a rule id `constructor` or `__proto__` is a key like any other. */
const counts = (): Record<string, number> => Object.create(null) as Record<string, number>;

/**
 * The same counts with keys in sorted order (so tallies print and compare the same; as in every
 * object, keys that are whole numbers come first, in numeric order), with no prototype.
 */
function sorted(c: Readonly<Record<string, number>>): Record<string, number> {
  const out = counts();
  for (const k of Object.keys(c).sort()) out[k] = c[k]!;
  return out;
}

/** The stream's seeds: 32-bit integers, signed or not (`-1` and `4294967295` are one stream). */
function checkSeed(seed: unknown): void {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 32 - 1) throw new RangeError(`seed must be a 32-bit integer, got ${String(seed)}`);
}

/**
 * Decides complaints `from` … `from + count − 1` of the generated stream
 * `seed` with `policy` (`{ trace: false }`, each at its own generated `now`)
 * and counts the outcomes. Synchronous and deterministic: the same policy,
 * seed and range always give the same tally, however the range is split
 * (see {@link mergeTallies}).
 *
 * @param policy - a loaded policy with liability, remedies and approval
 * @param options - seed (a 32-bit integer), first index and count (whole numbers, `from + count` ≤ 2^32)
 * @returns the tally
 * @throws RangeError for a seed, `from` or `count` out of range
 * @example
 * ```ts
 * const t = simulateRange(loadPolicy('ecommerce'), { seed: 1, count: 1000 });
 * t.count // → 1000
 * ```
 * @category Simulation
 */
export function simulateRange(policy: Policy, options: SimulateRangeOptions): SimulationTally {
  const from = options.from ?? 0;
  checkSeed(options.seed);
  const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!whole(from)) throw new RangeError(`from must be a whole number ≥ 0, got ${String(options.from)}`);
  if (!whole(options.count)) throw new RangeError(`count must be a whole number ≥ 0, got ${String(options.count)}`);
  if (from + options.count > STREAM_LENGTH) throw new RangeError(`from + count must be at most ${STREAM_LENGTH} (the stream's length), got ${from + options.count}`);
  const liability = counts();
  const approvers = counts();
  const remedies = counts();
  const notOffered = counts();
  let withWarnings = 0;
  for (let i = from; i < from + options.count; i++) {
    const { complaint, now } = generateCase(options.seed, i);
    const d = policy.decide(complaint, { now, trace: false });
    bump(liability, d.liability.ruleId);
    bump(approvers, d.approval.approver);
    for (const r of d.remedies) bump(remedies, r.type);
    for (const r of d.notOffered) bump(notOffered, r.type);
    if (d.warnings.length) withWarnings++;
  }
  return { count: options.count, liability: sorted(liability), approvers: sorted(approvers), remedies: sorted(remedies), notOffered: sorted(notOffered), withWarnings };
}

/**
 * Adds tallies up (e.g. one per worker thread).
 *
 * @param tallies - tallies of disjoint ranges
 * @returns their sum, keys sorted
 * @example
 * ```ts
 * mergeTallies([simulateRange(p, { seed: 1, count: 500 }), simulateRange(p, { seed: 1, from: 500, count: 500 })])
 * // → the same as simulateRange(p, { seed: 1, count: 1000 })
 * ```
 * @category Simulation
 */
export function mergeTallies(tallies: readonly SimulationTally[]): SimulationTally {
  const add = (key: 'liability' | 'approvers' | 'remedies' | 'notOffered') => {
    const out = counts();
    for (const t of tallies) for (const [k, n] of Object.entries(t[key])) out[k] = (out[k] ?? 0) + n;
    return sorted(out);
  };
  return {
    count: tallies.reduce((n, t) => n + t.count, 0),
    liability: add('liability'),
    approvers: add('approvers'),
    remedies: add('remedies'),
    notOffered: add('notOffered'),
    withWarnings: tallies.reduce((n, t) => n + t.withWarnings, 0),
  };
}
