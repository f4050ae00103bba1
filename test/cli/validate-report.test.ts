import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { safeLoadPolicy } from '../../src/index.js';
import { cli } from '../helpers.js';
import { packFiles } from '../packs.js';

/*
 * What `validate` says besides the problems: files skipped for the file
 * limit are not reported missing; a valid pack that lacks a kind names what
 * will refuse it.
 */

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
    expect(lines[0]).toMatch(/^✓ ecommerce 1\.2\.0 is valid \(2 rule files, hash [0-9a-f]{12}\)$/);
    expect(lines.slice(1)).toEqual([
      '  note: no ApprovalAuthority file — decide() and aftersales evaluate will refuse this pack',
      '  note: no Lifecycle file — start(), transition(), replay(), deadlines(), slaReport(), lifecycleDiagram() and aftersales replay, deadlines, diagram will refuse this pack',
      '  note: no LossModel file — calculateLoss(), resaleLoss(), reconcileReturn() and aftersales loss will refuse this pack',
      '  note: no PenaltyBands file — penaltyFor() and aftersales penalty will refuse this pack',
      '  note: no EconomicPenalty file — economicDeduction(), attributeLiability() and aftersales deduction will refuse this pack',
      '',
    ]);
    const j = JSON.parse((await cli(['validate', '--json', dir])).stdout);
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
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, pack: 'manufacturer', notes: [] });
  });
});
