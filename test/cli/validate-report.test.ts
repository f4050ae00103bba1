import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { safeLoadPolicy } from '../../src/index.js';
import { cli } from '../helpers.js';
import { packFiles } from '../packs.js';

/*
 * What `validate` says besides the problems: files skipped for the file
 * limit are not reported missing; a valid pack that lacks a kind names what
 * will refuse it; the ✓ line names where the pack was read from, and a bare
 * bundled id that hides a folder of the same name says so.
 */

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** The ecommerce pack with only some of its files, in a new folder. */
function partialPack(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-partial-'));
  const files = packFiles('ecommerce');
  files['manifest.json'].files = names;
  for (const name of ['manifest.json', ...names]) writeFileSync(join(dir, name), JSON.stringify(files[name], null, 2));
  return dir;
}

describe('validate with --max-files', () => {
  test('the files past the limit are not read, and not reported as missing', async () => {
    const r = await cli(['validate', '--max-files', '1', 'ecommerce']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '✗ ecommerce has 1 problem(s):\n' +
        '  manifest.json $.files: JSON_TOO_LARGE the manifest lists 4 files, the limit is 1 (load option limits.maxFiles)\n' +
        '  hint: a higher limit can be given with --max-files <n>\n',
    );
    const api = safeLoadPolicy('manufacturer', { limits: { maxFiles: 2 } });
    expect(api.success).toBe(false);
    if (!api.success) expect(api.error.issues).toEqual([{ code: 'JSON_TOO_LARGE', file: 'manifest.json', path: ['files'], message: 'the manifest lists 7 files, the limit is 2 (load option limits.maxFiles)' }]);
  });
});

describe('validate on a pack that lacks kinds', () => {
  test('it is valid, and a note names each missing kind and what will refuse the pack; --json gives them as data', async () => {
    const dir = partialPack(['liability.json', 'remedies.json']);
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^✓ ecommerce 1\\.2\\.0 is valid \\(folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; 2 rule files, hash [0-9a-f]{12}\\)$`));
    expect(lines.slice(1)).toEqual([
      '  note: no ApprovalAuthority file — decide() and aftersales evaluate will refuse this pack',
      '  note: no Lifecycle file — start(), transition(), replay(), deadlines(), slaReport(), lifecycleDiagram() and aftersales replay, deadlines, diagram will refuse this pack',
      '  note: no LossModel file — calculateLoss(), resaleLoss(), reconcileReturn() and aftersales loss will refuse this pack',
      '  note: no PenaltyBands file — penaltyFor() and aftersales penalty will refuse this pack',
      '  note: no EconomicPenalty file — economicDeduction(), attributeLiability() and aftersales deduction will refuse this pack',
      '',
    ]);
    const j = JSON.parse((await cli(['validate', '--json', dir])).stdout);
    expect(j.source).toEqual({ type: 'folder', path: dir });
    expect(j.notes[0]).toEqual({
      code: 'KIND_MISSING',
      kind: 'ApprovalAuthority',
      apis: ['decide()'],
      commands: ['evaluate'],
      message: 'no ApprovalAuthority file — decide() and aftersales evaluate will refuse this pack',
    });
    expect(j.notes.map((n: { kind: string }) => n.kind)).toEqual(['ApprovalAuthority', 'Lifecycle', 'LossModel', 'PenaltyBands', 'EconomicPenalty']);
    // what the note foretells
    const e = await cli(['evaluate', '--policy', dir, '--now', '2026-11-20T10:00:00+08:00', 'c.json'], { 'c.json': JSON.stringify((await import('../helpers.js')).baseComplaint()) });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('KIND_MISSING pack "ecommerce" has no ApprovalAuthority file, which decide() needs');
  });

  test('a pack with every kind gets no note', async () => {
    const r = await cli(['validate', '--json', 'manufacturer']);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, pack: 'manufacturer', source: { type: 'bundled', id: 'manufacturer' }, notes: [] });
  });
});

describe('a bare bundled id and a folder of the same name', () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 20_000 });
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-shadow-'));
  cpSync(join(ROOT, 'rules', 'ecommerce'), join(dir, 'ecommerce'), { recursive: true });
  const NOTE = 'note: "ecommerce" is the bundled pack; ./ecommerce was not read — write ./ecommerce to use the folder\n';

  test('validate ecommerce reads the bundled pack, says so on the ✓ line, and notes the folder it did not read', () => {
    const r = run(['validate', 'ecommerce'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(NOTE);
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ ecommerce 1\.2\.0 is valid \(bundled pack; 4 rule files, hash [0-9a-f]{12}\)$/);
  });

  test('validate ./ecommerce reads the folder, with no note', () => {
    const r = run(['validate', './ecommerce'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^✓ ecommerce 1\\.2\\.0 is valid \\(folder ${join(dir, 'ecommerce').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; 4 rule files, hash [0-9a-f]{12}\\)$`));
  });

  test('--policy ecommerce of the other commands gives the same note', () => {
    const r = run(['diagram', '--policy', 'ecommerce'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(NOTE);
  });

  test('no note where there is no such folder', () => {
    const r = run(['validate', 'ecommerce'], tmpdir());
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
