import type { z } from 'zod';
import type { ErrorCode } from './codes.js';
import { pushAll, issue, type JsonPath, type PolicyIssue } from './errors.js';
import { closest, didYouMean } from './suggest.js';
import { LOAD_PARSE } from '../json/zod-parse.js';

type ZIssue = z.core.$ZodIssue;

/**
 * Converts zod issues to {@link PolicyIssue}s. For a union (e.g. a condition)
 * only the branch that matched best is reported, so people read one precise
 * message instead of every alternative. Unknown keys get one issue each with
 * the key in the path.
 *
 * @param issues - zod issues
 * @param file - file name for every issue
 * @param code - code to use (`SCHEMA_VIOLATION` for packs, `INVALID_INPUT` for inputs)
 * @param base - path prefix
 * @returns the converted issues
 * @category Errors
 */
export function fromZodIssues(issues: readonly ZIssue[], file: string, code: ErrorCode, base: JsonPath = []): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const zi of issues) {
    const path: JsonPath = [...base, ...(zi.path as Array<string | number>)];
    if (zi.code === 'invalid_union' && 'errors' in zi && Array.isArray(zi.errors) && zi.errors.length) {
      if (zi.message !== DEFAULT_UNION_MESSAGE && (WHOLE_VALUE_MESSAGES.has(zi.message) || mixesBranches(zi.errors as ZIssue[][]))) {
        out.push(issue(code, zi.message, path, file));
        continue;
      }
      const branches = zi.errors as ZIssue[][];
      if (branches.every((b) => b.length > 0 && b.every(foundNothing))) {
        // the value is of no type any branch takes (a number where an object is expected): the union's own
        // message says what it takes; else one branch's, without the keys of that one branch's object
        const own = zi.message !== DEFAULT_UNION_MESSAGE ? zi.message : undefined;
        const first = branches[0]![0]!;
        // a missing value: required, whatever type each branch would take
        const missing = first.code === 'invalid_type' && /received undefined$/.test(first.message);
        out.push(issue(code, missing ? 'required' : (own ?? humanise(first).replace(/ with the keys (?:"[^"]*", )*"[^"]*", not /, ', not ')), path, file));
        continue;
      }
      const best = pickBestBranch(branches);
      if (best) {
        pushAll(out, fromZodIssues(best, file, code, path));
        continue;
      }
    }
    if (zi.code === 'unrecognized_keys') {
      if (zi.message.startsWith(KNOWN_KEYS)) {
        // PACK_PARSE wrote the keys the object takes into the message: name the one meant and the others
        // the keys the object takes, and those of them it does not have yet: only one of these is the key meant
        const [known, absent] = JSON.parse(zi.message.slice(KNOWN_KEYS.length)) as [string[], string[]];
        for (const k of zi.keys) {
          // the key meant already given: renaming this one would repeat it (a stray copy, most likely)
          const given = didYouMean(k, absent) ? undefined : closest(k, known);
          const hint = given !== undefined && given !== k ? `; "${given}" is already given here` : didYouMean(k, absent);
          out.push(issue(code, `unknown key "${k}"${hint} (keys here: ${known.join(', ')})`, [...path, k], file));
        }
      } else if (!/^Unrecognized key/.test(zi.message)) {
        out.push(issue(code, zi.message, path, file)); // the schema's own message about the object as a whole (a condition mixing shapes)
      } else {
        for (const k of zi.keys) out.push(issue(code, `unknown key "${k}"`, [...path, k], file));
      }
      continue;
    }
    out.push(issue(code, humanise(zi), path, file));
  }
  return out;
}

/** Messages a union gives that say all there is to say of the value (e.g. an empty condition), reported instead of any branch's. */
const WHOLE_VALUE_MESSAGES = new Set<string>();

/**
 * Registers `message` as a union's message about the value as a whole: {@link fromZodIssues}
 * reports it instead of the issues of the branch that matched best.
 *
 * @param message - the message
 * @returns the message
 * @internal
 */
export function wholeValueMessage(message: string): string {
  WHOLE_VALUE_MESSAGES.add(message);
  return message;
}

/** zod's message of a union none of whose branches matched; a union declared with its own message (e.g. a condition) says what its shapes are. */
const DEFAULT_UNION_MESSAGE = 'Invalid input';

/**
 * Whether an object value mixes the keys of several branches of a union of
 * strict objects (e.g. a condition with both `all` and `any`): every branch
 * that read it as an object calls a key unknown that another branch knows (does
 * not call unknown). Reporting the best branch would then name a missing key
 * of one shape and the other shape's key as unknown, which misleads; the
 * union's own message says which shapes there are. A key no branch knows (a
 * typo) does not count, so a typo is still reported as an unknown key.
 */
function mixesBranches(branches: readonly ZIssue[][]): boolean {
  const unknownIn = branches.map((b) => {
    if (b.some((i) => i.path.length === 0 && i.code !== 'unrecognized_keys')) return undefined; // not read as an object of this shape
    return new Set(b.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [])));
  });
  const objectBranches = unknownIn.filter((u): u is Set<string> => u !== undefined);
  if (objectBranches.length < 2) return false;
  const knownElsewhere = (k: string, self: Set<string>) => objectBranches.some((o) => o !== self && !o.has(k));
  return objectBranches.every((u) => [...u].some((k) => knownElsewhere(k, u)));
}

/**
 * How far into the input an issue reaches: its path, and for a union the
 * deepest of its branches' issues — a union that found nothing at all (each
 * branch refused the value's type, e.g. a missing value) reaches no further
 * than its own path.
 */
function reach(i: ZIssue): number {
  if (i.code !== 'invalid_union' || !('errors' in i) || !Array.isArray(i.errors)) return i.path.length;
  let inner = 0;
  for (const b of i.errors as ZIssue[][]) for (const x of b) if (!foundNothing(x)) inner = Math.max(inner, reach(x) + 1);
  return i.path.length + inner;
}

/** An issue about the value itself being of no accepted type (also: a union none of whose branches got past that). */
function foundNothing(i: ZIssue): boolean {
  if (i.path.length) return false;
  if (i.code === 'invalid_type') return true;
  return i.code === 'invalid_union' && 'errors' in i && Array.isArray(i.errors) && (i.errors as ZIssue[][]).every((b) => b.every(foundNothing));
}

/** Problems a branch names: an unknown key counts once per key. */
const problems = (b: readonly ZIssue[]) => b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);

/** The branch whose issues reach deepest (it got furthest), then the one naming the fewest problems. */
function pickBestBranch(branches: ZIssue[][]): ZIssue[] | undefined {
  let best: ZIssue[] | undefined;
  let bestScore = -Infinity;
  for (const b of branches) {
    if (!b.length) continue;
    let depth = -Infinity; // not Math.max(...): a branch can hold more issues than the call stack takes arguments
    for (const i of b) depth = Math.max(depth, reach(i));
    const onlyUnknownKeys = b.every((i) => i.code === 'unrecognized_keys');
    const wrongType = b.some((i) => i.code === 'invalid_type' && i.path.length === 0);
    const score = depth * 100 - problems(b) - (wrongType ? 1000 : 0) - (onlyUnknownKeys && depth === 0 ? 500 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = b;
    }
  }
  return best;
}

function humanise(zi: ZIssue): string {
  // a key of any type (z.unknown(), e.g. a replay script's complaint): zod names its "nonoptional" wrapper
  if (zi.code === 'invalid_type' && /received undefined$/.test(zi.message)) return zi.expected === 'nonoptional' ? 'required' : `required (${zi.expected})`;
  return zi.message;
}

/** Prefix of the message PACK_PARSE gives an unknown key: the keys the object takes follow as JSON, for {@link fromZodIssues}. */
const KNOWN_KEYS = 'known keys: ';

/** What a value is, in words a policy owner reads: `the number 2`, `a list`, `the text "x"`. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list [ … ]';
  if (typeof v === 'object') return 'an object { … }';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v)}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return String(v);
  return typeof v;
}

/** zod's type names in words. */
const EXPECTED: Readonly<Record<string, string>> = {
  array: 'a list [ … ]',
  object: 'an object { … }',
  record: 'an object { … }',
  string: 'a text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/**
 * The messages of the pack files' schemas where zod's own say too little to
 * act on: a value of the wrong type names what was expected and what was
 * written; a value that is not one of a list names the value, the list, and
 * the one meant when it is a near miss; an unknown key carries the keys the
 * object takes (written out by {@link fromZodIssues}). A schema's own message
 * comes first.
 */
function packErrorMap(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code === 'unrecognized_keys') {
    const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
    if (!shape) return undefined;
    const input = iss.input !== null && typeof iss.input === 'object' ? iss.input : {};
    const known = Object.keys(shape);
    return KNOWN_KEYS + JSON.stringify([known, known.filter((k) => !Object.hasOwn(input, k))]);
  }
  if (iss.code === 'invalid_type') {
    if (iss.input === undefined) return undefined; // "required", written by humanise
    const expected = EXPECTED[iss.expected] ?? iss.expected;
    const shape = iss.expected === 'object' ? (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape : undefined;
    const keys = shape && Object.keys(shape).length ? ` with the keys ${Object.keys(shape).map((k) => `"${k}"`).join(', ')}` : '';
    // `"false"`, `"3"`: the right value in quotes
    const quoted =
      typeof iss.input === 'string' &&
      ((iss.expected === 'boolean' && (iss.input === 'true' || iss.input === 'false')) || ((iss.expected === 'number' || iss.expected === 'int') && /^-?[0-9]+(\.[0-9]+)?$/.test(iss.input)));
    return `expected ${expected}${keys}, not ${describe(iss.input)}${quoted ? ` (write ${iss.input} without quotes)` : ''}`;
  }
  if (iss.code === 'invalid_union' && 'discriminator' in iss && Array.isArray((iss as { options?: unknown }).options)) {
    // a discriminated union (e.g. a loss type's "method") whose key has none of its values
    const options = ((iss as { options: unknown[] }).options).filter((o): o is string => typeof o === 'string');
    const given = (iss.input as Record<string, unknown> | undefined)?.[String((iss as { discriminator: unknown }).discriminator)];
    if (given === undefined) return `required: one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
    return `${describe(given)} is not allowed here: one of ${options.map((o) => JSON.stringify(o)).join(', ')}${didYouMean(given, options)}`;
  }
  if (iss.code === 'invalid_value' && iss.values.length === 1) {
    return iss.input === undefined ? `required: ${JSON.stringify(iss.values[0])}` : `must be ${JSON.stringify(iss.values[0])}, not ${describe(iss.input)}`;
  }
  if (iss.code === 'invalid_value' && iss.values.length > 1 && iss.values.every((v) => typeof v === 'string')) {
    const values = iss.values as string[];
    if (iss.input === undefined) return `required: one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${describe(iss.input)} is not allowed here: one of ${values.map((v) => JSON.stringify(v)).join(', ')}${didYouMean(iss.input, values)}`;
  }
  return undefined;
}

/**
 * zod's parse options for the files of a pack: {@link LOAD_PARSE} with the
 * messages of {@link packErrorMap}.
 *
 * @internal
 */
export const PACK_PARSE: z.core.ParseContext<z.core.$ZodIssue> = Object.freeze({ ...LOAD_PARSE, error: packErrorMap });
