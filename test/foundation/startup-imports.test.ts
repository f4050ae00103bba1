import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// A host pays for every module the library imports when it starts. date-fns's main entry re-exports
// its whole API (≈ 250 modules: ≈ 84 ms to import as ESM on the bench machine, against ≈ 10 ms for
// `date-fns/formatISO`), so the library imports date-fns functions by their own entry points.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('no file under src/ imports the date-fns main entry', () => {
  const offenders = sources('src').filter((f) => /from\s+['"]date-fns['"]/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});

test('the built ESM and CJS bundles load date-fns by function entry points only', () => {
  for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/cli.js']) {
    const text = readFileSync(file, 'utf8');
    expect(text, file).not.toMatch(/(from\s+|require\()['"]date-fns['"]/);
    expect(text, file).toMatch(/['"]date-fns\/formatISO['"]/);
  }
});
