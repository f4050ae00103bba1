import type { z } from 'zod';
import type { ErrorCode } from './codes.js';
import { pushAll, issue, type JsonPath, type PolicyIssue } from './errors.js';

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
      if (zi.message !== DEFAULT_UNION_MESSAGE && mixesBranches(zi.errors as ZIssue[][])) {
        out.push(issue(code, zi.message, path, file));
        continue;
      }
      const best = pickBestBranch(zi.errors as ZIssue[][]);
      if (best) {
        pushAll(out, fromZodIssues(best, file, code, path));
        continue;
      }
    }
    if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) out.push(issue(code, `unknown key "${k}"`, [...path, k], file));
      continue;
    }
    out.push(issue(code, humanise(zi), path, file));
  }
  return out;
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
  if (zi.code === 'invalid_type' && /received undefined$/.test(zi.message)) return `required (${zi.expected})`;
  return zi.message;
}
