/**
 * aftersales-policy — after-sales complaint policy as declarative, validated
 * JSON rule packs. The public API, exported by name.
 *
 * @packageDocumentation
 */

// Packs
export { loadPolicy, safeLoadPolicy, resolvePack, mergePack, validatePack, compilePack, packHash, bundledPackIds, DEFAULT_MAX_RULES, DEFAULT_MAX_FILES, DEFAULT_MAX_TOTAL_BYTES, MAX_NESTING_LIMIT } from './pack/loader.js';
export { DEFAULT_JSON_LIMITS } from './json/safe-json.js';
export type { PolicySource, RawPack } from './pack/loader.js';
export type { Policy, PolicyParts } from './pack/policy.js';
export type { DeepReadonly } from './types/deep-readonly.js';
export type { LoadOptions, KindDefinition, KindContext, PackDocument } from './pack/kind.js';
export { ManifestSchema, zPackSettings } from './pack/manifest.js';
export type { Manifest, PackSettings } from './pack/manifest.js';
export { API_VERSION } from './pack/header.js';
export { KINDS } from './pack/registry.js';

// Decisions
export { decide, decideAsync, parseComplaint } from './decision/decide.js';
export type {
  Decision,
  DecideOptions,
  LiabilityDecision,
  RemedyOption,
  RemedyNotOffered,
  ApprovalDecision,
  DecisionAudit,
} from './decision/types.js';
export { PARTIES, COST_BEARERS, COMPLAINT_FACTS, REMEDY_FACTS } from './decision/facts.js';
export type { Party, CostBearer, DecisionContext } from './decision/facts.js';

// Complaints
export { ComplaintSchema, COMPLAINT_TYPES, NATURES, CUSTOMER_FAULTS, SEVERITIES, CHANNELS, VULNERABILITIES } from './complaint/schema.js';
export type { Complaint } from './complaint/schema.js';

// Rule-file kinds
export { LiabilitySchema } from './liability/schema.js';
export type { LiabilityFile, LiabilityRule } from './liability/schema.js';
export { RemediesSchema, REMEDY_TYPES } from './remedies/schema.js';
export type { RemediesFile, RemedyRule, RemedyType } from './remedies/schema.js';
export { ApprovalSchema, APPROVERS } from './approval/schema.js';
export type { ApprovalFile, ApprovalBand, Approver } from './approval/schema.js';

// Conditions
export { compileCondition, createCompileContext, DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES } from './conditions/compile.js';
export type { CompiledCondition, LeafTrace, ConditionCompileContext } from './conditions/compile.js';
export { BUILTIN_OPERATORS } from './conditions/operators.js';
export type { OperatorDefinition } from './conditions/operators.js';
export type { FactDefinition, FactRegistry, FactType, FieldShape } from './conditions/facts.js';
export { zCondition } from './conditions/schema.js';
export type { Condition, LeafCondition, JsonValue } from './conditions/schema.js';
export { parsePlainPath, resolvePath } from './conditions/path.js';
export type { RuleTrace } from './conditions/ruleset.js';

// Bands
export { checkBands, compileBands, describeBand } from './bands/bands.js';
export type { BandLike, CompiledBands } from './bands/bands.js';

// Money & time
export { dec, formatMoney, roundMoney, zMoney, MONEY_PATTERN } from './money/money.js';
export type { Decimal, RoundingMode } from './money/money.js';
export { parseInstant, formatInstant, toInstant, zInstant, addCalendarDays } from './time/instant.js';

// Calendars & complaint numbers
export {
  addDuration,
  compileCalendar,
  DEFAULT_TIME_ZONE,
  elapsed,
  isWorkingDay,
  nextWorkingDay,
  bundledCalendarIds,
  loadBundledCalendar,
  CalendarDataSchema,
  CalendarSpecSchema,
  checkCalendarData,
  isValidTimeZone,
  WorkingHoursSchema,
  WorkingWindowSchema,
  zIsoDate,
  zTimeZone,
} from './calendar/index.js';
export type { BusinessDaysCalendar, BusinessHoursCalendar, CalendarSpec, Duration, ElapsedCalendar, WorkingWindow, CalendarData } from './calendar/index.js';
export { nextComplaintNumber as nextComplaintNumberFromPattern, parseComplaintNumber, DEFAULT_NUMBERING, NumberingSchema } from './numbering/index.js';
export type { NumberingPattern, ComplaintNumberParts } from './numbering/index.js';

// Loss, allocation and penalties (seed 003 art.3: loss standard, administrative and economic penalties)
export { calculateLoss, LossInputSchema } from './loss/calculate.js';
export type { LossInput, LossLine, LossResult } from './loss/calculate.js';
export { resaleLoss, ResaleInputSchema, zResaleFacts } from './loss/resale.js';
export type { ResaleInput, ResaleResult } from './loss/resale.js';
export { reconcileReturn, ReconciliationInputSchema } from './loss/reconcile.js';
export type { ReconciliationInput, ReconciliationResult, ReconciliationStatus } from './loss/reconcile.js';
export { LossModelSchema, zLossType, LOSS_METHODS, PRICE_BASES } from './loss/schema.js';
export type { LossModelFile, LossType, LossMethod, PriceBasis } from './loss/schema.js';
export { LossModelKind } from './loss/kind.js';
export type { CompiledLossModel, CompiledLossType } from './loss/kind.js';
export { zDecimalQuantity, zGoodsQuantity, DECIMAL_QUANTITY_PATTERN } from './loss/input.js';
export type { CalculationStep } from './loss/input.js';
export { zPlainDate, zYearMonth } from './loss/dates.js';
export { allocate, splitAmount, AllocationInputSchema } from './allocation/allocate.js';
export type { AllocationInput, AllocationLine, AllocationResult, Weight, Split } from './allocation/allocate.js';
export { penaltyFor, PenaltyInputSchema } from './penalties/penalty.js';
export type { PenaltyInput, PenaltyResult, SupervisorPenalty, FineResult } from './penalties/penalty.js';
export { economicDeduction, DeductionInputSchema, MAX_INSTALMENTS, zAlreadyScheduled } from './penalties/deduction.js';
export type { DeductionInput, DeductionResult, Instalment } from './penalties/deduction.js';
export { attributeLiability, AttributionInputSchema } from './penalties/attribution.js';
export type { Attribution, AttributionInput } from './penalties/attribution.js';
export {
  PenaltyBandsSchema,
  EconomicPenaltySchema,
  SANCTION_TYPES,
  ATTRIBUTION_LEVELS,
  zSanction,
  zSupervisorRule,
  zPenaltyBand,
  zFineRule,
} from './penalties/schema.js';
export type { PenaltyBandsFile, PenaltyBand, FineRule, Sanction, SanctionType, AttributionLevel, EconomicPenaltyFile } from './penalties/schema.js';
export { PenaltyBandsKind, EconomicPenaltyKind, compareSanctions, describeSanction } from './penalties/kind.js';
export type { CompiledPenaltyBands, CompiledEconomicPenalty } from './penalties/kind.js';

// Lifecycle & SLA clocks
export { start, transition, safeTransition, replay, readSnapshot, TransitionError } from './lifecycle/machine.js';
export type { TransitionResult, StartOptions, TransitionOptions, ReplayOptions } from './lifecycle/machine.js';
export { snapshotVersionProblem, SNAPSHOT_FORMAT, LifecycleSnapshotSchema } from './lifecycle/snapshot.js';
export type { LifecycleSnapshot, HistoryEntry } from './lifecycle/snapshot.js';
export { LifecycleSchema, EVENT_DATA_KINDS, INTAKE_EVENT, NOTIFY_TARGETS, zEffectTemplate, zGuard, zClock, zClockCalendar } from './lifecycle/schema.js';
export type { LifecycleFile, TransitionDeclaration, ClockDeclaration, ClockCalendar, EffectTemplate, Guard, EventDataKind } from './lifecycle/schema.js';
export { LifecycleKind, compileLifecycle } from './lifecycle/kind.js';
export type { CompiledLifecycle, CompiledTransition, CompiledGuard, CompiledClock, RoleAuthority } from './lifecycle/kind.js';
export { LifecycleEventSchema, EVENT_DATA_SCHEMAS, REVIEW_RESULTS, zActor } from './lifecycle/data.js';
export type { Actor, LifecycleEvent, Proposal, ProposalOption } from './lifecycle/data.js';
export type { LifecycleEffect, TransitionEffect, SlaEffect, EffectBase } from './lifecycle/effects.js';
export type { GuardFailure } from './lifecycle/guards.js';
export { lifecycleFacts } from './lifecycle/facts.js';
export type { LifecycleFactContext } from './lifecycle/facts.js';
export { lifecycleDiagram } from './lifecycle/diagram.js';
export { nextComplaintNumber, complaintNumberPattern } from './lifecycle/numbering.js';
export { replayScript, ReplayScriptSchema } from './lifecycle/script.js';
export { deadlines, overdueEffects, slaReport, isoDuration } from './sla/deadlines.js';
export type { ClockStatus, ClockStatusBase, ClockState, ComputedClockStatus, UnavailableClockStatus, DeadlineOptions } from './sla/deadlines.js';

// Simulation (deterministic complaint streams, outcome tallies)
export { generateCase, STREAM_LENGTH } from './simulate/generate.js';
export type { GeneratedCase } from './simulate/generate.js';
export { simulateRange, mergeTallies } from './simulate/simulate.js';
export type { SimulationTally, SimulateRangeOptions } from './simulate/simulate.js';

// Errors
export { PolicyError, PolicyLoadError, InputError, formatIssue, formatPath } from './errors/errors.js';
export type { PolicyIssue, JsonPath, SafeResult } from './errors/errors.js';
export { ERROR_CODES } from './errors/codes.js';
export type { ErrorCode } from './errors/codes.js';
