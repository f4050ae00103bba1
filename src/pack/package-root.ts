import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root once looked for: a path, `null` when there is none, `undefined` before the first look. */
let cached: string | null | undefined;

/**
 * The folder of the installed `aftersales-policy` package (where `rules/` and
 * `schemas/` live), or `undefined` when there is none above this module: the
 * library was bundled into an app (esbuild, webpack, …), which leaves the
 * package's folders behind. Found by walking up from this module, so it works
 * from `src/` (tests), `dist/` (ESM and CJS builds) and `node_modules`.
 *
 * @returns absolute path of the package root, or `undefined`
 * @category Packs
 * @internal
 */
export function findPackageRoot(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.url));
  } catch {
    // a bundler that rewrote import.meta.url into something that is not a file URL
    cached = null;
    return undefined;
  }
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'aftersales-policy') return (cached = dir);
      } catch {
        // keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) {
      cached = null;
      return undefined;
    }
    dir = up;
  }
}

/**
 * What to tell the user when a bundled pack is asked for and the package root
 * cannot be found (the library was bundled into an app).
 *
 * @category Packs
 * @internal
 */
export const NO_PACKAGE_ROOT =
  'the bundled packs cannot be found: the aftersales-policy package folder (with rules/ and schemas/) is not above this module, as happens when the library is bundled into an app — keep aftersales-policy external in the bundle (esbuild --external:aftersales-policy) or give a pack folder';

/**
 * The folder of the installed `aftersales-policy` package (where `rules/` and
 * `schemas/` live).
 *
 * @returns absolute path of the package root
 * @throws Error when there is none (see {@link findPackageRoot})
 * @category Packs
 */
export function packageRoot(): string {
  const root = findPackageRoot();
  if (root === undefined) throw new Error(`aftersales-policy: ${NO_PACKAGE_ROOT}`);
  return root;
}

/**
 * Absolute path of a bundled folder, e.g. `bundledPath('rules', 'ecommerce')`,
 * or `undefined` when the package root cannot be found (no bundled packs).
 *
 * @param parts - path segments below the package root
 * @returns the absolute path, or `undefined`
 * @category Packs
 */
export function bundledPath(...parts: string[]): string | undefined {
  const root = findPackageRoot();
  return root === undefined ? undefined : join(root, ...parts);
}
