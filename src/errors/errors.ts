import type { ErrorCode } from './codes.js';

/**
 * A path into a JSON document: object keys and array indices, outermost first.
 *
 * @category Errors
 */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * One problem found in a rule pack or an input.
 *
 * @category Errors
 */
export interface PolicyIssue {
  /** Stable machine-readable code, see {@link ERROR_CODES}. */
  readonly code: ErrorCode;
  /** The file the problem is in (pack-relative), or `<input>` for caller input. */
  readonly file: string;
  /** Where in that document, outermost first. */
  readonly path: JsonPath;
  /** A sentence for a person. */
  readonly message: string;
}

/**
 * Formats a JSON path the way people read it: `$.rules[0].when.all[1]`.
 *
 * @param path - the path
 * @returns the path as a string starting with `$`
 * @example
 * ```ts
 * formatPath(['rules', 0, 'when']) // → '$.rules[0].when'
 * ```
 * @category Errors
 */
export function formatPath(path: JsonPath): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Formats one issue as a single line: `file $.path: CODE message`.
 *
 * @param issue - the issue
 * @returns one line of text
 * @category Errors
 */
export function formatIssue(issue: PolicyIssue): string {
  return `${issue.file} ${formatPath(issue.path)}: ${issue.code} ${issue.message}`;
}

/** The static key under which each error class keeps the symbol its instances carry. */
const BRAND = Symbol.for('aftersales-policy.errorBrand');

/**
 * Marks `cls` with a `Symbol.for` brand that its instances inherit: the same
 * symbol in every copy of the library, so `instanceof` holds across copies.
 *
 * @internal
 */
export function brand(cls: abstract new (...args: never[]) => Error, name: string): void {
  const key = Symbol.for(`aftersales-policy.${name}`);
  Object.defineProperty(cls.prototype, key, { value: true });
  Object.defineProperty(cls, BRAND, { value: key });
}

/**
 * Base class of every error the library throws. Carries a stable `code` and
 * the list of issues behind it (at least one).
 *
 * @category Errors
 */
export class PolicyError extends Error {
  /**
   * `instanceof` that also holds for an error thrown by another copy of the
   * library: an app that both imports the package (ESM build) and requires it
   * (CJS build, e.g. from a CommonJS dependency) gets two copies of every
   * class. Such an error carries its class's `Symbol.for` brand. A host's own
   * subclass (which has no brand) keeps the ordinary `instanceof`.
   *
   * @param value - anything
   * @returns whether `value` is an instance of this class, from any copy
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(this, BRAND)) return false;
    return (value as Record<symbol, unknown>)[(this as unknown as Record<symbol, symbol>)[BRAND]!] === true;
  }

  /** Stable code of the error as a whole. */
  readonly code: ErrorCode;
  /** Every problem found, all at once. */
  readonly issues: readonly PolicyIssue[];

  constructor(code: ErrorCode, issues: readonly PolicyIssue[], message?: string) {
    super(message ?? summarise(code, issues));
    this.name = 'PolicyError';
    this.code = code;
    this.issues = Object.freeze([...issues]);
  }

  /** Plain-JSON form, for logs and `--json` output. */
  toJSON(): { name: string; code: ErrorCode; message: string; issues: readonly PolicyIssue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}

brand(PolicyError, 'PolicyError');

/** Problems written out in an error's message (all of them stay in `issues`). */
const MESSAGE_ISSUES = 100;

function summarise(code: ErrorCode, issues: readonly PolicyIssue[]): string {
  if (issues.length === 0) return code;
  const head = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const shown = issues.slice(0, MESSAGE_ISSUES).map((i) => `  - ${formatIssue(i)}`);
  if (issues.length > MESSAGE_ISSUES) shown.push(`  … and ${issues.length - MESSAGE_ISSUES} more (see issues)`);
  return `${code}: ${head}\n` + shown.join('\n');
}

/**
 * Thrown by `loadPolicy` when a pack is invalid. Lists every problem of the
 * pack at once; nothing of the pack is returned.
 *
 * @category Errors
 */
export class PolicyLoadError extends PolicyError {
  constructor(issues: readonly PolicyIssue[]) {
    super(issues[0]?.code ?? 'SCHEMA_VIOLATION', issues, undefined);
    this.name = 'PolicyLoadError';
  }
}
brand(PolicyLoadError, 'PolicyLoadError');

/**
 * Thrown when a caller's input (a complaint, an event, loss items, …) is
 * invalid. `issues[].path` points into that input.
 *
 * @category Errors
 */
export class InputError extends PolicyError {
  constructor(issues: readonly PolicyIssue[]) {
    super('INVALID_INPUT', issues);
    this.name = 'InputError';
  }
}
brand(InputError, 'InputError');

/**
 * A value as a message quotes it: its JSON, whole up to 80 characters, else
 * its first 60 and its length. A message names what was wrong without
 * copying a hostile value whole (a 1 MiB text in every message about it).
 *
 * @param v - the value
 * @returns the text to put in a message
 * @example
 * ```ts
 * quoted('abc') // → '"abc"'
 * quoted('x'.repeat(1000)) // → '"' + 'x'.repeat(59) + '… (1002 characters)'
 * ```
 * @category Errors
 * @internal
 */
export function quoted(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    try {
      text = String(v);
    } catch {
      text = `a ${typeof v}`; // neither JSON nor convertible (an object without a prototype holding a bigint)
    }
  }
  if (text.length <= 80) return text;
  // never cut a character in two (a surrogate pair)
  const end = /[\ud800-\udbff]/.test(text[59]!) ? 59 : 60;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/**
 * A text as a message shows it: as it is up to 80 characters, else
 * {@link quoted} (in quotes, cut, with its length).
 *
 * @param text - the text
 * @returns the text to put in a message
 * @example
 * ```ts
 * shortText('1.0.0') // → '1.0.0'
 * ```
 * @category Errors
 * @internal
 */
export function shortText(text: string): string {
  return text.length <= 80 ? text : quoted(text);
}

/**
 * Appends every item of `items` to `target`, one by one. `target.push(...items)`
 * passes each item as an argument on the call stack, and a list of issues as
 * long as a hostile file can make (a list of 300,000 wrong entries gives as
 * many) overflows it: a `RangeError` instead of the problems.
 *
 * @param target - the list to append to
 * @param items - what to append
 * @category Errors
 * @internal
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
}

/**
 * Convenience constructor for a single issue.
 *
 * @param code - stable code
 * @param message - sentence for a person
 * @param path - JSON path, default root
 * @param file - file name, default `<input>`
 * @returns the issue
 * @category Errors
 */
export function issue(code: ErrorCode, message: string, path: JsonPath = [], file = '<input>'): PolicyIssue {
  return { code, file, path: [...path], message };
}

/**
 * A `safe*` function result, like zod's `safeParse`.
 *
 * @category Errors
 */
export type SafeResult<T, E extends PolicyError = PolicyError> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };
