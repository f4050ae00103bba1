import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// These run against the built package (npm test builds first, see "pretest").
const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'index.js')) && existsSync(join(root, 'dist', 'cli.js'));
const examples = readdirSync(join(root, 'examples')).filter((f) => /^\d\d-.*\.(mjs|cjs)$/.test(f)).sort();

describe('numbered examples print what their comments say', () => {
  test('the package is built (run `npm run build`)', () => {
    expect(built).toBe(true);
  });

  test.each(examples)('%s', (file) => {
    const out = execFileSync(process.execPath, [join(root, 'examples', file)], { encoding: 'utf8', cwd: root });
    const promised = readFileSync(join(root, 'examples', file), 'utf8')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('// → '))
      .map((l) => l.trimStart().slice(5).split('…')[0]!.trimEnd())
      .filter((l) => l.length > 0);
    expect(promised.length).toBeGreaterThan(0);
    for (const line of promised) expect(out).toContain(line);
  });
});

describe('the aftersales binary', () => {
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: root, input });

  test('evaluate --json prints one decision object', () => {
    const r = run(['evaluate', '--json', '--policy', 'ecommerce', 'examples/complaints/01-rice-cooker-fault.json']);
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.liability.ruleId).toBe('nonconforming-product');
    expect(d.audit.packId).toBe('ecommerce');
  });

  test('bad input: exit 1, path on stderr, nothing on stdout, no stack trace', () => {
    const r = run(['evaluate', '--json', 'examples/complaints/04-invalid.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('examples/complaints/04-invalid.json $.claimAmount: INVALID_INPUT');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('reads the complaint from stdin with -', () => {
    const r = run(['evaluate', '--json', '-'], readFileSync(join(root, 'examples/complaints/03-bulk-price-difference.json'), 'utf8'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).approval.approver).toBe('general-manager');
  });

  test('the CommonJS build loads', () => {
    const out = execFileSync(process.execPath, ['-e', "const a=require('./dist/index.cjs');console.log(typeof a.loadPolicy, a.loadPolicy('ecommerce').id)"], { encoding: 'utf8', cwd: root });
    expect(out.trim()).toBe('function ecommerce');
  });
});
