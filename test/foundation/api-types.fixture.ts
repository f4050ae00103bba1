/**
 * Host code against the published API, only type-checked (never run): by `npm run typecheck` with the
 * repository's settings, and by test/foundation/api-types.test.ts with `exactOptionalPropertyTypes`
 * on, as a strict host compiles it. Every `@ts-expect-error` line must be an error (an unused one is
 * TS2578), every other line must compile.
 */
import type { z } from 'zod';
import {
  addDuration,
  allocate,
  compilePack,
  validatePack,
  resolvePack,
  checkCalendarData,
  compileCalendar,
  complaintNumberPattern,
  deadlines,
  DEFAULT_NUMBERING,
  isWorkingDay,
  loadBundledCalendar,
  loadPolicy,
  nextComplaintNumber,
  nextComplaintNumberFromPattern,
  overdueEffects,
  readSnapshot,
  replay,
  simulateRange,
  slaReport,
  start,
  transition,
  type Actor,
  type CalendarData,
  type CalendarDataSchema,
  type CalendarSpec,
  type Complaint,
  type DecideOptions,
  type LifecycleSnapshot,
  type LifecycleSnapshotSchema,
  type LoadOptions,
  type NumberingPattern,
  type ReplayOptions,
  type SimulateRangeOptions,
  type StartOptions,
  type TransitionOptions,
} from '../../src/index.js';

/** What a host's request or row gives: every field may be missing. */
interface Maybe {
  readonly number: string | undefined;
  readonly now: string | undefined;
  readonly linkedTo: string | undefined;
  readonly actor: Actor | undefined;
  readonly trace: boolean | undefined;
  readonly from: number | undefined;
  readonly memo: boolean | undefined;
  readonly maxBytes: number | undefined;
}

/** Defect 2: optional options take an explicit `undefined` (TS2379 under exactOptionalPropertyTypes before). */
export function optionsTakeUndefined(q: Maybe, complaint: Complaint, actor: Actor, snapshot: LifecycleSnapshot): void {
  const policy = loadPolicy('ecommerce', { facts: undefined, operators: undefined, memo: q.memo, limits: { maxBytes: q.maxBytes, maxRules: undefined } });
  loadPolicy('ecommerce', { limits: undefined });
  validatePack(resolvePack('ecommerce').pack, undefined, { maxRules: q.maxBytes });
  allocate({ amount: '1.00', shares: [{ id: 'a', ratio: 1 }] }, { rounding: undefined });
  const startOptions: StartOptions = { actor, now: q.now, number: q.number, linkedTo: q.linkedTo };
  start(policy, complaint, startOptions);
  start(policy, complaint, { actor, number: q.number });
  const transitionOptions: TransitionOptions = { now: q.now };
  transition(policy, snapshot, { type: 'start-verification', at: '2026-11-20T10:30:00+08:00', actor }, transitionOptions);
  const replayOptions: ReplayOptions = { intake: { actor: q.actor, number: q.number, linkedTo: q.linkedTo } };
  replay(policy, complaint, [], replayOptions);
  replay(policy, complaint, [], { intake: undefined });
  const decideOptions: DecideOptions = { now: '2026-11-20T10:00:00+08:00', trace: q.trace };
  policy.decide(complaint, decideOptions);
  const range: SimulateRangeOptions = { seed: 1, from: q.from, count: 1 };
  simulateRange(policy, range);
  const load: LoadOptions = { memo: q.memo };
  loadPolicy('ecommerce', load);
  // required options stay required
  // @ts-expect-error actor is required
  start(policy, complaint, { number: q.number });
  // @ts-expect-error now is required
  policy.decide(complaint, { trace: q.trace });
}

/** Defect 3: what the library returns deep-frozen is typed read-only; passing it back still compiles. */
export function returnedValuesAreReadOnly(complaint: Complaint, actor: Actor): void {
  const policy = loadPolicy('ecommerce');
  const { snapshot } = start(policy, complaint, { actor });
  const entry = snapshot.history[0]!;

  // @ts-expect-error the history is read-only
  snapshot.history.push(entry);
  // @ts-expect-error so is every field
  snapshot.state = 'closed';
  // @ts-expect-error and what the records hold
  snapshot.links[0]!.reason = 'x';
  // @ts-expect-error and the entries
  entry.entered.push('closed');
  // @ts-expect-error the complaint field itself
  snapshot.complaint = complaint;
  // @ts-expect-error settings are frozen
  policy.settings.rounding = 'half-even';
  // @ts-expect-error so is the manifest
  policy.manifest.files.push('x.json');

  const data = loadBundledCalendar('cn-mainland');
  // @ts-expect-error calendar data is read-only
  data.holidays.push({ date: '2026-12-25', name: 'x' });
  // @ts-expect-error all the way down
  data.holidays[0]!.name = 'x';
  const compiled = compileCalendar({});
  // @ts-expect-error compileCalendar returns the same read-only type
  compiled.years.push(2027);

  const pattern = complaintNumberPattern(policy);
  // @ts-expect-error patterns are read-only
  pattern.serialDigits = 5;
  // @ts-expect-error the default too
  DEFAULT_NUMBERING.format = 'YYYY';

  // Passing the returned values back in compiles.
  const next = transition(policy, snapshot, { type: 'start-verification', at: '2026-11-20T10:30:00+08:00', actor }).snapshot;
  transition(policy, next, { type: 'determine-liability', at: '2026-11-20T11:00:00+08:00', actor });
  readSnapshot(policy, next);
  deadlines(policy, next, { now: '2026-11-20T11:00:00+08:00' });
  overdueEffects(policy, next, { now: '2026-11-20T11:00:00+08:00' });
  slaReport(policy, next, new Date());
  slaReport(policy, readSnapshot(policy, JSON.parse('{}')), new Date());
  replay(policy, next.complaint, next.history.slice(1));
  policy.decide(next.complaint, { now: '2026-11-20T10:00:00+08:00' });
  const spec: CalendarSpec = { type: 'business-days', data };
  isWorkingDay(spec, '2026-02-14');
  addDuration({ type: 'business-hours', data: compiled, hours: [{ start: '09:00', end: '18:00' }] }, new Date(), { hours: 1 });
  checkCalendarData(data);
  nextComplaintNumberFromPattern(pattern, null, new Date());
  nextComplaintNumberFromPattern(DEFAULT_NUMBERING, null, new Date());
  nextComplaintNumber(policy, null, new Date());
  // a changed copy is built with spreads
  const copy: LifecycleSnapshot = { ...next, revision: next.revision + 1, history: [...next.history, entry] };
  readSnapshot(policy, copy);
  const wider: NumberingPattern = { ...pattern, serialDigits: 5 };
  nextComplaintNumberFromPattern(wider, null, new Date());
  // a loaded policy's frozen manifest and documents compile again (compilePack takes the read-only manifest)
  compilePack(policy.manifest, policy.documents, policy.hash);
  const shown: string = policy.settings.timeZone + data.timeZone + pattern.format;
  void shown;
}

/** Inputs a host builds stay writable: the schemas' own types, and `Complaint`. */
export function inputsStayWritable(complaint: Complaint): void {
  complaint.order.items.push({ sku: 'X', quantity: 1, unitPrice: '1.00' });
  complaint.claimAmount = '1.00';
  const built: z.infer<typeof CalendarDataSchema> = { id: 'x', timeZone: 'UTC', years: [2026], weekend: [6, 0], holidays: [], workdays: [] };
  built.holidays.push({ date: '2026-01-01', name: "New Year's Day" });
  const data: CalendarData = compileCalendar(built);
  checkCalendarData(built);
  isWorkingDay({ type: 'business-days', data: built }, '2026-01-01');
  const stored: z.output<typeof LifecycleSnapshotSchema> = JSON.parse('{}');
  stored.history.push(stored.history[0]!);
  const policy = loadPolicy('ecommerce');
  transition(policy, stored, { type: 'start-verification', at: '2026-11-20T10:30:00+08:00', actor: stored.owner });
  slaReport(policy, stored, new Date());
  const own: NumberingPattern = { format: 'TS-YYYYMM-', serialDigits: 5, resetEvery: 'month', timeZone: 'Asia/Shanghai' };
  nextComplaintNumberFromPattern(own, null, new Date());
  void data;
}
