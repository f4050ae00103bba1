import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { WorkingHoursSchema, zTimeZone } from '../calendar/schema.js';
import { zNamedConditions } from '../conditions/ruleset.js';
import { zCondition } from '../conditions/schema.js';
import { zMoney } from '../money/money.js';
import { NumberingSchema } from '../numbering/numbering.js';
import { headerShape, zClause } from '../pack/header.js';

/**
 * What an event's `data` holds, by name. Each kind has a fixed zod schema for
 * the untrusted data and a fixed effect on the snapshot (see `docs/lifecycle.md`):
 *
 * - `none` — optional `note` / `reason` text only;
 * - `proposal` — `options[]` (each `type`, `amount`, optional `id`, `label`, `costBearer`, `resolveBy`) and optional `resolveBy`; becomes `snapshot.proposal`;
 * - `option` — `option`: the id of the proposal option the customer chose; becomes `snapshot.accepted`;
 * - `satisfaction` — `satisfaction`: integer 1–5; becomes `snapshot.satisfaction`;
 * - `hand-off` — `to`: the next handler `{ id, role }`; becomes `snapshot.handler` (never `owner`);
 * - `review-result` — optional `result` (`quality-problem` | `no-quality-problem` | `inconclusive`) and `report`; becomes `snapshot.review`;
 * - `liability` — optional `party`, `upheld`, `decisionId`; becomes `snapshot.liability`;
 * - `approval` — optional `note`; records who approved (`snapshot.approval`).
 *
 * @category Lifecycle
 */
export const EVENT_DATA_KINDS = ['none', 'proposal', 'option', 'satisfaction', 'hand-off', 'review-result', 'liability', 'approval'] as const;

/**
 * An event data kind, see {@link EVENT_DATA_KINDS}.
 *
 * @category Lifecycle
 */
export type EventDataKind = (typeof EVENT_DATA_KINDS)[number];

/**
 * The reserved event id of intake (`start()`); clocks may start or stop on it.
 * Its instant is the complaint's `receivedAt`.
 *
 * @category Lifecycle
 */
export const INTAKE_EVENT = 'intake';

/** Who a `notify` effect goes to. @category Lifecycle */
export const NOTIFY_TARGETS = ['customer', 'owner', 'handler', 'approver'] as const;

const description = z.string().min(1).max(2000).meta({ description: 'What this is, for a person.' });

/**
 * An effect declared as data on a transition (or at intake). The library
 * fills in the facts of the case (complaint id, revision, amount, approver …);
 * it never performs an effect, the host does.
 *
 * @category Lifecycle
 */
export const zEffectTemplate = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('notify'),
      to: z.enum(NOTIFY_TARGETS).meta({ description: 'customer, owner, current handler, or the approver the amount needs.' }),
      template: zId.meta({ description: 'Message template id of the host.' }),
    }),
    z.strictObject({ type: z.literal('request-approval') }).meta({ description: 'Ask the approver whose band covers the proposal amount.' }),
    z.strictObject({ type: z.literal('archive') }).meta({ description: 'Archive the case record (seed 002 §(五)3).' }),
    z
      .strictObject({ type: z.literal('open-linked-complaint'), reason: zId.meta({ description: 'Why, e.g. customer-rejected-outcome.' }) })
      .meta({ description: 'Open a new complaint linked to this one, which stays closed (seed 003 art.3 §九.9).' }),
    z.strictObject({ type: z.literal('collect-receivables') }).meta({ description: 'Collect receivables per normal terms (seed 003 art.3 §九.14).' }),
    z.strictObject({ type: z.literal('assign-dedicated-handler') }).meta({ description: 'Green channel: a dedicated specialist (seed 000 §2.2).' }),
  ])
  .meta({ id: 'LifecycleEffect', description: 'An effect to perform, declared as data.' });

/**
 * An effect template, see {@link zEffectTemplate}.
 *
 * @category Lifecycle
 */
export type EffectTemplate = z.output<typeof zEffectTemplate>;

/**
 * A guard of a transition: a built-in check named in JSON, or a condition in
 * the safe condition format over the lifecycle facts.
 *
 * @category Lifecycle
 */
export const zGuard = z
  .discriminatedUnion('guard', [
    z
      .strictObject({ guard: z.literal('min-options'), min: z.number().int().min(1).max(20).default(2) })
      .meta({ description: 'The proposal offers at least `min` remedy options (seed 001 §三.4).' }),
    z.strictObject({ guard: z.literal('resolution-stated') }).meta({ description: 'The proposal states when it will be resolved: its resolveBy, or every option\'s (seed 001 §三.4).' }),
    z.strictObject({ guard: z.literal('within-authority') }).meta({ description: 'The proposal amount is within the acting person\'s approval authority.' }),
    z.strictObject({ guard: z.literal('beyond-authority') }).meta({ description: 'The proposal amount exceeds the acting person\'s approval authority.' }),
    z.strictObject({ guard: z.literal('option-accepted') }).meta({ description: 'The customer accepted one of the options of the current proposal.' }),
    z
      .strictObject({ guard: z.literal('condition'), name: zId.meta({ description: 'Name shown when the guard fails.' }), when: zCondition })
      .meta({ description: 'A condition over the lifecycle facts.' }),
  ])
  .meta({ id: 'LifecycleGuard', description: 'A guard: a built-in check or a condition.' });

/**
 * A guard, see {@link zGuard}.
 *
 * @category Lifecycle
 */
export type Guard = z.output<typeof zGuard>;

const zStateRef = z.union([z.literal('*'), zId, z.array(zId).min(1).max(100)]);

const zTriggers = z
  .strictObject({
    events: z.array(zId).max(50).optional().meta({ description: 'Event ids (or "intake").' }),
    states: z.array(zId).max(50).optional().meta({ description: 'Entering one of these states.' }),
  })
  .meta({ description: 'Events that happen, or states that are entered.' });

/**
 * How a clock counts time: 24×7 (`calendar`), whole working days
 * (`business-days`) or working hours (`business-hours`) of a bundled
 * calendar (`rules/calendars/<data>.json`). `timeZone` defaults to the
 * calendar data's zone, then the pack's.
 *
 * @category Lifecycle
 */
export const zClockCalendar = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('calendar'), timeZone: zTimeZone.optional() }),
    z.strictObject({ type: z.literal('business-days'), data: zId.meta({ description: 'Bundled calendar id, e.g. cn-mainland.' }), timeZone: zTimeZone.optional() }),
    z.strictObject({
      type: z.literal('business-hours'),
      data: zId.meta({ description: 'Bundled calendar id, e.g. cn-mainland.' }),
      hours: WorkingHoursSchema,
      timeZone: zTimeZone.optional(),
    }),
  ])
  .meta({ id: 'ClockCalendar', description: 'How the clock counts time.' });

/**
 * A clock's calendar, see {@link zClockCalendar}.
 *
 * @category Lifecycle
 */
export type ClockCalendar = z.output<typeof zClockCalendar>;

/**
 * An SLA clock: when it applies, starts, stops and pauses, how long it runs and
 * on which calendar.
 *
 * @category Lifecycle
 */
export const zClock = z
  .strictObject({
    id: zId,
    description,
    clause: zClause,
    when: zCondition.optional().meta({ description: 'Which complaints the clock applies to (evaluated at intake); omitted means all.' }),
    start: zTriggers.meta({
      description: 'The first of these starts the clock ("intake" = the complaint\'s receivedAt); at least one event or state.',
      // Checked by the loader (SCHEMA_VIOLATION 'clock "…" needs at least one start event or state'); the JSON Schema says it too.
      anyOf: [
        { type: 'object', required: ['events'], properties: { events: { type: 'array', items: { type: 'string' }, minItems: 1 } } },
        { type: 'object', required: ['states'], properties: { states: { type: 'array', items: { type: 'string' }, minItems: 1 } } },
      ],
    } as Record<string, unknown>),
    stop: zTriggers.optional().meta({ description: 'The first of these after the start stops it; closing the case always stops it.' }),
    earlierStops: z
      .array(
        zTriggers.extend({
          before: z
            .string()
            .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'before must be a semantic version, e.g. "1.1.0"' })
            .meta({ description: 'The lifecycle version that changed the stops: cases opened under an earlier version keep these.' }),
        }),
      )
      .max(20)
      .optional()
      .meta({
        description:
          'Stops of earlier versions of this lifecycle, kept for the cases opened under them: for a snapshot whose lifecycle.version is below `before`, these events and states also stop the clock (a compatible version that changes what stops a clock does not change what a stored case\'s clock already says).',
      }),
    pauseIn: z.array(zId).max(50).optional().meta({ description: 'States in which the clock does not count.' }),
    duration: z
      .strictObject({
        days: z.number().int().min(0).max(3650).optional().meta({ description: 'Whole days (working days on a business-days calendar).' }),
        hours: z.number().min(0).max(100_000).optional().meta({ description: 'Hours (on a business-days calendar, hours and minutes together must make whole days).' }),
        minutes: z.number().min(0).max(6_000_000).optional().meta({ description: 'Minutes (on a business-days calendar, hours and minutes together must make whole days).' }),
      })
      .meta({
        description: 'How long, counted on the calendar: the sum of the parts given, above zero.',
        // Checked by the loader (SCHEMA_VIOLATION 'clock "…" needs a duration above zero'); the JSON Schema says it too.
        anyOf: [
          { type: 'object', required: ['days'], properties: { days: { type: 'number', exclusiveMinimum: 0 } } },
          { type: 'object', required: ['hours'], properties: { hours: { type: 'number', exclusiveMinimum: 0 } } },
          { type: 'object', required: ['minutes'], properties: { minutes: { type: 'number', exclusiveMinimum: 0 } } },
        ],
      } as Record<string, unknown>),
    calendar: zClockCalendar,
  })
  .meta({ id: 'LifecycleClock' });

/**
 * An SLA clock declaration, see {@link zClock}.
 *
 * @category Lifecycle
 */
export type ClockDeclaration = z.output<typeof zClock>;

/**
 * A lifecycle rule file (`kind: Lifecycle`): the complaint state machine —
 * states, events, transitions with guards and effects, terminal states with
 * their outcomes — plus SLA clocks, the green channel, frontline approval
 * authorities and the complaint-number pattern.
 *
 * @category Lifecycle
 */
export const LifecycleSchema = z
  .strictObject({
    ...headerShape('Lifecycle'),
    initial: zId.meta({ description: 'The state a complaint is in right after intake.' }),
    numbering: NumberingSchema.optional().meta({ description: 'Complaint-number pattern; default YYMM + 4-digit serial restarting every month, in the pack\'s zone.' }),
    authorities: z
      .array(
        z.strictObject({
          role: zId,
          upTo: zMoney.optional().meta({ description: 'Largest amount this role may commit to; omit for no limit.' }),
          description: description.optional(),
        }),
      )
      .max(100)
      .optional()
      .meta({ description: 'Approval authority of roles that are not approvers of the ApprovalAuthority bands (e.g. frontline agents). A pack choice.' }),
    conditions: zNamedConditions,
    states: z
      .array(
        z.strictObject({
          id: zId,
          description,
          clause: zClause.optional(),
          terminal: z.boolean().optional().meta({ description: 'A closed case: entering it needs an outcome, clocks stop.' }),
          outcomes: z.array(zId).min(1).max(20).optional().meta({ description: 'Outcomes a terminal state closes with; required with "terminal": true, and only then.' }),
        })
          // Checked by the loader (SCHEMA_VIOLATION at states[i].outcomes); the JSON Schema says it too.
          .meta({
            anyOf: [
              { type: 'object', required: ['terminal', 'outcomes'], properties: { terminal: { const: true }, outcomes: { type: 'array' } } },
              { type: 'object', properties: { terminal: { const: false }, outcomes: false } },
            ],
          } as Record<string, unknown>),
      )
      .min(2)
      .max(100),
    events: z
      .array(
        z.strictObject({
          id: zId,
          description,
          data: z.enum(EVENT_DATA_KINDS).default('none').meta({ description: 'What the event\'s data holds (validated on every event).' }),
        }),
      )
      .min(1)
      .max(100),
    transitions: z
      .array(
        z.strictObject({
          id: zId,
          description,
          clause: zClause,
          from: zStateRef.meta({ description: 'State id, list of state ids, or "*" for every non-terminal state.' }),
          event: zId.optional().meta({ description: 'The event that triggers it; omit together with always: true for an automatic transition.' }),
          always: z.literal(true).optional().meta({ description: 'Taken automatically, right after the state is entered, when its guards pass.' }),
          to: zId.optional().meta({ description: 'Target state; omit to stay in the current state.' }),
          outcome: zId.optional().meta({ description: 'Outcome, required when `to` is a terminal state.' }),
          guards: z.array(zGuard).max(20).optional(),
          effects: z.array(zEffectTemplate).max(20).optional(),
        })
          // Checked by the loader (SCHEMA_VIOLATION 'transition "…" needs exactly one of "event" … or "always": true'); the JSON Schema says it too.
          .meta({
            oneOf: [
              { type: 'object', required: ['event'], properties: { event: { type: 'string' } } },
              { type: 'object', required: ['always'], properties: { always: { const: true } } },
            ],
          } as Record<string, unknown>),
      )
      .min(1)
      .max(500)
      .meta({ description: 'For one state and event the first transition whose guards all pass is taken.' }),
    intake: z
      .strictObject({ effects: z.array(zEffectTemplate).max(20) })
      .optional()
      .meta({ description: 'Effects of intake.' }),
    greenChannel: z
      .strictObject({
        description,
        clause: zClause,
        when: zCondition,
        effects: z.array(zEffectTemplate).max(20).optional(),
      })
      .optional()
      .meta({ description: 'Vulnerable customers: priority "high" and a dedicated handler flag in the snapshot.' }),
    clocks: z.array(zClock).max(100).default([]),
  })
  .meta({ id: 'Lifecycle', title: 'aftersales-policy lifecycle' });

/**
 * A lifecycle file as parsed.
 *
 * @category Lifecycle
 */
export type LifecycleFile = z.output<typeof LifecycleSchema>;

/**
 * One transition declaration.
 *
 * @category Lifecycle
 */
export type TransitionDeclaration = LifecycleFile['transitions'][number];
