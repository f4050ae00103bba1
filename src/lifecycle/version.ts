/** A semantic version: major, minor, patch and an optional pre-release. */
export const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/**
 * Orders two parsed semantic versions.
 *
 * @internal
 */
export function compareVersions(a: RegExpExecArray, b: RegExpExecArray): number {
  for (let i = 1; i <= 3; i++) {
    const d = Number(a[i]) - Number(b[i]);
    if (d !== 0) return d;
  }
  // A pre-release sorts before its release; two pre-releases compare identifier by identifier (SemVer §11):
  // numeric ones as numbers (rc.9 before rc.10), below alphanumeric ones, which compare as text; a
  // shorter list that agrees so far sorts first.
  if (a[4] === b[4]) return 0;
  if (a[4] === undefined) return 1;
  if (b[4] === undefined) return -1;
  const x = a[4].split('.');
  const y = b[4].split('.');
  const numeric = /^\d+$/;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const pn = numeric.test(p);
    const qn = numeric.test(q);
    if (pn && qn) return BigInt(p) < BigInt(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Whether semantic version `a` is below `b` (`false` when either is not one).
 *
 * @example
 * ```ts
 * versionBelow('1.0.0', '1.1.0') // → true
 * ```
 * @internal
 */
export function versionBelow(a: string, b: string): boolean {
  const x = SEMVER.exec(a);
  const y = SEMVER.exec(b);
  return x !== null && y !== null && compareVersions(x, y) < 0;
}
