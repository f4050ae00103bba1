import type { RuleTrace } from '../conditions/ruleset.js';
import type { Approver } from '../approval/schema.js';
import type { RemedyType } from '../remedies/schema.js';
import type { CostBearer, Party } from './facts.js';

/**
 * Options of `policy.decide`.
 *
 * @category Decisions
 */
export interface DecideOptions {
  /**
   * The clock: a `Date` or ISO 8601 text with an offset. Required — decisions never read the system clock.
   * It may be a little before the complaint's `receivedAt` (the host's clocks need not agree to the
   * millisecond); the CLI's `evaluate --now` refuses one before it, as a typing mistake.
   */
  readonly now: Date | string;
  /** Record the explanation trace (default true; `undefined` counts as not given). `false` is faster. */
  readonly trace?: boolean | undefined;
}

/**
 * The liability part of a decision.
 *
 * @category Decisions
 */
export interface LiabilityDecision {
  readonly ruleId: string;
  readonly clause: string;
  readonly party: Party;
  readonly costBearer: CostBearer;
  readonly upheld: boolean;
  readonly principle: string;
  readonly recoverFrom?: Party;
  readonly thirdPartyTesting?: { readonly required: true; readonly feeBearer: 'liable-party' };
}

/**
 * One remedy option offered to the customer.
 *
 * @category Decisions
 */
export interface RemedyOption {
  /** The remedy rule that offered it. */
  readonly ruleId: string;
  readonly type: RemedyType;
  readonly label: string;
  readonly clause: string;
  readonly costBearer: CostBearer;
  readonly returnShipping?: CostBearer;
  /** Estimated cost, decimal string with two decimals. */
  readonly estimatedCost: string;
  readonly resolveWithin: { readonly hours?: number; readonly days?: number };
  /** `now` + `resolveWithin`, ISO 8601 in the pack's time zone. */
  readonly resolveBy: string;
}

/**
 * A remedy type that was not offered, and why.
 *
 * @category Decisions
 */
export interface RemedyNotOffered {
  readonly type: RemedyType;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * The approval part of a decision.
 *
 * @category Decisions
 */
export interface ApprovalDecision {
  readonly bandId: string;
  readonly approver: Approver;
  /** The amount that selected the band. */
  readonly amount: string;
  readonly range: string;
  readonly clause: string;
}

/**
 * Who decided, with what, when.
 *
 * @category Decisions
 */
export interface DecisionAudit {
  /**
   * Deterministic id (32 hex digits): a 128-bit fingerprint of the pack's content hash, every field of the
   * complaint and `now` — the same inputs give the same id on every host. Not a cryptographic hash.
   */
  readonly decisionId: string;
  readonly packId: string;
  readonly packVersion: string;
  /** Content hash of the effective pack. */
  readonly policyHash: string;
  /** The `now` the decision was made at, ISO 8601 in the pack's time zone. */
  readonly now: string;
  readonly library: string;
}

/**
 * The answer to a complaint: liability, remedy options, approval, and why.
 *
 * @category Decisions
 */
export interface Decision {
  readonly complaintId: string;
  readonly liability: LiabilityDecision;
  readonly remedies: readonly RemedyOption[];
  readonly notOffered: readonly RemedyNotOffered[];
  readonly approval: ApprovalDecision;
  /** Problems that did not stop the decision (e.g. fewer options than the pack's minimum). */
  readonly warnings: readonly string[];
  /**
   * Every rule evaluated, fired or not, with both sides of every comparison. Empty with `{ trace: false }`.
   * Entries of rules that read only finite facts are frozen and shared by decisions with the same
   * values of those facts (see the `memo` load option): read them; copy one to change it.
   */
  readonly trace: readonly RuleTrace[];
  readonly audit: DecisionAudit;
}
