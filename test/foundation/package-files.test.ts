import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/*
 * What an installed package offers: the rule files the README points at can
 * be imported through `exports`, and every file the README links to is in
 * the tarball (docs/*.md, examples/), while tests, benchmarks and
 * node_modules stay out.
 */

const ROOT = join(__dirname, '..', '..');

describe('the published package', () => {
  test('rules/* is exported: the bundled calendar resolves through the package name', () => {
    const require = createRequire(join(ROOT, 'package.json'));
    expect(require.resolve('aftersales-policy/rules/calendars/cn-mainland.json')).toBe(join(ROOT, 'rules', 'calendars', 'cn-mainland.json'));
    expect(require.resolve('aftersales-policy/rules/ecommerce/manifest.json')).toBe(join(ROOT, 'rules', 'ecommerce', 'manifest.json'));
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('aftersales-policy/rules/calendars/cn-mainland.json'))"], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe(`file://${join(ROOT, 'rules', 'calendars', 'cn-mainland.json')}`);
  });

  test('every file the README links to is in the tarball; tests, benchmarks, generated API docs and node_modules are not', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const files = packed[0]!.files.map((f) => f.path);
    const links = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links).toEqual(expect.arrayContaining(['docs/errors.md', 'examples/']));
    for (const link of links) expect(files.some((f) => f === link || (link.endsWith('/') && f.startsWith(link))), link).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['docs/rule-packs.md', 'examples/01-evaluate-a-complaint.mjs', 'examples/complaints/01-rice-cooker-fault.json', 'rules/calendars/cn-mainland.json']));
    expect(files.filter((f) => /^(test|bench|src|node_modules|docs\/api|scripts)\//.test(f))).toEqual([]);
  });
});
