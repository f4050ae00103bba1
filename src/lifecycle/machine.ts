import type { Complaint } from '../complaint/schema.js';
import { computeFacts } from '../conditions/facts.js';
import { parseComplaint } from '../decision/decide.js';
import { brand, pushAll, InputError, issue, PolicyError, type JsonPath, type PolicyIssue, type SafeResult } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import { createSuggester, didYouMean } from '../errors/suggest.js';
import { CALLER_INPUT_SCREENING, deepFreeze, screenUntrustedValue } from '../json/safe-json.js';
import { dec, formatMoney } from '../money/money.js';
import { parseComplaintNumber } from '../numbering/numbering.js';
import type { Policy } from '../pack/policy.js';
import { addCalendarDays, formatInstant, parseInstant, toInstant } from '../time/instant.js';
import { EVENT_DATA_SCHEMAS, LifecycleEventSchema, zActor, type Actor, type LifecycleEvent, type Proposal, type ProposalOption } from './data.js';
import { renderEffects, type TransitionEffect } from './effects.js';
import type { LifecycleFactContext } from './facts.js';
import { guardFailures, type GuardFailure } from './guards.js';
import type { CompiledLifecycle, CompiledTransition } from './kind.js';
import { INTAKE_EVENT, type EffectTemplate, type EventDataKind } from './schema.js';
import { checkSnapshot, FILE as SNAPSHOT_FILE, linkedToItselfMessage, MAX_HISTORY, requireLifecycle, SNAPSHOT_FORMAT, type HistoryEntry, type LifecycleSnapshot } from './snapshot.js';

/**
 * The result of intake or of an event: the next snapshot (plain, frozen JSON)
 * and the effects the host should perform.
 *
 * @category Lifecycle
 */
export interface TransitionResult {
  /**
   * The snapshot after intake (revision 0) or after the event and any automatic transitions it led to
   * (revision + 1; after a replay, the last event's): deep-frozen plain JSON, ready to store.
   */
  readonly snapshot: LifecycleSnapshot;
  /**
   * The effects to perform, in order (`[]` when none): of intake (its own, the green channel's, then those of
   * any automatic transitions) or of the event's transitions, automatic ones included; a replay gives those
   * of intake and of every event.
   */
  readonly effects: readonly TransitionEffect[];
}

/**
 * Options of {@link start}. An optional option set to `undefined` counts as not given.
 *
 * @category Lifecycle
 */
export interface StartOptions {
  /** The first-contact person: becomes `owner` (for good) and `handler`. */
  readonly actor: Actor;
  /** When the record is created; if given, the complaint's `receivedAt` must not be later. */
  readonly now?: Date | string | undefined;
  /** The complaint number (see `nextComplaintNumber`), checked against the pack's pattern. */
  readonly number?: string | undefined;
  /**
   * Id of the complaint this one was opened from (linked reopen): another
   * complaint, never this one's own id (`INVALID_INPUT` at `linkedTo`).
   */
  readonly linkedTo?: string | undefined;
}

/**
 * Options of {@link transition}. An option set to `undefined` counts as not given.
 *
 * @category Lifecycle
 */
export interface TransitionOptions {
  /** The clock; if given, an event later than `now` is refused. */
  readonly now?: Date | string | undefined;
}

/**
 * Options of {@link replay}. An option set to `undefined` counts as not given.
 *
 * @category Lifecycle
 */
export interface ReplayOptions {
  /** Intake: actor (default: the first event's actor), number, linkedTo. */
  readonly intake?:
    | {
        readonly actor?: Actor | undefined;
        readonly number?: string | undefined;
        readonly linkedTo?: string | undefined;
      }
    | undefined;
}

/**
 * A refused event: `ILLEGAL_TRANSITION` (the event is not allowed in the
 * state) or `GUARD_FAILED` (every candidate transition has a failing guard;
 * `failures` names each guard and the values that failed it).
 *
 * @category Lifecycle
 */
export class TransitionError extends PolicyError {
  /** Index of the event in a replayed log, `null` for a single transition. */
  readonly eventIndex: number | null;
  /** The state the event was applied in (the snapshot's `state` before it), e.g. `awaiting-customer`. */
  readonly state: string;
  /** The refused event's `type`, e.g. `approve`. */
  readonly event: string;
  /**
   * For `GUARD_FAILED`, every failing guard of every candidate transition, in declaration order; `[]` for
   * `ILLEGAL_TRANSITION`.
   */
  readonly failures: readonly GuardFailure[];

  constructor(code: 'ILLEGAL_TRANSITION' | 'GUARD_FAILED', issues: readonly PolicyIssue[], info: { eventIndex: number | null; state: string; event: string; failures?: readonly GuardFailure[] }) {
    super(code, issues);
    this.name = 'TransitionError';
    this.eventIndex = info.eventIndex;
    this.state = info.state;
    this.event = info.event;
    this.failures = Object.freeze([...(info.failures ?? [])]);
  }
}
brand(TransitionError, 'TransitionError');

type Draft = { -readonly [K in keyof LifecycleSnapshot]: LifecycleSnapshot[K] };

/** Where an event is: its index in a log (or null) and the path of the event in the caller's input. */
interface Where {
  readonly index: number | null;
  readonly base: JsonPath;
}

function label(where: Where, type: string): string {
  return where.index === null ? `event "${type}"` : `event ${where.index} (${type})`;
}

/** Plain, unshared, frozen JSON: a snapshot can be stored as it is and read back by readSnapshot. */
function plain<T>(value: T): T {
  return deepFreeze(JSON.parse(JSON.stringify(value)) as T);
}

function inputError(issues: PolicyIssue[]): InputError {
  return new InputError(issues);
}

/** What a value that should be an options object is, for a message: `null`, `a list`, `string`, … */
function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/** Whether an optional options object is missing or an object (a list, `null` or a number is not). */
function objectOrAbsent(value: unknown): boolean {
  return value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value));
}

/** Options of `transition` / `replay` that are not an object: `INVALID_INPUT` at `options` (a TypeError reading them otherwise). */
function checkOptions(fn: string, options: unknown, shape: string): void {
  if (!objectOrAbsent(options)) throw inputError([issue('INVALID_INPUT', `${fn}() options are an object ${shape} or left out, got ${kindOf(options)}`, ['options'])]);
}

function factContext(d: Draft, state: string, event: string, actor: Actor, data: Readonly<Record<string, unknown>>, now: Date, lc: CompiledLifecycle): LifecycleFactContext {
  const history = d.history;
  return {
    complaint: d.complaint,
    now,
    timeZone: lc.timeZone,
    state,
    event,
    actor,
    data,
    owner: d.owner,
    handler: d.handler,
    greenChannel: d.priority === 'high',
    satisfaction: d.satisfaction,
    proposal: d.proposal as Proposal | null,
    reviewResult: d.review?.result ?? null,
    liabilityUpheld: d.liability?.upheld ?? null,
    // counted only when a condition reads it: counting at every step made a long history quadratic
    get handOffs() {
      let n = 0;
      for (const h of history) if (h.type !== INTAKE_EVENT && lc.events.get(h.type)?.data === 'hand-off') n++;
      return n;
    },
  };
}

/** Runs automatic transitions from the current state until none passes. */
function settle(lc: CompiledLifecycle, d: Draft, event: string, actor: Actor, data: Readonly<Record<string, unknown>>, now: Date, take: (t: CompiledTransition) => void): void {
  for (let n = 0; n <= lc.states.size; n++) {
    const ctx = factContext(d, d.state, event, actor, data, now, lc);
    const next = lc.always(d.state).find((t) => guardFailures(lc, t.id, t.guards, ctx).length === 0);
    if (!next) return;
    take(next);
  }
}

function makeTaker(d: Draft, entered: string[], taken: string[], pending: Array<{ templates: readonly EffectTemplate[]; source: string }>, at: string) {
  return (t: CompiledTransition) => {
    if (t.to !== null) {
      d.state = t.to;
      entered.push(t.to);
    }
    if (t.outcome !== null) d.outcome = t.outcome;
    taken.push(t.id);
    for (const e of t.effects) if (e.type === 'open-linked-complaint') d.links = [...d.links, { reason: e.reason, at, revision: d.revision }];
    pending.push({ templates: t.effects, source: t.id });
  };
}

/** A step's result before it is frozen into plain JSON: replay folds drafts and freezes once at the end. */
interface Stepped {
  readonly draft: Draft;
  readonly effects: TransitionEffect[];
}

/** History arrays made here for drafts: a later step of the same replay appends to them instead of copying. */
const OWN_HISTORY = new WeakSet<readonly HistoryEntry[]>();

function finish(lc: CompiledLifecycle, d: Draft, entry: HistoryEntry, pending: Array<{ templates: readonly EffectTemplate[]; source: string }>, at: string): Stepped {
  // A draft's history is this module's own after its first step (returned snapshots are copies), so
  // it grows in place: copying it at every step made replaying a long history quadratic.
  if (OWN_HISTORY.has(d.history)) (d.history as HistoryEntry[]).push(entry);
  else {
    d.history = [...d.history, entry];
    OWN_HISTORY.add(d.history);
  }
  const effects = plain(pending.flatMap((p) => renderEffects(lc, p.templates, d as LifecycleSnapshot, p.source, at)));
  return { draft: d, effects };
}

/** Snapshots this module returned, deep-frozen, with the policy they were made under: read again as they are. */
const ISSUED = new WeakMap<object, Policy>();

function result(policy: Policy, s: Stepped, effects: readonly TransitionEffect[] = s.effects): TransitionResult {
  const snapshot = plain(s.draft as LifecycleSnapshot);
  ISSUED.set(snapshot, policy);
  return Object.freeze({ snapshot, effects: Object.freeze([...effects]) });
}

/** What a snapshot records about where it was written, which a newer compatible pack may write differently. */
const WRITTEN_UNDER = new Set(['format', 'lifecycle', 'packId', 'packVersion', 'policyHash']);

/**
 * Reads a stored snapshot for a policy, safely: the checks of
 * `checkSnapshot` (untrusted JSON; format, lifecycle id and version — the
 * migration rule; schema; revisions, time order, intake), then its history is
 * replayed and every recorded field must be what the history gives —
 * `satisfaction` without a follow-up, a `proposal.amount` below its options
 * or a state the events never reached is refused, so no guard reads a field
 * its history contradicts. A snapshot is either read correctly or refused —
 * never misread. The replay is made when the snapshot was written under the
 * loaded pack's content (same `policyHash`); one written under other content
 * (an updated pack) keeps its recorded fields, which the history may no longer
 * give (a remedy's default resolution time changed). A snapshot `start`,
 * `transition` or `replay` returned for this policy (deep-frozen) is taken as
 * it is.
 *
 * @param policy - the loaded policy
 * @param value - the stored snapshot (parsed JSON)
 * @returns the snapshot, validated
 * @throws PolicyError `SNAPSHOT_MIGRATION_REQUIRED` when another lifecycle or an incompatible version wrote it; InputError when it is malformed or, written under the same pack content, contradicts its history
 * @example
 * ```ts
 * const restored = readSnapshot(policy, JSON.parse(row.snapshot));
 * restored.revision // → 4
 * ```
 * @category Lifecycle
 */
export function readSnapshot(policy: Policy, value: unknown): LifecycleSnapshot {
  if (value !== null && typeof value === 'object' && ISSUED.get(value) === policy) return value as LifecycleSnapshot;
  const s = checkSnapshot(policy, value);
  // Written under other pack content (its `policyHash`), the history may replay differently for good
  // reasons — a remedy's default resolution time, an approval limit — so its recorded fields stand as
  // written then (the migration rule above still applies); under the same content they must agree.
  if (s.policyHash !== policy.hash) return s;
  // Same pack content, so the same lifecycle version: a disagreement is the snapshot's own fault.
  const refuse = (message: string, path: Array<string | number>): PolicyError => new InputError([issue('INVALID_INPUT', message, path, SNAPSHOT_FILE)]);
  // The history replayed on the snapshot's own (validated) complaint, as `replay` would, without
  // copying and freezing the result: only compared. Events are named by their history index.
  const lc = requireLifecycle(policy);
  let replayed: Draft;
  try {
    let r = intake(policy, lc, s.complaint, s.history[0]!.actor, checkNumber(lc, s.number ?? undefined, ['number']), s.linkedTo);
    for (let i = 1; i < s.history.length; i++) {
      const h = s.history[i]!;
      const ev = parseEvent({ type: h.type, at: h.at, actor: h.actor, ...(h.data !== undefined ? { data: h.data } : {}) }, ['history', i], i);
      r = step(lc, r.draft, ev, { index: i, base: ['history', i] });
    }
    replayed = r.draft;
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    const first = e.issues[0];
    throw refuse(`its history does not replay: ${first?.message ?? e.message}`, first ? [...first.path] : ['history']);
  }
  for (const key of Object.keys(s) as Array<keyof LifecycleSnapshot>) {
    if (WRITTEN_UNDER.has(key) || key === 'complaint') continue; // the complaint is what was replayed
    const d = firstDifference(s[key], (replayed as LifecycleSnapshot)[key], [key]);
    if (d) {
      const show = (v: unknown) => (v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v)).slice(0, 120));
      throw refuse(`${d.path.join('.')} ${show(d.stored)} is not what its history gives (${show(d.replayed)})`, d.path);
    }
  }
  return s;
}

/** Whether two JSON values are equal (object keys in any order; an `undefined` property counts as absent). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k) || x[k] === undefined) continue;
    n++;
    if (!sameJson(x[k], y[k])) return false;
  }
  let m = 0;
  for (const k in y) if (Object.hasOwn(y, k) && y[k] !== undefined) m++;
  return n === m;
}

/** The first place where two JSON values differ (keys in sorted order), or `undefined` when they are equal. */
function firstDifference(stored: unknown, replayed: unknown, path: Array<string | number>): { path: Array<string | number>; stored: unknown; replayed: unknown } | undefined {
  if (sameJson(stored, replayed)) return undefined;
  const bothArrays = Array.isArray(stored) && Array.isArray(replayed);
  const bothObjects = !bothArrays && stored !== null && replayed !== null && typeof stored === 'object' && typeof replayed === 'object' && !Array.isArray(stored) && !Array.isArray(replayed);
  if (bothArrays && stored.length === replayed.length) {
    for (let i = 0; i < stored.length; i++) {
      const d = firstDifference(stored[i], replayed[i], [...path, i]);
      if (d) return d;
    }
  }
  if (bothObjects) {
    const a = stored as Record<string, unknown>;
    const b = replayed as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[k], b[k], [...path, k]);
      if (d) return d;
    }
  }
  return { path, stored, replayed };
}

function intake(policy: Policy, lc: CompiledLifecycle, complaint: Complaint, actor: Actor, number: string | null, linkedTo: string | null): Stepped {
  const at = complaint.receivedAt;
  const now = parseInstant(at)!;
  const d: Draft = {
    state: lc.initial,
    outcome: null,
    owner: actor,
    handler: actor,
    revision: 0,
    priority: 'normal',
    dedicatedHandler: false,
    complaintId: complaint.id,
    number,
    linkedTo,
    links: [],
    proposal: null,
    approval: null,
    accepted: null,
    liability: null,
    review: null,
    satisfaction: null,
    format: SNAPSHOT_FORMAT,
    lifecycle: { id: lc.id, version: lc.version },
    packId: policy.id,
    packVersion: policy.version,
    policyHash: policy.hash,
    complaint,
    history: [],
  };
  const pending: Array<{ templates: readonly EffectTemplate[]; source: string }> = [{ templates: lc.intakeEffects, source: INTAKE_EVENT }];
  if (lc.greenChannel) {
    const ctx = factContext(d, lc.initial, INTAKE_EVENT, actor, {}, now, lc);
    if (lc.greenChannel.test(computeFacts(lc.facts, lc.usedFacts, ctx), null)) {
      d.priority = 'high';
      d.dedicatedHandler = true;
      pending.push({ templates: lc.greenChannel.effects, source: 'green-channel' });
    }
  }
  const entered = [lc.initial];
  const taken: string[] = [];
  settle(lc, d, INTAKE_EVENT, actor, {}, now, makeTaker(d, entered, taken, pending, at));
  return finish(lc, d, { revision: 0, type: INTAKE_EVENT, at, actor, from: null, to: d.state, entered, transitions: taken }, pending, at);
}

function recordData(lc: CompiledLifecycle, kind: string, d: Draft, data: Record<string, unknown>, actor: Actor, at: string): void {
  switch (kind) {
    case 'proposal': {
      const raw = data as { options: Array<Omit<ProposalOption, 'id'> & { id?: string }>; resolveBy?: string };
      // An option without its own resolveBy (and no proposal-wide one) gets the
      // pack's resolution time for its remedy type (Remedies `resolveWithin`).
      const defaultBy = (type: string): string | undefined => {
        if (raw.resolveBy !== undefined) return undefined;
        const w = lc.resolveWithin(type);
        if (!w) return undefined;
        let due = parseInstant(at)!;
        if (w.days) due = addCalendarDays(due, w.days, lc.timeZone);
        if (w.hours) due = new Date(due.getTime() + w.hours * 3_600_000);
        return formatInstant(due, lc.timeZone);
      };
      const options: ProposalOption[] = raw.options.map((o) => {
        const resolveBy = o.resolveBy ?? defaultBy(o.type);
        return { id: o.id ?? o.type, ...o, ...(resolveBy !== undefined ? { resolveBy } : {}) } as ProposalOption;
      });
      const max = options.reduce((m, o) => (dec(o.amount).gt(m) ? dec(o.amount) : m), dec('0'));
      d.proposal = { options, amount: formatMoney(max), resolveBy: raw.resolveBy ?? null, by: actor, at, revision: d.revision };
      d.approval = null;
      d.accepted = null;
      return;
    }
    case 'option':
      d.accepted = { option: data.option as string, by: actor, at };
      return;
    case 'satisfaction':
      d.satisfaction = data.satisfaction as number;
      return;
    case 'hand-off':
      // First-contact ownership: the owner never moves; the handler does.
      d.handler = data.to as Actor;
      return;
    case 'review-result': {
      const { note: _n, ...rest } = data as Omit<NonNullable<Draft['review']>, 'at'> & { note?: string };
      d.review = { ...rest, at };
      return;
    }
    case 'liability': {
      const { note: _n, ...rest } = data as { note?: string };
      d.liability = { ...(rest as Omit<NonNullable<Draft['liability']>, 'at'>), at };
      return;
    }
    case 'approval':
      d.approval = { by: actor, at };
      return;
  }
}

/**
 * Applies one validated event to a trusted snapshot. `checkedData` is the
 * event's data already checked against its event type (by {@link checkReplay}).
 */
function step(lc: CompiledLifecycle, snap: LifecycleSnapshot | Draft, ev: LifecycleEvent, where: Where, checkedData?: Record<string, unknown>): Stepped {
  const what = label(where, ev.type);
  const state = snap.state;
  const decl = lc.events.get(ev.type);
  if (!decl) {
    throw inputError([issue('INVALID_INPUT', `${what}: unknown event type "${ev.type}"${didYouMean(ev.type, lc.events.keys())} (known: ${[...lc.events.keys()].join(', ')})`, [...where.base, 'type'])]);
  }
  if (snap.history.length >= MAX_HISTORY) {
    // a snapshot with a longer history could not be read back once stored
    throw inputError([issue('INVALID_INPUT', `${what}: the case's history already holds ${MAX_HISTORY} entries, the most a snapshot holds`, [...where.base])]);
  }
  const last = snap.history[snap.history.length - 1]!;
  const at = parseInstant(ev.at)!;
  if (at.getTime() < parseInstant(last.at)!.getTime()) {
    throw inputError([issue('INVALID_INPUT', `${what}: at ${ev.at} is before the previous event (${last.at}); events must not go back in time`, [...where.base, 'at'])]);
  }
  const candidates = lc.on(state, ev.type);
  if (!candidates.length) {
    const allowed = lc.allowedEvents(state);
    const closed = lc.states.get(state)?.terminal ? ` (the case is closed: ${snap.outcome})` : '';
    throw new TransitionError(
      'ILLEGAL_TRANSITION',
      [issue('ILLEGAL_TRANSITION', `${what} is not allowed in state "${state}"${closed}; allowed: ${allowed.join(', ') || 'none'}`, [...where.base, 'type'])],
      { eventIndex: where.index, state, event: ev.type },
    );
  }
  let data = checkedData;
  if (data === undefined) {
    const parsed = parseEventData(decl.data, ev, where);
    if (parsed.issues.length) throw inputError(parsed.issues);
    data = parsed.data!;
  }
  const d: Draft = { ...snap, revision: snap.revision + 1 };
  recordData(lc, decl.data, d, data, ev.actor, ev.at);

  const ctx = factContext(d, state, ev.type, ev.actor, data, at, lc);
  const failures: GuardFailure[] = [];
  let chosen: CompiledTransition | undefined;
  for (const t of candidates) {
    const f = guardFailures(lc, t.id, t.guards, ctx);
    if (!f.length) {
      chosen = t;
      break;
    }
    failures.push(...f);
  }
  if (!chosen) {
    throw new TransitionError(
      'GUARD_FAILED',
      failures.map((f) => issue('GUARD_FAILED', `${what} in state "${state}": guard "${f.guard}" of transition "${f.transition}" failed: ${f.message} ${JSON.stringify(f.values)}`, [...where.base])),
      { eventIndex: where.index, state, event: ev.type, failures },
    );
  }
  const entered: string[] = [];
  const taken: string[] = [];
  const pending: Array<{ templates: readonly EffectTemplate[]; source: string }> = [];
  const take = makeTaker(d, entered, taken, pending, ev.at);
  take(chosen);
  settle(lc, d, ev.type, ev.actor, data, at, take);
  const entry: HistoryEntry = {
    revision: d.revision,
    type: ev.type,
    at: ev.at,
    actor: ev.actor,
    ...(ev.data !== undefined ? { data } : {}),
    from: state,
    to: d.state,
    entered,
    transitions: taken,
  };
  return finish(lc, d, entry, pending, ev.at);
}

/** An event's data checked against its event type's data kind: the data, or the problems (paths under `data`). */
function parseEventData(kind: EventDataKind, ev: LifecycleEvent, where: Where): { data?: Record<string, unknown>; issues: PolicyIssue[] } {
  const parsed = EVENT_DATA_SCHEMAS[kind].safeParse(ev.data ?? {});
  if (parsed.success) return { data: parsed.data as Record<string, unknown>, issues: [] };
  const what = label(where, ev.type);
  return { issues: fromZodIssues(parsed.error.issues, '<input>', 'INVALID_INPUT', [...where.base, 'data']).map((i) => ({ ...i, message: `${what}: ${i.message}` })) };
}

/**
 * An untrusted event's shape (`type`, `at`, `actor`, `data` an object): the
 * event, or the problems (paths under `base`) and — when the value is plain
 * data — the value, whose fields without a problem can still be checked.
 */
function eventShape(value: unknown, base: JsonPath, index: number | null): { event?: LifecycleEvent; issues: PolicyIssue[]; value?: unknown } {
  const what = index === null ? 'event' : `event ${index}`;
  const screened = screenUntrustedValue(value, '<input>', undefined, CALLER_INPUT_SCREENING);
  if (screened.issues.length) return { issues: screened.issues.map((i) => ({ ...i, path: [...base, ...i.path], message: `${what}: ${i.message}` })) };
  const r = LifecycleEventSchema.safeParse(screened.value);
  if (!r.success) return { issues: fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT', base).map((i) => ({ ...i, message: `${what}: ${i.message}` })), value: screened.value };
  return { event: r.data as LifecycleEvent, issues: [] };
}

function parseEvent(value: unknown, base: JsonPath, index: number | null): LifecycleEvent {
  const r = eventShape(value, base, index);
  if (r.issues.length) throw inputError(r.issues);
  return r.event!;
}

function parseActor(value: unknown, path: JsonPath): Actor {
  const r = zActor.safeParse(value);
  if (!r.success) throw inputError(fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT', path));
  return r.data;
}

function checkNumber(lc: CompiledLifecycle, number: unknown, path: JsonPath): string | null {
  if (number === undefined) return null;
  if (typeof number !== 'string') throw inputError([issue('INVALID_INPUT', 'a complaint number is a string', path)]);
  try {
    parseComplaintNumber(lc.numbering, number);
  } catch (e) {
    if (e instanceof PolicyError) throw inputError(e.issues.map((i) => ({ ...i, code: 'INVALID_INPUT', path: [...path] })));
    throw e;
  }
  return number;
}

/** `linkedTo` of an intake: the id of another complaint, the original this one was opened from. */
function checkLinkedTo(value: unknown, path: JsonPath, complaintId: string | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.length < 1 || value.length > 100) throw inputError([issue('INVALID_INPUT', 'linkedTo is the id of the original complaint (1–100 characters)', path)]);
  // A linked complaint is a new record attached to the original (seed 003 art.3 §九.9), never the original itself.
  // (`undefined`: the complaint was refused, its own problems are reported.)
  if (complaintId !== undefined && value === complaintId) throw inputError([issue('INVALID_INPUT', linkedToItselfMessage(complaintId), path)]);
  return value;
}

/**
 * Intake: creates the snapshot of a complaint in the lifecycle's initial
 * state (revision 0). The first-contact actor becomes `owner` — for good —
 * and `handler`. Clocks that start on `intake` start at the complaint's
 * `receivedAt`. Vulnerable customers (per the lifecycle's `greenChannel`)
 * get priority `high` and `dedicatedHandler: true`. Pure.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param complaint - untrusted complaint data (validated)
 * @param options - the first-contact actor; optional `now`, `number`, `linkedTo`
 * @returns the snapshot and the intake effects
 * @throws InputError for an invalid complaint, actor, number, `linkedTo` (1–100 characters, not the complaint's own id) or `now`; PolicyError `KIND_MISSING` without a Lifecycle file
 * @example
 * ```ts
 * const { snapshot } = start(policy, complaint, { actor: { id: 'li.na', role: 'agent' } });
 * snapshot.state    // → 'received'
 * snapshot.owner    // → { id: 'li.na', role: 'agent' }
 * snapshot.revision // → 0
 * ```
 * @category Lifecycle
 */
export function start(policy: Policy, complaint: unknown, options: StartOptions): TransitionResult {
  const lc = requireLifecycle(policy);
  const c = parseComplaint(complaint);
  if (!options || typeof options !== 'object') throw inputError([issue('INVALID_INPUT', 'start() needs { actor }: the first-contact person who becomes the owner', ['actor'])]);
  const actor = parseActor(options.actor, ['actor']);
  if (options.now !== undefined) {
    const now = toInstant(options.now);
    if (parseInstant(c.receivedAt)!.getTime() > now.getTime()) {
      throw inputError([issue('INVALID_INPUT', `the complaint is received at ${c.receivedAt}, after now (${typeof options.now === 'string' ? options.now : now.toISOString()})`, ['receivedAt'], '<complaint>')]);
    }
  }
  return result(policy, intake(policy, lc, c, actor, checkNumber(lc, options.number, ['number']), checkLinkedTo(options.linkedTo, ['linkedTo'], c.id)));
}

/**
 * Applies one event to a snapshot: the next snapshot (revision + 1) and the
 * effects to perform, or an error — never a partial snapshot. Pure: no I/O,
 * no system clock. The snapshot is read with {@link readSnapshot} (so a stored
 * one is checked and migrated-or-refused); the event is untrusted (`at` ISO
 * 8601 with offset, never before the previous event; `data` checked for its
 * type). For the state and event, the first declared transition whose guards
 * all pass is taken, then any automatic transitions.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - the current snapshot (as returned, or as stored)
 * @param event - `{ type, at, actor: { id, role }, data? }`
 * @param options - optional `now`: an event later than it is refused
 * @returns the next snapshot and the effects
 * @throws TransitionError `ILLEGAL_TRANSITION` / `GUARD_FAILED`; InputError for bad event data or `now`, or options that are not an object (at `options`); PolicyError `SNAPSHOT_MIGRATION_REQUIRED`
 * @example
 * ```ts
 * const r = transition(policy, snapshot, { type: 'start-verification', at: '2026-11-20T10:30:00+08:00', actor: { id: 'li.na', role: 'agent' } });
 * r.snapshot.state    // → 'verifying'
 * r.snapshot.revision // → 1
 * ```
 * @category Lifecycle
 */
export function transition(policy: Policy, snapshot: unknown, event: unknown, options: TransitionOptions = {}): TransitionResult {
  const lc = requireLifecycle(policy);
  checkOptions('transition', options, '{ now? }');
  const snap = readSnapshot(policy, snapshot);
  const ev = parseEvent(event, ['event'], null);
  if (options.now !== undefined) {
    const now = toInstant(options.now);
    if (parseInstant(ev.at)!.getTime() > now.getTime()) throw inputError([issue('INVALID_INPUT', `event "${ev.type}" at ${ev.at} is later than now`, ['event', 'at'])]);
  }
  return result(policy, step(lc, snap, ev, { index: null, base: ['event'] }));
}

/**
 * Like {@link transition}, but returns `{ success: false, error }` instead of
 * throwing a `PolicyError`.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param snapshot - the current snapshot
 * @param event - the event
 * @param options - optional `now`
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @example
 * ```ts
 * const r = safeTransition(policy, snapshot, { type: 'close', at, actor });
 * if (!r.success) console.log(r.error.code); // → 'ILLEGAL_TRANSITION'
 * ```
 * @category Lifecycle
 */
export function safeTransition(policy: Policy, snapshot: unknown, event: unknown, options: TransitionOptions = {}): SafeResult<TransitionResult> {
  try {
    return { success: true, data: transition(policy, snapshot, event, options) };
  } catch (e) {
    if (e instanceof PolicyError) return { success: false, error: e };
    throw e;
  }
}

/** A replay's input once {@link checkReplay} found no problem in it: what is replayed. */
interface CheckedReplay {
  readonly complaint: Complaint;
  readonly actor: Actor;
  readonly number: string | null;
  readonly linkedTo: string | null;
  readonly events: ReadonlyArray<{ readonly event: LifecycleEvent; readonly data: Record<string, unknown> }>;
}

/** What a replay is given: the complaint, the event log and the intake (each untrusted). */
interface ReplayInput {
  readonly complaint: unknown;
  readonly events: unknown;
  readonly intake?: { readonly actor?: unknown; readonly number?: unknown; readonly linkedTo?: unknown } | undefined;
}

/**
 * Checks everything of a replay's input that does not depend on the states
 * the replay reaches, and reports every problem at once: the complaint
 * (`<complaint>` issues), the intake (actor — required when there is no event —,
 * number, linkedTo), and of every event its shape (`type`, `at`, `actor`),
 * whether its type is known, its `data` for that type, and that it does not go
 * back in time from the event before it (the intake: the complaint's
 * `receivedAt`). What depends on the replay — an event not allowed in the state
 * reached, a failing guard — is left to it.
 *
 * @param lc - the lifecycle
 * @param input - the complaint, events and intake
 * @param refused - parts already reported by the caller (e.g. a script's schema), left unchecked: `['events']`, `['intake', 'actor']`, …
 * @returns the problems, or the checked input when there are none
 * @internal
 */
export function checkReplay(lc: CompiledLifecycle, input: ReplayInput, refused: (path: JsonPath) => boolean = () => false): { issues: PolicyIssue[]; checked?: CheckedReplay } {
  const issues: PolicyIssue[] = [];
  const collect = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      pushAll(issues, e.issues);
      return undefined;
    }
  };
  // a complaint the caller refused (a script without one) is not checked again ("undefined is not JSON data")
  const c = refused(['complaint']) ? undefined : collect(() => parseComplaint(input.complaint));
  // An intake that is not an object is refused, not read as no intake (its actor, number and link silently dropped).
  if (!objectOrAbsent(input.intake)) issues.push(issue('INVALID_INPUT', `intake is an object { actor?, number?, linkedTo? } or left out, got ${kindOf(input.intake)}`, ['intake']));
  const intake = objectOrAbsent(input.intake) ? input.intake : undefined;
  const list = refused(['events']) ? undefined : input.events;
  // The intake actor: given (checked here unless the caller refused it), or else the first event's.
  const actorGiven = intake?.actor !== undefined || refused(['intake', 'actor']);
  let actor = intake?.actor !== undefined && !refused(['intake', 'actor']) ? collect(() => parseActor(intake.actor, ['intake', 'actor'])) : undefined;
  if (!actorGiven && Array.isArray(list) && list.length === 0) {
    issues.push(issue('INVALID_INPUT', 'replay needs an intake actor (options.intake.actor) or at least one event', ['intake', 'actor']));
  }
  const number = refused(['intake', 'number']) ? null : collect(() => checkNumber(lc, intake?.number, ['intake', 'number']));
  // A refused complaint whose id is still a text is still compared with (its own problems are reported above).
  const rawId = (input.complaint as { id?: unknown } | null | undefined)?.id;
  const ownId = c?.id ?? (typeof rawId === 'string' ? rawId : undefined);
  const linkedTo = refused(['intake', 'linkedTo']) ? null : collect(() => checkLinkedTo(intake?.linkedTo, ['intake', 'linkedTo'], ownId));
  const events: Array<{ event: LifecycleEvent; data: Record<string, unknown> }> = [];
  // "did you mean" within one budget for the whole log (it may hold 10,000 unknown types)
  const suggest = createSuggester();
  /** The declaration of an event's type; an unknown type is a problem at its `type`. */
  const knownType = (type: string, where: Where) => {
    const decl = lc.events.get(type);
    if (!decl) issues.push(issue('INVALID_INPUT', `${label(where, type)}: unknown event type "${type}"${suggest(type, lc.events.keys())} (known: ${[...lc.events.keys()].join(', ')})`, [...where.base, 'type']));
    return decl;
  };
  if (!refused(['events']) && !Array.isArray(list)) issues.push(issue('INVALID_INPUT', 'events must be a list', ['events']));
  // A longer log is refused before its events are read (a million of them took seconds, one problem each).
  const tooLong = Array.isArray(list) && list.length >= MAX_HISTORY;
  if (tooLong) issues.push(issue('INVALID_INPUT', `${list.length} events; a replay takes at most ${MAX_HISTORY - 1} (a snapshot's history holds at most ${MAX_HISTORY} entries)`, ['events']));
  if (Array.isArray(list) && !tooLong) {
    // the instant of the history entry before each event: the intake's, then each event's (unknown after a refused event)
    let previous: string | undefined = c?.receivedAt;
    for (let i = 0; i < list.length; i++) {
      const where: Where = { index: i, base: ['events', i] };
      const shape = eventShape(list[i], where.base, i);
      const ev = shape.event;
      if (!ev) {
        pushAll(issues, shape.issues);
        previous = undefined;
        // its type and data, when they have no problem of their own, are checked all the same
        const o = shape.value as { type?: unknown; data?: unknown } | undefined;
        const clear = (key: string) => !shape.issues.some((x) => x.path.length <= where.base.length || x.path[where.base.length] === key);
        if (o && typeof o === 'object' && typeof o.type === 'string' && clear('type')) {
          const decl = knownType(o.type, where);
          if (decl && clear('data')) pushAll(issues, parseEventData(decl.data, { ...(o as LifecycleEvent), type: o.type }, where).issues);
        }
        continue;
      }
      if (i === 0 && !actorGiven) actor = ev.actor;
      const decl = knownType(ev.type, where);
      if (previous !== undefined && parseInstant(ev.at)!.getTime() < parseInstant(previous)!.getTime()) {
        issues.push(issue('INVALID_INPUT', `${label(where, ev.type)}: at ${ev.at} is before the previous event (${previous}); events must not go back in time`, [...where.base, 'at']));
      }
      previous = ev.at;
      if (!decl) continue;
      const data = parseEventData(decl.data, ev, where);
      pushAll(issues, data.issues);
      if (data.data) events.push({ event: ev, data: data.data });
    }
  }
  // Nothing is replayed after a problem; a part the caller refused is the caller's to report.
  if (issues.length || !c || !actor || !Array.isArray(list) || number === undefined || linkedTo === undefined) return { issues };
  return { issues, checked: { complaint: c, actor, number, linkedTo, events } };
}

/**
 * Rebuilds a snapshot from a complaint and its event log: intake, then every
 * event in order. Equal to applying {@link start} and {@link transition} step
 * by step, effects included. The intake actor defaults to the first event's
 * actor. Before anything is replayed, the input is checked and every problem
 * that does not depend on the replay is reported at once in one `InputError`:
 * the complaint's (`<complaint>` issues), the intake's, and of every event its
 * shape (`type`, `at`, `actor`), an unknown event type, its `data` for its
 * type, an `at` before the event before it. Then an event not allowed in the
 * state the replay reached (`ILLEGAL_TRANSITION`) or whose guards fail
 * (`GUARD_FAILED`) stops the replay: only the first such event is reported.
 * An event is named by its index: the issue path is `['events', i, …]` and the
 * message says `event i`.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param complaint - untrusted complaint data
 * @param events - the event log
 * @param options - intake actor, number, linkedTo
 * @returns the final snapshot and every effect, in order
 * @throws InputError with every problem of the complaint, the intake (an intake that is not an object at `intake`; `intake.actor`, `intake.number`, `intake.linkedTo` — the complaint's own id is refused, as by {@link start}) and the events (options that are not an object: at `options`, alone); then TransitionError for the first event the replay refuses, naming its index
 * @example
 * ```ts
 * replay(policy, complaint, events).snapshot.revision // → events.length
 * ```
 * @category Lifecycle
 */
export function replay(policy: Policy, complaint: unknown, events: unknown, options: ReplayOptions = {}): TransitionResult {
  const lc = requireLifecycle(policy);
  checkOptions('replay', options, '{ intake? }');
  const { issues, checked } = checkReplay(lc, { complaint, events, intake: options.intake });
  if (!checked) throw inputError(issues);
  let r = intake(policy, lc, checked.complaint, checked.actor, checked.number, checked.linkedTo);
  const effects: TransitionEffect[] = [...r.effects];
  for (let i = 0; i < checked.events.length; i++) {
    const { event, data } = checked.events[i]!;
    r = step(lc, r.draft, event, { index: i, base: ['events', i] }, data);
    effects.push(...r.effects);
  }
  return result(policy, r, effects);
}
