/**
 * Every stable error code the library emits, with a one-line meaning.
 *
 * Codes never change meaning once released; new problems get new codes.
 * Documented in `docs/errors.md`.
 *
 * @category Errors
 */
export const ERROR_CODES = {
  // ── reading untrusted JSON ──────────────────────────────────────────────
  JSON_SYNTAX: 'The text is not valid JSON.',
  JSON_TOO_LARGE: 'The document is larger than the configured size limit.',
  JSON_TOO_DEEP: 'The document nests deeper than the configured depth limit.',
  FORBIDDEN_KEY: 'A key that could pollute prototypes (`__proto__`, `constructor`, `prototype`) was found.',
  JSON_NUMBER_NOT_EXACT: 'A JSON number has more significant digits than a binary float keeps: write it as a decimal string.',
  FILE_NOT_FOUND: 'A file or pack named by the manifest or the caller does not exist.',
  FILE_UNREADABLE: 'A file exists but could not be read: a folder, a named pipe, a device or a link that loops where a file is listed, a link out of the pack folder, or a read error.',
  FILE_NOT_UTF8: 'A file is not UTF-8 text (e.g. saved as UTF-16 or GBK); save it as UTF-8.',
  // ── pack structure ──────────────────────────────────────────────────────
  SCHEMA_VIOLATION: 'A value does not match the schema of its rule-file kind.',
  UNKNOWN_KIND: 'A rule file declares a `kind` this library does not know.',
  UNSUPPORTED_API_VERSION: 'A rule file declares an `apiVersion` this library does not read.',
  KIND_MISSING:
    'A function needs a part the pack does not have: a rule-file kind (`decide()`: Liability, Remedies and ApprovalAuthority; `start()`, `transition()`, `replay()`, `deadlines()` and the other lifecycle functions: Lifecycle; `calculateLoss()`, `resaleLoss()`, `reconcileReturn()`: LossModel; `penaltyFor()`: PenaltyBands; `economicDeduction()`, `attributeLiability()`: EconomicPenalty), a LossModel section (`resale`, `returnReconciliation`) the calculation needs, or the ApprovalAuthority file a lifecycle step with an authority guard, a `request-approval` effect or a `notify` to the `approver` needs. Raised when the function is called, never by loading: a pack may hold only some kinds, and `aftersales validate` only notes the missing ones.',
  DUPLICATE_KIND: 'Two files of the pack declare the same single-instance kind.',
  DUPLICATE_ID: 'Two items of the same kind share an `id`.',
  DUPLICATE_KEY: 'A JSON object names the same key twice (JSON would keep only the last).',
  UNKNOWN_REFERENCE: 'A rule refers to a named condition, guard, state or item that does not exist, or a condition `path` names a field the fact\'s declared shape does not have (e.g. a complaint field).',
  // ── conditions ──────────────────────────────────────────────────────────
  UNSAFE_PATH: 'A condition `path` is not a plain dotted/indexed path (filter and script expressions are refused).',
  UNKNOWN_FACT: 'A condition names a fact that is neither built in nor registered by the host.',
  UNKNOWN_OPERATOR: 'A condition names an operator that is neither built in nor registered by the host.',
  EMPTY_CONDITION: 'An `all` or `any` list is empty.',
  CIRCULAR_CONDITION: 'Named conditions refer to each other in a cycle.',
  INVALID_PRIORITY: 'A rule priority is not a positive integer.',
  OPERAND_TYPE_MISMATCH: 'A condition compares a fact with a value of an incompatible type.',
  CONDITION_TOO_DEEP: 'A condition nests deeper than the configured limit.',
  CONDITION_TOO_LARGE: "A file's conditions, with their named conditions expanded, hold more comparisons and groups than the configured limit.",
  // ── tables ──────────────────────────────────────────────────────────────
  BAND_GAP: 'Consecutive amount bands leave amounts that fall in no band.',
  BAND_OVERLAP: 'Consecutive amount bands overlap, so an amount falls in two bands.',
  BAND_UNREACHABLE: 'A band can never be selected (empty range, or it follows an unbounded band).',
  BAND_NOT_EXHAUSTIVE: 'The band table does not cover every non-negative amount.',
  BAND_ORDER: 'Amount bands are not listed in ascending order: a band covers lower amounts than the band listed before it.',
  BAND_NOT_MONOTONIC: 'A higher amount band carries a lighter sanction than the band below it.',
  // ── inputs ──────────────────────────────────────────────────────────────
  INVALID_INPUT: 'An input (complaint, event, loss items, …) does not match its schema.',
  INVALID_INSTANT: 'An instant is not ISO 8601 with an explicit offset.',
  NO_MATCHING_BAND:
    'No band of the PenaltyBands table covers the amount given to `penaltyFor()`. A defensive check that a loaded pack never reaches: band tables are checked at load to cover every amount from 0.00 up (a gap is `BAND_GAP`, a bounded last band `BAND_NOT_EXHAUSTIVE`), and a negative amount is `INVALID_INPUT`.',
  SCHEDULE_TOO_LONG: 'A deduction schedule would need more monthly instalments than the limit (1200).',
  // ── lifecycle & time (used by later modules) ───────────────────────────
  ILLEGAL_TRANSITION: 'The event is not allowed in the current state.',
  UNREACHABLE_STATE: 'A lifecycle state cannot be reached from the initial state, or no terminal state can be reached from it.',
  TRANSITION_CYCLE: 'Automatic (always) lifecycle transitions loop, so a case could never come to rest — also one automatic transition that stays in its state.',
  GUARD_FAILED: 'A guard of the transition rejected the event.',
  SNAPSHOT_MIGRATION_REQUIRED: 'The snapshot was written by another pack version and cannot be read safely.',
  CALENDAR_NOT_AVAILABLE: 'The calendar has no data for the requested date.',
  // ── CLI ─────────────────────────────────────────────────────────────────
  CLI_USAGE: 'The command line is not valid.',
} as const;

/**
 * A stable error code.
 *
 * @category Errors
 */
export type ErrorCode = keyof typeof ERROR_CODES;
