/**
 * What an installed package needs: the type packages its declarations import are dependencies (a
 * consumer's `tsc` with `strict` otherwise fails on `import { Big } from 'big.js'`), the files a
 * package lists exist, and packing builds first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  license: string;
};

describe('the package as installed', () => {
  test('every module the declarations import is a dependency, with its types', () => {
    const dts = readFileSync(join(root, 'dist', 'index.d.ts'), 'utf8');
    const imported = [...new Set([...dts.matchAll(/from '([^'.][^']*)'/g)].map((m) => m[1]!))].filter((m) => !m.startsWith('node:'));
    expect(imported.length).toBeGreaterThan(0);
    for (const m of imported) {
      const name = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]!;
      expect(pkg.dependencies, `${name} (imported by dist/index.d.ts)`).toHaveProperty(name);
      const typesOf = `@types/${name.replace(/^@/, '').replace('/', '__')}`;
      // a package without its own types needs its @types package at run time of the consumer's tsc
      if (!existsSync(join(root, 'node_modules', name, 'package.json')) || !JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).types) {
        if (existsSync(join(root, 'node_modules', typesOf))) expect(pkg.dependencies, typesOf).toHaveProperty(typesOf);
      }
    }
    expect(pkg.dependencies).toHaveProperty('@types/big.js');
    expect(pkg.devDependencies).not.toHaveProperty('@types/big.js');
  });

  test('the files it ships exist, a licence among them, and packing builds first', () => {
    for (const f of pkg.files) {
      // a pattern (docs/*.md) matches at least one file
      const [dir, pattern] = f.includes('*') ? [f.slice(0, f.lastIndexOf('/')), f.slice(f.lastIndexOf('/') + 1)] : [undefined, undefined];
      if (dir === undefined) expect(existsSync(join(root, f)), f).toBe(true);
      else expect(readdirSync(join(root, dir)).some((n) => new RegExp(`^${pattern!.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(n)), f).toBe(true);
    }
    expect(pkg.files).toContain('LICENSE');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(new RegExp(`^${pkg.license} License`));
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});
