import type { LeafTrace } from '../conditions/compile.js';
import { computeFacts } from '../conditions/facts.js';
import { dec } from '../money/money.js';
import { parseInstant } from '../time/instant.js';
import type { LifecycleFactContext } from './facts.js';
import type { CompiledGuard, CompiledLifecycle } from './kind.js';

/**
 * Why a guard rejected an event: its name, the transition, a sentence, and
 * the actual values that failed it.
 *
 * @category Lifecycle
 */
export interface GuardFailure {
  /** Id of the transition whose guard failed, e.g. `approve`. */
  readonly transition: string;
  /**
   * The built-in guard's name (e.g. `within-authority`) or a condition guard's `name` (e.g.
   * `follow-up-recorded`).
   */
  readonly guard: string;
  /** Why, for a person, e.g. `the proposal offers 1 option(s); at least 2 are required`. */
  readonly message: string;
  /**
   * The values that failed it, by name: e.g. `{ options: 1, min: 2 }` for `min-options`,
   * `{ amount, role, authority }` for the authority guards, `{ comparisons }` for a condition guard.
   */
  readonly values: Readonly<Record<string, unknown>>;
}

type Result = { ok: true } | { ok: false; message: string; values: Record<string, unknown> };

/**
 * Evaluates one guard. Pure.
 *
 * @param lc - the compiled lifecycle
 * @param g - the guard
 * @param ctx - the facts' context (case as it stands with the event's data recorded)
 * @param facts - precomputed lifecycle facts for condition guards
 * @returns pass, or the failure message and values
 * @example
 * ```ts
 * evaluateGuard(lc, { name: 'min-options', decl: { guard: 'min-options', min: 2 } }, ctx, {})
 * // → { ok: false, message: 'the proposal offers 1 option(s); at least 2 are required', values: { options: 1, min: 2 } }
 * ```
 * @category Lifecycle
 */
export function evaluateGuard(lc: CompiledLifecycle, g: CompiledGuard, ctx: LifecycleFactContext, facts: Readonly<Record<string, unknown>>): Result {
  const p = ctx.proposal;
  const d = g.decl;
  switch (d.guard) {
    case 'min-options': {
      const n = p?.options.length ?? 0;
      return n >= d.min ? { ok: true } : { ok: false, message: `the proposal offers ${n} option(s); at least ${d.min} are required`, values: { options: n, min: d.min } };
    }
    case 'resolution-stated': {
      if (!p) return { ok: false, message: 'there is no proposal', values: { proposal: null } };
      const at = ctx.now.getTime();
      const missing = p.resolveBy === null ? p.options.filter((o) => o.resolveBy === undefined).map((o) => o.id) : [];
      if (missing.length) {
        return { ok: false, message: `the proposal does not state when it will be resolved: give "resolveBy", or "resolveBy" on every option (missing on ${missing.join(', ')})`, values: { resolveBy: null, optionsWithoutResolveBy: missing } };
      }
      const past = [...(p.resolveBy ? [p.resolveBy] : []), ...p.options.flatMap((o) => (o.resolveBy ? [o.resolveBy] : []))].filter((r) => parseInstant(r)!.getTime() < at);
      if (past.length) return { ok: false, message: `a resolution time lies before the proposal itself: ${past.join(', ')}`, values: { resolveBy: past[0], proposedAt: p.at } };
      return { ok: true };
    }
    // APPROVAL_GUARDS (approval-uses.ts) lists these two: keep them in step
    case 'within-authority':
    case 'beyond-authority': {
      lc.requireApproval();
      if (!p) return { ok: false, message: 'there is no proposal whose amount could be checked', values: { proposal: null } };
      const a = lc.authorityOf(ctx.actor.role);
      const amount = dec(p.amount);
      const within = a.upTo === null || amount.lte(a.upTo);
      const authority = a.upTo === null ? 'unlimited' : a.upTo.toFixed(2);
      const values = { amount: p.amount, role: ctx.actor.role, authority };
      if (d.guard === 'within-authority') {
        return within ? { ok: true } : { ok: false, message: `the amount ${p.amount} exceeds the approval authority of role "${ctx.actor.role}" (${a.source === 'none' ? 'none' : `up to ${authority}`})`, values };
      }
      return !within ? { ok: true } : { ok: false, message: `the amount ${p.amount} is within the approval authority of role "${ctx.actor.role}" (up to ${authority})`, values };
    }
    case 'option-accepted': {
      const option = typeof ctx.data.option === 'string' ? ctx.data.option : null;
      const offered = p?.options.map((o) => o.id) ?? [];
      return option !== null && offered.includes(option)
        ? { ok: true }
        : { ok: false, message: offered.length ? `option ${JSON.stringify(option)} is not one of the options offered (${offered.join(', ')})` : 'no option has been offered', values: { option, offered } };
    }
    case 'condition': {
      const sink: LeafTrace[] = [];
      if (g.test!(facts, sink)) return { ok: true };
      const shown = sink.some((s) => !s.result) ? sink.filter((s) => !s.result) : sink;
      const failed = shown.map((s) => ({ fact: s.fact, ...(s.path ? { path: s.path } : {}), operator: s.operator, factValue: s.factValue, value: s.value, result: s.result }));
      return { ok: false, message: `condition "${d.name}" is not met: ${failed.map((f) => `${f.fact}${f.path ? `.${f.path}` : ''} is ${JSON.stringify(f.factValue)}, ${f.operator} ${JSON.stringify(f.value)} is ${f.result}`).join('; ')}`, values: { comparisons: failed } };
    }
  }
}

/**
 * Evaluates every guard of a transition and returns the failures (empty when
 * the transition may be taken).
 *
 * @param lc - the compiled lifecycle
 * @param transition - transition id (for the failures)
 * @param guards - its guards
 * @param ctx - the facts' context
 * @returns the failures
 * @example
 * ```ts
 * guardFailures(lc, 'approve', transition.guards, ctx).map((f) => f.guard) // → ['within-authority']
 * ```
 * @category Lifecycle
 */
export function guardFailures(lc: CompiledLifecycle, transition: string, guards: readonly CompiledGuard[], ctx: LifecycleFactContext): GuardFailure[] {
  if (!guards.length) return [];
  const facts = guards.some((g) => g.test) ? computeFacts(lc.facts, lc.usedFacts, ctx) : {};
  const out: GuardFailure[] = [];
  for (const g of guards) {
    const r = evaluateGuard(lc, g, ctx, facts);
    if (!r.ok) out.push({ transition, guard: g.name, message: r.message, values: r.values });
  }
  return out;
}
