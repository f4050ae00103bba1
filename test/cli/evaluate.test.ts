import { describe, expect, test } from 'vitest';
import { cli, baseComplaint } from '../helpers.js';
import { packFiles } from '../packs.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const good = JSON.stringify(baseComplaint());

describe('aftersales evaluate', () => {
  test('--json prints exactly one decision JSON object on stdout', async () => {
    const r = await cli(['evaluate', '--json', '--policy', 'ecommerce', 'c.json'], { 'c.json': good });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    expect(d.liability.party).toBe('manufacturer');
    expect(d.liability.costBearer).toBe('company');
    expect(d.remedies.map((x: { type: string }) => x.type)).toEqual(['exchange', 'refund', 'repair', 'technical-guidance']);
    expect(d.approval.approver).toBe('manager');
    expect(d.trace[0].ruleId).toBe('no-proof-of-purchase');
    expect(d.audit.policyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.audit.now).toBe('2026-11-20T10:00:00+08:00'); // defaults to receivedAt
  });

  test('--now pins the clock', async () => {
    const r = await cli(['evaluate', '--json', '--now', '2026-11-21T00:00:00Z', 'c.json'], { 'c.json': good });
    expect(JSON.parse(r.stdout).audit.now).toBe('2026-11-21T08:00:00+08:00');
  });

  test.each(['bad', '2026-11-21 00:00'])('--now %j that is not ISO 8601 with an offset is a usage error naming the flag (it was reported as $.now of the complaint file)', async (now) => {
    const r = await cli(['evaluate', '--now', now, 'c.json'], { 'c.json': good });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`aftersales evaluate: CLI_USAGE --now must be ISO 8601 with an offset, got ${JSON.stringify(now)}`);
  });

  test('the default output is a readable summary', async () => {
    const r = await cli(['evaluate', 'c.json'], { 'c.json': good });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Complaint C-2611-0001 — upheld');
    expect(r.stdout).toContain('Liability: manufacturer is at fault; company bears the cost.');
    expect(r.stdout).toContain('  1. Exchange for the same or another model [exchange] — 299.00, paid by company, return shipping by company; resolve by 2026-11-27T10:00:00+08:00');
    expect(r.stdout).toContain('Approval: manager (claim 299.00, band manager: from 0.00 up to 100000.00)');
  });

  const bad = (mutate: (c: any) => void) => {
    const c = baseComplaint() as any;
    mutate(c);
    return JSON.stringify(c);
  };
  test.each<[string, string, string]>([
    ['a missing field', bad((c) => delete c.findings.proofOfPurchase), 'c.json $.findings.proofOfPurchase: INVALID_INPUT'],
    ['an unknown enum value', bad((c) => (c.type = 'quality')), 'c.json $.type: INVALID_INPUT'],
    ['money with three decimals', bad((c) => (c.claimAmount = '10.001')), 'c.json $.claimAmount: INVALID_INPUT money must be a decimal string with at most two decimals'],
    ['a money number', bad((c) => (c.order.items[0].unitPrice = 299)), 'c.json $.order.items[0].unitPrice: INVALID_INPUT money must be a decimal string such as "299.00", not the JSON number 299'],
    ['a negative quantity', bad((c) => (c.order.items[0].quantity = -2)), 'c.json $.order.items[0].quantity: INVALID_INPUT quantity must be a positive whole number'],
    ['a time without offset', bad((c) => (c.receivedAt = '2026-11-20T10:00:00')), 'c.json $.receivedAt: INVALID_INPUT'],
    ['a __proto__ key', good.replace('"customer":{', '"customer":{"__proto__":{"x":1},'), 'c.json $.customer.__proto__: FORBIDDEN_KEY'],
    ['text that is not JSON', 'claim: 299', 'c.json $: JSON_SYNTAX'],
  ])('bad input — %s → exit 1, path on stderr, nothing on stdout, no stack', async (_name, text, expected) => {
    const r = await cli(['evaluate', '--json', '--policy', 'ecommerce', 'c.json'], { 'c.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing file is a clear error', async () => {
    const r = await cli(['evaluate', '/nonexistent/c.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('/nonexistent/c.json $: FILE_NOT_FOUND cannot read /nonexistent/c.json: ENOENT');
  });

  test('usage errors exit 2', async () => {
    expect((await cli(['evaluate'])).code).toBe(2);
    expect((await cli(['evaluate', '--bogus', 'c.json'], { 'c.json': good })).code).toBe(2);
    expect((await cli(['nope'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: 'aftersales-policy@0.1.0\n', stderr: '' });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('evaluate');
  });

  test('evaluate refuses a pack with a filter expression, executing nothing', async () => {
    const g = globalThis as { __cliPwned?: boolean };
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const files = packFiles();
    files['liability.json'].rules[0].conditions.all[0] = { fact: 'complaint', path: '$..[?(@.constructor.constructor("globalThis.__cliPwned=true")())]', operator: 'equal', value: 1 };
    for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), JSON.stringify(v));
    const r = await cli(['evaluate', '--json', '--policy', dir, 'c.json'], { 'c.json': good });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('liability.json $.rules[0].conditions.all[0].path: UNSAFE_PATH');
    expect(g.__cliPwned).toBeUndefined();
    const v = await cli(['validate', dir]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('UNSAFE_PATH');
  });
});

describe('aftersales validate / schema', () => {
  test('validate a good pack', async () => {
    const r = await cli(['validate', 'ecommerce']);
    expect(r.code).toBe(0);
    const files = (await import('../../src/index.js')).loadPolicy('ecommerce').documents.length;
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^✓ ecommerce 1\\.6\\.0 is valid \\(bundled pack; ${files} rule files, hash [0-9a-f]{12}\\)$`));
  });

  test('validate lists every problem with file and path; --json gives them as data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    const files = packFiles();
    files['approval.json'].bands[1].over = '100000.50';
    files['liability.json'].rules[0].conditions.all[0].operator = 'equals';
    for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), JSON.stringify(v));
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has 2 problem(s)');
    expect(r.stderr).toContain('approval.json $.bands[1].over: BAND_GAP gap between band "manager" (up to 100000.00) and band "deputy-general-manager" (over 100000.50)');
    expect(r.stderr).toContain('liability.json $.rules[0].conditions.all[0].operator: UNKNOWN_OPERATOR unknown operator "equals"');
    const j = await cli(['validate', '--json', dir]);
    expect(JSON.parse(j.stdout).issues.map((i: { code: string }) => i.code)).toEqual(['UNKNOWN_OPERATOR', 'BAND_GAP']);
  });

  test('schema prints every JSON Schema; schema <name> one', async () => {
    const all = JSON.parse((await cli(['schema'])).stdout);
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['manifest.schema.json', 'liability.schema.json', 'remedies.schema.json', 'approval.schema.json', 'complaint.schema.json']));
    const one = JSON.parse((await cli(['schema', 'complaint'])).stdout);
    expect(one.$ref ?? one.type).toBeDefined();
    expect((await cli(['schema', 'nope'])).code).toBe(2);
  });
});
