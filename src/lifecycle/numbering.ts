import { InputError, issue } from '../errors/errors.js';
import { DEFAULT_NUMBERING, nextComplaintNumber as nextNumber, type NumberingPattern } from '../numbering/numbering.js';
import type { Policy } from '../pack/policy.js';
import { toInstant } from '../time/instant.js';

/**
 * The complaint-number pattern of a policy: the lifecycle file's `numbering`,
 * else the default — `YYMM` + 4-digit serial restarting every month (seed 003
 * art.3 §八, art.4 §一.3 give month + running number restarting monthly; the
 * year and the 4-digit width are this library's choices) — read in the pack's
 * time zone.
 *
 * @param policy - a loaded policy
 * @returns the pattern
 * @example
 * ```ts
 * complaintNumberPattern(loadPolicy('ecommerce'))
 * // → { format: 'YYMM', serialDigits: 4, resetEvery: 'month', timeZone: 'Asia/Shanghai' }
 * ```
 * @category Lifecycle
 */
export function complaintNumberPattern(policy: Policy): NumberingPattern {
  return policy.lifecycle?.numbering ?? Object.freeze({ ...DEFAULT_NUMBERING, timeZone: policy.settings.timeZone });
}

/**
 * The next complaint number under the policy's pattern (see
 * {@link complaintNumberPattern}): the month of `now` plus the serial after
 * `lastNumber`, restarting at 1 in a new month. Pure: the host supplies the
 * last number it issued and the clock.
 *
 * @param policy - a loaded policy
 * @param lastNumber - the last number issued, or `null` for the first
 * @param now - a `Date` or ISO 8601 text with an offset
 * @returns the next number
 * @throws InputError (code `INVALID_INPUT`): issue `INVALID_INPUT` at `lastNumber` for a malformed or later-period last number or a serial overflow; issue `INVALID_INSTANT` at `now` for a bad `now`
 * @example
 * ```ts
 * nextComplaintNumber(policy, '26110007', '2026-11-25T10:00:00+08:00') // → '26110008'
 * nextComplaintNumber(policy, '26110007', '2026-12-01T09:00:00+08:00') // → '26120001'
 * ```
 * @category Lifecycle
 */
export function nextComplaintNumber(policy: Policy, lastNumber: string | null, now: Date | string): string {
  if (lastNumber !== null && typeof lastNumber !== 'string') {
    throw new InputError([issue('INVALID_INPUT', 'the last number is a string, or null for the first number', ['lastNumber'])]);
  }
  return nextNumber(complaintNumberPattern(policy), lastNumber, toInstant(now));
}
