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
  // A pre-release sorts before its release; two pre-releases compare as text.
  if (a[4] === b[4]) return 0;
  if (a[4] === undefined) return 1;
  if (b[4] === undefined) return -1;
  return a[4] < b[4] ? -1 : 1;
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
