/**
 * How many cells of the edit-distance table the suggestions of one file may
 * fill (see {@link createSuggester}). A file can refer to thousands of names
 * that are not there, each compared with up to 1,000 known names of up to 200
 * characters: without a bound, a hostile file took minutes. A typo or two in a
 * file of any real size takes a few thousand cells.
 *
 * @internal
 */
export const SUGGEST_BUDGET = 2_000_000;

/** What is left of a suggestion budget, in cells of the edit-distance table. */
export interface SuggestBudget {
  left: number;
}

/**
 * "Did you mean" for a name that is not one of the known names: the known name
 * that differs only in case, or else the one closest in edits (a typo of a
 * letter or two, a letter left out or doubled), when exactly one is that close.
 * Nothing when no known name is close: a guess would mislead.
 *
 * @param given - the name as written
 * @param known - the names allowed there
 * @param budget - cells of the edit-distance table it may still fill (shared by the calls of one file); none left: `undefined`
 * @returns the known name meant, or `undefined`
 * @internal
 */
export function closest(given: string, known: Iterable<string>, budget?: SuggestBudget): string | undefined {
  if (given.length > 200) return undefined;
  const names = [...known];
  if (names.length > 1000) return undefined; // a guess among so many is as likely wrong, and costly
  const lower = given.toLowerCase();
  const sameCase = names.filter((n) => n.toLowerCase() === lower);
  if (sameCase.length === 1) return sameCase[0];
  // the start of a longer name (`Approval` for `ApprovalAuthority`)
  const longer = lower.length >= 4 ? names.filter((n) => n.toLowerCase().startsWith(lower)) : [];
  if (longer.length === 1) return longer[0];
  const max = given.length <= 3 ? 1 : given.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const name of names) {
    if (name.length > 200 || Math.abs(name.length - given.length) > max) continue;
    if (budget) {
      // only the band |i - j| <= max of the table is filled
      const cells = (lower.length + 1) * (2 * max + 1);
      if (budget.left < cells) return undefined; // a suggestion from some of the names could be the wrong one
      budget.left -= cells;
    }
    const d = distance(lower, name.toLowerCase(), max);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return bestDistance <= max && !tie ? best : undefined;
}

/**
 * `closest` as a sentence to append to a message: `; did you mean "x"?`, or `''`.
 *
 * @internal
 */
export function didYouMean(given: unknown, known: Iterable<string>, budget?: SuggestBudget): string {
  if (typeof given !== 'string') return '';
  const c = closest(given, known, budget);
  return c === undefined || c === given ? '' : `; did you mean "${c}"?`;
}

/**
 * {@link didYouMean} with a budget of {@link SUGGEST_BUDGET} cells shared by
 * every call of the function returned: one per file checked.
 *
 * @internal
 */
export function createSuggester(cells = SUGGEST_BUDGET): (given: unknown, known: Iterable<string>) => string {
  const budget: SuggestBudget = { left: cells };
  return (given, known) => didYouMean(given, known, budget);
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent swaps), capped at `max + 1`.
 * Only the cells within `max` of the diagonal are filled (a path through any other costs more
 * than `max`), three rows at a time: O(length · max) time, O(length) memory.
 */
function distance(a: string, b: string, max: number): number {
  const cap = max + 1;
  if (Math.abs(a.length - b.length) > max) return cap;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(cap);
  let prev = new Array<number>(m + 1).fill(cap);
  let row = new Array<number>(m + 1).fill(cap);
  for (let j = 0; j <= m && j <= max; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    // the cells next to the band are read as "too far" (the arrays are reused: they hold older rows' values)
    row[0] = i <= max ? i : cap;
    if (from > 1) row[from - 1] = cap;
    if (to < m) row[to + 1] = cap;
    let rowMin = from === 1 ? row[0]! : cap;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = Math.min(d, cap);
      rowMin = Math.min(rowMin, row[j]!);
    }
    if (rowMin > max) return cap;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[m]!;
}
