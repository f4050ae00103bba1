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
  /** Id of the liability rule that fired (the first by priority, then id), or of the file's `default` when none fired, e.g. `nonconforming-product`. */
  readonly ruleId: string;
  /** The policy clause that rule cites, e.g. `seed 003 art.1 §二.1`. */
  readonly clause: string;
  /** Who is at fault, as the rule's outcome says, e.g. `manufacturer` (or `undetermined`). */
  readonly party: Party;
  /** Who bears the remedy costs towards the customer: a party, or `company`. */
  readonly costBearer: CostBearer;
  /** Whether the complaint is upheld against the company. */
  readonly upheld: boolean;
  /** The principle applied, in words, as written in the pack. */
  readonly principle: string;
  /** Set when the company pays first and recovers later from this party (e.g. `supplier`); absent otherwise. */
  readonly recoverFrom?: Party;
  /** Set when the goods must go to an accredited testing body, the fee borne by the party found liable; absent otherwise. */
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
  /** The remedy type, e.g. `exchange` or `refund`; each type is offered at most once (by its first rule). */
  readonly type: RemedyType;
  /** How the option is shown to the customer, as written in the rule, e.g. `Return and full refund`. */
  readonly label: string;
  /** The policy clause the remedy rule cites. */
  readonly clause: string;
  /** Who bears the option's cost: the rule's cost bearer, or the liability decision's `costBearer` when the rule says `liability`. */
  readonly costBearer: CostBearer;
  /** Who pays return shipping, resolved as `costBearer` is; absent when the rule names none. */
  readonly returnShipping?: CostBearer;
  /** Estimated cost, decimal string with two decimals. */
  readonly estimatedCost: string;
  /** Expected resolution time from `now`, as the rule gives it: whole `hours`, whole calendar `days`, or both (added). */
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
  /** The remedy type ruled out; no option of this type is offered, whichever rule offers it. */
  readonly type: RemedyType;
  /** Id of the first remedy rule that excluded the type, e.g. `no-remedy-without-proof`. */
  readonly ruleId: string;
  /** Why, as written in that rule's `exclude.reason`. */
  readonly reason: string;
}

/**
 * The approval part of a decision.
 *
 * @category Decisions
 */
export interface ApprovalDecision {
  /** Id of the approval band the claim amount falls in, e.g. `deputy-general-manager`. */
  readonly bandId: string;
  /** Who must approve: `manager`, `deputy-general-manager` or `general-manager`. */
  readonly approver: Approver;
  /** The amount that selected the band. */
  readonly amount: string;
  /** The band's range in words, e.g. `over 100000.00 up to 150000.00` or `from 0.00 up to 100000.00`. */
  readonly range: string;
  /** The policy clause of the approval-authority file, e.g. `seed 003 art.3 §十一 客户投诉金额核决权限`. */
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
  /** Id of the pack that decided (the manifest's `id`), e.g. `ecommerce`. */
  readonly packId: string;
  /** Semantic version of that pack (the manifest's `version`), e.g. `1.0.0`. */
  readonly packVersion: string;
  /** Content hash of the effective pack. */
  readonly policyHash: string;
  /** The `now` the decision was made at, ISO 8601 in the pack's time zone. */
  readonly now: string;
  /** Name and version of the library that decided, e.g. `aftersales-policy@0.1.0`. */
  readonly library: string;
}

/**
 * The answer to a complaint: liability, remedy options, approval, and why.
 *
 * @category Decisions
 */
export interface Decision {
  /** The complaint's `id`, as the host gave it. */
  readonly complaintId: string;
  /** Who is at fault and who pays: the first liability rule that fired, or the file's default. */
  readonly liability: LiabilityDecision;
  /** The options offered to the customer, in rule order (higher priority first, then id); empty when none applies. */
  readonly remedies: readonly RemedyOption[];
  /** The remedy types ruled out, each once with its first excluding rule and the reason; empty when none. */
  readonly notOffered: readonly RemedyNotOffered[];
  /** Who must approve the claim amount. */
  readonly approval: ApprovalDecision;
  /** Problems that did not stop the decision (e.g. fewer options than the pack's minimum). */
  readonly warnings: readonly string[];
  /**
   * Every rule evaluated, fired or not, with both sides of every comparison. Empty with `{ trace: false }`.
   * Entries of rules that read only finite facts are frozen and shared by decisions with the same
   * values of those facts (see the `memo` load option): read them; copy one to change it.
   */
  readonly trace: readonly RuleTrace[];
  /** Which pack and library decided, at what `now`, with a deterministic decision id. */
  readonly audit: DecisionAudit;
}
