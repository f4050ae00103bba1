/**
 * The package as a consumer gets it: `npm pack`, unpacked into a fresh project's node_modules
 * (its dependencies linked from this repository's, as an install would place them), nothing of the
 * repository reachable. ESM import and CJS require load and find the bundled packs from there; the
 * CLI validates a pack copied into the project; a strict TypeScript consumer compiles under each
 * module resolution (node16 resolves as nodenext does in this TypeScript).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
let app = '';

beforeAll(() => {
  // Node resolves modules to their real path: where the temporary folder is reached through a link (macOS's
  // /var → /private/var, a linked TMPDIR), the paths it prints are under the real one.
  app = realpathSync(mkdtempSync(join(tmpdir(), 'aftersales-installed-')));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string }>;
  mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
  execFileSync('tar', ['xzf', join(app, packed[0]!.filename), '-C', join(app, 'node_modules')]);
  renameSync(join(app, 'node_modules', 'package'), join(app, 'node_modules', 'aftersales-policy'));
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    mkdirSync(join(app, 'node_modules', dep, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  cpSync(join(ROOT, 'examples', 'complaints', '01-rice-cooker-fault.json'), join(app, 'complaint.json'));
}, 60_000);

// the tarball, its unpacked copy and the consumer files (≈ 6.5 MB a run; npm test runs three times in CI)
afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8' });

describe('installed from the tarball', () => {
  test('ESM import and CJS require: the bundled packs are found in node_modules, a decision is made', () => {
    const esm = `import { loadPolicy, bundledPackIds } from 'aftersales-policy'; import { readFileSync } from 'node:fs';
const d = loadPolicy('ecommerce').decide(JSON.parse(readFileSync('complaint.json', 'utf8')), { now: '2026-11-20T10:00:00+08:00' });
console.log(JSON.stringify([bundledPackIds(), d.liability.ruleId, import.meta.resolve('aftersales-policy/schemas/liability.schema.json')]));`;
    const cjs = `const { loadPolicy, bundledPackIds } = require('aftersales-policy');
const d = loadPolicy('manufacturer').decide(require('./complaint.json'), { now: '2026-11-20T10:00:00+08:00' });
console.log(JSON.stringify([bundledPackIds(), d.liability.ruleId, require.resolve('aftersales-policy/rules/calendars/cn-mainland.json')]));`;
    writeFileSync(join(app, 'esm.mjs'), esm);
    writeFileSync(join(app, 'cjs.cjs'), cjs);
    const e = node(['esm.mjs']);
    expect(e.stderr).toBe('');
    expect(JSON.parse(e.stdout)).toEqual([['ecommerce', 'manufacturer'], 'nonconforming-product', pathToFileURL(join(app, 'node_modules', 'aftersales-policy', 'schemas', 'liability.schema.json')).href]);
    const c = node(['cjs.cjs']);
    expect(c.stderr).toBe('');
    expect(JSON.parse(c.stdout)).toEqual([['ecommerce', 'manufacturer'], 'nonconforming-product', join(app, 'node_modules', 'aftersales-policy', 'rules', 'calendars', 'cn-mainland.json')]);
  });

  test('the CLI: --help, a copied pack validates (with the $schema paths to fix), a broken one exits 1 naming file and JSON path', () => {
    const cli = join(app, 'node_modules', 'aftersales-policy', 'dist', 'cli.js');
    expect(node([cli, '--help']).status).toBe(0);
    const pack = join(app, 'policy', 'shop');
    cpSync(join(app, 'node_modules', 'aftersales-policy', 'rules', 'ecommerce'), pack, { recursive: true });
    const ok = node([cli, 'validate', '--json', './policy/shop']);
    expect(ok.status).toBe(0);
    const notes = (JSON.parse(ok.stdout) as { notes: Array<{ code: string; file?: string; suggested?: string }> }).notes.filter((n) => n.code === 'SCHEMA_REFERENCE');
    expect(notes.find((n) => n.file === 'liability.json')?.suggested).toBe('../../node_modules/aftersales-policy/schemas/liability.schema.json');
    const liability = JSON.parse(readFileSync(join(pack, 'liability.json'), 'utf8'));
    liability.rules[0].outcome.party = 'nobody';
    writeFileSync(join(pack, 'liability.json'), JSON.stringify(liability, null, 2));
    const bad = node([cli, 'validate', './policy/shop']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^✗ \.\/policy\/shop has 1 problem\(s\):\n {2}liability\.json \$\.rules\[0\]\.outcome\.party: SCHEMA_VIOLATION /);
  });

  test.each([
    ['nodenext', 'nodenext', 'esm.mts'],
    ['nodenext', 'nodenext', 'cjs.cts'],
    ['esnext', 'bundler', 'esm.mts'],
    ['commonjs', 'node10', 'cjs.ts'],
  ])('a strict TypeScript consumer compiles: module %s, moduleResolution %s (%s), exactOptionalPropertyTypes', (module, resolution, file) => {
    const source = `import { loadPolicy, safeLoadPolicy, PolicyLoadError, type Complaint } from 'aftersales-policy';
declare const complaint: Complaint;
const decision = loadPolicy('ecommerce').decide(complaint, { now: '2026-11-20T10:00:00+08:00' });
export const party: string = decision.liability.party;
export const cost: string | undefined = decision.remedies[0]?.estimatedCost;
const r = safeLoadPolicy('./policy/shop');
export const issues: number = r.success ? 0 : r.error.issues.length;
export const isLoadError = (e: unknown): number => (e instanceof PolicyLoadError ? e.issues.length : 0);
`;
    writeFileSync(join(app, file), source);
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--esModuleInterop', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', '--types', 'node', file],
      { cwd: app, encoding: 'utf8' },
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);
});
