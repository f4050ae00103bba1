import type { CompiledLifecycle } from './kind.js';
import type { EffectTemplate } from './schema.js';

/*
 * What in a lifecycle uses the pack's approval authority (and so needs its
 * ApprovalAuthority file): the guards that compare a proposal with an
 * actor's authority, and the effects that name the approver. One list, read
 * by the lifecycle when a case comes to such a step (`requireApproval`, at
 * use) and by `aftersales validate` to name those steps in its note.
 */

/** The built-in guards that compare the proposal's amount with the actor's approval authority (src/lifecycle/guards.ts). */
export const APPROVAL_GUARDS: ReadonlySet<string> = new Set(['within-authority', 'beyond-authority']);

/**
 * What an effect template uses of the approval authority, for a note:
 * `effect request-approval`, `effect notify approver`, or nothing.
 *
 * @param t - a declared effect
 * @returns the use, or `undefined`
 * @example
 * ```ts
 * approvalUseOf({ type: 'request-approval' }) // → 'effect request-approval'
 * approvalUseOf({ type: 'archive' })          // → undefined
 * ```
 * @internal
 */
export function approvalUseOf(t: EffectTemplate): string | undefined {
  if (t.type === 'request-approval') return 'effect request-approval';
  if (t.type === 'notify' && t.to === 'approver') return 'effect notify approver';
  return undefined;
}

/**
 * A lifecycle step that uses approval authority, and what in it does.
 *
 * @internal
 */
export interface ApprovalStep {
  readonly step: 'intake' | 'green-channel' | 'transition';
  /** The transition's id (transitions only). */
  readonly id?: string;
  /** e.g. `guard within-authority`, `effect request-approval`, `effect notify approver`. */
  readonly uses: readonly string[];
}

/**
 * The steps of a lifecycle that need the approval authority when a case
 * comes to them, and so refuse the case with `KIND_MISSING` in a pack
 * without an ApprovalAuthority file: an {@link APPROVAL_GUARDS} guard, and an
 * effect {@link approvalUseOf} names, in the intake, green-channel or
 * transition effects.
 *
 * @param lc - the compiled lifecycle
 * @returns the steps, intake first, then the green channel, then transitions in declared order
 * @example
 * ```ts
 * approvalSteps(loadPolicy('ecommerce').lifecycle!).map((s) => s.id) // → ['offer-within-authority', 'request-approval', 'approve', 'decline-approval']
 * ```
 * @internal
 */
export function approvalSteps(lc: CompiledLifecycle): ApprovalStep[] {
  const effects = (templates: readonly EffectTemplate[] | undefined) => (templates ?? []).flatMap((t) => approvalUseOf(t) ?? []);
  const steps: ApprovalStep[] = [];
  const intake = effects(lc.intakeEffects);
  if (intake.length) steps.push({ step: 'intake', uses: intake });
  const green = effects(lc.greenChannel?.effects);
  if (green.length) steps.push({ step: 'green-channel', uses: green });
  for (const t of lc.transitions) {
    const uses = [...t.guards.flatMap((g) => (APPROVAL_GUARDS.has(g.decl.guard) ? [`guard ${g.decl.guard}`] : [])), ...effects(t.effects)];
    if (uses.length) steps.push({ step: 'transition', id: t.id, uses });
  }
  return steps;
}
