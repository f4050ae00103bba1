import { enumWord, scanComplaint, type ScannedComplaint } from '../complaint/fast-parse.js';
import { ComplaintSchema, type Complaint } from '../complaint/schema.js';
import type { LeafTrace } from '../conditions/compile.js';
import type { RuleTrace } from '../conditions/ruleset.js';
import { InputError, PolicyError, issue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import { screenUntrustedValue, type UntrustedValueOptions } from '../json/safe-json.js';
import { LOAD_PARSE } from '../json/zod-parse.js';
import { formatMoney } from '../money/money.js';
import type { Policy } from '../pack/policy.js';
import type { LiabilityRule } from '../liability/schema.js';
import type { RemedyRule } from '../remedies/schema.js';
import { formatEpochMsOf, instantMs, parseInstant, toInstant } from '../time/instant.js';
import { DecideContext } from './facts.js';
import { decisionIdOf } from './fingerprint.js';
import { complaintSignature } from './signature.js';
import { ComplaintAmounts, dueText, orderTotalFen, preparePolicy, selectBandFen, toFen, type OfferCost, type PreparedPolicy } from './prepared.js';
import type { Decision, DecideOptions, LiabilityDecision, RemedyNotOffered, RemedyOption } from './types.js';

/** Library name and version in every audit record. */
export const LIBRARY = 'aftersales-policy@0.1.0';

/**
 * Validates untrusted complaint data (prototype-polluting keys, depth, schema).
 * A valid complaint is recognised by a hand-written fast check; anything else
 * goes through the safe-JSON walk and `ComplaintSchema` (zod), which name
 * every problem. An optional field set to `undefined` (e.g.
 * `supplierInvolved: undefined`) counts as absent, as `JSON.stringify` has
 * it: the copy returned has no such key. A value that is not JSON data (a
 * function, a class instance, `NaN`, a cycle) is `INVALID_INPUT`.
 *
 * @param input - the complaint as received
 * @returns the complaint (a fresh copy, as zod returns it)
 * @throws InputError naming every bad JSON path
 * @example
 * ```ts
 * parseComplaint(JSON.parse(body)).claimAmount // → '299.00'
 * parseComplaint({ id: 7 })                    // throws InputError (INVALID_INPUT at $.id, …)
 * ```
 * @category Complaints
 */
export function parseComplaint(input: unknown): Complaint {
  return scan(input).complaint;
}

/** How a complaint is screened before `ComplaintSchema`: symbol keys are not data, `undefined` fields are absent, non-data is `INVALID_INPUT`. */
const COMPLAINT_SCREENING: UntrustedValueOptions = Object.freeze({ symbolKeys: 'ignore', undefinedProperties: 'absent', code: 'INVALID_INPUT' });

/**
 * Validates a complaint (see {@link parseComplaint}) and returns what was
 * read on the way: the fast validator's scan, or the same facts worked out
 * from zod's output.
 */
function scan(input: unknown): ScannedComplaint {
  // Fast path: a hand-written check that only ever accepts what the checks below accept.
  const fast = scanComplaint(input);
  if (fast) return fast;
  // The fast check leaves `undefined`-valued fields here: they are absent, so zod sees a copy without them.
  const screened = screenUntrustedValue(input, '<complaint>', undefined, COMPLAINT_SCREENING);
  if (screened.issues.length) throw new InputError(screened.issues);
  // jitless: zod would build this schema's parser with `new Function` on its first parse (src/json/zod-parse.ts).
  const r = ComplaintSchema.safeParse(screened.value, LOAD_PARSE);
  if (!r.success) throw new InputError(fromZodIssues(r.error.issues, '<complaint>', 'INVALID_INPUT'));
  const complaint = r.data;
  const delivered = complaint.order.deliveredAt;
  return {
    complaint,
    receivedMs: parseInstant(complaint.receivedAt)!.getTime(),
    deliveredMs: delivered === null ? null : parseInstant(delivered)!.getTime(),
    claimFen: toFen(complaint.claimAmount),
    orderFen: orderTotalFen(complaint.order.items),
    enums: enumWord(complaint),
  };
}

/** The `now` option as epoch milliseconds; an `InputError` (issue `INVALID_INSTANT` at `now`) as for a missing `now`. */
function nowMsOf(now: Date | string): number {
  if (typeof now === 'string') {
    const ms = instantMs(now);
    if (ms !== undefined) return ms;
  }
  try {
    return toInstant(now).getTime();
  } catch (e) {
    throw e instanceof PolicyError ? new InputError(e.issues) : e;
  }
}

/** Whether the first `n` remedies of a list (offered or not) already name `type`. */
function hasType(list: ReadonlyArray<{ readonly type: string }>, type: string, n = list.length): boolean {
  for (let i = 0; i < n; i++) if (list[i]!.type === type) return true;
  return false;
}

/** Options are kept for the results of a plan's first 8 rules evaluated each time (at most 256 per plan); other results are worked out per decision. */
const MAX_KEPT_RESULTS = 256;

/** An option a remedy rule offers, as far as the hits and the liability outcome decide it. */
interface OfferTemplate {
  readonly ruleId: string;
  readonly type: RemedyOption['type'];
  readonly label: string;
  readonly clause: string;
  readonly costBearer: RemedyOption['costBearer'];
  readonly returnShipping: RemedyOption['returnShipping'];
  readonly cost: OfferCost;
}

/**
 * What a list of remedy hits makes of a decision's options, before amounts
 * and dates: the types excluded (by their first excluding rule), the options
 * offered (an excluded type never; a type once, by its first rule) and the
 * warning when an upheld complaint gets fewer than the pack's minimum.
 * Decisions with the same hits and liability outcome share it.
 */
interface RemedySkeleton {
  readonly notOffered: readonly RemedyNotOffered[];
  readonly offers: readonly OfferTemplate[];
  readonly warnings: readonly string[];
}

function remedySkeleton(hits: readonly RemedyRule[], o: LiabilityRule['outcome'], prepared: PreparedPolicy, min: number): RemedySkeleton {
  const notOffered: RemedyNotOffered[] = [];
  for (const r of hits) {
    if (!r.exclude) continue;
    for (const type of r.exclude.types) if (!hasType(notOffered, type)) notOffered.push({ type, ruleId: r.id, reason: r.exclude.reason });
  }
  const offers: OfferTemplate[] = [];
  for (const r of hits) {
    const offer = r.offer;
    if (!offer || hasType(notOffered, offer.type) || hasType(offers, offer.type)) continue;
    offers.push({
      ruleId: r.id,
      type: offer.type,
      label: offer.label,
      clause: r.clause,
      costBearer: offer.costBearer === 'liability' ? o.costBearer : offer.costBearer,
      returnShipping: offer.returnShipping === 'liability' ? o.costBearer : offer.returnShipping,
      cost: prepared.offers.get(r)!,
    });
  }
  const warnings = o.upheld && offers.length < min ? [`the pack offers ${offers.length} option(s) for this upheld complaint; its minimum is ${min} (seed 001 §三.4)`] : [];
  return { notOffered, offers, warnings };
}

function requirePart<T>(policy: Policy, part: T | undefined, kind: string): T {
  if (!part) throw new PolicyError('KIND_MISSING', [issue('KIND_MISSING', `pack "${policy.id}" has no ${kind} file, which decide() needs`, ['files'], 'manifest.json')]);
  return part;
}

/**
 * Decides liability, remedy options and approval for a complaint (see
 * {@link Policy.decide}). Pure: no I/O, no system clock.
 *
 * Synchronous; conditions were compiled to closures when the pack loaded.
 * `{ trace: false }` skips the explanation trace (the fastest form).
 *
 * @param policy - a loaded policy
 * @param input - untrusted complaint data
 * @param options - `now` and `trace`
 * @returns the decision
 * @throws InputError for an invalid complaint or `now`
 * @example
 * ```ts
 * const d = decide(loadPolicy('ecommerce'), complaint, { now: '2026-11-20T10:00:00+08:00', trace: false });
 * d.liability.ruleId   // → 'nonconforming-product'
 * d.approval.approver  // → 'manager'
 * ```
 * @category Decisions
 */
export function decide(policy: Policy, input: unknown, options: DecideOptions): Decision {
  return decideWith(policy, preparePolicy(policy), input, options);
}

/**
 * {@link decide} with the policy's prepared data already at hand (a loaded
 * policy's own `decide` keeps it, saving a `WeakMap` lookup per call).
 *
 * @param policy - a loaded policy
 * @param prepared - `preparePolicy(policy)`
 * @param input - untrusted complaint data
 * @param options - `now` and `trace`
 * @returns the decision
 * @throws InputError for an invalid complaint or `now`
 * @example
 * ```ts
 * decideWith(policy, preparePolicy(policy), complaint, { now }) // same as decide(policy, complaint, { now })
 * ```
 * @category Decisions
 * @internal
 */
export function decideWith(policy: Policy, prepared: PreparedPolicy, input: unknown, options: DecideOptions): Decision {
  const liabilityPart = requirePart(policy, policy.liability, 'Liability');
  const remediesPart = requirePart(policy, policy.remedies, 'Remedies');
  const approvalPart = requirePart(policy, policy.approval, 'ApprovalAuthority');
  const scanned = scan(input);
  const complaint = scanned.complaint;
  // `now` is read once: the instant checked is the one printed (a getter may answer differently each time).
  const now = options ? options.now : undefined;
  if (now === undefined) throw new InputError([issue('INVALID_INSTANT', 'decide() needs { now }: decisions never read the system clock', ['now'])]);
  const nowMs = nowMsOf(now);
  const tz = policy.settings.timeZone;
  const rounding = prepared.rounding;
  const trace: RuleTrace[] | null = options.trace === false ? null : [];

  // ── liability ────────────────────────────────────────────────────────────
  // One context for both stages: the liability outcome is filled in before the remedy facts are read.
  const ctx = new DecideContext(complaint, nowMs, scanned.deliveredMs, scanned.receivedMs, tz);
  const mask = liabilityPart.signatureMask;
  const remedyMask = remediesPart.signatureMask;
  // Without a trace, outcomes and plans are kept per complaint signature when the rules allow it (src/decision/signature.ts).
  const signature = trace || (mask === undefined && remedyMask === undefined) ? 0 : complaintSignature(complaint, scanned.enums);
  let fired: LiabilityRule | undefined;
  if (trace || mask === undefined) fired = liabilityPart.rules.evaluate(liabilityPart.rules.facts(ctx), 'liability', trace)[0];
  else {
    // Rules that read only signature facts: for a signature seen before, no fact is computed and no rule runs.
    const key = signature & mask;
    const kept = prepared.liabilityBySignature.get(key);
    fired =
      (kept !== undefined ? kept : prepared.liabilityBySignature.keep(key, liabilityPart.rules.evaluate(liabilityPart.rules.facts(ctx), 'liability', null)[0] ?? null)) ??
      undefined;
  }
  const chosen = fired ?? liabilityPart.doc.default;
  if (!fired && trace) trace.push({ stage: 'liability', ruleId: chosen.id, clause: chosen.clause, description: chosen.description, fired: true, conditions: [] });
  const o = chosen.outcome;
  const liability: { -readonly [K in keyof LiabilityDecision]: LiabilityDecision[K] } = {
    ruleId: chosen.id,
    clause: chosen.clause,
    party: o.party,
    costBearer: o.costBearer,
    upheld: o.upheld,
    principle: o.principle,
  };
  if (o.recoverFrom) liability.recoverFrom = o.recoverFrom;
  if (o.thirdPartyTesting) liability.thirdPartyTesting = o.thirdPartyTesting;

  // ── remedies ─────────────────────────────────────────────────────────────
  const prepOutcome = prepared.outcomes.get(o)!;
  ctx.liability = prepOutcome.liability;
  const rules = remediesPart.rules;
  // What the hits make of the options (excluded types, option templates, warnings): kept per result of the plan.
  let skeleton: RemedySkeleton | undefined;
  let hits: RemedyRule[] | undefined;
  if (trace || remedyMask === undefined) hits = rules.evaluate(rules.facts(ctx), 'remedies', trace);
  else {
    // The plan of this outcome and signature: only the facts its rules to evaluate read are computed.
    const key = signature & remedyMask;
    const kept = prepOutcome.remedyPlans.get(key);
    if (kept !== undefined) {
      const entry = kept.entry;
      const facts = entry.settled ? NO_FACTS : entry.liveSlots ? rules.factsAt(ctx, entry.liveSlots) : rules.facts(ctx);
      const result = rules.liveResult(entry, facts);
      if (result >= 0 && result < MAX_KEPT_RESULTS) skeleton = (kept.skeletons[result] ??= remedySkeleton(rules.hitsFor(entry, result), o, prepared, remediesPart.doc.minimumOptions)) as RemedySkeleton;
      else hits = result >= 0 ? rules.hitsFor(entry, result) : rules.runPlan(entry, facts);
    } else {
      const f = rules.facts(ctx);
      const entry = rules.planFor(f);
      if (entry) prepOutcome.remedyPlans.keep(key, { entry, skeletons: [] });
      hits = entry ? rules.runPlan(entry, f) : rules.evaluate(f, 'remedies', null);
    }
  }
  skeleton ??= remedySkeleton(hits!, o, prepared, remediesPart.doc.minimumOptions);
  const excluded = skeleton.notOffered;
  let notOffered: readonly RemedyNotOffered[] = NONE;
  if (excluded.length) {
    notOffered = new Array<RemedyNotOffered>(excluded.length);
    for (let i = 0; i < excluded.length; i++) {
      const x = excluded[i]!;
      (notOffered as RemedyNotOffered[])[i] = { type: x.type, ruleId: x.ruleId, reason: x.reason };
    }
  }
  const amounts = new ComplaintAmounts(ctx, scanned.claimFen, scanned.orderFen);
  // Printed first: each due date is then written from its text (same time of day, days later).
  const nowText = formatEpochMsOf(nowMs, tz, typeof now === 'string' ? now : undefined);
  const templates = skeleton.offers;
  const offers = new Array<RemedyOption>(templates.length);
  for (let i = 0; i < templates.length; i++) {
    const t = templates[i]!;
    const plan = t.cost;
    const estimatedCost = amounts.estimate(plan, rounding);
    const resolveBy = dueText(nowMs, plan, tz);
    offers[i] = t.returnShipping
      ? { ruleId: t.ruleId, type: t.type, label: t.label, clause: t.clause, costBearer: t.costBearer, returnShipping: t.returnShipping, estimatedCost, resolveWithin: plan.resolveWithin, resolveBy }
      : { ruleId: t.ruleId, type: t.type, label: t.label, clause: t.clause, costBearer: t.costBearer, estimatedCost, resolveWithin: plan.resolveWithin, resolveBy };
  }
  const warnings: readonly string[] = skeleton.warnings.length ? skeleton.warnings.slice() : NONE;

  // ── approval ─────────────────────────────────────────────────────────────
  const claimFen = amounts.claimFen;
  const fast = prepared.bands && claimFen !== undefined ? selectBandFen(prepared.bands, claimFen) : undefined;
  const band = fast ? fast.band : approvalPart.bands.select(amounts.decimal('claimAmount'))!;
  const range = fast ? fast.range : prepared.ranges.get(band)!;
  const amountText = amounts.text('claimAmount') ?? formatMoney(amounts.decimal('claimAmount'), rounding);
  if (trace) {
    const conditions: LeafTrace[] = [];
    if (band.over !== undefined) conditions.push({ fact: 'claimAmount', operator: 'greaterThan', factValue: complaint.claimAmount, value: band.over, result: true });
    if (band.upTo !== undefined) conditions.push({ fact: 'claimAmount', operator: 'lessThanInclusive', factValue: complaint.claimAmount, value: band.upTo, result: true });
    trace.push({ stage: 'approval', ruleId: band.id, clause: approvalPart.doc.clause, description: `claim amount ${complaint.claimAmount} is ${range}: approver ${band.approver}`, fired: true, conditions });
  }

  return {
    complaintId: complaint.id,
    liability,
    remedies: offers,
    notOffered,
    approval: { bandId: band.id, approver: band.approver, amount: amountText, range, clause: approvalPart.doc.clause },
    warnings,
    trace: trace ?? NONE,
    audit: {
      decisionId: decisionIdOf(prepared.seed, complaint, nowMs, scanned, prepared.instantTexts),
      packId: policy.id,
      packVersion: policy.version,
      policyHash: policy.hash,
      now: nowText,
      library: LIBRARY,
    },
  };
}

/** The shared empty list of a decision without warnings or trace (frozen). */
const NONE: readonly never[] = Object.freeze([]);
/** The facts of a plan without a rule to evaluate: none are read. */
const NO_FACTS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * {@link decide} behind a promise, for hosts whose rule engine interface is
 * asynchronous (e.g. code written for json-rules-engine's `engine.run`).
 * The work is the same synchronous `decide`; an invalid complaint rejects
 * the promise instead of throwing.
 *
 * @param policy - a loaded policy
 * @param input - untrusted complaint data
 * @param options - `now` and `trace`
 * @returns a promise of the decision
 * @example
 * ```ts
 * const d = await decideAsync(policy, complaint, { now: '2026-11-20T10:00:00+08:00' });
 * d.liability.party // → 'manufacturer'
 * ```
 * @category Decisions
 */
export async function decideAsync(policy: Policy, input: unknown, options: DecideOptions): Promise<Decision> {
  return decide(policy, input, options);
}
