import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, PolicyError, issue, type PolicyIssue } from '../errors/errors.js';
import { DEFAULT_JSON_LIMITS, parseUntrustedJson } from '../json/safe-json.js';
import type { LoadOptions } from '../pack/kind.js';
import { bundledManifest, DEFAULT_MAX_FILES, DEFAULT_MAX_RULES, DEFAULT_MAX_TOTAL_BYTES, loadPolicy, MAX_NESTING_LIMIT } from '../pack/loader.js';
import { DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES } from '../conditions/compile.js';
import type { Policy } from '../pack/policy.js';
import { UsageError, type CliIO } from './command.js';
import { parseInstant } from '../time/instant.js';

/**
 * Parses a command's arguments strictly (unknown flags are usage errors).
 *
 * @param args - the arguments after the command name
 * @param options - `parseArgs` option spec
 * @returns values and positionals
 * @category CLI
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // A value flag given twice would silently take the last value: refused, naming both.
  const given = new Map<string, string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    const spec = options[t.name];
    if (!spec || spec.type !== 'string' || spec.multiple) continue;
    const before = given.get(t.name);
    if (before !== undefined) throw new UsageError(`--${t.name} is given twice (${JSON.stringify(before)}, then ${JSON.stringify(t.value)}): give it once`);
    given.set(t.name, t.value);
  }
  // Number flags are checked before anything is loaded or read: a bad value is a usage error whatever else is wrong.
  const values = parsed.values as Record<string, unknown>;
  for (const flag of ['max-input-bytes', ...LIMIT_FLAGS.map((l) => l.flag)]) {
    const v = values[flag];
    if (typeof v === 'string') positiveWholeNumber(flag, v);
  }
  return parsed;
}

/**
 * The `parseArgs` spec of `--max-input-bytes`, taken by every command that
 * reads an input file.
 *
 * @category CLI
 */
export const INPUT_OPTIONS = { 'max-input-bytes': { type: 'string' } } as const;

/**
 * The usage line of `--max-input-bytes`.
 *
 * @category CLI
 */
export const INPUT_USAGE = `  ${'-'.padEnd(29)}in place of the input file: read it from standard input\n  ${'--max-input-bytes <n>'.padEnd(29)}bytes of the input file, a positive whole number [${DEFAULT_JSON_LIMITS.maxBytes}]`;

/** What a refused input's size problem says about raising the limit. */
const INPUT_RAISE = { maxBytes: 'raise it with --max-input-bytes <n>' } as const;

/** A flag's value as a positive whole number, or a usage error naming the flag. */
function positiveWholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--${flag} must be a positive whole number, got ${JSON.stringify(text)}`);
  const l = LIMIT_FLAGS.find((x) => x.flag === flag);
  const max = l && 'max' in l ? l.max : undefined;
  if (max !== undefined && n > max) throw new UsageError(`--${flag} must be at most ${max} (deeper nesting could overflow the call stack), got ${JSON.stringify(text)}`);
  return n;
}

/**
 * A JSON input file as read: its value, and the problems that did not stop
 * the reading (`FORBIDDEN_KEY` — the value comes without those keys —,
 * `DUPLICATE_KEY`, `JSON_NUMBER_NOT_EXACT`), to be reported together with
 * the problems the command's own checks find ({@link checkedInput}).
 *
 * @category CLI
 */
export interface JsonInputFile {
  /** The file as named on the command line (`-` for stdin). */
  readonly file: string;
  readonly value: unknown;
  /** Problems of the text that leave the value checkable; the input is refused whenever there are any. */
  readonly issues: readonly PolicyIssue[];
}

/**
 * Reads a JSON input file (or `-` for stdin) as untrusted JSON, at most
 * 1 MiB unless `--max-input-bytes` says otherwise. Problems that leave the
 * value checkable come back with it (see {@link JsonInputFile}); pass the
 * result to {@link checkedInput}, which refuses the input with them and
 * with what the command's checks find, all at once.
 *
 * @param path - file path
 * @param io - CLI io
 * @param values - parsed flags (`--max-input-bytes`)
 * @returns the value and the problems that did not stop the reading
 * @throws InputError naming the file when the text cannot be read as JSON (syntax, size, depth, not UTF-8); UsageError for a bad `--max-input-bytes`
 * @category CLI
 */
export function readJsonInput(path: string, io: CliIO, values: { readonly 'max-input-bytes'?: string | undefined } = {}): JsonInputFile {
  const given = values['max-input-bytes'];
  const limits = { ...DEFAULT_JSON_LIMITS, maxBytes: given === undefined ? DEFAULT_JSON_LIMITS.maxBytes : positiveWholeNumber('max-input-bytes', given), raise: INPUT_RAISE };
  let text: string;
  try {
    text = io.readFile(path, limits.maxBytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ETOOBIG') throw new InputError([issue('JSON_TOO_LARGE', `document is larger than the limit of ${limits.maxBytes} bytes (${INPUT_RAISE.maxBytes})`, [], path)]);
    if (code === 'ENOTUTF8') throw new InputError([issue('FILE_NOT_UTF8', (e as Error).message, [], path)]);
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw new InputError([issue(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read ${path}: ${code ?? (e as Error).message}`, [], path)]);
  }
  // caller input: a number too large to be finite is INVALID_INPUT, as the library's input checks say
  const r = parseUntrustedJson(text, path, limits, { code: 'INVALID_INPUT' });
  if (r.ok) return { file: path, value: r.value, issues: [] };
  if (r.value === undefined) throw new InputError(r.issues);
  return { file: path, value: r.value, issues: r.issues };
}

/**
 * Runs a command's use of an input file so that every problem of the input
 * is reported at once: the problems of its text ({@link JsonInputFile}) and
 * those `use` finds (an `InputError`), in that order — except what `use`
 * finds at or under the path of a problem of the text (a number read as
 * another, a key left out), which would only repeat it. An input with problems
 * of its text is refused even when `use` accepts the value (nothing is
 * printed for it); another error of `use` is re-thrown as is when the text
 * had none.
 *
 * @param input - the file as {@link readJsonInput} read it
 * @param use - the command's checks and work on the value
 * @param retag - names the file in `use`'s errors (default {@link withInputFile})
 * @returns what `use` returns
 * @category CLI
 */
export function checkedInput<T>(input: JsonInputFile, use: (value: unknown) => T, retag: (e: unknown) => unknown = (e) => withInputFile(e, input.file)): T {
  let out: T;
  try {
    out = use(input.value);
  } catch (e) {
    if (!input.issues.length) throw retag(e);
    const found = retag(e);
    // A check of a value the text's problem changed (a number read as another, a key left out) is no news: left out
    // (a repeated key changes nothing JSON.parse would not: what is found in the value kept is news).
    const changed = (path: readonly (string | number)[]) => input.issues.some((t) => t.code !== 'DUPLICATE_KEY' && t.path.length <= path.length && t.path.every((k, i) => k === path[i]));
    throw new InputError(found instanceof InputError ? [...input.issues, ...found.issues.filter((i) => !changed(i.path))] : input.issues);
  }
  if (input.issues.length) throw new InputError(input.issues);
  return out;
}

type LoadLimits = NonNullable<LoadOptions['limits']>;

/**
 * The load-limit flags of every command that loads a pack: each is the
 * kebab-case name of a `limits` key of `loadPolicy`, with its default.
 *
 * @category CLI
 */
export const LIMIT_FLAGS = [
  { flag: 'max-rules', key: 'maxRules', default: DEFAULT_MAX_RULES, what: 'rules in one liability or remedies file' },
  { flag: 'max-bytes', key: 'maxBytes', default: DEFAULT_JSON_LIMITS.maxBytes, what: 'bytes in one file' },
  { flag: 'max-total-bytes', key: 'maxTotalBytes', default: DEFAULT_MAX_TOTAL_BYTES, what: 'bytes in the whole pack' },
  { flag: 'max-files', key: 'maxFiles', default: DEFAULT_MAX_FILES, what: 'files in the pack' },
  { flag: 'max-depth', key: 'maxDepth', default: DEFAULT_JSON_LIMITS.maxDepth, max: MAX_NESTING_LIMIT, what: 'JSON nesting levels in a file' },
  { flag: 'max-condition-depth', key: 'maxConditionDepth', default: DEFAULT_MAX_CONDITION_DEPTH, max: MAX_NESTING_LIMIT, what: 'nesting levels of one rule\'s conditions' },
  { flag: 'max-condition-nodes', key: 'maxConditionNodes', default: DEFAULT_MAX_CONDITION_NODES, what: 'comparisons and groups of one file\'s conditions, named ones expanded' },
] as const satisfies ReadonlyArray<{ flag: string; key: keyof LoadLimits; default: number; max?: number; what: string }>;

type LimitFlag = (typeof LIMIT_FLAGS)[number]['flag'];

/**
 * The `parseArgs` spec of the load-limit flags.
 *
 * @category CLI
 */
export const LIMIT_OPTIONS = Object.fromEntries(LIMIT_FLAGS.map((l) => [l.flag, { type: 'string' }])) as Record<LimitFlag, { type: 'string' }>;

/**
 * The `parseArgs` spec of `--policy` and the load-limit flags.
 *
 * @category CLI
 */
export const POLICY_OPTIONS = { policy: { type: 'string' }, ...LIMIT_OPTIONS } as const;

/**
 * The lines a pack-loading command's usage ends with: how a pack is named, and its load-limit flags.
 *
 * @category CLI
 */
export const LIMIT_USAGE = [
  '  A pack is a bundled id (ecommerce, manufacturer) or a folder. Where ./<id> is also a pack folder (with a manifest.json), a bare id is a',
  '  usage error (which one is meant?): write ./<id> for the folder, or run from another directory for the bundled pack.',
  '  Load limits of the pack, each a positive whole number (default in brackets):',
  ...LIMIT_FLAGS.map((l) => `    ${`--${l.flag} <n>`.padEnd(27)}${l.what} [${l.default}${'max' in l ? `, at most ${l.max}` : ''}]`),
].join('\n');

/**
 * Reads the load-limit flags into `loadPolicy`'s `limits`.
 *
 * @param values - parsed flags
 * @returns the limits given (an empty object when none)
 * @throws UsageError when a value is not a positive whole number
 * @category CLI
 */
export function limitsArg(values: Partial<Record<LimitFlag, string | undefined>>): LoadLimits {
  const limits: Record<string, number> = {};
  for (const l of LIMIT_FLAGS) {
    const text = values[l.flag];
    if (text !== undefined) limits[l.key] = positiveWholeNumber(l.flag, text);
  }
  return limits;
}

/**
 * Loads the policy named by `--policy` with the load limits the flags give.
 *
 * @param values - parsed `--policy` and load-limit flags
 * @param fallback - the pack when `--policy` is absent (default `ecommerce`)
 * @returns the policy
 * @throws UsageError for a bad limit, or for a bare bundled id that is also a pack folder in the working directory
 *   (see {@link packSource}); PolicyLoadError
 * @category CLI
 */
export function loadPolicyArg(values: { readonly policy?: string | undefined } & Partial<Record<LimitFlag, string | undefined>>, fallback = 'ecommerce'): Policy {
  const limits = limitsArg(values);
  if (values.policy !== undefined) packSource(values.policy);
  return loadPolicy(values.policy ?? fallback, { limits });
}

/**
 * Where a pack argument is read from, as `validate` names it.
 *
 * @category CLI
 */
export type PackSource = { readonly type: 'bundled'; readonly id: string } | { readonly type: 'folder'; readonly path: string };

/**
 * Where the pack named on the command line is read from: a bare id of a
 * bundled pack is that pack — unless the working directory holds a folder of
 * the same name holding a `manifest.json` (other than the bundled folder
 * itself): which of the two was meant cannot be told, so that is a usage
 * error (a check passing on the bundled pack would be a false green for the
 * copy being edited). Anything else is a folder (or a manifest in it).
 *
 * @param arg - the pack argument as given
 * @returns the source
 * @throws UsageError when `arg` is a bundled id and `./<arg>` is another pack folder (it has a `manifest.json`)
 * @example
 * ```ts
 * packSource('ecommerce') // → { type: 'bundled', id: 'ecommerce' } (where there is no folder ./ecommerce)
 * ```
 * @category CLI
 */
export function packSource(arg: string): PackSource {
  const bundled = bundledManifest(arg);
  if (bundled !== undefined) {
    // Only a pack folder (one with a manifest) can be meant instead, and not the bundled folder itself.
    const local = resolve(arg, 'manifest.json');
    if (existsSync(local) && realpathSync(local) !== realpathSync(bundled)) {
      throw new UsageError(`"${arg}" is both a bundled pack and a pack folder here: write ./${arg} for the folder, or run from another directory (or rename the folder) for the bundled pack`);
    }
    return { type: 'bundled', id: arg };
  }
  const p = resolve(arg);
  return { type: 'folder', path: existsSync(p) && statSync(p).isDirectory() ? p : dirname(p) };
}

/**
 * The flags that raise the load limits named in a pack's problems (the
 * loader's messages end with `(load option limits.<key>)`), as a hint line.
 *
 * @param issues - a failed load's issues
 * @returns `''`, or a line such as `  hint: a higher limit can be given with --max-rules <n>\n`
 * @category CLI
 */
export function limitHint(issues: readonly PolicyIssue[]): string {
  const flags = new Set<string>();
  for (const i of issues) {
    const key = /\(load option limits\.(\w+)\)$/.exec(i.message)?.[1];
    const l = LIMIT_FLAGS.find((x) => x.key === key);
    if (l) flags.add(`--${l.flag} <n>`);
  }
  return flags.size ? `  hint: a higher limit can be given with ${[...flags].join(', ')}\n` : '';
}

/**
 * Re-tags input issues with the input file's name, for messages like
 * `complaint.json $.order.items[0].quantity: INVALID_INPUT …`.
 *
 * @param e - an error
 * @param file - the input file
 * @returns the same error, or a copy naming the file
 * @category CLI
 */
export function withInputFile(e: unknown, file: string): unknown {
  if (e instanceof InputError) return new InputError(e.issues.map((i) => (i.file.startsWith('<') ? { ...i, file } : i)));
  if (e instanceof PolicyError && e.code !== 'INVALID_INPUT' && e.issues.every((i) => i.file === '<input>')) {
    return new PolicyError(e.code, e.issues.map((i) => ({ ...i, file })));
  }
  return e;
}

/**
 * Prints a value as JSON with a trailing newline.
 *
 * @param io - CLI io
 * @param value - any JSON-serialisable value
 * @category CLI
 */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Checks a `--now` flag before anything is read: a usage error (exit 2) when
 * it is given and is not ISO 8601 with an offset.
 *
 * @param now - the flag's value, if given
 * @param noFile - whether no file was left on the command line: then a value that is not a time is
 *   most likely the file, taken as `--now`'s value (`evaluate --now complaint.json`), and the
 *   message says that `--now`'s value is missing
 * @throws UsageError naming the flag and the value
 * @category CLI
 */
export function checkNowFlag(now: string | undefined, noFile = false): void {
  if (now === undefined || parseInstant(now)) return;
  if (noFile) throw new UsageError(`--now is missing its value (ISO 8601 with an offset): it took ${JSON.stringify(now)}, and no file is left`);
  throw new UsageError(`--now must be ISO 8601 with an offset, got ${JSON.stringify(now)}`);
}
