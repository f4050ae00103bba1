import { ApprovalKind } from '../approval/kind.js';
import { LiabilityKind } from '../liability/kind.js';
import { RemediesKind } from '../remedies/kind.js';
import { LossModelKind } from '../loss/kind.js';
import { EconomicPenaltyKind, PenaltyBandsKind } from '../penalties/kind.js';
import type { KindDefinition } from './kind.js';
import { LifecycleKind } from '../lifecycle/kind.js';

/**
 * Every rule-file kind this release reads, by `kind`. The manifest is handled
 * by the loader itself. To add a kind: define a {@link KindDefinition} in the
 * concept's folder and list it here (and add its key to `PolicyParts`).
 *
 * @category Packs
 */
export const KINDS: ReadonlyMap<string, KindDefinition> = new Map<string, KindDefinition>(
  [LiabilityKind, RemediesKind, ApprovalKind, LossModelKind, PenaltyBandsKind, EconomicPenaltyKind, LifecycleKind].map((k) => [k.kind, k as KindDefinition]),
);
