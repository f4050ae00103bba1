import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of the installed `aftersales-policy` package (where `rules/` and
 * `schemas/` live). Found by walking up from this module, so it works from
 * `src/` (tests), `dist/` (ESM and CJS builds) and `node_modules`.
 *
 * @returns absolute path of the package root
 * @category Packs
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
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
    if (up === dir) throw new Error('aftersales-policy: cannot locate the package root (rules/ and schemas/)');
    dir = up;
  }
}

/**
 * Absolute path of a bundled folder, e.g. `bundledPath('rules', 'ecommerce')`.
 *
 * @param parts - path segments below the package root
 * @returns the absolute path
 * @category Packs
 */
export function bundledPath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
