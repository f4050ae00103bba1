import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPolicy, safeLoadPolicy, start, transition } from '../../src/index.js';
import { cli, thrown } from '../helpers.js';
import { AGENT, caseIn, ev, lcComplaint, proposal } from '../lifecycle/helpers.js';
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
  for (const name of ['manifest.json', ...names]) {
    // $schema leads to the package's schemas from here, so only the missing kinds are noted
    files[name].$schema = relative(dir, join(ROOT, 'schemas', basename(files[name].$schema)));
    writeFileSync(join(dir, name), JSON.stringify(files[name], null, 2));
  }
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
    expect(lines[0]).toMatch(new RegExp(`^✓ ecommerce 1\\.6\\.0 is valid \\(folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; 2 rule files, hash [0-9a-f]{12}\\)$`));
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

  test('--json: a valid report has every key README names, issues [] among them; an invalid one { valid, issues }', async () => {
    const ok = JSON.parse((await cli(['validate', '--json', 'manufacturer'])).stdout);
    expect(Object.keys(ok)).toEqual(['valid', 'pack', 'version', 'hash', 'source', 'issues', 'notes']);
    expect(ok.issues).toEqual([]);
    const files = packFiles('ecommerce');
    files['liability.json'].rules[0].priority = 1.5;
    const r = await cli(['validate', '--json', folderOf(files)]);
    expect(r.code).toBe(1);
    const bad = JSON.parse(r.stdout);
    expect(Object.keys(bad)).toEqual(['valid', 'issues']);
    expect(bad.valid).toBe(false);
    expect(bad.issues.map((i: { code: string }) => i.code)).toEqual(['INVALID_PRIORITY']);
  });
});

/** A folder holding `files` (parsed JSON by file name). */
function folderOf(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-partial-'));
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(doc, null, 2));
  return dir;
}

/** The ecommerce pack without its approval file; `edit` may change its lifecycle. */
function withoutApproval(edit: (lifecycle: any) => void = () => {}): Record<string, any> {
  const files = packFiles('ecommerce');
  files['manifest.json'].files = files['manifest.json'].files.filter((f: string) => f !== 'approval.json');
  delete files['approval.json'];
  edit(files['lifecycle.json']);
  return files;
}

/** Removes every use of approval authority from a lifecycle: authority guards, request-approval effects, notifies to the approver. */
function noApprovalUse(lc: any): void {
  for (const t of lc.transitions) {
    if (t.guards) t.guards = t.guards.filter((g: any) => g.guard !== 'within-authority' && g.guard !== 'beyond-authority');
    if (t.effects) t.effects = t.effects.filter((e: any) => e.type !== 'request-approval' && !(e.type === 'notify' && e.to === 'approver'));
  }
}

const APPROVAL_NOTE = 'no ApprovalAuthority file — decide() and aftersales evaluate will refuse this pack';

describe('validate on a pack whose lifecycle uses approval authority but that has no ApprovalAuthority file', () => {
  test('the note names the lifecycle steps that will refuse a case, and --json lists them', async () => {
    const dir = folderOf(withoutApproval());
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(
      `  note: ${APPROVAL_NOTE}; lifecycle "ecommerce-lifecycle" refuses a case (KIND_MISSING) at the steps that use approval authority: ` +
        'transition "offer-within-authority" (guard within-authority), transition "request-approval" (guard beyond-authority, effect request-approval), transition "approve" (guard within-authority), ' +
        'transition "decline-approval" (guard within-authority)',
    );
    const j = JSON.parse((await cli(['validate', '--json', dir])).stdout);
    expect(j.notes[0].lifecycleSteps).toEqual([
      { step: 'transition', id: 'offer-within-authority', uses: ['guard within-authority'] },
      { step: 'transition', id: 'request-approval', uses: ['guard beyond-authority', 'effect request-approval'] },
      { step: 'transition', id: 'approve', uses: ['guard within-authority'] },
      { step: 'transition', id: 'decline-approval', uses: ['guard within-authority'] },
    ]);
    // what the note foretells: entering "proposed" tries its automatic transitions, whose guards read the authority
    const p = loadPolicy(dir);
    const e = thrown(() => transition(p, caseIn('liability-determined', p).snapshot, ev('propose', '12:00', proposal())));
    expect(e.issues[0]).toMatchObject({ code: 'KIND_MISSING', file: 'manifest.json', path: ['files'] });
  });

  test('intake and green-channel effects that need an approver are named, and start() refuses there', async () => {
    const dir = folderOf(
      withoutApproval((lc) => {
        noApprovalUse(lc);
        lc.intake = { effects: [{ type: 'notify', to: 'approver', template: 'complaint-received' }] };
        lc.greenChannel.effects = [{ type: 'request-approval' }];
      }),
    );
    expect((await cli(['validate', dir])).stdout.split('\n')[1]).toBe(
      `  note: ${APPROVAL_NOTE}; lifecycle "ecommerce-lifecycle" refuses a case (KIND_MISSING) at the steps that use approval authority: intake (effect notify approver), the green channel (effect request-approval)`,
    );
    expect(thrown(() => start(loadPolicy(dir), lcComplaint(), { actor: AGENT })).issues[0]).toMatchObject({ code: 'KIND_MISSING', file: 'manifest.json' });
    // the green channel alone: only a vulnerable customer's case comes to it
    const green = loadPolicy(
      folderOf(
        withoutApproval((lc) => {
          noApprovalUse(lc);
          lc.greenChannel.effects = [{ type: 'request-approval' }];
        }),
      ),
    );
    expect(start(green, lcComplaint(), { actor: AGENT }).snapshot.state).toBe('received');
    const vulnerable = lcComplaint({ customer: { vulnerable: true, vulnerability: 'elderly' } });
    expect(thrown(() => start(green, vulnerable, { actor: AGENT })).issues[0]).toMatchObject({ code: 'KIND_MISSING', file: 'manifest.json' });
  });

  test('a lifecycle that does not use approval authority adds nothing to the note, and runs a case to the end', async () => {
    const dir = folderOf(withoutApproval(noApprovalUse));
    const j = JSON.parse((await cli(['validate', '--json', dir])).stdout);
    expect(j.notes[0]).toEqual({ code: 'KIND_MISSING', kind: 'ApprovalAuthority', apis: ['decide()'], commands: ['evaluate'], message: APPROVAL_NOTE });
    expect(caseIn('closed', loadPolicy(dir)).snapshot.state).toBe('closed');
  });
});

describe('a bare bundled id and a folder of the same name', () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, timeout: 20_000 });
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-shadow-'));
  cpSync(join(ROOT, 'rules', 'ecommerce'), join(dir, 'ecommerce'), { recursive: true });
  const USAGE_LINE = 'CLI_USAGE "ecommerce" is both a bundled pack and a pack folder here: write ./ecommerce for the folder, or run from another directory (or rename the folder) for the bundled pack';

  test('validate ecommerce is a usage error (exit 2) naming both and how to choose, with nothing on stdout', () => {
    const r = run(['validate', 'ecommerce'], dir);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n')[0]).toBe(`aftersales validate: ${USAGE_LINE}`);
    expect(r.stderr.split('\n')[1]).toBe('Usage: aftersales validate [--json] <pack-id | pack-folder>');
    const j = run(['validate', '--json', 'ecommerce'], dir);
    expect([j.status, j.stdout, j.stderr.split('\n')[0]]).toEqual([2, '', `aftersales validate: ${USAGE_LINE}`]);
  });

  test('validate ./ecommerce reads the folder, with no note', () => {
    const r = run(['validate', './ecommerce'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^✓ ecommerce 1\\.6\\.0 is valid \\(folder ${join(dir, 'ecommerce').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; 4 rule files, hash [0-9a-f]{12}\\)$`));
  });

  test('--policy ecommerce of every pack-loading command is the same usage error, before the input is read', () => {
    for (const [cmd, ...args] of [['evaluate', 'missing.json'], ['replay', 'missing.json'], ['deadlines', 'missing.json'], ['diagram'], ['loss', 'missing.json'], ['deduction', 'missing.json'], ['penalty', '--amount', '1.00']]) {
      const r = run([cmd!, '--policy', 'ecommerce', ...args], dir);
      expect([cmd, r.status, r.stdout, r.stderr.split('\n')[0]]).toEqual([cmd, 2, '', `aftersales ${cmd}: ${USAGE_LINE}`]);
    }
    const folder = run(['diagram', '--policy', './ecommerce'], dir);
    expect([folder.status, folder.stderr]).toEqual([0, '']);
  });

  test('a file (not a folder) named ecommerce leaves the bare id the bundled pack', () => {
    const d = mkdtempSync(join(tmpdir(), 'aftersales-shadow-file-'));
    writeFileSync(join(d, 'ecommerce'), '{}');
    const r = run(['validate', 'ecommerce'], d);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toMatch(/^✓ ecommerce 1\.6\.0 is valid \(bundled pack; 4 rule files, hash [0-9a-f]{12}\)$/);
  });

  test('a folder without a manifest, or the bundled folder itself, leaves the bare id the bundled pack', () => {
    const d = mkdtempSync(join(tmpdir(), 'aftersales-shadow-plain-'));
    mkdirSync(join(d, 'ecommerce'));
    for (const cwd of [d, join(ROOT, 'rules')]) {
      const r = run(['validate', 'ecommerce'], cwd);
      expect([cwd, r.status, r.stderr]).toEqual([cwd, 0, '']);
      expect(r.stdout.split('\n')[0]).toMatch(/^✓ ecommerce 1\.6\.0 is valid \(bundled pack; 4 rule files, hash [0-9a-f]{12}\)$/);
    }
  });

  test('the bundled pack where there is no such folder', () => {
    const r = run(['validate', 'ecommerce'], tmpdir());
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
