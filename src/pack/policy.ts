import type { CompiledApproval } from '../approval/kind.js';
import type { CompiledLiability } from '../liability/kind.js';
import type { CompiledRemedies } from '../remedies/kind.js';
import type { Decision, DecideOptions } from '../decision/types.js';
import type { CompiledLossModel } from '../loss/kind.js';
import type { CompiledEconomicPenalty, CompiledPenaltyBands } from '../penalties/kind.js';
import type { PackDocument } from './kind.js';
import type { Manifest, PackSettings } from './manifest.js';
import type { CompiledLifecycle } from '../lifecycle/kind.js';
import type { DeepReadonly } from '../types/deep-readonly.js';

/**
 * The compiled parts of a policy, one per rule-file kind (absent when the pack
 * has no file of that kind).
 *
 * @category Packs
 */
export interface PolicyParts {
  /** The compiled `Liability` file (who is at fault, who pays); `decide` needs it. */
  readonly liability?: CompiledLiability;
  /** The compiled `Remedies` file (the options offered or ruled out); `decide` needs it. */
  readonly remedies?: CompiledRemedies;
  /** The compiled `ApprovalAuthority` file (amount bands → approver); `decide` needs it. */
  readonly approval?: CompiledApproval;
  /** The compiled `LossModel` file (loss types, resale window, return reconciliation), for `calculateLoss`, `resaleLoss` and `reconcileReturn`. */
  readonly lossModel?: CompiledLossModel;
  /** The compiled `PenaltyBands` file (liability amount bands → sanction, supervisor penalty, fine), for `penaltyFor`. */
  readonly penalties?: CompiledPenaltyBands;
  /** The compiled `EconomicPenalty` file (attribution, the person's share, the monthly cap), for `attributeLiability` and `economicDeduction`. */
  readonly deductions?: CompiledEconomicPenalty;
  /** The compiled `Lifecycle` file (states, events, transitions, deadline clocks). */
  readonly lifecycle?: CompiledLifecycle;
}

/**
 * A loaded, validated, compiled and immutable rule pack (frozen; its
 * settings, manifest and documents too).
 *
 * @category Packs
 */
export interface Policy extends PolicyParts {
  /** Pack id from the manifest, e.g. `ecommerce`. */
  readonly id: string;
  /** The manifest's semantic version of the pack, e.g. `1.0.0`. */
  readonly version: string;
  /** The manifest's description of the pack, for a person. */
  readonly description: string;
  /** Display name: the manifest's `name`, or the pack `id` when the manifest gives none. */
  readonly name: string;
  /** Pack-wide settings (time zone, currency, rounding); frozen, and typed read-only to match. */
  readonly settings: Readonly<PackSettings>;
  /** The validated manifest; deep-frozen, and typed read-only all the way down to match. */
  readonly manifest: DeepReadonly<Manifest>;
  /** SHA-256 (hex) of the canonical JSON of every file of the effective pack. */
  readonly hash: string;
  /** Every validated file of the pack. */
  readonly documents: readonly PackDocument[];
  /**
   * Decides liability, remedy options and approval for a complaint. Pure and
   * synchronous: the same pack, complaint and `now` give the same decision.
   *
   * @param complaint - untrusted complaint data (validated first)
   * @param options - `now` (required) and `trace` (default true)
   * @returns the decision
   * @throws InputError when the complaint or `now` is invalid
   */
  decide(complaint: unknown, options: DecideOptions): Decision;
}
