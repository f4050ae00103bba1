import { describe, expect, test } from 'vitest';
import { loadPolicy } from '../../src/index.js';
import { cli, complaint } from '../helpers.js';

const good = JSON.stringify(complaint()); // received 2026-11-20T10:00:00+08:00

describe('a now before the complaint was received is refused', () => {
  test('evaluate --now before receivedAt: usage error naming --now (exit 2), as replay and deadlines refuse one before the last event', async () => {
    const r = await cli(['evaluate', '--now', '2020-01-01T00:00:00+08:00', 'c.json'], { 'c.json': good });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n')[0]).toBe(
      "aftersales evaluate: CLI_USAGE --now 2020-01-01T00:00:00+08:00 is before the complaint's receivedAt (2026-11-20T10:00:00+08:00): a decision is made at or after it",
    );
    const ms = await cli(['evaluate', '--json', '--now', '2026-11-20T01:59:59.999Z', 'c.json'], { 'c.json': good });
    expect(ms.code).toBe(2);
    expect(ms.stderr.split('\n')[0]).toMatch(/^aftersales evaluate: CLI_USAGE --now 2026-11-20T01:59:59\.999Z is before/);
  });

  test.each(['evaluate', 'deadlines'])('%s: a bad complaint with a --now before its receivedAt: the complaint\'s problems (exit 1), as replay and deadlines', async (cmd) => {
    // evaluate compared --now with receivedAt first: a usage error (exit 2) that named no problem of the complaint
    const bad = JSON.stringify({ ...complaint(), claimAmount: '1.005' });
    const r = await cli([cmd, '--now', '2020-01-01T00:00:00+08:00', 'c.json'], { 'c.json': bad });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `aftersales ${cmd}: INVALID_INPUT\n  c.json $.claimAmount: INVALID_INPUT money must be a decimal string with at most two decimals, such as "299.00" (got "1.005")\n`,
    });
  });

  test('evaluate --now at receivedAt (another offset) or later is accepted', async () => {
    for (const now of ['2026-11-20T02:00:00Z', '2026-11-20T10:00:00.001+08:00']) {
      const r = await cli(['evaluate', '--json', '--now', now, 'c.json'], { 'c.json': good });
      expect([r.code, r.stderr]).toEqual([0, '']);
    }
  });

  test('decide() itself takes a now before receivedAt (clock skew between a host\'s services is not an input error)', () => {
    const policy = loadPolicy('ecommerce');
    const d = policy.decide(complaint(), { now: '2026-11-20T09:59:59.950+08:00' });
    expect(d.audit.now).toBe('2026-11-20T09:59:59.950+08:00');
    expect(policy.decide(complaint(), { now: '2026-11-20T02:00:00Z' }).audit.now).toBe('2026-11-20T10:00:00+08:00');
  });
});

describe('--now that took the file as its value', () => {
  test.each([
    ['evaluate', 'aftersales evaluate [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] [--no-trace] <complaint.json | ->'],
    ['replay', 'aftersales replay [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] <script.json | ->'],
    ['deadlines', 'aftersales deadlines [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] <complaint.json | snapshot.json | script.json | ->'],
  ])('%s --now c.json says --now is missing its value (not "takes exactly one file"); the usage line names - for stdin', async (cmd, usage) => {
    const r = await cli([cmd, '--now', 'c.json'], { 'c.json': good });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `aftersales ${cmd}: CLI_USAGE --now is missing its value (ISO 8601 with an offset): it took "c.json", and no file is left`,
      `Usage: ${usage}`,
    ]);
    // a valid --now with no file left is still the file count's error; a bad one with a file, the format's
    expect((await cli([cmd, '--now', '2026-11-20T10:00:00+08:00'])).stderr.split('\n')[0]).toMatch(new RegExp(`^aftersales ${cmd}: CLI_USAGE ${cmd} takes exactly one `));
    expect((await cli([cmd, '--now', 'soon', 'c.json'], { 'c.json': good })).stderr.split('\n')[0]).toBe(`aftersales ${cmd}: CLI_USAGE --now must be ISO 8601 with an offset, got "soon"`);
  });
});
