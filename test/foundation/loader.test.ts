import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compilePack, DEFAULT_MAX_RULES, loadPolicy, PolicyLoadError, safeLoadPolicy, dec } from '../../src/index.js';
import { ManifestSchema } from '../../src/pack/manifest.js';
import { cli, complaint, NOW } from '../helpers.js';
import { packFiles } from '../packs.js';

/** Puts a rule first (priority 500) in the pack's liability file: the seller is liable, the company pays, upheld. */
function addTopRule(files: ReturnType<typeof packFiles>, id: string, description: string, clause: string, conditions: unknown, principle: string): void {
  files['liability.json'].rules.unshift({ id, description, clause, priority: 500, conditions, outcome: { party: 'seller', costBearer: 'company', upheld: true, principle } });
}

function issuesOf(files: Record<string, unknown>) {
  const r = safeLoadPolicy({ files });
  expect(r.success).toBe(false);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ code: i.code, file: i.file, path: i.path }));
}

describe('loadPolicy', () => {
  test('loads the bundled pack by id: immutable, compiled, hashed', () => {
    const p = loadPolicy('ecommerce');
    expect(p.id).toBe('ecommerce');
    expect(p.version).toBe('1.6.0');
    expect(p.settings).toEqual({ timeZone: 'Asia/Shanghai', currency: 'CNY', rounding: 'half-up' });
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.liability!.doc.rules[0])).toBe(true);
    expect(() => {
      (p.liability!.doc.rules[0] as { priority?: number }).priority = 1;
    }).toThrow(TypeError);
  });

  test('settings and the manifest are frozen too (a changed zone or rounding would half-apply)', () => {
    const p = loadPolicy({ files: packFiles() });
    expect(Object.isFrozen(p.settings) && Object.isFrozen(p.manifest) && Object.isFrozen(p.manifest.files)).toBe(true);
    expect(() => {
      (p.settings as { rounding: string }).rounding = 'half-even';
    }).toThrow(TypeError);
    expect(() => {
      (p.settings as { timeZone: string }).timeZone = 'America/New_York';
    }).toThrow(TypeError);
    expect(p.settings).toEqual({ timeZone: 'Asia/Shanghai', currency: 'CNY', rounding: 'half-up' });
  });

  test('the same files in memory give the same policy hash', () => {
    expect(loadPolicy({ files: packFiles() }).hash).toBe(loadPolicy('ecommerce').hash);
    const changed = packFiles();
    changed['liability.json'].rules[0].description = 'changed';
    expect(loadPolicy({ files: changed }).hash).not.toBe(loadPolicy('ecommerce').hash);
  });

  test('files may be JSON text (e.g. from a database)', () => {
    const files = Object.fromEntries(Object.entries(packFiles()).map(([k, v]) => [k, JSON.stringify(v)]));
    expect(loadPolicy({ files }).id).toBe('ecommerce');
  });

  test('loads from a folder path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    for (const [k, v] of Object.entries(packFiles())) writeFileSync(join(dir, k), JSON.stringify(v));
    expect(loadPolicy(dir).id).toBe('ecommerce');
    expect(loadPolicy(join(dir, 'manifest.json')).id).toBe('ecommerce');
  });

  test('an unknown id or folder is FILE_NOT_FOUND naming the bundled packs', () => {
    const r = safeLoadPolicy('no-such-pack');
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(PolicyLoadError);
      expect(r.error.issues[0]!.code).toBe('FILE_NOT_FOUND');
      expect(r.error.issues[0]!.message).toContain('ecommerce');
    }
  });

  test('loadPolicy throws PolicyLoadError; safeLoadPolicy returns it', () => {
    const files = packFiles();
    files['approval.json'].bands[1].over = '100001.00';
    expect(() => loadPolicy({ files })).toThrow(PolicyLoadError);
  });

  test('every problem of every file is reported at once, each with file, path and code', () => {
    const files = packFiles();
    files['manifest.json'].settings.rounding = 'banker';
    files['liability.json'].rules[2].conditions = { all: [] };
    files['liability.json'].rules[3].conditions.all[0].fact = 'supplierInvolvd';
    files['liability.json'].rules[4].priority = 2.5;
    files['remedies.json'].rules[0].exclude.types.push('refnd');
    files['remedies.json'].rules[3].conditions.all.push({ fact: 'complaint', path: '$..[?(@.constructor)]', operator: 'equal', value: 1 });
    files['approval.json'].bands[2].over = '150000.01';
    expect(issuesOf(files)).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'manifest.json', path: ['settings', 'rounding'] },
      { code: 'SCHEMA_VIOLATION', file: 'remedies.json', path: ['rules', 0, 'exclude', 'types', 6] },
      { code: 'UNSAFE_PATH', file: 'remedies.json', path: ['rules', 3, 'conditions', 'all', 1, 'path'] },
      { code: 'BAND_GAP', file: 'approval.json', path: ['bands', 2, 'over'] },
      { code: 'EMPTY_CONDITION', file: 'liability.json', path: ['rules', 2, 'conditions', 'all'] },
      { code: 'UNKNOWN_FACT', file: 'liability.json', path: ['rules', 3, 'conditions', 'all', 0, 'fact'] },
      { code: 'INVALID_PRIORITY', file: 'liability.json', path: ['rules', 4, 'priority'] },
    ]);
  });

  test('a filter expression in a path is refused with UNSAFE_PATH and never executed', () => {
    const g = globalThis as { __pwned?: boolean };
    delete g.__pwned;
    const files = packFiles();
    files['liability.json'].rules[0].conditions.all.push({
      fact: 'complaint',
      path: '$..[?(@.constructor.constructor("globalThis.__pwned = true")())]',
      operator: 'equal',
      value: 1,
    });
    expect(issuesOf(files)).toEqual([{ code: 'UNSAFE_PATH', file: 'liability.json', path: ['rules', 0, 'conditions', 'all', 1, 'path'] }]);
    expect(g.__pwned).toBeUndefined();
  });

  test.each([{ fact: 'complaint', path: ['id'] }, { fact: 'complaint', path: 7 }, { fact: 'complaint', path: null }, { fact: ['nature'] }, { fact: 'complaint', extra: 1 }])(
    'a value %j with a "fact" key that is no valid fact reference → SCHEMA_VIOLATION at the value (the loader used to throw)',
    (value) => {
      const files = packFiles();
      files['liability.json'].rules[0].conditions.all[0] = { fact: 'complaint', path: 'id', operator: 'equal', value };
      const r = safeLoadPolicy({ files });
      expect(r.success).toBe(false);
      if (r.success) return;
      expect(r.error.issues).toEqual([
        {
          code: 'SCHEMA_VIOLATION',
          file: 'liability.json',
          path: ['rules', 0, 'conditions', 'all', 0, 'value'],
          message: 'an object with a "fact" key is a fact reference: { "fact": "<fact>", "path": "<plain path>" } and nothing else',
        },
      ]);
    },
  );

  /** Named conditions c0 … c{levels}: each `any` of `fanOut` references to the next, the last a comparison; one rule refers to c0. */
  function chain(levels: number, fanOut: number) {
    const files = packFiles();
    const lf = files['liability.json'];
    for (let i = 0; i < levels; i++) lf.conditions[`c${i}`] = { any: Array.from({ length: fanOut }, () => ({ condition: `c${i + 1}` })) };
    lf.conditions[`c${levels}`] = { fact: 'claimAmount', operator: 'greaterThan', value: '99999999.00' };
    lf.rules.push({ id: 'expo', description: 'x', clause: 'x', conditions: { condition: 'c0' }, outcome: lf.default.outcome });
    return files;
  }

  test('named conditions that multiply when expanded (8 references a level, 9 levels: 8^9 comparisons in 2 KB) → CONDITION_TOO_LARGE at once, not minutes of loading', () => {
    const started = performance.now();
    const r = safeLoadPolicy({ files: chain(9, 8) });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.success).toBe(false);
    if (r.success) return;
    const at = ['rules', r.error.issues[0]!.path[1], 'conditions'];
    expect(r.error.issues).toEqual([
      {
        code: 'CONDITION_TOO_LARGE',
        file: 'liability.json',
        path: at,
        message: "with named conditions counted wherever they are referred to, this file's conditions hold more than 100000 comparisons and groups by here (load option limits.maxConditionNodes)",
      },
    ]);
    expect(files0Rule(r.error.issues[0]!.path[1] as number)).toBe('expo');
  });

  const files0Rule = (i: number) => chain(9, 8)['liability.json'].rules[i].id;

  test('a chain of 5,000 named conditions is CONDITION_TOO_DEEP, a typed problem (counting its size overflowed the stack)', () => {
    const files = packFiles();
    const c: Record<string, unknown> = { ...files['liability.json'].conditions };
    for (let i = 0; i < 5000; i++) c[`c${i}`] = { condition: `c${i + 1}` };
    c['c5000'] = { fact: 'nature', operator: 'equal', value: 'quality-defect' };
    files['liability.json'].conditions = c;
    files['liability.json'].rules[0].conditions = { condition: 'c0' };
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (!r.success) expect([...new Set(r.error.issues.map((i) => i.code))]).toEqual(['CONDITION_TOO_DEEP']);
  });

  test('a named condition referred to deep first and shallow second cannot slip past the size limit (it loaded and took 8 s a decision)', () => {
    const files = packFiles();
    const lf = files['liability.json'];
    lf.conditions['lv-0'] = { fact: 'nature', operator: 'equal', value: 'quality-defect' };
    for (let i = 1; i <= 15; i++) lf.conditions[`lv-${i}`] = { all: [{ condition: `lv-${i - 1}` }, { condition: `lv-${i - 1}` }, { condition: `lv-${i - 1}` }] };
    let deep: Record<string, unknown> = { condition: 'lv-15' };
    for (let i = 0; i < 30; i++) deep = { not: deep };
    lf.rules[0].conditions = { all: [deep, { condition: 'lv-15', priority: 10 }, { fact: 'nature', operator: 'equal', value: 'quality-defect' }] };
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.path])).toContainEqual(['CONDITION_TOO_DEEP', ['rules', 0, 'conditions']]);
  });

  test('16,000 references to a name that does not exist: each message lists 30 known names, not all (the messages were 440 M characters, then a crash)', () => {
    const files = packFiles();
    const lf = files['liability.json'];
    for (let i = 0; i < 16_000; i++) lf.conditions[`a${i}`] = { condition: 'z' };
    const started = performance.now();
    const r = safeLoadPolicy({ files: { ...files, 'liability.json': JSON.stringify(lf) } });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toHaveLength(16_000);
    expect(r.error.issues[0]!.message).toMatch(/^no named condition "z" in this file's "conditions" \(each file has its own\) \(known: quality-problem, goods-damaged-in-transit, a0, a1, .* and 15972 more\)$/);
    expect(r.error.message.split('\n')).toHaveLength(102); // the code line, 100 problems, "… and 15900 more"
    expect(r.error.message.split('\n').at(-1)).toBe('  … and 15900 more (see issues)');
  });

  test('a chain within the limit loads and decides as its expansion says; the limit can be raised or lowered', () => {
    // 8^4 comparisons + (8^4 − 1)/7 any-groups = 4,681 nodes for the rule
    const files = chain(4, 8);
    expect(safeLoadPolicy({ files }).success).toBe(true);
    const low = safeLoadPolicy({ files }, { limits: { maxConditionNodes: 4000 } });
    expect(low.success).toBe(false);
    if (!low.success) expect(low.error.issues.map((i) => i.code)).toEqual(['CONDITION_TOO_LARGE']);
    expect(safeLoadPolicy({ files: chain(6, 8) }, { limits: { maxConditionNodes: 400_000 } }).success).toBe(true);
    expect(() => safeLoadPolicy({ files }, { limits: { maxConditionNodes: 0 } })).toThrow(RangeError);
  });

  test.each(['__proto__', 'constructor', 'prototype'])('an in-memory file named %s → FORBIDDEN_KEY (it was ignored and left out of the hash)', (name) => {
    const files = JSON.parse(JSON.stringify(packFiles()));
    Object.defineProperty(files, name, { value: { kind: 'Liability' }, enumerable: true, configurable: true, writable: true });
    expect(Object.keys(files)).toContain(name);
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toEqual([{ code: 'FORBIDDEN_KEY', file: '<pack>', path: [name], message: `a file may not be named "${name}" (prototype pollution)` }]);
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
  });

  test('an invalid manifest: the files it still lists are looked for (a missing one is reported with the manifest\'s problem)', () => {
    const files = packFiles();
    files['manifest.json'].files.push('nope.json');
    files['manifest.json'].version = 'x';
    expect(issuesOf(files)).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'manifest.json', path: ['version'] },
      { code: 'FILE_NOT_FOUND', file: 'nope.json', path: [] },
    ]);
  });

  test('an invalid manifest: a file it lists twice is reported at its index, as with a valid one', () => {
    const files = packFiles();
    files['manifest.json'].files.push('liability.json');
    const at = files['manifest.json'].files.length - 1;
    expect(issuesOf(files)).toEqual([{ code: 'DUPLICATE_ID', file: 'manifest.json', path: ['files', at] }]);
    files['manifest.json'].version = 'x';
    expect(issuesOf(files)).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'manifest.json', path: ['version'] },
      { code: 'DUPLICATE_ID', file: 'manifest.json', path: ['files', at] },
    ]);
    const r = safeLoadPolicy({ files });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toContain('liability.json is listed twice');
  });

  test('a listed file that links outside the pack folder is refused, not read (its first characters showed in a syntax error)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-link-'));
    const pack = join(dir, 'p');
    cpSync(join(__dirname, '..', '..', 'rules', 'ecommerce'), pack, { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'SECRET_TOKEN=abc');
    rmSync(join(pack, 'remedies.json'));
    symlinkSync(join(dir, 'secret.txt'), join(pack, 'remedies.json'));
    const r = safeLoadPolicy(pack);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toEqual([{ code: 'FILE_UNREADABLE', file: 'remedies.json', path: [], message: 'file remedies.json leads outside the pack folder (a link): only the pack\'s own files are read' }]);
    expect(JSON.stringify(r.error.issues)).not.toContain('SECRET');
    // a link inside the folder is fine
    rmSync(join(pack, 'remedies.json'));
    cpSync(join(__dirname, '..', '..', 'rules', 'ecommerce', 'remedies.json'), join(pack, 'remedies-real.json'));
    symlinkSync(join(pack, 'remedies-real.json'), join(pack, 'remedies.json'));
    expect(safeLoadPolicy(pack).success).toBe(true);
  });

  test('the manifest.json of a folder that links outside it is refused the same way (a link to a secret showed its first character)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-link-'));
    const pack = join(dir, 'p');
    cpSync(join(__dirname, '..', '..', 'rules', 'ecommerce'), pack, { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'SECRET_TOKEN=abc');
    rmSync(join(pack, 'manifest.json'));
    symlinkSync(join(dir, 'secret.txt'), join(pack, 'manifest.json'));
    const MESSAGE = 'file manifest.json leads outside the pack folder (a link): only the pack\'s own files are read';
    const r = safeLoadPolicy(pack);
    expect(r.success ? [] : r.error.issues).toEqual([{ code: 'FILE_UNREADABLE', file: 'manifest.json', path: [], message: MESSAGE }]);
    const v = await cli(['validate', pack]);
    expect([v.code, v.stdout, v.stderr]).toEqual([1, '', `✗ ${pack} has 1 problem(s):\n  manifest.json $: FILE_UNREADABLE ${MESSAGE}\n`]);
    // a manifest.json linked to one inside the folder is read
    cpSync(join(__dirname, '..', '..', 'rules', 'ecommerce', 'manifest.json'), join(pack, 'manifest-real.json'));
    rmSync(join(pack, 'manifest.json'));
    symlinkSync(join(pack, 'manifest-real.json'), join(pack, 'manifest.json'));
    expect(safeLoadPolicy(pack).success).toBe(true);
  });

  test.runIf(existsSync('/proc/self/pagemap'))('a file whose size says 0 but never ends (/proc/self/pagemap) is refused after maxBytes, not read whole', () => {
    const started = performance.now();
    const r = safeLoadPolicy('/proc/self/pagemap');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.message])).toEqual([['JSON_TOO_LARGE', 'file is larger than the limit of 1048576 bytes (load option limits.maxBytes)']]);
  });

  test('a file that fails its schema still has its conditions checked: every problem of the pack at once', () => {
    const files = packFiles();
    const lf = files['liability.json'];
    delete lf.rules[0].clause; // schema
    lf.rules[1].conditions.all[0].fact = 'customerFalt'; // unknown fact
    lf.rules[2].conditions.all[0].value = 'customer-misuses'; // not a value of the enumeration
    lf.conditions['broken'] = { fact: 'nature' }; // an invalid named condition (schema) …
    lf.rules[3].conditions = { condition: 'broken' }; // … a rule referring to it is not checked again
    lf.conditions['unused'] = { fact: 'natuer', operator: 'equal', value: 'x' }; // a named condition nobody uses
    files['remedies.json'].rules[0].conditions.all[0].fact = 'proofOfPurchse'; // unknown fact, another file
    expect(issuesOf(files)).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'liability.json', path: ['conditions', 'broken', 'operator'] },
      { code: 'SCHEMA_VIOLATION', file: 'liability.json', path: ['conditions', 'broken', 'value'] },
      { code: 'SCHEMA_VIOLATION', file: 'liability.json', path: ['rules', 0, 'clause'] },
      { code: 'UNKNOWN_FACT', file: 'remedies.json', path: ['rules', 0, 'conditions', 'all', 0, 'fact'] },
      { code: 'UNKNOWN_FACT', file: 'liability.json', path: ['rules', 1, 'conditions', 'all', 0, 'fact'] },
      { code: 'OPERAND_TYPE_MISMATCH', file: 'liability.json', path: ['rules', 2, 'conditions', 'all', 0, 'value'] },
      { code: 'UNKNOWN_FACT', file: 'liability.json', path: ['conditions', 'unused', 'fact'] },
    ]);
  });

  test('a plain path into the complaint works', () => {
    const files = packFiles();
    addTopRule(files, 'vip-sku', 'a test rule on a path', 'test', { all: [{ fact: 'complaint', path: 'order.items[0].sku', operator: 'equal', value: 'VIP-1' }] }, 'test');
    const p = loadPolicy({ files });
    expect(p.decide(complaint({ order: { items: [{ sku: 'VIP-1', quantity: 1, unitPrice: '1.00' }] } }), { now: NOW }).liability.ruleId).toBe('vip-sku');
    expect(p.decide(complaint(), { now: NOW }).liability.ruleId).toBe('nonconforming-product');
  });

  test.each([
    ['unknown kind', (f: Record<string, any>): void => { f['approval.json'].kind = 'Approval'; }, [{ code: 'UNKNOWN_KIND', file: 'approval.json', path: ['kind'] }]],
    ['wrong apiVersion', (f: Record<string, any>): void => { f['approval.json'].apiVersion = 'v2'; }, [{ code: 'UNSUPPORTED_API_VERSION', file: 'approval.json', path: ['apiVersion'] }]],
    ['missing header field', (f: Record<string, any>): unknown => delete f['approval.json'].description, [{ code: 'SCHEMA_VIOLATION', file: 'approval.json', path: ['description'] }]],
    ['a typo key', (f: Record<string, any>): void => { f['liability.json'].rules[0].priorty = 3; }, [{ code: 'SCHEMA_VIOLATION', file: 'liability.json', path: ['rules', 0, 'priorty'] }]],
    ['duplicate rule id', (f: Record<string, any>): void => { f['liability.json'].rules[1].id = 'no-proof-of-purchase'; }, [{ code: 'DUPLICATE_ID', file: 'liability.json', path: ['rules', 1, 'id'] }]],
    ['money as a JSON number', (f: Record<string, any>): void => { f['approval.json'].bands[0].upTo = 100000; }, [{ code: 'SCHEMA_VIOLATION', file: 'approval.json', path: ['bands', 0, 'upTo'] }]],
    ['band overlap', (f: Record<string, any>): void => { f['approval.json'].bands[1].over = '99999.99'; }, [{ code: 'BAND_OVERLAP', file: 'approval.json', path: ['bands', 1, 'over'] }]],
    ['unbounded band in the middle', (f: Record<string, any>): unknown => delete f['approval.json'].bands[1].upTo, [{ code: 'BAND_UNREACHABLE', file: 'approval.json', path: ['bands', 2] }]],
    ['missing listed file', (f: Record<string, any>): unknown => f['manifest.json'].files.push('extra.json'), [{ code: 'FILE_NOT_FOUND', file: 'extra.json', path: [] }]],
    ['two files of one kind', (f: Record<string, any>) => {
      f['approval2.json'] = { ...f['approval.json'], id: 'second' };
      f['manifest.json'].files.push('approval2.json');
    }, [{ code: 'DUPLICATE_KIND', file: 'approval2.json', path: ['kind'] }]],
    ['a file name with a folder', (f: Record<string, any>): void => { f['manifest.json'].files[0] = '../liability.json'; }, [{ code: 'SCHEMA_VIOLATION', file: 'manifest.json', path: ['files', 0] }]],
    ['remedy rule with neither offer nor exclude', (f: Record<string, any>): unknown => delete f['remedies.json'].rules[1].exclude, [{ code: 'SCHEMA_VIOLATION', file: 'remedies.json', path: ['rules', 1] }]],
    ['enum typo in a condition value', (f: Record<string, any>): void => { f['liability.json'].rules[2].conditions.all[0].value = 'misuse'; }, [{ code: 'OPERAND_TYPE_MISMATCH', file: 'liability.json', path: ['rules', 2, 'conditions', 'all', 0, 'value'] }]],
  ] as const)('%s', (_name, mutate, expected) => {
    const files = packFiles();
    mutate(files);
    expect(issuesOf(files)).toEqual(expected);
  });

  test('prototype-polluting keys in a pack are refused and pollute nothing', () => {
    const text = JSON.stringify(packFiles()['approval.json']).replace('"bands":', '"__proto__":{"polluted":1},"bands":');
    const files: Record<string, unknown> = { ...packFiles(), 'approval.json': text };
    expect(issuesOf(files)).toEqual([{ code: 'FORBIDDEN_KEY', file: 'approval.json', path: ['__proto__'] }]);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  test('limits are configurable and reported with their own codes', () => {
    const files = packFiles();
    const r = safeLoadPolicy({ files: { ...files, 'approval.json': JSON.stringify(files['approval.json']) } }, { limits: { maxBytes: 500 } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.code, i.file])).toEqual([['JSON_TOO_LARGE', 'approval.json']]);
    let deep: any = { fact: 'nature', operator: 'equal', value: 'undetermined' };
    for (let i = 0; i < 70; i++) deep = { not: deep };
    files['liability.json'].rules[0].conditions = deep;
    expect(issuesOf(files)).toEqual([{ code: 'JSON_TOO_DEEP', file: 'liability.json', path: expect.any(Array) }]);
  });

  test('host facts and operators extend the condition language; unknown ones fail at load', () => {
    const files = packFiles();
    addTopRule(files, 'platinum', 'host fact', 'host', { all: [{ fact: 'loyaltyTier', operator: 'startsWith', value: 'plat' }] }, 'loyal customer');
    const missing = issuesOf(files);
    expect(missing).toEqual([
      { code: 'UNKNOWN_FACT', file: 'liability.json', path: ['rules', 0, 'conditions', 'all', 0, 'fact'] },
      { code: 'UNKNOWN_OPERATOR', file: 'liability.json', path: ['rules', 0, 'conditions', 'all', 0, 'operator'] },
    ]);
    const p = loadPolicy(
      { files },
      {
        facts: { loyaltyTier: { type: 'string', description: 'tier from the CRM', compute: (c: { complaint: { id: string } }) => (c.complaint.id.endsWith('P') ? 'platinum' : 'basic') } },
        operators: { startsWith: { factTypes: ['string'], valueShape: 'same', evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b), description: 'prefix' } },
      },
    );
    expect(p.decide(complaint({ id: 'C-P' }), { now: NOW }).liability.ruleId).toBe('platinum');
    expect(p.decide(complaint({ id: 'C-B' }), { now: NOW }).liability.ruleId).toBe('nonconforming-product');
  });

  test('host facts read now as a Date (the same one for every fact of a decision) and the liability outcome in the remedy stage', () => {
    const files = packFiles();
    addTopRule(files, 'friday', 'host fact on now', 'host', { all: [{ fact: 'weekdayUtc', operator: 'equal', value: 5 }, { fact: 'sameNow', operator: 'equal', value: true }] }, 'friday');
    const seen: Date[] = [];
    const p = loadPolicy(
      { files },
      {
        facts: {
          weekdayUtc: { type: 'number', description: 'UTC weekday of now', compute: (c: { now: Date }) => (seen.push(c.now), c.now.getUTCDay()) },
          sameNow: { type: 'boolean', description: 'now is the same Date when read again', compute: (c: { now: Date }) => c.now === seen[seen.length - 1] },
        },
      },
    );
    // 2026-11-20 is a Friday
    expect(p.decide(complaint(), { now: '2026-11-20T10:00:00+08:00' }).liability.ruleId).toBe('friday');
    expect(seen.at(-1)).toBeInstanceOf(Date);
    expect(seen.at(-1)!.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(p.decide(complaint(), { now: '2026-11-21T10:00:00+08:00' }).liability.ruleId).toBe('nonconforming-product');
    expect(seen.at(-1)!.toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(seen[0]).not.toBe(seen.at(-1)); // a new Date for each decision
  });

  test('a host operator cannot replace a built-in one', () => {
    const r = safeLoadPolicy('ecommerce', { operators: { equal: { factTypes: ['string'], valueShape: 'same', evaluate: () => true, description: 'x' } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.code)).toEqual(['DUPLICATE_ID']);
  });

  test('decimal helper sanity for fixtures', () => {
    expect(dec('1.10').eq(dec('1.1'))).toBe(true);
  });
});

describe('limits.maxRules', () => {
  /** The pack with its liability (and remedies) file copied out to `n` rules. */
  const filled = (file: 'liability.json' | 'remedies.json', n: number) => {
    const files = packFiles();
    const rules = files[file].rules as Array<{ id: string }>;
    const first = rules[0]!;
    for (let i = rules.length; i < n; i++) rules.push({ ...first, id: `copy-${i}` });
    return files;
  };

  test(`a liability file with ${DEFAULT_MAX_RULES + 1} rules is refused by default: JSON_TOO_LARGE at rules, its rules not read`, () => {
    const files = filled('liability.json', DEFAULT_MAX_RULES + 1);
    (files['liability.json'].rules as Array<Record<string, unknown>>)[5]!.priority = -3; // not reported: the file is not read further
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues).toEqual([
      { code: 'JSON_TOO_LARGE', file: 'liability.json', path: ['rules'], message: `1001 rules; the limit is ${DEFAULT_MAX_RULES} (load option limits.maxRules)` },
    ]);
  });

  test('the same file loads with a higher limit; exactly the limit loads', () => {
    const files = filled('liability.json', 1001);
    const p = loadPolicy({ files }, { limits: { maxRules: 1001 } });
    expect(p.liability!.doc.rules).toHaveLength(1001);
    expect(p.decide(complaint(), { now: NOW }).liability.ruleId).toBe(loadPolicy('ecommerce').decide(complaint(), { now: NOW }).liability.ruleId);
    expect(loadPolicy({ files: filled('liability.json', 1000) }).liability!.doc.rules).toHaveLength(1000);
  });

  test('remedies count too; a lower limit refuses both files of the bundled pack (17 and 13 rules) at once', () => {
    expect(issuesOf(filled('remedies.json', 1001))).toEqual([{ code: 'JSON_TOO_LARGE', file: 'remedies.json', path: ['rules'] }]);
    const r = safeLoadPolicy('ecommerce', { limits: { maxRules: 11 } });
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([
      ['JSON_TOO_LARGE', 'liability.json', ['rules'], '17 rules; the limit is 11 (load option limits.maxRules)'],
      ['JSON_TOO_LARGE', 'remedies.json', ['rules'], '13 rules; the limit is 11 (load option limits.maxRules)'],
    ]);
  });

  test.each([0, -1, 1.5, Number.NaN])('maxRules %s is a programming error (RangeError), not a pack problem', (maxRules) => {
    expect(() => safeLoadPolicy('ecommerce', { limits: { maxRules } })).toThrow(/limits.maxRules must be a positive integer/);
  });
});

describe('the other load limits', () => {
  const KEYS = ['maxBytes', 'maxDepth', 'maxFiles', 'maxTotalBytes', 'maxConditionDepth', 'maxConditionNodes', 'maxRules'] as const;
  const BAD: Array<[unknown, string]> = [[0, '0'], [-1, '-1'], [1.5, '1.5'], [Number.NaN, 'NaN'], [Infinity, 'Infinity'], ['100', '"100"'], [2 ** 53, '9007199254740992']];

  test.each(KEYS.flatMap((key) => BAD.map(([value, shown]) => [key, value, shown] as const)))(
    '%s = %s is a RangeError before anything is read (a NaN or 0 would switch the check off or refuse everything)',
    (key, value, shown) => {
      const load = () => safeLoadPolicy('ecommerce', { limits: { [key]: value } as never });
      expect(load).toThrow(RangeError);
      expect(load).toThrow(`limits.${key} must be a positive integer, got ${shown}`);
    },
  );

  test('a misspelt limit is a RangeError naming the limits, not ignored (the load would run with the default)', () => {
    const load = () => safeLoadPolicy('ecommerce', { limits: { maxRule: 5 } as never });
    expect(load).toThrow(RangeError);
    expect(load).toThrow('limits.maxRule is not a load limit; did you mean "maxRules"? (the limits: maxBytes, maxDepth, maxFiles, maxTotalBytes, maxConditionDepth, maxConditionNodes, maxRules)');
  });

  test.each([
    [null, 'load options must be an object (or left out), got null'],
    ['ecommerce', 'load options must be an object (or left out), got string'],
    [{ limits: null }, 'limits must be an object of limits (maxBytes, maxDepth, maxFiles, maxTotalBytes, maxConditionDepth, maxConditionNodes, maxRules), got null'],
    [{ limits: [] }, 'limits must be an object of limits (maxBytes, maxDepth, maxFiles, maxTotalBytes, maxConditionDepth, maxConditionNodes, maxRules), got an array'],
  ])('options %j are a TypeError with a message (was a bare "Cannot read properties of null")', (options, message) => {
    const load = () => safeLoadPolicy('ecommerce', options as never);
    expect(load).toThrow(TypeError);
    expect(load).toThrow(message);
  });

  test('compilePack checks them too (a host running the steps itself)', () => {
    const manifest = ManifestSchema.parse(packFiles()['manifest.json']);
    expect(() => compilePack(manifest, [], 'h', { limits: { maxConditionDepth: 0 } })).toThrow('limits.maxConditionDepth must be a positive integer, got 0');
  });

  test('in-memory files: a too-large text, a too-deep value and too many files each name the option to raise', () => {
    const files = packFiles();
    const approvalText = JSON.stringify(files['approval.json']);
    let deep: any = { fact: 'nature', operator: 'equal', value: 'undetermined' };
    for (let i = 0; i < 70; i++) deep = { not: deep };
    files['liability.json'].rules[0].conditions = deep;
    const r = safeLoadPolicy({ files: { ...files, 'approval.json': approvalText, 'extra.json': {} } }, { limits: { maxBytes: 500, maxFiles: 5 } });
    expect(r.success ? [] : r.error.issues.slice(0, 3).map((i) => [i.code, i.file, i.message])).toEqual([
      ['JSON_TOO_LARGE', '<pack>', 'the pack has 6 files, the limit is 5 (load option limits.maxFiles)'],
      ['JSON_TOO_LARGE', 'approval.json', `document is ${Buffer.byteLength(approvalText)} bytes, the limit is 500 (load option limits.maxBytes)`],
      ['JSON_TOO_DEEP', 'liability.json', 'nesting deeper than 64 levels (load option limits.maxDepth)'],
    ]);
  });

  test('a limit raised to fit loads the pack; the defaults are exported', () => {
    expect(safeLoadPolicy('ecommerce', { limits: { maxBytes: 15_000, maxTotalBytes: 41_000, maxFiles: 5, maxDepth: 12, maxConditionDepth: 4, maxRules: 17 } }).success).toBe(true);
  });
});

describe('a malformed condition is reported as the kind of condition it was meant to be', () => {
  test.each<[string, unknown, Array<[string, string]>]>([
    ['a misspelt fact key', { fcat: 'nature', operator: 'equal', value: 'x' }, [['fact', 'required (string)'], ['fcat', 'unknown key "fcat"; did you mean "fact"? (keys here: fact, operator, value, path, params, priority, name)']]],
    ['a misspelt all', { alll: [{ fact: 'nature', operator: 'equal', value: 'quality-defect' }] }, [['all', 'required (array)'], ['alll', 'unknown key "alll"; did you mean "all"? (keys here: all, priority, name)']]],
    ['a comparison without its value', { fact: 'nature', operator: 'equal' }, [['value', 'required']]],
    ['a not of a number', { not: 5 }, [['not', 'a condition is an object { … } with one of all / any / not / condition / fact, not 5']]],
    ['a condition name that is a number', { condition: 7 }, [['condition', 'expected a text in double quotes, not the number 7']]],
    ['all that is not a list', { all: 'x' }, [['all', 'expected a list [ … ], not the text "x"']]],
    ['a bad priority on any', { any: [], priority: 'x' }, [['priority', 'expected a number, not the text "x"']]],
    ['an extra key on a comparison', { fact: 'nature', operator: 'equal', value: 'x', extra: 1 }, [['extra', 'unknown key "extra" (keys here: fact, operator, value, path, params, priority, name)']]],
    ['a nested comparison without its value', { not: { fact: 'nature', operator: 'equal' } }, [['not.value', 'required']]],
  ])('%s', (_name, cond, want) => {
    const files = packFiles();
    files['liability.json'].rules[0].conditions = { all: [cond] };
    const r = safeLoadPolicy({ files });
    expect(r.success).toBe(false);
    if (r.success) return;
    const prefix = ['rules', 0, 'conditions', 'all', 0];
    expect(r.error.issues.map((i) => [i.code, i.file, i.path.slice(0, 5), i.path.slice(5).join('.'), i.message])).toEqual(
      want.map(([path, message]) => ['SCHEMA_VIOLATION', 'liability.json', prefix, path, message]),
    );
  });
});
