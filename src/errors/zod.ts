import type { z } from 'zod';
import type { ErrorCode } from './codes.js';
import { issue, type JsonPath, type PolicyIssue } from './errors.js';

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
      const best = pickBestBranch(zi.errors as ZIssue[][]);
      if (best) {
        out.push(...fromZodIssues(best, file, code, path));
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

/** The branch whose issues reach deepest (it got furthest), then the one with the fewest issues. */
function pickBestBranch(branches: ZIssue[][]): ZIssue[] | undefined {
  let best: ZIssue[] | undefined;
  let bestScore = -Infinity;
  for (const b of branches) {
    if (!b.length) continue;
    const depth = Math.max(...b.map((i) => i.path.length + (i.code === 'invalid_union' ? 1 : 0)));
    const onlyUnknownKeys = b.every((i) => i.code === 'unrecognized_keys');
    const wrongType = b.some((i) => i.code === 'invalid_type' && i.path.length === 0);
    const score = depth * 100 - b.length - (wrongType ? 1000 : 0) - (onlyUnknownKeys && depth === 0 ? 500 : 0);
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
