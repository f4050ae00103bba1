/**
 * The percentile the benchmark reports (nearest rank): the smallest sample
 * with at least `p` of all samples at or below it — `sorted[⌈p·n⌉ − 1]`.
 * p50 of 1…100 is 50 and p99 is 99 (not 51 and 100).
 *
 * @param sorted - the samples, sorted ascending (not empty)
 * @param p - the fraction, 0 < p ≤ 1
 * @returns the sample at that rank
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * How far a measurement is over its limit, for RESULTS.md's targets table:
 * `null` when it is within the limit, "not measured" when there is no
 * measurement.
 *
 * @param measured - e.g. seconds or MB (`undefined`: not measured)
 * @param limit - the target's limit, in the same unit
 * @param within - whether `measured` meets the limit (`≤` or `<`, as the target says)
 * @returns e.g. "1.25× over"
 */
export function overBy(measured: number | undefined, limit: number, within: (m: number) => boolean): string | null {
  if (measured === undefined) return 'not measured';
  return within(measured) ? null : `${Number((measured / limit).toFixed(2))}× over`;
}
