import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { largePackFiles } from '../../bench/large-pack-files.js';
import { DEFAULT_JSON_LIMITS, DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES, DEFAULT_MAX_FILES, DEFAULT_MAX_RULES, DEFAULT_MAX_TOTAL_BYTES, generateCase, loadPolicy } from '../../src/index.js';
import { cli } from '../helpers.js';

/*
 * The load-limit flags: every command that loads a pack takes the limits of
 * `loadPolicy` as kebab-case flags, and a pack refused for a limit says which
 * flag raises it. The motivating case is a pack of more than 1,000 rules a
 * file (docs/performance.md, "Large packs"), which the CLI could not load.
 */

const ECOMMERCE = join(__dirname, '..', '..', 'rules', 'ecommerce');
const size = (f: string) => statSync(join(ECOMMERCE, f)).size;

/** The bundled pack with 1,001 liability rules, written to a folder (≈ 0.9 MB). */
function largePackDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'aftersales-limits-')), 'large');
  mkdirSync(dir);
  for (const [name, value] of Object.entries(largePackFiles(ECOMMERCE, DEFAULT_MAX_RULES + 1))) writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return dir;
}

describe('load-limit flags', () => {
  const dir = largePackDir();

  test('a folder pack of 1,001 rules a file is refused by default, with the flag that raises the limit', async () => {
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `✗ ${dir} has 1 problem(s):\n` +
        '  liability.json $.rules: JSON_TOO_LARGE 1001 rules; the limit is 1000 (load option limits.maxRules)\n' +
        '  hint: a higher limit can be given with --max-rules <n>\n',
    );
  });

  test('--max-rules 1001 validates it, and evaluate decides with its added rules exactly as loadPolicy with limits.maxRules does', async () => {
    const v = await cli(['validate', '--max-rules', '1001', dir]);
    expect(v.code).toBe(0);
    expect(v.stderr).toBe('');
    expect(v.stdout.split('\n')[0]).toMatch(/^✓ ecommerce 1\.6\.0 is valid \(folder .+; 4 rule files, hash [0-9a-f]{12}\)$/);

    const policy = loadPolicy(dir, { limits: { maxRules: 1001 } });
    let found = 0;
    for (let i = 0; found < 3; i++) {
      const g = generateCase(11, i);
      const d = policy.decide(g.complaint, { now: g.now });
      if (!d.liability.ruleId.startsWith('bulk-')) continue;
      found++;
      const r = await cli(['evaluate', '--json', '--policy', dir, '--max-rules=1001', '--now', g.now, 'c.json'], { 'c.json': JSON.stringify(g.complaint) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(d)));
    }
  });

  test('each limit is named with its flag: --max-bytes', async () => {
    const r = await cli(['validate', '--max-bytes', '5000', 'ecommerce']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '✗ ecommerce has 3 problem(s):\n' +
        ['liability.json', 'remedies.json', 'lifecycle.json'].map((f) => `  ${f} $: JSON_TOO_LARGE file is ${size(f)} bytes, the limit is 5000 (load option limits.maxBytes)\n`).join('') +
        '  hint: a higher limit can be given with --max-bytes <n>\n',
    );
  });

  test('each limit is named with its flag: --max-depth', async () => {
    const r = await cli(['validate', '--max-depth', '4', 'ecommerce']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '✗ ecommerce has 3 problem(s):\n' +
        '  liability.json $.rules[0].conditions.all: JSON_TOO_DEEP nesting deeper than 4 levels (load option limits.maxDepth)\n' +
        '  remedies.json $.rules[0].conditions.all: JSON_TOO_DEEP nesting deeper than 4 levels (load option limits.maxDepth)\n' +
        '  lifecycle.json $.transitions[1].effects[0]: JSON_TOO_DEEP nesting deeper than 4 levels (load option limits.maxDepth)\n' +
        '  hint: a higher limit can be given with --max-depth <n>\n',
    );
  });

  test('several limits at once: every problem listed, every flag in the hint once, in the order of the problems', async () => {
    const r = await cli(['validate', '--json', '--max-files', '2', '--max-total-bytes', '5000', '--max-condition-depth', '1', '--max-rules', '11', 'ecommerce']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).issues as Array<{ code: string; file: string; path: unknown[]; message: string }>;
    expect(issues.slice(0, 2)).toEqual([
      { code: 'JSON_TOO_LARGE', file: 'manifest.json', path: ['files'], message: 'the manifest lists 4 files, the limit is 2 (load option limits.maxFiles)' },
      { code: 'JSON_TOO_LARGE', file: '<pack>', path: [], message: `the pack is ${size('manifest.json') + size('liability.json') + size('remedies.json')} bytes, the limit is 5000 (load option limits.maxTotalBytes)` },
    ]);
    expect(issues.filter((i) => i.code === 'JSON_TOO_LARGE' && i.path[0] === 'rules').map((i) => [i.file, i.message])).toEqual([
      ['liability.json', '17 rules; the limit is 11 (load option limits.maxRules)'],
      ['remedies.json', '13 rules; the limit is 11 (load option limits.maxRules)'],
    ]);

    const text = await cli(['validate', '--max-files', '2', '--max-total-bytes', '5000', '--max-condition-depth', '1', 'ecommerce']);
    expect(text.stderr).toContain('  liability.json $.conditions.quality-problem: CONDITION_TOO_DEEP conditions nest deeper than 1 levels (load option limits.maxConditionDepth)\n');
    expect(text.stderr.split('\n').filter((l) => l.includes('hint'))).toEqual(['  hint: a higher limit can be given with --max-files <n>, --max-total-bytes <n>, --max-condition-depth <n>']);
  });

  test('--max-condition-nodes: the first rule of each file whose conditions pass the total is named, with the hint', async () => {
    const r = await cli(['validate', 'ecommerce', '--max-condition-nodes', '20']);
    expect(r.code).toBe(1);
    const message = "CONDITION_TOO_LARGE with named conditions counted wherever they are referred to, this file's conditions hold more than 20 comparisons and groups by here (load option limits.maxConditionNodes)";
    expect(r.stderr).toBe(
      '✗ ecommerce has 2 problem(s):\n' +
        `  liability.json $.rules[8].conditions: ${message}\n` +
        `  remedies.json $.rules[6].conditions: ${message}\n` +
        '  hint: a higher limit can be given with --max-condition-nodes <n>\n',
    );
    expect((await cli(['validate', 'ecommerce', '--max-condition-nodes', '100'])).code).toBe(0);
  });

  test('a pack problem that no limit causes gives no hint', async () => {
    const r = await cli(['validate', join(ECOMMERCE, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
    expect(r.stderr).not.toContain('hint');
  });

  test.each<[string, string[], Record<string, string>]>([
    ['evaluate', ['evaluate', 'none.json'], {}],
    ['deadlines', ['deadlines', 'none.json'], {}],
    ['replay', ['replay', 'none.json'], {}],
    ['diagram', ['diagram'], {}],
    ['loss', ['loss', '--policy', 'ecommerce', 'none.json'], {}],
    ['deduction', ['deduction', '--policy', 'ecommerce', 'none.json'], {}],
    ['penalty', ['penalty', '--policy', 'ecommerce', '--amount', '1.00'], {}],
  ])('%s passes the limits to the loader and prints the hint (exit 1)', async (name, args, files) => {
    const r = await cli([...args, '--max-rules', '11'], files);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `aftersales ${name}: JSON_TOO_LARGE\n` +
        '  liability.json $.rules: JSON_TOO_LARGE 17 rules; the limit is 11 (load option limits.maxRules)\n' +
        '  remedies.json $.rules: JSON_TOO_LARGE 13 rules; the limit is 11 (load option limits.maxRules)\n' +
        '  hint: a higher limit can be given with --max-rules <n>\n',
    );
  });

  test.each(['0', '-1', '1.5', 'abc', '1e3', '01', '+5', ' 5', '', '9007199254740993'])('--max-rules=%j is a usage error (exit 2) naming the flag and the value', async (value) => {
    const r = await cli(['validate', `--max-rules=${value}`, 'ecommerce']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`aftersales validate: CLI_USAGE --max-rules must be a positive whole number, got ${JSON.stringify(value)}`);
  });

  test.each(['max-bytes', 'max-total-bytes', 'max-files', 'max-depth', 'max-condition-depth', 'max-condition-nodes'])('--%s=0 is a usage error on a command that loads with --policy', async (flag) => {
    const r = await cli(['evaluate', '--policy', 'ecommerce', `--${flag}=0`, 'none.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`aftersales evaluate: CLI_USAGE --${flag} must be a positive whole number, got "0"`);
  });

  test('allocate loads no pack, so a limit flag there is a usage error', async () => {
    const r = await cli(['allocate', '--max-rules', '5', 'a.json'], { 'a.json': '{"amount":"1.00","shares":[{"id":"a","ratio":"1"}]}' });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n')[0]).toBe('aftersales allocate: CLI_USAGE allocate loads no pack, so the load-limit flags are not taken');
    expect((await cli(['allocate', '--help'])).stdout).not.toContain('--max-rules');
  });

  test('--help of a pack-loading command lists every limit flag with its default', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'aftersales validate [--json] <pack-id | pack-folder>\n' +
        '  A pack is a bundled id (ecommerce, manufacturer) or a folder. Where ./<id> is also a pack folder (with a manifest.json), a bare id is a\n' +
        '  usage error (which one is meant?): write ./<id> for the folder, or run from another directory for the bundled pack.\n' +
        '  Load limits of the pack, each a positive whole number (default in brackets):\n' +
        `    --max-rules <n>            rules in one liability or remedies file [${DEFAULT_MAX_RULES}]\n` +
        `    --max-bytes <n>            bytes in one file [${DEFAULT_JSON_LIMITS.maxBytes}]\n` +
        `    --max-total-bytes <n>      bytes in the whole pack [${DEFAULT_MAX_TOTAL_BYTES}]\n` +
        `    --max-files <n>            files in the pack [${DEFAULT_MAX_FILES}]\n` +
        `    --max-depth <n>            JSON nesting levels in a file [${DEFAULT_JSON_LIMITS.maxDepth}, at most 256]\n` +
        `    --max-condition-depth <n>  nesting levels of one rule's conditions [${DEFAULT_MAX_CONDITION_DEPTH}, at most 256]\n` +
        `    --max-condition-nodes <n>  comparisons and groups of one file's conditions, named ones expanded [${DEFAULT_MAX_CONDITION_NODES}]\n`,
    );
    expect([DEFAULT_MAX_RULES, DEFAULT_JSON_LIMITS.maxBytes, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_FILES, DEFAULT_JSON_LIMITS.maxDepth, DEFAULT_MAX_CONDITION_DEPTH, DEFAULT_MAX_CONDITION_NODES]).toEqual([
      1000, 1048576, 8388608, 64, 64, 32, 100000,
    ]);
  });
});

describe('--max-input-bytes', () => {
  const complaint = readFileSync(join(__dirname, '..', '..', 'examples', 'complaints', '01-rice-cooker-fault.json'), 'utf8');
  const script = readFileSync(join(__dirname, '..', '..', 'examples', 'scripts', '01-ordinary-resolved.json'), 'utf8');
  /** The same JSON with white space after it, `bytes` long in all. */
  const padded = (text: string, bytes: number) => text + ' '.repeat(bytes - Buffer.byteLength(text));

  test('an input over 1 MiB is refused by default, naming the flag; with the flag it is read as usual', async () => {
    const big = padded(complaint, DEFAULT_JSON_LIMITS.maxBytes + 1);
    const refused = await cli(['evaluate', '--json', 'c.json'], { 'c.json': big });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`aftersales evaluate: INVALID_INPUT\n  c.json $: JSON_TOO_LARGE document is 1048577 bytes, the limit is 1048576 (raise it with --max-input-bytes <n>)\n`);
    const read = await cli(['evaluate', '--json', '--max-input-bytes', '1048577', 'c.json'], { 'c.json': big });
    expect(read.code).toBe(0);
    expect(read.stdout).toBe((await cli(['evaluate', '--json', 'c.json'], { 'c.json': complaint })).stdout);
  });

  test('a replay script of more than 1 MiB (the schema allows 10,000 events, ≈ 1.4 MB) replays with the flag', async () => {
    const big = padded(script, 1_500_000);
    expect((await cli(['replay', '--json', 's.json'], { 's.json': big })).code).toBe(1);
    const r = await cli(['replay', '--json', '--max-input-bytes=1500000', 's.json'], { 's.json': big });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe((await cli(['replay', '--json', 's.json'], { 's.json': script })).stdout);
  });

  test('a lower limit refuses a small input; a bad value is a usage error', async () => {
    const r = await cli(['deadlines', '--max-input-bytes', '100', 'c.json'], { 'c.json': complaint });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`c.json $: JSON_TOO_LARGE document is ${Buffer.byteLength(complaint)} bytes, the limit is 100 (raise it with --max-input-bytes <n>)`);
    for (const value of ['0', '1.5', 'lots']) {
      const bad = await cli(['loss', `--max-input-bytes=${value}`, 'l.json'], { 'l.json': '{}' });
      expect(bad.code).toBe(2);
      expect(bad.stderr.split('\n')[0]).toBe(`aftersales loss: CLI_USAGE --max-input-bytes must be a positive whole number, got ${JSON.stringify(value)}`);
    }
  });

  test.each(['evaluate', 'deadlines', 'replay', 'loss', 'deduction', 'allocate'])('%s takes it and lists it in --help', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.stdout).toContain('  --max-input-bytes <n>        bytes of the input file, a positive whole number [1048576]\n');
  });
});

/** The bundled pack with the first liability rule's conditions replaced (and named conditions added), written to a folder. */
function deepPackDir(conditions: unknown, named: Record<string, unknown> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'aftersales-deep-')), 'deep');
  mkdirSync(dir);
  for (const f of ['manifest.json', 'remedies.json', 'approval.json', 'lifecycle.json']) writeFileSync(join(dir, f), readFileSync(join(ECOMMERCE, f)));
  const liability = JSON.parse(readFileSync(join(ECOMMERCE, 'liability.json'), 'utf8'));
  liability.rules[0].conditions = '__CONDITIONS__';
  Object.assign(liability.conditions, named);
  // written as text: JSON.stringify itself would overflow on the deepest values
  writeFileSync(join(dir, 'liability.json'), JSON.stringify(liability).replace('"__CONDITIONS__"', typeof conditions === 'string' ? conditions : JSON.stringify(conditions)));
  return dir;
}

const LEAF = '{"fact":"proofOfPurchase","operator":"equal","value":false}';
const nots = (n: number) => '{"not":'.repeat(n) + LEAF + '}'.repeat(n);
const alls = (n: number) => '{"all":['.repeat(n) + LEAF + ']}'.repeat(n);

describe('deep nesting: a problem with its code or a usage error, never a stack overflow (exit 70)', () => {
  test.each(['max-depth', 'max-condition-depth'])('--%s above 256 is a usage error before anything is read', async (flag) => {
    const r = await cli(['validate', `--${flag}`, '1000000', 'no-such-pack']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n')[0]).toBe(`aftersales validate: CLI_USAGE --${flag} must be at most 256 (deeper nesting could overflow the call stack), got "1000000"`);
    expect((await cli(['evaluate', `--${flag}`, '257', 'c.json'])).stderr.split('\n')[0]).toBe(
      `aftersales evaluate: CLI_USAGE --${flag} must be at most 256 (deeper nesting could overflow the call stack), got "257"`,
    );
  });

  test('loadPolicy refuses the same limits with a RangeError naming the option', () => {
    expect(() => loadPolicy('ecommerce', { limits: { maxDepth: 257 } })).toThrow(new RangeError('limits.maxDepth must be at most 256 (deeper nesting could overflow the call stack), got 257'));
    expect(() => loadPolicy('ecommerce', { limits: { maxConditionDepth: 1_000_000 } })).toThrow(
      new RangeError('limits.maxConditionDepth must be at most 256 (deeper nesting could overflow the call stack), got 1000000'),
    );
  });

  test('3,000 nested nots and 5,000 nested arrays at the highest limits are JSON_TOO_DEEP (exit 1)', async () => {
    const dir = deepPackDir(nots(3000));
    const r = await cli(['validate', '--max-depth', '256', '--max-condition-depth', '256', dir]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(
      `✗ ${dir} has 1 problem(s):\n  liability.json $.rules[0].conditions${'.not'.repeat(253)}: JSON_TOO_DEEP nesting deeper than 256 levels (load option limits.maxDepth)\n  hint: a higher limit can be given with --max-depth <n>\n`,
    );
    const arrays = deepPackDir({ fact: 'proofOfPurchase', operator: 'in', value: '__V__' });
    const text = readFileSync(join(arrays, 'liability.json'), 'utf8').replace('"__V__"', '['.repeat(5000) + ']'.repeat(5000));
    writeFileSync(join(arrays, 'liability.json'), text);
    const a = await cli(['validate', '--max-depth', '256', arrays]);
    expect([a.code, a.stderr.split('\n')[1]]).toEqual([1, `  liability.json $.rules[0].conditions.value${'[0]'.repeat(252)}: JSON_TOO_DEEP nesting deeper than 256 levels (load option limits.maxDepth)`]);
  });

  test('conditions nested to the highest limits load and decide: 250 nots, 126 alls (252 JSON levels), a chain of 255 named conditions', async () => {
    const complaint = join(__dirname, '..', '..', 'examples', 'complaints', '01-rice-cooker-fault.json');
    const chain = Object.fromEntries(Array.from({ length: 255 }, (_, i) => [`c${i}`, i === 254 ? JSON.parse(LEAF) : { condition: `c${i + 1}` }]));
    for (const dir of [deepPackDir(nots(250)), deepPackDir(alls(126)), deepPackDir({ condition: 'c0' }, chain)]) {
      const v = await cli(['validate', '--max-depth', '256', '--max-condition-depth', '256', dir]);
      expect([v.code, v.stderr]).toEqual([0, '']);
      const e = await cli(['evaluate', '--json', '--policy', dir, '--max-depth', '256', '--max-condition-depth', '256', complaint]);
      expect([e.code, e.stderr, JSON.parse(e.stdout).liability.ruleId]).toEqual([0, '', 'nonconforming-product']);
    }
    const tooLong = deepPackDir({ condition: 'c0' }, { ...chain, c254: { condition: 'c255' }, c255: { condition: 'c256' }, c256: JSON.parse(LEAF) });
    const r = await cli(['validate', '--max-condition-depth', '256', tooLong]);
    expect([r.code, r.stderr.split('\n')[1]]).toEqual([1, '  liability.json $.conditions.c256: CONDITION_TOO_DEEP conditions nest deeper than 256 levels (load option limits.maxConditionDepth)']);
  });
});
