import type { RemediesFile } from '../remedies/schema.js';
import type { ApprovalFile } from '../approval/schema.js';
import { compileBands } from '../bands/bands.js';
import type { CalendarSpec, Duration } from '../calendar/calendar.js';
import { loadBundledCalendar } from '../calendar/load.js';
import { compileCondition, compileNamedCondition, createCompileContext, DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES, type CompiledCondition } from '../conditions/compile.js';
import type { FactRegistry } from '../conditions/facts.js';
import { BUILTIN_OPERATORS, type OperatorDefinition } from '../conditions/operators.js';
import { compileValidParts } from '../conditions/ruleset.js';
import { createSuggester } from '../errors/suggest.js';
import { pushAll, issue, PolicyError, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { dec, type Decimal } from '../money/money.js';
import { DEFAULT_NUMBERING, type NumberingPattern } from '../numbering/numbering.js';
import type { KindContext, KindDefinition } from '../pack/kind.js';
import { lifecycleFacts, type LifecycleFactContext } from './facts.js';
import {
  INTAKE_EVENT,
  LifecycleSchema,
  type ClockDeclaration,
  type EffectTemplate,
  type EventDataKind,
  type Guard,
  type LifecycleFile,
  type TransitionDeclaration,
} from './schema.js';

/**
 * A guard ready to evaluate.
 *
 * @category Lifecycle
 */
export interface CompiledGuard {
  /** The built-in guard name, or the condition guard's `name`. */
  readonly name: string;
  /** The guard as declared, e.g. `{ guard: 'min-options', min: 2 }`. */
  readonly decl: Guard;
  /** For `condition` guards. */
  readonly test?: CompiledCondition;
}

/**
 * A transition ready to take.
 *
 * @category Lifecycle
 */
export interface CompiledTransition {
  /** The transition id from the lifecycle file, e.g. `propose`. */
  readonly id: string;
  /** The transition as declared in the lifecycle file (`from`, `description`, `clause`, …). */
  readonly decl: TransitionDeclaration;
  /** The triggering event, or `null` for an automatic (`always`) transition. */
  readonly event: string | null;
  /** Target state, or `null` to stay. */
  readonly to: string | null;
  /**
   * The outcome it closes the case with, e.g. `resolved` or `not-upheld`; `null` when it does not close the
   * case.
   */
  readonly outcome: string | null;
  /** Its guards, in declared order; it is taken only when all pass (`[]` when none). */
  readonly guards: readonly CompiledGuard[];
  /**
   * Its effect templates, in declared order, completed with the facts of the case when it is taken (`[]` when
   * none).
   */
  readonly effects: readonly EffectTemplate[];
}

/**
 * An SLA clock ready to evaluate.
 *
 * @category Lifecycle
 */
export interface CompiledClock {
  /** The clock id from the lifecycle file, e.g. `first-contact`. */
  readonly id: string;
  /** The clock as declared in the lifecycle file (`description`, `clause`, `start`, `stop`, …). */
  readonly decl: ClockDeclaration;
  /** Whether the clock applies to a complaint (evaluated at intake); `null` = always. */
  readonly when: CompiledCondition | null;
  /**
   * Event ids of `start.events` (`intake` included when listed): the first history entry of one of them
   * starts the clock.
   */
  readonly startEvents: ReadonlySet<string>;
  /** State ids of `start.states`: entering one of them starts the clock (whichever start comes first). */
  readonly startStates: ReadonlySet<string>;
  /**
   * Event ids of `stop.events`: the first of them after the start stops the clock (entering a terminal state
   * always does).
   */
  readonly stopEvents: ReadonlySet<string>;
  /**
   * State ids of `stop.states`: entering one of them after the start stops the clock (entering a terminal
   * state always does).
   */
  readonly stopStates: ReadonlySet<string>;
  /** Stops kept for cases opened under a lifecycle version below `before` (`earlierStops`). */
  readonly earlierStops: ReadonlyArray<{ readonly before: string; readonly events: ReadonlySet<string>; readonly states: ReadonlySet<string> }>;
  /**
   * State ids of `pauseIn`: while the case is in one of them the clock does not count (empty: it never
   * pauses).
   */
  readonly pauseIn: ReadonlySet<string>;
  /** How long the clock runs, counted on `calendar`, as declared, e.g. `{ hours: 2 }` or `{ days: 3 }`. */
  readonly duration: Duration;
  /** The calendar the due instant is computed on. */
  readonly calendar: CalendarSpec;
  /** The calendar that adds what is left after a pause (business-days → working time of whole working days). */
  readonly resumeCalendar: CalendarSpec;
}

/**
 * Approval authority of a role: the largest amount it may commit to.
 *
 * @category Lifecycle
 */
export interface RoleAuthority {
  /** `null` = no upper limit. */
  readonly upTo: Decimal | null;
  /** Where the figure comes from: an approver band, the lifecycle's `authorities`, or none (0.00). */
  readonly source: 'approval-bands' | 'lifecycle' | 'none';
}

/**
 * A compiled lifecycle: the state machine, its clocks and its authorities.
 *
 * @category Lifecycle
 */
export interface CompiledLifecycle {
  /** Pack-relative name of the Lifecycle file, e.g. `lifecycle.json` (the `file` of its issues). */
  readonly file: string;
  /** The file as parsed by `LifecycleSchema`. */
  readonly doc: LifecycleFile;
  /** The lifecycle's `id`, e.g. `ecommerce-lifecycle`; snapshots record it as `lifecycle.id`. */
  readonly id: string;
  /**
   * The lifecycle's semantic `version`, e.g. `1.3.0`; snapshots record it as `lifecycle.version` (see the
   * migration rule of `readSnapshot`).
   */
  readonly version: string;
  /** The state id a complaint enters at intake (before any automatic transition), e.g. `received`. */
  readonly initial: string;
  /**
   * The declared states by id, in file order, as declared (`description`, `clause`, `terminal`, `outcomes`).
   */
  readonly states: ReadonlyMap<string, LifecycleFile['states'][number]>;
  /**
   * The declared events by id, in file order: data kind and description. The reserved `intake` is not among
   * them.
   */
  readonly events: ReadonlyMap<string, { readonly id: string; readonly data: EventDataKind; readonly description: string }>;
  /** Every transition, in file order. */
  readonly transitions: readonly CompiledTransition[];
  /** The SLA clocks, in file order (the order `deadlines` reports them in). */
  readonly clocks: readonly CompiledClock[];
  /**
   * The file's `greenChannel`: its condition over the lifecycle facts (evaluated at intake), effect templates
   * (`[]` when none) and clause; `null` when the file has none.
   */
  readonly greenChannel: { readonly test: CompiledCondition; readonly effects: readonly EffectTemplate[]; readonly clause: string } | null;
  /** The effect templates of `intake.effects`, performed at intake; `[]` when the file has none. */
  readonly intakeEffects: readonly EffectTemplate[];
  /**
   * The complaint-number pattern: the file's `numbering`, else `YYMM` + 4-digit serial restarting every
   * month, in the pack's time zone.
   */
  readonly numbering: NumberingPattern;
  /**
   * The facts the lifecycle's conditions may read: every complaint fact plus the facts of the case
   * (`lifecycleFacts`).
   */
  readonly facts: FactRegistry<LifecycleFactContext>;
  /** Facts the lifecycle's conditions read. */
  readonly usedFacts: readonly string[];
  /** The pack's time zone (outputs are printed in it). */
  readonly timeZone: string;
  /** Transitions for an event in a state, in file order. */
  on(state: string, event: string): readonly CompiledTransition[];
  /** Automatic transitions out of a state, in file order. */
  always(state: string): readonly CompiledTransition[];
  /** Events allowed in a state. */
  allowedEvents(state: string): readonly string[];
  /** Approval authority of a role. */
  authorityOf(role: string): RoleAuthority;
  /**
   * The pack's resolution time for a remedy type: `resolveWithin` of the
   * highest-priority Remedies rule offering it (ties by id); `undefined` when
   * the pack has no Remedies file or no rule offers the type.
   */
  resolveWithin(type: string): { readonly days?: number; readonly hours?: number } | undefined;
  /** The approver whose band covers an amount (`null` without an ApprovalAuthority file). */
  approverFor(amount: Decimal): string | null;
  /**
   * Throws `KIND_MISSING` when the lifecycle uses approval authority (authority
   * guards, approval effects) and the pack has no ApprovalAuthority file —
   * like `decide()`, at use rather than at load, so a pack whose approval file
   * is broken reports that file's problem only.
   */
  requireApproval(): void;
}

const DAY_MS = 86_400_000;
const FULL_DAY = Object.freeze([Object.freeze({ start: '00:00', end: '24:00' })]);

/** Reports ids used twice; `undefined` = an item whose id is broken (a file that failed its schema), left out. */
function duplicates(ids: ReadonlyArray<string | undefined>, what: string, at: JsonPath, ctx: KindContext, key: 'id' | 'role' = 'id'): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) ctx.issues.push(issue('DUPLICATE_ID', `${what} ${key === 'id' ? 'id ' : ''}"${id}" is already used by ${what} ${first}`, [...at, i, key], ctx.file));
    else seen.set(id, i);
  });
}

/** Remedy type → resolveWithin of the first offering rule (priority desc, id asc). */
function remedyResolutionTimes(ctx: KindContext): ReadonlyMap<string, { days?: number; hours?: number }> {
  const doc = ctx.documents.find((d) => d.kind === 'Remedies')?.doc as RemediesFile | undefined;
  const out = new Map<string, { days?: number; hours?: number }>();
  const rules = [...(doc?.rules ?? [])]
    .filter((r) => r.offer && r.enabled !== false)
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of rules) if (!out.has(r.offer!.type)) out.set(r.offer!.type, r.offer!.resolveWithin);
  return out;
}

function approvalDocument(ctx: KindContext): ApprovalFile | undefined {
  return ctx.documents.find((d) => d.kind === 'ApprovalAuthority')?.doc as ApprovalFile | undefined;
}

/** Reachability over transitions, ignoring guards. */
function graphChecks(doc: LifecycleFile, stateIds: ReadonlySet<string>, terminal: ReadonlySet<string>, ctx: KindContext): void {
  const edges = new Map<string, Set<string>>();
  const alwaysEdges = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, a: string, b: string) => (m.get(a) ?? m.set(a, new Set()).get(a)!).add(b);
  doc.transitions.forEach((t, i) => {
    const froms = t.from === '*' ? [...stateIds].filter((s) => !terminal.has(s)) : typeof t.from === 'string' ? [t.from] : t.from;
    const stays: string[] = [];
    for (const f of froms) {
      if (!stateIds.has(f)) continue;
      const to = t.to ?? f;
      if (!stateIds.has(to)) continue;
      add(edges, f, to);
      if (t.always && to !== f) add(alwaysEdges, f, to);
      // an automatic transition from "*", or from a terminal state, is refused as such
      else if (t.always && t.from !== '*' && !terminal.has(f)) stays.push(f);
    }
    // An automatic transition that stays (no `to`, or its own state as `to`) is a loop of one: staying changes
    // no fact its guards read, so it would pass again and again — the case never rests.
    if (stays.length) {
      ctx.issues.push(
        issue('TRANSITION_CYCLE', `automatic (always) transition "${t.id}" stays in state "${stays[0]}": it would be taken again and again, so a case could never come to rest`, ['transitions', i, 'always'], ctx.file),
      );
    }
  });
  const reach = (from: string, m: Map<string, Set<string>>): Set<string> => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) for (const n of m.get(stack.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), stack.push(n));
    return seen;
  };
  // A transition to or from a state that is not declared (a typo), or a state id used twice, leaves edges out of the
  // graph: every state past it would be reported unreachable for that one mistake, which is reported on its own.
  const lostEdge =
    doc.states.length !== stateIds.size ||
    doc.transitions.some((t) => (t.to !== undefined && !stateIds.has(t.to)) || (t.from !== '*' && (typeof t.from === 'string' ? [t.from] : t.from).some((f) => !stateIds.has(f))));
  if (lostEdge) return cycles();
  if (stateIds.has(doc.initial)) {
    const reachable = reach(doc.initial, edges);
    doc.states.forEach((s, i) => {
      if (!reachable.has(s.id)) ctx.issues.push(issue('UNREACHABLE_STATE', `state "${s.id}" cannot be reached from the initial state "${doc.initial}"`, ['states', i, 'id'], ctx.file));
    });
  }
  doc.states.forEach((s, i) => {
    if (terminal.has(s.id)) return;
    const r = reach(s.id, edges);
    if (![...r].some((x) => terminal.has(x))) {
      ctx.issues.push(issue('UNREACHABLE_STATE', `no terminal state can be reached from state "${s.id}": a case there could never be closed`, ['states', i, 'id'], ctx.file));
    }
  });
  cycles();

  // Automatic transitions must not loop, or a case would never come to rest.
  function cycles(): void {
    const reported = new Set<string>();
    for (const s of alwaysEdges.keys()) {
      for (const n of alwaysEdges.get(s) ?? []) {
        if (reach(n, alwaysEdges).has(s) && !reported.has(s)) {
          // Report each loop once, at its first state.
          for (const m of reach(s, alwaysEdges)) if (reach(m, alwaysEdges).has(s)) reported.add(m);
          const i = doc.transitions.findIndex((t) => t.always && (t.from === s || (Array.isArray(t.from) && t.from.includes(s))));
          ctx.issues.push(issue('TRANSITION_CYCLE', `automatic (always) transitions loop through state "${s}": a case could never come to rest`, ['transitions', Math.max(0, i), 'always'], ctx.file));
        }
      }
    }
  }
}

function compileClockCalendar(decl: ClockDeclaration, at: JsonPath, ctx: KindContext): { calendar: CalendarSpec; resumeCalendar: CalendarSpec } | undefined {
  const cal = decl.calendar;
  if (cal.type === 'calendar') {
    const spec: CalendarSpec = Object.freeze({ type: 'calendar', timeZone: cal.timeZone ?? ctx.settings.timeZone });
    return { calendar: spec, resumeCalendar: spec };
  }
  let data;
  try {
    data = loadBundledCalendar(cal.data);
  } catch (e) {
    const why = e instanceof PolicyError ? (e.issues[0]?.message ?? e.message) : (e as Error).message;
    ctx.issues.push(issue('UNKNOWN_REFERENCE', `calendar data "${cal.data}" cannot be used: ${why}`, [...at, 'calendar', 'data'], ctx.file));
    return undefined;
  }
  const tz = cal.timeZone ? { timeZone: cal.timeZone } : {};
  if (cal.type === 'business-days') {
    const d = decl.duration;
    const ms = (d.hours ?? 0) * 3_600_000 + (d.minutes ?? 0) * 60_000;
    if (ms % DAY_MS !== 0) {
      ctx.issues.push(
        issue('SCHEMA_VIOLATION', 'a business-days clock counts whole working days: give "days" (hours only in multiples of 24), or use a business-hours calendar', [...at, 'duration'], ctx.file),
      );
    }
    return {
      calendar: Object.freeze({ type: 'business-days', data, ...tz }),
      resumeCalendar: Object.freeze({ type: 'business-hours', data, hours: FULL_DAY, ...tz }),
    };
  }
  const spec: CalendarSpec = Object.freeze({ type: 'business-hours', data, hours: Object.freeze(cal.hours.map((h) => Object.freeze({ ...h }))), ...tz });
  return { calendar: spec, resumeCalendar: spec };
}

/**
 * Compiles and checks a lifecycle file. Every problem goes to `ctx.issues`:
 * duplicate ids, unknown states / events / calendars, outcomes, terminal
 * states that could be left, unreachable states, states from which no
 * terminal state can be reached, loops of automatic transitions, guards that
 * need an ApprovalAuthority file, and every condition (safe paths, known
 * facts, operand types).
 *
 * @param doc - the schema-valid lifecycle file
 * @param ctx - kind context
 * @returns the compiled lifecycle
 * @example
 * ```ts
 * // called by the loader for every Lifecycle file; a pack author sees its issues:
 * safeLoadPolicy({ files }).error?.issues[0] // → { code: 'UNREACHABLE_STATE', file: 'lifecycle.json', path: ['states', 10, 'id'], … }
 * ```
 * @category Lifecycle
 */
export function compileLifecycle(doc: LifecycleFile, ctx: KindContext): CompiledLifecycle {
  // "did you mean" within a budget for the whole file (a file can name thousands of states that are not there)
  const didYouMean = createSuggester();
  const file = ctx.file;
  const push = (code: Parameters<typeof issue>[0], message: string, path: JsonPath) => ctx.issues.push(issue(code, message, path, file));
  duplicates(doc.states.map((s) => s.id), 'state', ['states'], ctx);
  duplicates(doc.events.map((e) => e.id), 'event', ['events'], ctx);
  duplicates(doc.transitions.map((t) => t.id), 'transition', ['transitions'], ctx);
  duplicates(doc.clocks.map((c) => c.id), 'clock', ['clocks'], ctx);
  duplicates((doc.authorities ?? []).map((a) => a.role), 'authority role', ['authorities'], ctx, 'role');

  const states = new Map(doc.states.map((s) => [s.id, s] as const));
  const terminal = new Set(doc.states.filter((s) => s.terminal).map((s) => s.id));
  const events = new Map(doc.events.map((e) => [e.id, { id: e.id, data: e.data, description: e.description }] as const));
  const stateIds = new Set(states.keys());

  doc.states.forEach((s, i) => {
    if (s.terminal && !s.outcomes) push('SCHEMA_VIOLATION', `terminal state "${s.id}" must list the outcomes it closes with`, ['states', i, 'outcomes']);
    if (!s.terminal && s.outcomes) push('SCHEMA_VIOLATION', `state "${s.id}" is not terminal, so it has no outcomes; set "terminal": true or remove "outcomes"`, ['states', i, 'outcomes']);
  });
  if (terminal.size === 0) push('UNREACHABLE_STATE', 'the lifecycle has no terminal state: no case could ever be closed', ['states']);
  if (!states.has(doc.initial)) push('UNKNOWN_REFERENCE', `initial state "${doc.initial}" is not a state${didYouMean(doc.initial, [...stateIds])} (known: ${[...stateIds].join(', ')})`, ['initial']);
  else if (terminal.has(doc.initial)) push('SCHEMA_VIOLATION', `the initial state "${doc.initial}" cannot be terminal`, ['initial']);
  doc.events.forEach((e, i) => {
    if (e.id === INTAKE_EVENT) push('DUPLICATE_ID', `"${INTAKE_EVENT}" is reserved for the intake done by start()`, ['events', i, 'id']);
  });

  // ── approval authority ───────────────────────────────────────────────────
  const approval = approvalDocument(ctx);
  const approverLimits = new Map<string, Decimal | null>();
  for (const b of approval?.bands ?? []) {
    const prev = approverLimits.get(b.approver);
    const up = b.upTo !== undefined ? dec(b.upTo) : null;
    approverLimits.set(b.approver, prev === null || up === null ? null : prev === undefined || up.gt(prev) ? up : prev);
  }
  const roleLimits = new Map<string, Decimal | null>();
  (doc.authorities ?? []).forEach((a, i) => {
    if (approverLimits.has(a.role)) {
      push('DUPLICATE_ID', `role "${a.role}" is an approver of the ApprovalAuthority bands, which already set its authority`, ['authorities', i, 'role']);
    }
    roleLimits.set(a.role, a.upTo !== undefined ? dec(a.upTo) : null);
  });
  const bands = approval ? compileBands(approval.bands) : undefined;

  // ── conditions ───────────────────────────────────────────────────────────
  const facts = lifecycleFacts([...stateIds], [...events.keys()]);
  const operators: Record<string, OperatorDefinition> = { ...(ctx.options.operators ?? {}), ...BUILTIN_OPERATORS };
  const cctx = createCompileContext({
    facts: facts as FactRegistry<never>,
    operators,
    named: doc.conditions ?? {},
    namedPath: ['conditions'],
    file,
    issues: ctx.issues,
    maxDepth: ctx.options.limits?.maxConditionDepth ?? DEFAULT_MAX_CONDITION_DEPTH,
    maxNodes: ctx.options.limits?.maxConditionNodes ?? DEFAULT_MAX_CONDITION_NODES,
  });

  // ── transitions ──────────────────────────────────────────────────────────
  const transitions: CompiledTransition[] = [];
  doc.transitions.forEach((t, i) => {
    const at: JsonPath = ['transitions', i];
    if ((t.event === undefined) === (t.always === undefined)) {
      push('SCHEMA_VIOLATION', `transition "${t.id}" needs exactly one of "event" (triggered by an event) or "always": true (automatic)`, [...at, 'event']);
    }
    if (t.event !== undefined && !events.has(t.event)) push('UNKNOWN_REFERENCE', `event "${t.event}" is not declared${didYouMean(t.event, [...events.keys()])} (known: ${[...events.keys()].join(', ')})`, [...at, 'event']);
    const froms = t.from === '*' ? [] : typeof t.from === 'string' ? [t.from] : t.from;
    if (t.from === '*' && t.always) push('SCHEMA_VIOLATION', `automatic transition "${t.id}" cannot start from "*"`, [...at, 'from']);
    froms.forEach((f, j) => {
      if (!states.has(f)) push('UNKNOWN_REFERENCE', `state "${f}" is not declared${didYouMean(f, [...stateIds])} (known: ${[...stateIds].join(', ')})`, typeof t.from === 'string' ? [...at, 'from'] : [...at, 'from', j]);
      else if (terminal.has(f)) {
        if (t.to !== undefined && t.to !== f) push('SCHEMA_VIOLATION', `terminal state "${f}" can only be left to itself (a closed case stays closed); "${t.id}" goes to "${t.to}"`, [...at, 'to']);
        if (t.always) push('SCHEMA_VIOLATION', `automatic transition "${t.id}" cannot leave terminal state "${f}"`, [...at, 'always']);
      }
    });
    if (t.to !== undefined && !states.has(t.to)) push('UNKNOWN_REFERENCE', `target state "${t.to}" is not declared${didYouMean(t.to, [...stateIds])} (known: ${[...stateIds].join(', ')})`, [...at, 'to']);
    const entersTerminal = t.to !== undefined && terminal.has(t.to) && !froms.every((f) => f === t.to);
    const unknownTarget = t.to !== undefined && !states.has(t.to);
    if (entersTerminal) {
      const outcomes = states.get(t.to!)!.outcomes;
      if (t.outcome === undefined) push('SCHEMA_VIOLATION', `transition "${t.id}" closes the case in "${t.to}" and must name its outcome (one of ${(outcomes ?? []).join(', ')})`, [...at, 'outcome']);
      else if (outcomes && !outcomes.includes(t.outcome)) push('UNKNOWN_REFERENCE', `outcome "${t.outcome}" is not an outcome of "${t.to}" (known: ${outcomes.join(', ')})`, [...at, 'outcome']);
    } else if (t.outcome !== undefined && !unknownTarget) {
      push('SCHEMA_VIOLATION', `transition "${t.id}" does not close a case, so it has no outcome`, [...at, 'outcome']);
    }
    const kind = t.event !== undefined ? events.get(t.event)?.data : undefined;
    const guards: CompiledGuard[] = (t.guards ?? []).map((g, j) => {
      const gat: JsonPath = [...at, 'guards', j];
      if (g.guard === 'option-accepted' && kind !== 'option') {
        push('SCHEMA_VIOLATION', `guard "option-accepted" reads the option the customer chose: use it on an event whose data is "option"`, [...gat, 'guard']);
      }
      if (g.guard === 'condition') return { name: g.name, decl: g, test: compileCondition(g.when, cctx, [...gat, 'when']) };
      return { name: g.guard, decl: g };
    });
    transitions.push({ id: t.id, decl: t, event: t.event ?? null, to: t.to ?? null, outcome: t.outcome ?? null, guards, effects: t.effects ?? [] });
  });
  graphChecks(doc, stateIds, terminal, ctx);

  // ── green channel ────────────────────────────────────────────────────────
  const greenChannel = doc.greenChannel
    ? { test: compileCondition(doc.greenChannel.when, cctx, ['greenChannel', 'when']), effects: doc.greenChannel.effects ?? [], clause: doc.greenChannel.clause }
    : null;

  // ── clocks ───────────────────────────────────────────────────────────────
  const clocks: CompiledClock[] = [];
  doc.clocks.forEach((c, i) => {
    const at: JsonPath = ['clocks', i];
    const checkEvents = (list: readonly string[] | undefined, where: JsonPath) =>
      (list ?? []).forEach((e, j) => {
        if (e !== INTAKE_EVENT && !events.has(e)) push('UNKNOWN_REFERENCE', `event "${e}" is not declared${didYouMean(e, [INTAKE_EVENT, ...events.keys()])} (known: ${INTAKE_EVENT}, ${[...events.keys()].join(', ')})`, [...where, j]);
      });
    const checkStates = (list: readonly string[] | undefined, where: JsonPath, noTerminal = false) =>
      (list ?? []).forEach((s, j) => {
        if (!states.has(s)) push('UNKNOWN_REFERENCE', `state "${s}" is not declared${didYouMean(s, [...stateIds])} (known: ${[...stateIds].join(', ')})`, [...where, j]);
        else if (noTerminal && terminal.has(s)) push('SCHEMA_VIOLATION', `a clock cannot pause in terminal state "${s}": closing a case stops its clocks`, [...where, j]);
      });
    checkEvents(c.start.events, [...at, 'start', 'events']);
    checkStates(c.start.states, [...at, 'start', 'states']);
    checkEvents(c.stop?.events, [...at, 'stop', 'events']);
    checkStates(c.stop?.states, [...at, 'stop', 'states']);
    checkStates(c.pauseIn, [...at, 'pauseIn'], true);
    (c.earlierStops ?? []).forEach((x, j) => {
      checkEvents(x.events, [...at, 'earlierStops', j, 'events']);
      checkStates(x.states, [...at, 'earlierStops', j, 'states']);
      if (!(x.events?.length || x.states?.length)) push('SCHEMA_VIOLATION', `clock "${c.id}": earlierStops[${j}] needs at least one event or state`, [...at, 'earlierStops', j]);
      const starts = (x.events ?? []).filter((e) => c.start.events?.includes(e));
      if (starts.length) push('SCHEMA_VIOLATION', `event "${starts[0]}" both starts and stops clock "${c.id}"`, [...at, 'earlierStops', j, 'events']);
    });
    if (!(c.start.events?.length || c.start.states?.length)) push('SCHEMA_VIOLATION', `clock "${c.id}" needs at least one start event or state`, [...at, 'start']);
    const both = (c.start.events ?? []).filter((e) => c.stop?.events?.includes(e));
    if (both.length) push('SCHEMA_VIOLATION', `event "${both[0]}" both starts and stops clock "${c.id}"`, [...at, 'stop', 'events']);
    const d = c.duration;
    if (!((d.days ?? 0) > 0 || (d.hours ?? 0) > 0 || (d.minutes ?? 0) > 0)) push('SCHEMA_VIOLATION', `clock "${c.id}" needs a duration above zero`, [...at, 'duration']);
    const cal = compileClockCalendar(c, at, ctx);
    const when = c.when ? compileCondition(c.when, cctx, [...at, 'when']) : null;
    if (!cal) return;
    clocks.push({
      id: c.id,
      decl: c,
      when,
      startEvents: new Set(c.start.events ?? []),
      startStates: new Set(c.start.states ?? []),
      stopEvents: new Set(c.stop?.events ?? []),
      stopStates: new Set(c.stop?.states ?? []),
      earlierStops: (c.earlierStops ?? []).map((x) => Object.freeze({ before: x.before, events: new Set(x.events ?? []), states: new Set(x.states ?? []) })),
      pauseIn: new Set(c.pauseIn ?? []),
      duration: Object.freeze({ ...d }),
      ...cal,
    });
  });

  // Named conditions nobody uses still get checked.
  for (const name of Object.keys(doc.conditions ?? {})) if (!cctx.namedCache.has(name)) compileNamedCondition(name, cctx);

  // ── lookups ──────────────────────────────────────────────────────────────
  const byEvent = new Map<string, CompiledTransition[]>();
  const byAlways = new Map<string, CompiledTransition[]>();
  const allowed = new Map<string, string[]>();
  for (const s of stateIds) {
    for (const t of transitions) {
      const d = t.decl;
      const matches = d.from === '*' ? !terminal.has(s) : typeof d.from === 'string' ? d.from === s : d.from.includes(s);
      if (!matches) continue;
      if (t.event === null) (byAlways.get(s) ?? byAlways.set(s, []).get(s)!).push(t);
      else {
        (byEvent.get(`${s}\u0000${t.event}`) ?? byEvent.set(`${s}\u0000${t.event}`, []).get(`${s}\u0000${t.event}`)!).push(t);
        const list = allowed.get(s) ?? allowed.set(s, []).get(s)!;
        if (!list.includes(t.event)) list.push(t.event);
      }
    }
  }
  const none: readonly CompiledTransition[] = Object.freeze([]);
  const numbering: NumberingPattern = doc.numbering ?? { ...DEFAULT_NUMBERING, timeZone: ctx.settings.timeZone };
  const resolutionTimes = remedyResolutionTimes(ctx);
  return Object.freeze({
    file,
    doc,
    id: doc.id,
    version: doc.version,
    initial: doc.initial,
    states,
    events,
    transitions,
    clocks,
    greenChannel,
    intakeEffects: doc.intake?.effects ?? [],
    numbering,
    facts,
    usedFacts: [...cctx.usedFacts].sort(),
    timeZone: ctx.settings.timeZone,
    on: (state: string, event: string) => byEvent.get(`${state}\u0000${event}`) ?? none,
    always: (state: string) => byAlways.get(state) ?? none,
    allowedEvents: (state: string) => allowed.get(state) ?? [],
    authorityOf(role: string): RoleAuthority {
      if (approverLimits.has(role)) return { upTo: approverLimits.get(role)!, source: 'approval-bands' };
      if (roleLimits.has(role)) return { upTo: roleLimits.get(role)!, source: 'lifecycle' };
      return { upTo: dec('0'), source: 'none' };
    },
    approverFor: (amount: Decimal) => bands?.select(amount)?.approver ?? null,
    resolveWithin: (type: string) => resolutionTimes.get(type),
    requireApproval() {
      if (!approval) {
        throw new PolicyError('KIND_MISSING', [
          issue('KIND_MISSING', `lifecycle "${doc.id}" uses approval authority, but the pack has no ApprovalAuthority file (its bands name the approvers and their limits)`, ['files'], 'manifest.json'),
        ]);
      }
    },
  });
}

/**
 * The `Lifecycle` rule-file kind: the complaint state machine with its SLA
 * clocks (policy key `lifecycle`).
 *
 * @category Lifecycle
 */
export const LifecycleKind: KindDefinition<LifecycleFile, CompiledLifecycle> = {
  kind: 'Lifecycle',
  key: 'lifecycle',
  schema: LifecycleSchema,
  schemaFile: 'lifecycle.schema.json',
  compile: compileLifecycle,
  checkInvalid: checkInvalidLifecycle,
};

/** The raw value as a plain object, or `undefined`. */
const objectOf = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The arrays whose broken items can be left out of the checks without a false follow-on error (nothing refers to them by id). */
const DROPPABLE = ['transitions', 'clocks', 'authorities'] as const;

/**
 * The checks of {@link compileLifecycle} on a lifecycle file that failed its
 * schema (so it is not compiled), on the parts that are valid on their own:
 *
 * 1. Texts no check reads (header, `description`, `clause`, `numbering`,
 *    `intake`, effects) are set aside; when the rest is valid, the file is
 *    checked in full (`compileLifecycle`) — a missing `clause` does not hide
 *    an unknown state or an unreachable one.
 * 2. Otherwise, when only transitions, clocks or authorities are broken,
 *    those are left out and the rest is checked in full, paths pointing at
 *    the items' own places; the reachability checks (`UNREACHABLE_STATE`) are
 *    dropped when a transition was left out, as its edge may be the missing
 *    one. Ids are checked for duplicates on every item whose id is valid.
 * 3. Otherwise (a state, an event, the initial state or a named condition is
 *    broken): duplicate ids, and the references to states and events of
 *    transitions and clocks whose parts are valid — references to states only
 *    when every state's id is valid, to events only when every event's id is
 *    (a broken item may be the one referred to).
 */
/** The fewest states and events a lifecycle file has (LifecycleSchema; a test keeps them equal). @internal */
export const MIN_STATES = 2;
/** @internal */
export const MIN_EVENTS = 1;

function checkInvalidLifecycle(raw: unknown, ctx: KindContext): void {
  // "did you mean" within a budget for the whole file (a file can name thousands of states that are not there)
  const didYouMean = createSuggester();
  const top = objectOf(raw);
  if (!top) return;
  // 1. set aside the texts no check reads
  const doc: Record<string, unknown> = { ...top, $schema: 'x', id: 'x', version: '0.0.0', description: 'x' };
  delete doc.numbering;
  delete doc.intake;
  const patch = (key: string, fn: (o: Record<string, unknown>) => void) => {
    if (!Array.isArray(top[key])) return;
    doc[key] = (top[key] as unknown[]).map((item) => {
      const o = objectOf(item);
      if (!o) return item;
      const copy = { ...o };
      fn(copy);
      return copy;
    });
  };
  patch('states', (o) => {
    o.description = 'x';
    if (o.clause !== undefined) o.clause = 'x';
  });
  patch('events', (o) => void (o.description = 'x'));
  patch('transitions', (o) => {
    o.description = 'x';
    o.clause = 'x';
    delete o.effects;
  });
  patch('clocks', (o) => {
    o.description = 'x';
    o.clause = 'x';
  });
  patch('authorities', (o) => void delete o.description);
  const green = objectOf(top.greenChannel);
  if (green) {
    doc.greenChannel = { ...green, description: 'x', clause: 'x' };
    delete (doc.greenChannel as Record<string, unknown>).effects;
  }
  const whole = LifecycleSchema.safeParse(doc);
  if (whole.success) {
    compileLifecycle(whole.data, ctx);
    return;
  }
  // 2. leave out the broken transitions, clocks and authorities
  const brokenItems = new Map<string, Set<number>>(DROPPABLE.map((k) => [k, new Set<number>()]));
  let droppable = true;
  for (const zi of whole.error.issues) {
    const [key, index] = zi.path;
    if (typeof key === 'string' && brokenItems.has(key) && typeof index === 'number') brokenItems.get(key)!.add(index);
    else if (key === 'greenChannel') delete doc.greenChannel; // nothing refers to it
    else droppable = false;
  }
  const ids = (key: string, field = 'id'): Array<string | undefined> =>
    Array.isArray(top[key])
      ? (top[key] as unknown[]).map((item) => {
          const r = zId.safeParse(objectOf(item)?.[field]);
          return r.success ? r.data : undefined;
        })
      : [];
  if (droppable) {
    const kept = new Map<string, number[]>();
    for (const key of DROPPABLE) {
      if (!Array.isArray(doc[key])) continue;
      const broken = brokenItems.get(key)!;
      const at = (doc[key] as unknown[]).map((_, i) => i).filter((i) => !broken.has(i));
      kept.set(key, at);
      doc[key] = at.map((i) => (doc[key] as unknown[])[i]);
    }
    const partial = LifecycleSchema.safeParse(doc);
    if (partial.success) {
      const found: PolicyIssue[] = [];
      compileLifecycle(partial.data, { ...ctx, issues: found });
      const lostEdge = brokenItems.get('transitions')!.size > 0;
      const issues: PolicyIssue[] = [];
      // the duplicates of the items left out too, at their own places (compileLifecycle's are on the items kept)
      duplicates(ids('states'), 'state', ['states'], ctx);
      duplicates(ids('events'), 'event', ['events'], ctx);
      duplicates(ids('transitions'), 'transition', ['transitions'], ctx);
      duplicates(ids('clocks'), 'clock', ['clocks'], ctx);
      duplicates(ids('authorities', 'role'), 'authority role', ['authorities'], ctx, 'role');
      for (const i of found) {
        if (i.code === 'DUPLICATE_ID' && i.path.length === 3 && i.path[2] === 'id' && i.message.includes(' is already used by ')) continue; // reported above
        if (lostEdge && i.code === 'UNREACHABLE_STATE' && i.path.length === 3) continue; // the left-out transition may be the way
        const key = i.path[0];
        const map = typeof key === 'string' ? kept.get(key) : undefined;
        issues.push(map && typeof i.path[1] === 'number' ? { ...i, path: [key!, map[i.path[1]]!, ...i.path.slice(2)] } : i);
      }
      pushAll(ctx.issues, issues);
      // the conditions of the items left out: a broken clock or transition still has its unknown facts reported
      // (a named condition they use was compiled above: its problems are not reported twice)
      const more: PolicyIssue[] = [];
      const cctx = createCompileContext({
        facts: lifecycleFacts(partial.data.states.map((x) => x.id), partial.data.events.map((e) => e.id)) as FactRegistry<never>,
        operators: { ...(ctx.options.operators ?? {}), ...BUILTIN_OPERATORS },
        named: partial.data.conditions ?? {},
        namedPath: ['conditions'],
        file: ctx.file,
        issues: more,
        maxDepth: ctx.options.limits?.maxConditionDepth ?? DEFAULT_MAX_CONDITION_DEPTH,
        maxNodes: ctx.options.limits?.maxConditionNodes ?? DEFAULT_MAX_CONDITION_NODES,
      });
      for (const i of brokenItems.get('clocks')!) {
        const c = objectOf((top.clocks as unknown[])[i]);
        if (c && Object.hasOwn(c, 'when')) compileValidParts(c.when, cctx, ['clocks', i, 'when']);
      }
      for (const i of brokenItems.get('transitions')!) {
        const guards = objectOf((top.transitions as unknown[])[i])?.guards;
        if (!Array.isArray(guards)) continue;
        guards.forEach((g, j) => {
          const o = objectOf(g);
          if (o && o.guard === 'condition' && Object.hasOwn(o, 'when')) compileValidParts(o.when, cctx, ['transitions', i, 'guards', j, 'when']);
        });
      }
      const key = (x: PolicyIssue) => `${x.code} ${JSON.stringify(x.path)} ${x.message}`;
      const reported = new Set(ctx.issues.map(key));
      pushAll(ctx.issues, more.filter((x) => !reported.has(key(x))));
      return;
    }
  }
  // 3. duplicate ids and the references that can be told
  const stateIds = ids('states');
  const eventIds = ids('events');
  duplicates(stateIds, 'state', ['states'], ctx);
  duplicates(eventIds, 'event', ['events'], ctx);
  duplicates(ids('transitions'), 'transition', ['transitions'], ctx);
  duplicates(ids('clocks'), 'clock', ['clocks'], ctx);
  duplicates(ids('authorities', 'role'), 'authority role', ['authorities'], ctx, 'role');
  const push = (code: Parameters<typeof issue>[0], message: string, path: JsonPath) => ctx.issues.push(issue(code, message, path, ctx.file));
  eventIds.forEach((e, i) => {
    if (e === INTAKE_EVENT) push('DUPLICATE_ID', `"${INTAKE_EVENT}" is reserved for the intake done by start()`, ['events', i, 'id']);
  });
  // References are checked against a list only when it may be whole: every id valid, and as long as its schema asks
  // (a list cut short, e.g. "events": [], may lack exactly the items referred to)
  const states = Array.isArray(top.states) && top.states.length >= MIN_STATES && stateIds.every((s) => s !== undefined) ? new Set(stateIds as string[]) : undefined;
  const events = Array.isArray(top.events) && top.events.length >= MIN_EVENTS && eventIds.every((e) => e !== undefined) ? new Set(eventIds as string[]) : undefined;
  const known = (set: ReadonlySet<string>) => [...set].join(', ');
  if (states) {
    const initial = zId.safeParse(top.initial);
    if (initial.success && !states.has(initial.data)) push('UNKNOWN_REFERENCE', `initial state "${initial.data}" is not a state${didYouMean(initial.data, [...states])} (known: ${known(states)})`, ['initial']);
  }
  const shape = LifecycleSchema.shape.transitions.element.shape;
  (Array.isArray(top.transitions) ? (top.transitions as unknown[]) : []).forEach((item, i) => {
    const t = objectOf(item);
    if (!t) return;
    const at: JsonPath = ['transitions', i];
    const event = shape.event.safeParse(t.event);
    if (events && event.success && event.data !== undefined && !events.has(event.data)) push('UNKNOWN_REFERENCE', `event "${event.data}" is not declared${didYouMean(event.data, [...events])} (known: ${known(events)})`, [...at, 'event']);
    if (!states) return;
    const from = shape.from.safeParse(t.from);
    if (from.success && from.data !== '*') {
      const froms = typeof from.data === 'string' ? [from.data] : from.data;
      froms.forEach((f, j) => {
        if (!states.has(f)) push('UNKNOWN_REFERENCE', `state "${f}" is not declared${didYouMean(f, [...states])} (known: ${known(states)})`, typeof from.data === 'string' ? [...at, 'from'] : [...at, 'from', j]);
      });
    }
    const to = shape.to.safeParse(t.to);
    if (to.success && to.data !== undefined && !states.has(to.data)) push('UNKNOWN_REFERENCE', `target state "${to.data}" is not declared${didYouMean(to.data, [...states])} (known: ${known(states)})`, [...at, 'to']);
  });
  const ref = z.array(zId);
  (Array.isArray(top.clocks) ? (top.clocks as unknown[]) : []).forEach((item, i) => {
    const c = objectOf(item);
    if (!c) return;
    const at: JsonPath = ['clocks', i];
    const list = (v: unknown, where: JsonPath, set: ReadonlySet<string> | undefined, what: 'event' | 'state') => {
      const r = ref.safeParse(v);
      if (!set || !r.success) return;
      r.data.forEach((x, j) => {
        if (what === 'event' && x !== INTAKE_EVENT && !set.has(x)) push('UNKNOWN_REFERENCE', `event "${x}" is not declared${didYouMean(x, [INTAKE_EVENT, ...set])} (known: ${INTAKE_EVENT}, ${known(set)})`, [...where, j]);
        if (what === 'state' && !set.has(x)) push('UNKNOWN_REFERENCE', `state "${x}" is not declared${didYouMean(x, [...set])} (known: ${known(set)})`, [...where, j]);
      });
    };
    const start = objectOf(c.start);
    const stop = objectOf(c.stop);
    list(start?.events, [...at, 'start', 'events'], events, 'event');
    list(start?.states, [...at, 'start', 'states'], states, 'state');
    list(stop?.events, [...at, 'stop', 'events'], events, 'event');
    list(stop?.states, [...at, 'stop', 'states'], states, 'state');
    list(c.pauseIn, [...at, 'pauseIn'], states, 'state');
  });
}
