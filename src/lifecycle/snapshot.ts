import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { scanComplaint } from '../complaint/fast-parse.js';
import { ComplaintSchema } from '../complaint/schema.js';
import { PARTIES } from '../decision/facts.js';
import { InputError, issue, PolicyError, quoted, shortText, type PolicyIssue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import { CALLER_INPUT_SCREENING, screenUntrustedValue } from '../json/safe-json.js';
import { zMoney } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import { instantMs, zInstant } from '../time/instant.js';
import { EVENT_DATA_SCHEMAS, REVIEW_RESULTS, zActor, zProposalOption } from './data.js';
import type { CompiledLifecycle } from './kind.js';
import { INTAKE_EVENT } from './schema.js';
import { compareVersions, SEMVER } from './version.js';
import type { DeepReadonly } from '../types/deep-readonly.js';

/**
 * The format tag of snapshots written by this release. A snapshot with another
 * tag is refused with `SNAPSHOT_MIGRATION_REQUIRED`.
 *
 * @category Lifecycle
 */
export const SNAPSHOT_FORMAT = 'aftersales-policy/lifecycle-snapshot/v1';

export const FILE = '<snapshot>';

/**
 * Why a complaint cannot be linked to itself: a linked complaint is a new
 * record attached to the original (seed 003 art.3 §九.9), so its `linkedTo`
 * names another complaint. Shared by intake (`start`, `replay`) and
 * `checkSnapshot`.
 *
 * @param complaintId - the complaint's own id
 * @returns the message of the `INVALID_INPUT` issue at `linkedTo`
 * @example
 * ```ts
 * linkedToItselfMessage('C-2611-0001')
 * // → 'linkedTo "C-2611-0001" is this complaint\'s own id: a linked complaint is a new complaint attached to the original …'
 * ```
 * @category Lifecycle
 * @internal
 */
export function linkedToItselfMessage(complaintId: string): string {
  return `linkedTo "${complaintId}" is this complaint's own id: a linked complaint is a new complaint attached to the original (seed 003 art.3 §九.9)`;
}

/**
 * The most entries a snapshot's history holds (the intake and 99,999 events),
 * and the most linked complaints it lists. A longer list is refused before its
 * items are read: zod gathers one problem per wrong item, and a stored
 * snapshot with a million-item history took 10–30 s to refuse, with 47 MB of
 * messages. `transition` refuses the event that would pass it, and `replay`
 * an event log longer than 99,999.
 *
 * @category Lifecycle
 * @internal
 */
export const MAX_HISTORY = 100_000;

const zHistoryEntry = z.strictObject({
  revision: z.number().int().min(0),
  type: z.string().min(1).max(100).meta({ description: 'Event type, or "intake".' }),
  at: zInstant,
  actor: zActor,
  data: z.record(z.string(), z.unknown()).optional(),
  from: zId.nullable().meta({ description: 'State before the event (null at intake).' }),
  to: zId.meta({ description: 'State after the event and any automatic transitions.' }),
  // One event enters at most one state per transition it takes: its own and the automatic ones after it, fewer than
  // the 100 states a lifecycle may have. The bound also keeps zod from gathering a problem per item of a huge list,
  // which overflows its call stack (a RangeError instead of INVALID_INPUT).
  entered: z.array(zId).max(1000).meta({ description: 'States entered, in order (empty when the case stayed).' }),
  transitions: z.array(zId).max(1000).meta({ description: 'Transitions taken, in order.' }),
});

/**
 * zod schema of a lifecycle snapshot: plain JSON a host stores as it is, with
 * an integer `revision` for optimistic concurrency. The history holds every
 * event, so deadlines are recomputed from it after a restore.
 *
 * @category Lifecycle
 */
export const LifecycleSnapshotSchema = z
  .strictObject({
    state: zId,
    outcome: zId.nullable(),
    owner: zActor.meta({ description: 'First-contact owner: set at intake, never moves.' }),
    handler: zActor.meta({ description: 'Current handler: moves on hand-off.' }),
    revision: z.number().int().min(0).meta({ description: '0 at intake, +1 per event.' }),
    priority: z.enum(['normal', 'high']),
    dedicatedHandler: z.boolean().meta({ description: 'Green channel: a dedicated specialist handles the case.' }),
    complaintId: z.string().min(1).max(100),
    number: z.string().max(100).nullable(),
    linkedTo: z.string().min(1).max(100).nullable().meta({ description: 'The complaint this one was opened from (linked reopen): another complaint\'s id.' }),
    links: z
      .array(z.strictObject({ reason: zId, at: zInstant, revision: z.number().int().min(0) }))
      .max(MAX_HISTORY, { error: `a snapshot lists at most ${MAX_HISTORY} linked complaints` })
      .meta({ description: 'Linked complaints opened from this one.' }),
    proposal: z
      .strictObject({
        options: z.array(zProposalOption.extend({ id: zId })).max(20),
        amount: zMoney,
        resolveBy: zInstant.nullable(),
        by: zActor,
        at: zInstant,
        revision: z.number().int().min(0),
      })
      .nullable(),
    approval: z.strictObject({ by: zActor, at: zInstant }).nullable(),
    accepted: z.strictObject({ option: z.string().min(1).max(100), by: zActor, at: zInstant }).nullable(),
    liability: z
      .strictObject({ party: z.enum(PARTIES).optional(), upheld: z.boolean().optional(), decisionId: z.string().max(200).optional(), at: zInstant })
      .nullable(),
    review: z.strictObject({ result: z.enum(REVIEW_RESULTS).optional(), report: z.string().max(2000).optional(), at: zInstant }).nullable(),
    satisfaction: z.number().int().min(1).max(5).nullable(),
    format: z.literal(SNAPSHOT_FORMAT),
    lifecycle: z.strictObject({ id: zId, version: z.string().min(1).max(50) }),
    packId: z.string().min(1).max(100),
    packVersion: z.string().min(1).max(50),
    policyHash: z.string().min(1).max(128),
    complaint: ComplaintSchema,
    history: z.array(zHistoryEntry).min(1).max(MAX_HISTORY, { error: `a snapshot's history holds at most ${MAX_HISTORY} entries` }),
  })
  .meta({ id: 'LifecycleSnapshot' });

/**
 * The snapshot schema with the complaint left to the fast complaint
 * validator (`scanComplaint`): used only once that validator has accepted
 * the snapshot's complaint, which then adds no issue to the full schema's.
 */
const SnapshotAroundComplaint = LifecycleSnapshotSchema.extend({ complaint: z.unknown() });

/**
 * A complaint's lifecycle snapshot (plain JSON). The snapshots `start`,
 * `transition`, `replay` and `readSnapshot` return are deep-frozen, and the
 * type is read-only to match: every field, and everything inside the
 * history, links, proposal and the other records, so writing to one
 * (`snapshot.history.push(…)`, `snapshot.state = …`) is a compile error
 * rather than a `TypeError` at run time. The `complaint` field itself is
 * read-only but keeps the `Complaint` type (its lists typed writable,
 * as lifecycle facts receive it) — it is frozen all the same. A snapshot is
 * passed back as it is (to `transition`, `deadlines`, `overdueEffects`,
 * `slaReport`, `readSnapshot`); to store one, serialise it; a changed copy is
 * built with spreads. `z.output<typeof LifecycleSnapshotSchema>` is the same
 * shape, writable: type a store's rows with `LifecycleSnapshot` (a returned
 * snapshot is not assignable to the writable type), and a row read back from
 * JSON is accepted by every function as it is.
 *
 * @category Lifecycle
 */
export type LifecycleSnapshot = {
  readonly [K in keyof z.output<typeof LifecycleSnapshotSchema>]: K extends 'complaint'
    ? z.output<typeof LifecycleSnapshotSchema>[K]
    : DeepReadonly<z.output<typeof LifecycleSnapshotSchema>[K]>;
};

/**
 * One entry of a snapshot's history (read-only, as the snapshot).
 *
 * @category Lifecycle
 */
export type HistoryEntry = LifecycleSnapshot['history'][number];

/**
 * The lifecycle of a policy, or a `KIND_MISSING` error.
 *
 * @param policy - a loaded policy
 * @returns its compiled lifecycle
 * @throws PolicyError `KIND_MISSING` when the pack has no Lifecycle file
 * @example
 * ```ts
 * requireLifecycle(loadPolicy('ecommerce')).initial // → 'received'
 * ```
 * @category Lifecycle
 */
export function requireLifecycle(policy: Policy): CompiledLifecycle {
  const lc = policy.lifecycle;
  if (!lc) throw new PolicyError('KIND_MISSING', [issue('KIND_MISSING', `pack "${policy.id}" has no Lifecycle file`, ['files'], 'manifest.json')]);
  return lc;
}

/**
 * The migration rule: a snapshot written under lifecycle version `written`
 * can be read by `current` when both have the same lifecycle id (checked by
 * the caller), the same major version (for 0.x: the same minor), and
 * `written` is not newer than `current`.
 *
 * @param written - the snapshot's lifecycle version
 * @param current - the loaded lifecycle's version
 * @returns `undefined` when compatible, else the reason
 * @example
 * ```ts
 * snapshotVersionProblem('1.0.0', '1.3.0') // → undefined
 * snapshotVersionProblem('1.0.0', '2.0.0') // → 'the snapshot was written under lifecycle version 1.0.0; major version 2 …'
 * ```
 * @category Lifecycle
 */
export function snapshotVersionProblem(written: string, current: string): string | undefined {
  const w = SEMVER.exec(written);
  const c = SEMVER.exec(current);
  if (!w || !c) return `version ${quoted(written)} is not a semantic version`;
  // a stored snapshot's version is untrusted text: quoted when long, never copied whole
  const shown = shortText(written);
  if (w[1] !== c[1]) return `the snapshot was written under lifecycle version ${shown}; major version ${c[1]} (${current}) may read it differently`;
  if (w[1] === '0' && w[2] !== c[2]) return `the snapshot was written under lifecycle version ${shown}; in 0.x a new minor version (${current}) may read it differently`;
  if (compareVersions(w, c) > 0) return `the snapshot was written under lifecycle version ${shown}, newer than the loaded ${current}`;
  return undefined;
}

function migration(message: string, path: Array<string | number> = []): PolicyError {
  return new PolicyError('SNAPSHOT_MIGRATION_REQUIRED', [issue('SNAPSHOT_MIGRATION_REQUIRED', message, path, FILE)]);
}

/**
 * The checks of `readSnapshot` (src/lifecycle/machine.ts) that need no
 * replay, in order: untrusted JSON (forbidden keys, depth); the snapshot
 * format and the lifecycle id and version (the migration rule, see
 * {@link snapshotVersionProblem}); the schema; internal consistency
 * (revisions, state, time order, intake); and that every state, event,
 * outcome and event data of the history still means the same in the loaded
 * lifecycle. `readSnapshot` then replays the history and compares.
 *
 * @param policy - the loaded policy
 * @param value - the stored snapshot (parsed JSON)
 * @returns the snapshot, validated (a fresh copy)
 * @throws PolicyError `SNAPSHOT_MIGRATION_REQUIRED` when another lifecycle or an incompatible version wrote it; InputError when it is malformed
 * @example
 * ```ts
 * checkSnapshot(policy, JSON.parse(row.snapshot)).revision // → 4
 * ```
 * @category Lifecycle
 * @internal
 */
export function checkSnapshot(policy: Policy, value: unknown): LifecycleSnapshot {
  const lc = requireLifecycle(policy);
  // An `undefined`-valued property is absent (as in the JSON text the snapshot is stored as); not JSON data is INVALID_INPUT.
  const screened = screenUntrustedValue(value, FILE, { maxBytes: 8 * 1024 * 1024, maxDepth: 64 }, CALLER_INPUT_SCREENING);
  if (screened.issues.length) throw new InputError(screened.issues);
  value = screened.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError([issue('INVALID_INPUT', 'a snapshot is a JSON object', [], FILE)]);
  const head = value as { format?: unknown; lifecycle?: { id?: unknown; version?: unknown } };
  if (head.format !== SNAPSHOT_FORMAT) {
    throw migration(`snapshot format ${quoted(head.format)} is not "${SNAPSHOT_FORMAT}", which this release reads`, ['format']);
  }
  const lid = head.lifecycle?.id;
  const lver = head.lifecycle?.version;
  if (typeof lid !== 'string' || typeof lver !== 'string') throw new InputError([issue('INVALID_INPUT', 'the snapshot names no lifecycle { id, version }', ['lifecycle'], FILE)]);
  if (lid !== lc.id) throw migration(`the snapshot belongs to lifecycle ${quoted(lid)}, not "${lc.id}" of pack "${policy.id}"`, ['lifecycle', 'id']);
  const versionProblem = snapshotVersionProblem(lver, lc.version);
  if (versionProblem) throw migration(versionProblem, ['lifecycle', 'version']);

  // The embedded complaint by the fast validator when it can (its copy equals zod's output); the
  // rest by zod. Anything refused is parsed again by the full schema, which names every problem.
  const fast = scanComplaint((value as { complaint?: unknown }).complaint);
  const around = fast ? SnapshotAroundComplaint.safeParse(value) : undefined;
  let s: LifecycleSnapshot;
  if (fast && around?.success) s = { ...around.data, complaint: fast.complaint };
  else {
    const r = LifecycleSnapshotSchema.safeParse(value);
    if (!r.success) throw new InputError(fromZodIssues(r.error.issues, FILE, 'INVALID_INPUT'));
    s = r.data;
  }

  const bad: PolicyIssue[] = [];
  const inconsistent = (message: string, path: Array<string | number>) => bad.push(issue('INVALID_INPUT', message, path, FILE));
  if (s.revision !== s.history.length - 1) inconsistent(`revision ${s.revision} does not match the ${s.history.length} history entries`, ['revision']);
  if (s.complaint.id !== s.complaintId) inconsistent(`complaintId "${s.complaintId}" is not the complaint's id "${s.complaint.id}"`, ['complaintId']);
  // A `linkedTo` equal to the complaint's own id is refused when a case is opened (start, replay), not here:
  // releases before 0.1.0's SLA fixes wrote such snapshots, and the link changes no decision, guard or clock.
  const intake = s.history[0]!;
  if (intake.type !== INTAKE_EVENT) inconsistent('the history must start with the intake', ['history', 0, 'type']);
  // `start` writes both from the complaint and the first-contact actor: intake clocks start at `at`, and the owner never moves.
  else {
    if (intake.at !== s.complaint.receivedAt) inconsistent(`the intake at ${intake.at} is not the complaint's receivedAt ${s.complaint.receivedAt}`, ['history', 0, 'at']);
    if (intake.actor.id !== s.owner.id || intake.actor.role !== s.owner.role) {
      inconsistent(`owner ${s.owner.id} (${s.owner.role}) is not the first-contact person of the intake, ${intake.actor.id} (${intake.actor.role})`, ['owner']);
    }
  }
  let prev = -Infinity;
  s.history.forEach((h, i) => {
    if (h.revision !== i) inconsistent(`history entry ${i} has revision ${h.revision}`, ['history', i, 'revision']);
    const t = instantMs(h.at)!;
    if (t < prev) inconsistent(`history entry ${i} is earlier than the entry before it`, ['history', i, 'at']);
    prev = t;
  });
  if (s.history[s.history.length - 1]!.to !== s.state) inconsistent(`state "${s.state}" is not where the history ends`, ['state']);
  if (bad.length) throw new InputError(bad);

  // Same lifecycle id and a compatible version: still refuse anything the loaded lifecycle would read differently.
  const unknownState = (st: string | null, path: Array<string | number>) => {
    if (st !== null && !lc.states.has(st)) throw migration(`state "${st}" no longer exists in lifecycle ${lc.id}@${lc.version}`, path);
  };
  unknownState(s.state, ['state']);
  s.history.forEach((h, i) => {
    unknownState(h.from, ['history', i, 'from']);
    unknownState(h.to, ['history', i, 'to']);
    h.entered.forEach((st, j) => unknownState(st, ['history', i, 'entered', j]));
    if (h.type === INTAKE_EVENT) return;
    const ev = lc.events.get(h.type);
    if (!ev) throw migration(`event "${h.type}" no longer exists in lifecycle ${lc.id}@${lc.version}`, ['history', i, 'type']);
    if (!EVENT_DATA_SCHEMAS[ev.data].safeParse(h.data ?? {}).success) {
      throw migration(`the data of event "${h.type}" no longer matches its kind "${ev.data}" in lifecycle ${lc.id}@${lc.version}`, ['history', i, 'data']);
    }
  });
  const st = lc.states.get(s.state)!;
  if (st.terminal ? s.outcome === null || !(st.outcomes ?? []).includes(s.outcome) : s.outcome !== null) {
    throw migration(`outcome ${JSON.stringify(s.outcome)} is not an outcome of state "${s.state}" in lifecycle ${lc.id}@${lc.version}`, ['outcome']);
  }
  return s;
}
