/**
 * "Did you mean" for a name that is not one of the known names: the known name
 * that differs only in case, or else the one closest in edits (a typo of a
 * letter or two, a letter left out or doubled), when exactly one is that close.
 * Nothing when no known name is close: a guess would mislead.
 *
 * @param given - the name as written
 * @param known - the names allowed there
 * @returns the known name meant, or `undefined`
 * @internal
 */
export function closest(given: string, known: Iterable<string>): string | undefined {
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
export function didYouMean(given: unknown, known: Iterable<string>): string {
  if (typeof given !== 'string') return '';
  const c = closest(given, known);
  return c === undefined || c === given ? '' : `; did you mean "${c}"?`;
}

/** Optimal string alignment distance (Levenshtein with adjacent swaps), capped at `max + 1`. */
function distance(a: string, b: string, max: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
