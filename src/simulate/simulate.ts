import type { Policy } from '../pack/policy.js';
import { generateCase } from './generate.js';

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
  /** First index of the stream to decide (default 0). */
  readonly from?: number;
  /** How many complaints to decide. */
  readonly count: number;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The same counts with keys in sorted order (so tallies print and compare the same). */
function sorted(counts: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(counts).sort()) out[k] = counts[k]!;
  return out;
}

/**
 * Decides complaints `from` … `from + count − 1` of the generated stream
 * `seed` with `policy` (`{ trace: false }`, each at its own generated `now`)
 * and counts the outcomes. Synchronous and deterministic: the same policy,
 * seed and range always give the same tally, however the range is split
 * (see {@link mergeTallies}).
 *
 * @param policy - a loaded policy with liability, remedies and approval
 * @param options - seed, first index, count
 * @returns the tally
 * @example
 * ```ts
 * const t = simulateRange(loadPolicy('ecommerce'), { seed: 1, count: 1000 });
 * t.count // → 1000
 * ```
 * @category Simulation
 */
export function simulateRange(policy: Policy, options: SimulateRangeOptions): SimulationTally {
  const from = options.from ?? 0;
  const liability: Record<string, number> = {};
  const approvers: Record<string, number> = {};
  const remedies: Record<string, number> = {};
  const notOffered: Record<string, number> = {};
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
    const out: Record<string, number> = {};
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
