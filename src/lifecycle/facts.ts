import type { FactRegistry } from '../conditions/facts.js';
import { COMPLAINT_FACTS, type DecisionContext } from '../decision/facts.js';
import { dec } from '../money/money.js';
import { REVIEW_RESULTS, type Actor, type Proposal } from './data.js';

/**
 * What lifecycle facts are computed from: the complaint and the event's
 * instant (as `now`), the state the event is applied in, the event, and the
 * case as it stands with the event's data recorded.
 *
 * @category Lifecycle
 */
export interface LifecycleFactContext extends DecisionContext {
  /** The state the transition is taken from. */
  readonly state: string;
  /** The event type (`intake` at intake). */
  readonly event: string;
  /**
   * The person acting: the event's actor (at intake, the first-contact person); automatic transitions see the
   * actor of the event that led to them.
   */
  readonly actor: Actor;
  /** The event's validated data (`{}` when none). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The first-contact owner (the snapshot's `owner`); a hand-off never moves it. */
  readonly owner: Actor;
  /** The current handler, with the event's data recorded (after a `hand-off` event, its `to`). */
  readonly handler: Actor;
  /**
   * Whether the case is on the green channel (the snapshot's `priority` is `high`); `false` while intake
   * tests the green channel.
   */
  readonly greenChannel: boolean;
  /** The follow-up satisfaction, a whole number 1–5, or `null` until one is recorded. */
  readonly satisfaction: number | null;
  /** The current proposal (for a proposal event, the one it records), or `null` when none has been made. */
  readonly proposal: Proposal | null;
  /**
   * The recorded third-party review `result` (`quality-problem`, `no-quality-problem` or `inconclusive`), or
   * `null` when no result is recorded.
   */
  readonly reviewResult: string | null;
  /** `upheld` as recorded by the last liability event, or `null` when none is recorded. */
  readonly liabilityUpheld: boolean | null;
  /** How many hand-offs happened before this event. */
  readonly handOffs: number;
}

/**
 * The facts that lifecycle conditions (guards, clock `when`, green channel)
 * may read: every complaint fact (see `COMPLAINT_FACTS`, with `now` = the
 * event's instant) plus the facts of the case.
 *
 * @param states - the lifecycle's state ids (the values of `state`)
 * @param events - the lifecycle's event ids (the values of `event`)
 * @returns the fact registry
 * @example
 * ```ts
 * Object.keys(lifecycleFacts(['received', 'closed'], ['close'])).includes('satisfaction') // → true
 * ```
 * @category Lifecycle
 */
export function lifecycleFacts(states: readonly string[], events: readonly string[]): FactRegistry<LifecycleFactContext> {
  return Object.freeze({
    ...COMPLAINT_FACTS,
    state: { type: 'string', values: [...states], description: 'the state the event is applied in', compute: (c) => c.state },
    event: { type: 'string', values: ['intake', ...events], description: 'the event type', compute: (c) => c.event },
    actorRole: { type: 'string', description: 'role of the person acting', compute: (c) => c.actor.role },
    actorIsOwner: { type: 'boolean', description: 'the person acting is the first-contact owner', compute: (c) => c.actor.id === c.owner.id },
    actorIsHandler: { type: 'boolean', description: 'the person acting is the current handler', compute: (c) => c.actor.id === c.handler.id },
    greenChannel: { type: 'boolean', description: 'the case is on the green channel (vulnerable customer)', compute: (c) => c.greenChannel },
    satisfaction: { type: 'number', nullable: true, description: 'follow-up satisfaction 1–5, null until recorded', compute: (c) => c.satisfaction },
    followUpRecorded: { type: 'boolean', description: 'a follow-up satisfaction has been recorded', compute: (c) => c.satisfaction !== null },
    proposalOptions: { type: 'number', description: 'number of options of the current proposal (0 without one)', compute: (c) => c.proposal?.options.length ?? 0 },
    proposalAmount: {
      type: 'money',
      nullable: true,
      description: 'largest option amount of the current proposal, null without one',
      compute: (c) => (c.proposal ? dec(c.proposal.amount) : null),
    },
    reviewResult: { type: 'string', values: REVIEW_RESULTS, nullable: true, description: 'third-party review result, null until reported', compute: (c) => c.reviewResult },
    liabilityUpheld: { type: 'boolean', nullable: true, description: 'upheld as recorded by determine-liability, null if not recorded', compute: (c) => c.liabilityUpheld },
    handOffs: { type: 'number', description: 'hand-offs so far', compute: (c) => c.handOffs },
    eventData: { type: 'object', description: 'the event\'s data, read with a plain "path"', compute: (c) => c.data },
  } satisfies FactRegistry<LifecycleFactContext>);
}
