import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ComplaintSchema, generateCase, loadPolicy, mergeTallies, parseInstant, PolicyLoadError, simulateRange, STREAM_LENGTH } from '../../src/index.js';
import { packFiles } from '../packs.js';

const policy = loadPolicy('ecommerce');

describe('generateCase', () => {
  test('is deterministic in (seed, index) and gives valid complaints decided after they are received', () => {
    expect(generateCase(42, 7)).toEqual(generateCase(42, 7));
    expect(generateCase(42, 7)).not.toEqual(generateCase(43, 7));
    expect(generateCase(42, 7).complaint.id).toBe('C-42-7');
    for (let i = 0; i < 2000; i++) {
      const { complaint, now } = generateCase(1, i);
      expect(ComplaintSchema.safeParse(complaint).success).toBe(true);
      const delay = parseInstant(now)!.getTime() - parseInstant(complaint.receivedAt)!.getTime();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(72 * 3_600_000);
    }
  });

  test('reaches every liability rule, approver and remedy type of the ecommerce pack (so the benchmark exercises them all)', () => {
    const t = simulateRange(policy, { seed: 20261125, count: 5000 });
    expect(Object.keys(t.liability).sort()).toEqual(policy.liability!.doc.rules.map((r) => r.id).sort());
    expect(Object.keys(t.approvers).sort()).toEqual(['deputy-general-manager', 'general-manager', 'manager']);
    expect(Object.keys(t.remedies).sort()).toEqual(['allowance', 'exchange', 'price-compensation', 'refund', 'repair', 'resend-parts', 'technical-guidance']);
  });
});

describe('simulateRange / mergeTallies', () => {
  test('counts every decision once; a range split in parts gives the same tally', () => {
    const whole = simulateRange(policy, { seed: 3, count: 600 });
    const parts = mergeTallies([simulateRange(policy, { seed: 3, count: 250 }), simulateRange(policy, { seed: 3, from: 250, count: 350 })]);
    expect(parts).toEqual(whole);
    expect(JSON.stringify(parts)).toBe(JSON.stringify(whole));
    expect(whole.count).toBe(600);
    expect(Object.values(whole.liability).reduce((a, b) => a + b, 0)).toBe(600);
    expect(Object.values(whole.approvers).reduce((a, b) => a + b, 0)).toBe(600);
  });

  test('tallies match deciding the same complaints one by one', () => {
    const t = simulateRange(policy, { seed: 9, from: 100, count: 50 });
    const byRule: Record<string, number> = {};
    for (let i = 100; i < 150; i++) {
      const { complaint, now } = generateCase(9, i);
      const id = policy.decide(complaint, { now }).liability.ruleId;
      byRule[id] = (byRule[id] ?? 0) + 1;
    }
    expect(t.liability).toEqual(byRule);
  });

  test('mergeTallies of nothing is an empty tally', () => {
    expect(mergeTallies([])).toEqual({ count: 0, liability: {}, approvers: {}, remedies: {}, notOffered: {}, withWarnings: 0 });
  });
});

describe('bad arguments and odd rule ids', () => {
  test('rule ids named like Object.prototype members are counted like any other (a rule "constructor" made the tally a function\'s text)', () => {
    const files = packFiles('ecommerce');
    const rules = files['liability.json'].rules as Array<{ id: string }>;
    const renamed = new Map([[rules[5]!.id, 'constructor'], [rules[6]!.id, 'tostring'], [rules[7]!.id, 'hasownproperty']]);
    for (const r of rules) r.id = renamed.get(r.id) ?? r.id;
    const p = loadPolicy({ files });
    const t = simulateRange(p, { seed: 7, count: 3000 });
    const byRule: Record<string, number> = Object.create(null);
    for (let i = 0; i < 3000; i++) {
      const { complaint, now } = generateCase(7, i);
      const id = p.decide(complaint, { now, trace: false }).liability.ruleId;
      byRule[id] = (byRule[id] ?? 0) + 1;
    }
    expect(byRule['constructor']).toBeGreaterThan(0);
    expect({ ...t.liability }).toEqual({ ...byRule });
    expect({ ...mergeTallies([simulateRange(p, { seed: 7, count: 1000 }), simulateRange(p, { seed: 7, from: 1000, count: 2000 })]).liability }).toEqual({ ...byRule });
  });

  test.each([
    [{ seed: 1.5, count: 1 }, 'seed must be a 32-bit integer, got 1.5'],
    [{ seed: Number.NaN, count: 1 }, 'seed must be a 32-bit integer, got NaN'],
    [{ seed: 2 ** 32, count: 1 }, 'seed must be a 32-bit integer, got 4294967296'],
    [{ seed: 1, count: -5 }, 'count must be a whole number ≥ 0, got -5'],
    [{ seed: 1, count: 1.5 }, 'count must be a whole number ≥ 0, got 1.5'],
    [{ seed: 1, count: '3' }, 'count must be a whole number ≥ 0, got 3'],
    [{ seed: 1, from: -1, count: 1 }, 'from must be a whole number ≥ 0, got -1'],
    [{ seed: 1, from: 2 ** 53, count: 2 }, 'from must be a whole number ≥ 0, got 9007199254740992'],
    [{ seed: 1, from: 2 ** 32 - 1, count: 2 }, 'from + count must be at most 4294967296 (the stream\'s length), got 4294967297'],
  ])('simulateRange(%o) → RangeError (it used to loop forever or report a wrong count)', (options, message) => {
    expect(() => simulateRange(policy, options as never)).toThrow(new RangeError(message));
  });

  test('generateCase refuses a seed or index out of range (index 2^32 would repeat index 0)', () => {
    expect(() => generateCase(1, STREAM_LENGTH)).toThrow(RangeError);
    expect(() => generateCase(1, -1)).toThrow(RangeError);
    expect(() => generateCase(0.5, 0)).toThrow(RangeError);
    expect(generateCase(-1, 5)).toEqual({ ...generateCase(2 ** 32 - 1, 5), complaint: { ...generateCase(2 ** 32 - 1, 5).complaint, id: 'C--1-5' } });
  });
});

describe('simulate on worker threads (bench/simulate.mjs)', () => {
  const script = join(__dirname, '..', '..', 'bench', 'simulate.mjs');
  test('the same tally as one thread, whatever the number of workers; a bad pack is a PolicyLoadError; bad numbers are RangeErrors', () => {
    // In a process of its own (worker threads started from a test runner's own worker are not what hosts do).
    const driver = `
      import { simulate } from ${JSON.stringify(pathToFileURL(script).href)};
      import { PolicyLoadError } from ${JSON.stringify(pathToFileURL(join(__dirname, '..', '..', 'dist', 'index.js')).href)};
      const out = { tallies: [] };
      for (const workers of [1, 2, 3]) out.tallies.push((await simulate('ecommerce', { count: 301, seed: 5, workers })).tally);
      const e = await simulate('nope', { count: 10, seed: 1, workers: 2 }).catch((x) => x);
      out.loadError = { isClass: e instanceof PolicyLoadError, code: e.issues?.[0]?.code };
      out.bad = [];
      for (const o of [{ count: 10, seed: 1, workers: Number.NaN }, { count: -1, seed: 1 }, { count: 10, seed: 0.5 }]) {
        const x = await simulate('ecommerce', o).catch((y) => y);
        out.bad.push(x instanceof RangeError ? x.message : 'no error');
      }
      console.log(JSON.stringify(out));`;
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-simulate-')), 'driver.mjs');
    writeFileSync(file, driver);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { tallies: unknown[]; loadError: unknown; bad: string[] };
    const one = JSON.parse(JSON.stringify(simulateRange(policy, { seed: 5, count: 301 })));
    for (const t of out.tallies) expect(t).toEqual(one);
    expect(out.loadError).toEqual({ isClass: true, code: 'FILE_NOT_FOUND' });
    expect(out.bad).toEqual(['workers must be a whole number ≥ 1, got NaN', 'count must be a whole number from 0 to 4294967296, got -1', 'seed must be a 32-bit integer, got 0.5']);
  });

  test('as a script: a bad flag value is a usage error (exit 2), not a run that decides nothing', () => {
    for (const args of [['--workers', 'abc'], ['--count', 'abc'], ['--count', '10.5'], ['--seed', 'x']]) {
      const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^simulate: CLI_USAGE /);
    }
  });
});
