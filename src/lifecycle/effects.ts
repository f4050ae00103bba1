import type { PolicyIssue } from '../errors/errors.js';
import { dec } from '../money/money.js';
import { approvalUseOf } from './approval-uses.js';
import type { Actor } from './data.js';
import type { CompiledLifecycle } from './kind.js';
import type { EffectTemplate } from './schema.js';
import type { LifecycleSnapshot } from './snapshot.js';

/**
 * What every effect carries: the case, the snapshot revision that produced
 * it, and when.
 *
 * @category Lifecycle
 */
export interface EffectBase {
  /** The complaint's `id` (the snapshot's `complaintId`), e.g. `C-2611-0001`. */
  readonly complaintId: string;
  /** The snapshot revision that produced the effect (use it to perform each effect once). */
  readonly revision: number;
  /** The event's instant, as given; for reminders, inquiries and unavailable clocks, `now` printed in the pack's time zone (ISO 8601 with its offset). */
  readonly at: string;
}

/**
 * An effect of a transition or of intake, declared as data in the pack and
 * completed with the facts of the case. The library performs none; the host
 * does (send the message, archive the record, open the linked complaint …).
 *
 * @category Lifecycle
 */
export type TransitionEffect = EffectBase & { readonly transition: string } & (
    | { readonly type: 'notify'; readonly to: 'customer' | 'owner' | 'handler' | 'approver'; readonly template: string; readonly recipient: Actor | null; readonly approver?: string | null }
    | { readonly type: 'request-approval'; readonly amount: string; readonly approver: string | null; readonly proposedBy: Actor }
    | { readonly type: 'archive'; readonly outcome: string | null }
    | { readonly type: 'open-linked-complaint'; readonly linkedTo: string; readonly number: string | null; readonly reason: string }
    | { readonly type: 'collect-receivables' }
    | { readonly type: 'assign-dedicated-handler'; readonly vulnerability: string | null }
  );

/**
 * An effect computed from the SLA clocks by `overdueEffects` / `slaReport`:
 * a `reminder` (催办) for an open case whose clock is overdue, an `inquiry`
 * (洽办) for a case closed after a clock's due instant (seed 003 art.3 §十四),
 * or `calendar-unavailable` for a started clock whose business calendar has no
 * data for a day it needs when that leaves something that matters unknown —
 * its coming due instant, or whether it was breached — so someone must extend
 * the calendar data (`problem` is the `CALENDAR_NOT_AVAILABLE` issue; nothing
 * is silently dropped). A breach known without the missing data still gives
 * its reminder or inquiry (`overdueBy: null`) and no `calendar-unavailable`;
 * a clock known to be met gives nothing. Effects are data: the host sends the
 * reminder, the inquiry or the alert. Dedupe a reminder or an inquiry on
 * complaint id, `type`, clock and `due`; a `calendar-unavailable` effect on
 * complaint id, `type`, clock and `problem.message` (see `overdueEffects`).
 *
 * @category Lifecycle
 */
export type SlaEffect = EffectBase &
  (
    | {
        readonly type: 'reminder' | 'inquiry';
        readonly clock: string;
        /** Due instant, ISO 8601 with the pack's offset. */
        readonly due: string;
        /**
         * How late, ISO 8601 duration of the clock's counted time, e.g. `PT1H30M`;
         * `null` when counting the overdue time needs calendar data the pack lacks
         * (the due instant and the breach are known all the same).
         */
        readonly overdueBy: string | null;
        /** When the clock stopped (inquiries), else `null`. */
        readonly stoppedAt: string | null;
        readonly owner: Actor;
        readonly handler: Actor;
      }
    | {
        readonly type: 'calendar-unavailable';
        readonly clock: string;
        /** The clock's `CALENDAR_NOT_AVAILABLE` issue (file, path `['clocks', i, 'calendar']`, message naming the clock and the missing year). */
        readonly problem: PolicyIssue;
        readonly owner: Actor;
        readonly handler: Actor;
      }
  );

/**
 * Any effect the lifecycle produces.
 *
 * @category Lifecycle
 */
export type LifecycleEffect = TransitionEffect | SlaEffect;

/**
 * Completes effect templates with the facts of the case as it stands after
 * the transition.
 *
 * @param lc - the compiled lifecycle
 * @param templates - declared effects
 * @param snap - the snapshot after the transition
 * @param source - transition id (or `intake`, `green-channel`)
 * @param at - the event's instant as given
 * @returns the effects
 * @example
 * ```ts
 * renderEffects(lc, [{ type: 'archive' }], snapshot, 'close', '2026-11-25T10:05:00+08:00')
 * // → [{ type: 'archive', outcome: 'resolved', complaintId: 'C-2611-0001', revision: 7, at: '2026-11-25T10:05:00+08:00', transition: 'close' }]
 * ```
 * @category Lifecycle
 */
export function renderEffects(lc: CompiledLifecycle, templates: readonly EffectTemplate[], snap: LifecycleSnapshot, source: string, at: string): TransitionEffect[] {
  const base = { complaintId: snap.complaintId, revision: snap.revision, at, transition: source };
  if (templates.some((t) => approvalUseOf(t) !== undefined)) lc.requireApproval();
  const amount = snap.proposal ? dec(snap.proposal.amount) : null;
  const approver = amount ? lc.approverFor(amount) : null;
  return templates.map((t): TransitionEffect => {
    switch (t.type) {
      case 'notify': {
        const recipient = t.to === 'owner' ? { ...snap.owner } : t.to === 'handler' ? { ...snap.handler } : null;
        return { type: 'notify', to: t.to, template: t.template, recipient, ...(t.to === 'approver' ? { approver } : {}), ...base };
      }
      case 'request-approval':
        return { type: 'request-approval', amount: snap.proposal?.amount ?? '0.00', approver, proposedBy: snap.proposal ? { ...snap.proposal.by } : { ...snap.handler }, ...base };
      case 'archive':
        return { type: 'archive', outcome: snap.outcome, ...base };
      case 'open-linked-complaint':
        return { type: 'open-linked-complaint', linkedTo: snap.complaintId, number: snap.number, reason: t.reason, ...base };
      case 'collect-receivables':
        return { type: 'collect-receivables', ...base };
      case 'assign-dedicated-handler':
        return { type: 'assign-dedicated-handler', vulnerability: snap.complaint.customer.vulnerability ?? null, ...base };
    }
  });
}
