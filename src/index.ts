/**
 * aftersales-policy — after-sales complaint policy as declarative, validated
 * JSON rule packs. The public API, exported by name.
 *
 * @packageDocumentation
 */

// Packs
export { loadPolicy, safeLoadPolicy, resolvePack, mergePack, validatePack, compilePack, packHash, bundledPackIds } from './pack/loader.js';
export type { PolicySource, RawPack } from './pack/loader.js';
export type { Policy, PolicyParts } from './pack/policy.js';
export type { LoadOptions, KindDefinition, KindContext, PackDocument } from './pack/kind.js';
export { ManifestSchema, zPackSettings } from './pack/manifest.js';
export type { Manifest, PackSettings } from './pack/manifest.js';
export { API_VERSION } from './pack/header.js';
export { KINDS } from './pack/registry.js';

// Decisions
export { decide, parseComplaint } from './decision/decide.js';
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
export { ComplaintSchema, COMPLAINT_TYPES, NATURES, CUSTOMER_FAULTS, SEVERITIES, CHANNELS } from './complaint/schema.js';
export type { Complaint } from './complaint/schema.js';

// Rule-file kinds
export { LiabilitySchema } from './liability/schema.js';
export type { LiabilityFile, LiabilityRule } from './liability/schema.js';
export { RemediesSchema, REMEDY_TYPES } from './remedies/schema.js';
export type { RemediesFile, RemedyRule, RemedyType } from './remedies/schema.js';
export { ApprovalSchema, APPROVERS } from './approval/schema.js';
export type { ApprovalFile, ApprovalBand, Approver } from './approval/schema.js';

// Conditions
export { compileCondition, createCompileContext } from './conditions/compile.js';
export type { CompiledCondition, LeafTrace, ConditionCompileContext } from './conditions/compile.js';
export { BUILTIN_OPERATORS } from './conditions/operators.js';
export type { OperatorDefinition } from './conditions/operators.js';
export type { FactDefinition, FactRegistry, FactType } from './conditions/facts.js';
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
export { parseInstant, formatInstant, toInstant, zInstant } from './time/instant.js';

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

// Errors
export { PolicyError, PolicyLoadError, InputError, formatIssue, formatPath } from './errors/errors.js';
export type { PolicyIssue, JsonPath, SafeResult } from './errors/errors.js';
export { ERROR_CODES } from './errors/codes.js';
export type { ErrorCode } from './errors/codes.js';
