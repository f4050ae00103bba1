import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { COST_BEARERS, PARTIES } from '../decision/facts.js';
import { zMoney } from '../money/money.js';
import { REMEDY_TYPES } from '../remedies/schema.js';
import { zInstant } from '../time/instant.js';
import type { EventDataKind } from './schema.js';

/**
 * A person acting on a complaint: a stable id and a role (`agent`,
 * `supervisor`, `manager`, `customer`, …). The role selects the approval
 * authority.
 *
 * @category Lifecycle
 */
export const zActor = z
  .strictObject({
    id: z.string().min(1).max(100).meta({ description: 'Stable id of the person.' }),
    role: zId.meta({ description: 'Role, e.g. agent, supervisor, manager.' }),
  })
  .meta({ id: 'Actor' });

/**
 * A person acting on a complaint.
 *
 * @category Lifecycle
 */
export type Actor = z.output<typeof zActor>;

const note = z.string().max(2000).optional();

/**
 * One remedy option of a proposal. `id` defaults to `type`; ids are unique
 * within a proposal.
 *
 * @category Lifecycle
 */
export const zProposalOption = z.strictObject({
  id: zId.optional().meta({ description: 'Option id the customer accepts; default: the type.' }),
  type: z.enum(REMEDY_TYPES),
  amount: zMoney.meta({ description: 'What the option may cost the company (the amount committed to the customer).' }),
  label: z.string().min(1).max(500).optional(),
  costBearer: z.enum(COST_BEARERS).optional(),
  resolveBy: zInstant.optional().meta({ description: 'When this option will be resolved.' }),
});

const zProposalData = z
  .strictObject({
    options: z.array(zProposalOption).min(1).max(20),
    resolveBy: zInstant.optional().meta({ description: 'When the proposal will be resolved.' }),
    note,
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.options.forEach((o, i) => {
      const id = o.id ?? o.type;
      const first = seen.get(id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['options', i, o.id ? 'id' : 'type'], message: `option id "${id}" is already used by option ${first}; give each option a distinct id` });
      else seen.set(id, i);
    });
  });

/** The outcome of third-party testing. @category Lifecycle */
export const REVIEW_RESULTS = ['quality-problem', 'no-quality-problem', 'inconclusive'] as const;

/**
 * The zod schema of each event data kind (see `EVENT_DATA_KINDS`). Data is
 * untrusted: unknown keys are refused.
 *
 * @category Lifecycle
 */
export const EVENT_DATA_SCHEMAS: { readonly [K in EventDataKind]: z.ZodType } = {
  none: z.strictObject({ note, reason: z.string().max(2000).optional() }),
  proposal: zProposalData,
  option: z.strictObject({ option: z.string().min(1).max(100).meta({ description: 'Id of the accepted option.' }), note }),
  satisfaction: z.strictObject({
    satisfaction: z
      .number({ error: 'satisfaction must be a whole number from 1 to 5' })
      .int({ error: 'satisfaction must be a whole number from 1 to 5' })
      .min(1, { error: 'satisfaction must be a whole number from 1 to 5' })
      .max(5, { error: 'satisfaction must be a whole number from 1 to 5' }),
    note,
  }),
  'hand-off': z.strictObject({ to: zActor, reason: z.string().max(2000).optional() }),
  'review-result': z.strictObject({ result: z.enum(REVIEW_RESULTS).optional(), report: z.string().max(2000).optional(), note }),
  liability: z.strictObject({ party: z.enum(PARTIES).optional(), upheld: z.boolean().optional(), decisionId: z.string().max(200).optional(), note }),
  approval: z.strictObject({ note }),
};

/**
 * An event as a host submits it: `type`, `at` (ISO 8601 with offset, never
 * before the previous event), `actor`, and `data` checked per event type.
 *
 * @category Lifecycle
 */
export const LifecycleEventSchema = z
  .strictObject({
    type: z.string().min(1).max(100),
    at: zInstant,
    actor: zActor,
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'LifecycleEvent' });

/**
 * An event applied to a complaint.
 *
 * @category Lifecycle
 */
export interface LifecycleEvent {
  /** The event id, one of the lifecycle file's `events`, e.g. `start-verification`. */
  readonly type: string;
  /** ISO 8601 with offset. */
  readonly at: string;
  /** Who acts, `{ id, role }`; the role selects the approval authority the guards check. */
  readonly actor: Actor;
  /**
   * The event's data, checked against its event's data kind (see `EVENT_DATA_KINDS`); absent counts as `{}`.
   */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * One option of the current proposal, with its id resolved.
 *
 * @category Lifecycle
 */
export interface ProposalOption {
  /**
   * The option's id as given, else its `type`; unique within the proposal, and what an `option` event names
   * when the customer accepts it.
   */
  readonly id: string;
  /** The remedy type, e.g. `refund`, `exchange` or `repair`. */
  readonly type: (typeof REMEDY_TYPES)[number];
  /**
   * What the option may cost the company: money in major units as a decimal string with at most two decimals,
   * as given, e.g. `"299.00"`.
   */
  readonly amount: string;
  /** Text describing the option, as given; absent when none was given. */
  readonly label?: string;
  /** Who bears the cost (a party, or `company`), as given; absent when none was given. */
  readonly costBearer?: (typeof COST_BEARERS)[number];
  /**
   * When this option will be resolved, ISO 8601 with offset: as given or, when neither it nor the proposal
   * gives one, the proposal's `at` plus the pack's `resolveWithin` for its remedy type (Remedies file), in
   * the pack's time zone; absent when none applies.
   */
  readonly resolveBy?: string;
}

/**
 * The proposal on the table.
 *
 * @category Lifecycle
 */
export interface Proposal {
  /** The options offered, in the order given, each with its id resolved. */
  readonly options: readonly ProposalOption[];
  /** The largest option amount: what accepting any option may commit the company to. */
  readonly amount: string;
  /**
   * When the whole proposal will be resolved: the event's `resolveBy` as given (ISO 8601 with offset), or
   * `null` when it gave none (the options may then carry their own).
   */
  readonly resolveBy: string | null;
  /** Who proposed: the actor of the event that recorded it. */
  readonly by: Actor;
  /** When it was proposed: that event's `at`, as given (ISO 8601 with offset). */
  readonly at: string;
  /** Revision of the snapshot that recorded it. */
  readonly revision: number;
}
