import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { baseComplaint, cli } from '../helpers.js';
import penaltyCases from './fixtures/penalty-boundaries.json' with { type: 'json' };

const fx = (name: string) => join(import.meta.dirname, 'fixtures', name);
const root = join(import.meta.dirname, '..', '..');

describe('aftersales loss', () => {
  test('--json prints the library result as is: { lines: [{ type, amount, formula, exact, clause }], total, exactTotal, warnings, trace }', async () => {
    const r = await cli(['loss', '--json', '--policy', 'manufacturer', fx('loss.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['lines', 'total', 'exactTotal', 'warnings', 'trace']);
    expect(out.lines.map(({ type, amount, formula, exact }: Record<string, string>) => ({ type, amount, formula, exact }))).toEqual([
      { type: 'claim', amount: '1200.00', formula: 'compensation actually paid: 1200.00', exact: '1200' },
      { type: 'allowance', amount: '300.00', formula: 'allowance actually granted: 300.00', exact: '300' },
      { type: 'return', amount: '852.00', formula: 'returned goods: quantity 120 × actual selling price 35.50 × 20% = 852.00', exact: '852' },
      { type: 'resend', amount: '500.00', formula: 'resent goods: quantity 10 × A-grade selling price 50.00 = 500.00', exact: '500' },
      { type: 'rework', amount: '420.00', formula: 'rework: labour 300.00 + handling and transport (incl. wastage) 120.00 = 420.00', exact: '420' },
    ]);
    expect([out.total, out.exactTotal, out.warnings]).toEqual(['3272.00', '3272', []]);
  });

  test('--json carries exactTotal, which explains a total the rounded lines do not add up to (the text prints it too)', async () => {
    const item = { type: 'return', quantity: 1, unitPrice: '0.03' };
    const files = { 'l.json': JSON.stringify({ items: [item, item, item] }) };
    const out = JSON.parse((await cli(['loss', '--json', 'l.json'], files)).stdout);
    expect(out.lines.map((l: Record<string, string>) => [l.amount, l.exact])).toEqual([['0.01', '0.006'], ['0.01', '0.006'], ['0.01', '0.006']]);
    expect([out.total, out.exactTotal]).toEqual(['0.02', '0.018']);
    expect(out.trace.at(-1)).toEqual({ step: 'rounding', id: 'total', clause: 'manifest.json settings.rounding', detail: 'total 0.018 rounded once half-up to 0.02' });
    expect((await cli(['loss', 'l.json'], files)).stdout.split('\n').at(-2)).toBe('  total   0.02  (exact 0.018, rounded once)');
  });

  test('readable by default', async () => {
    const r = await cli(['loss', fx('loss.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Loss — manufacturer 2.2.0 (rounding half-up)

        claim      1200.00  compensation actually paid: 1200.00
        allowance   300.00  allowance actually granted: 300.00
        return      852.00  returned goods: quantity 120 × actual selling price 35.50 × 20% = 852.00
        resend      500.00  resent goods: quantity 10 × A-grade selling price 50.00 = 500.00
        rework      420.00  rework: labour 300.00 + handling and transport (incl. wastage) 120.00 = 420.00
        ─────────  ───────
        total      3272.00
      "
    `);
  });

  test('money as a JSON number → exit 1, the issue with file and path on stderr, nothing on stdout', async () => {
    const r = await cli(['loss', '--json', '--policy', 'manufacturer', 'loss.json'], { 'loss.json': '{ "items": [ { "type": "claim", "amount": 1200.5 } ] }' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'aftersales loss: INVALID_INPUT\n  loss.json $.items[0].amount: INVALID_INPUT money must be a decimal string such as "299.00", not the JSON number 1200.5\n',
    );
  });

  test('a return over the tolerance is reported on stderr and in the line', async () => {
    const r = await cli(['loss', '--json', 'l.json'], { 'l.json': JSON.stringify({ items: [{ type: 'return', quantity: 101, unitPrice: '10.00', approvedQuantity: 100 }] }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: item 0 (return): returned 101 exceeds approved 100 by more than 0% (pack default), i.e. more than 100: ask for an instruction before booking\n');
    expect(JSON.parse(r.stdout).lines[0].reconciliation.status).toBe('over-tolerance');
  });
});

describe('aftersales penalty', () => {
  test.each(penaltyCases.cases)('--amount $amount → $band', async (c) => {
    const r = await cli(['penalty', '--json', '--policy', 'manufacturer', '--amount', c.amount]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['amount', 'band', 'range', 'clause', 'sanction', 'orMore', 'supervisor', 'fine', 'trace']);
    expect(out.band).toBe(c.band);
    expect(out.sanction).toEqual(c.sanction);
    expect(out.supervisor.jointPenalty).toBe(c.jointPenalty);
    if (c.jointPenalty) expect(out.supervisor).toEqual({ jointPenalty: true, levelsLower: 1, band: c.supervisorBand, sanction: c.supervisorSanction });
  });

  test('the fine is a rule and, when computable, an amount', async () => {
    const a = JSON.parse((await cli(['penalty', '--json', '--amount', '60000.00'])).stdout);
    expect(a.fine).toEqual({ id: 'fine-reprimand', rule: 'at least 400.00 per reprimand: 400.00 × 2 = 800.00', amount: '800.00', atLeast: true });
    const b = JSON.parse((await cli(['penalty', '--json', '--amount', '150000.00', '--base-points', '2.5'])).stdout);
    expect(b.fine.amount).toBe('2000.00');
    const c = JSON.parse((await cli(['penalty', '--json', '--amount', '500000.00'])).stdout);
    expect(c.fine).toMatchObject({ amount: null, missing: ['monthlyBonus'] });
    const d = JSON.parse((await cli(['penalty', '--json', '--amount', '500000.00', '--monthly-bonus', '8000.00'])).stdout);
    expect(d.fine.amount).toBe('8000.00');
  });

  test('--json carries what the text shows: amount, range, clause and orMore ("×2 or more")', async () => {
    const r = await cli(['penalty', '--json', '--amount', '1000000.01']);
    const out = JSON.parse(r.stdout);
    expect({ ...out, fine: undefined, trace: undefined }).toEqual({
      amount: '1000000.01',
      band: 'major-demerit-2-or-more',
      range: 'over 1000000.00 and above',
      clause: 'seed 003 art.3 行政处罚准则 (三)',
      sanction: { type: 'major-demerit', count: 2 },
      orMore: true,
      supervisor: { jointPenalty: true, levelsLower: 1, band: 'major-demerit-1', sanction: { type: 'major-demerit', count: 1 } },
    });
    expect((await cli(['penalty', '--amount', '1000000.01'])).stdout.split('\n')[1]).toBe('Sanction: major demerit ×2 or more');
    expect(JSON.parse((await cli(['penalty', '--json', '--amount', '10000.01'])).stdout)).toMatchObject({ amount: '10000.01', orMore: false, range: 'over 10000.00 up to 50000.00' });
  });

  test('readable by default', async () => {
    const r = await cli(['penalty', '--amount', '100000.01', '--base-points', '3']);
    expect(r.stdout).toMatchInlineSnapshot(`
      "Liability amount 100000.01: band minor-demerit-1 (over 100000.00 up to 200000.00)
      Sanction: minor demerit ×1
      Supervisor: joint penalty, normally one level lower: reprimand ×2 (band reprimand-2)
      Fine (fine-minor-demerit): at least 800.00 per base point per minor demerit: 800.00 × 3 base points × 1 = 2400.00 → 2400.00 at least
      Clause: seed 003 art.3 行政处罚准则 (三)
      "
    `);
  });

  test('a bad flag value is a usage error naming the flag (exit 2), as a missing --amount is', async () => {
    const bad = await cli(['penalty', '--json', '--amount', '1e5']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toBe('aftersales penalty: CLI_USAGE --amount: money must be a decimal string with at most two decimals, such as "299.00" (got "1e5")');
    const points = await cli(['penalty', '--amount', '1.00', '--base-points=-3']);
    expect(points.code).toBe(2);
    expect(points.stderr.split('\n')[0]).toMatch(/^aftersales penalty: CLI_USAGE --base-points: /);
    const missing = await cli(['penalty', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('penalty needs --amount <decimal>');
  });
});

describe('aftersales deduction', () => {
  test('--json prints the library result as is: { total, exact, monthlyCap, schedule, trace } under the cap, summing to the total', async () => {
    const r = await cli(['deduction', '--json', '--policy', 'manufacturer', fx('deduction.json')]);
    expect(r.code).toBe(0);
    expect({ ...JSON.parse(r.stdout), trace: undefined }).toEqual({
      total: '6000.00',
      exact: '6000',
      monthlyCap: '2000.00',
      schedule: [
        { month: '2026-11', amount: '2000.00' },
        { month: '2026-12', amount: '2000.00' },
        { month: '2027-01', amount: '2000.00' },
      ],
    });
  });

  test('--json carries exact and monthlyCap, as the text does', async () => {
    const files = { 'd.json': '{ "unitLoss": "1000.00", "unitBasePoints": "3", "personBasePoints": "1", "monthlyBonus": "333.33", "startMonth": "2026-12" }' };
    const out = JSON.parse((await cli(['deduction', '--json', 'd.json'], files)).stdout);
    expect(Object.keys(out)).toEqual(['total', 'exact', 'monthlyCap', 'schedule', 'trace']);
    expect([out.total, out.exact, out.monthlyCap]).toEqual(['333.33', '333.3333333333333333333333333333333333333333', '166.66']);
  });

  test('readable by default', async () => {
    const r = await cli(['deduction', 'd.json'], { 'd.json': '{ "unitLoss": "1000.00", "unitBasePoints": "3", "personBasePoints": "1", "monthlyBonus": "333.33", "startMonth": "2026-12" }' });
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Deduction 333.33 (exact 333.3333333333333333333333333333333333333333, rounded once), at most 166.66 a month (3 instalments)',
      '  2026-12  166.66',
      '  2027-01  166.66',
      '  2027-02    0.01',
    ]);
  });

  test('invalid input → exit 1, path on stderr, nothing on stdout', async () => {
    const r = await cli(['deduction', '--json', 'd.json'], { 'd.json': '{ "unitLoss": "1.00", "unitBasePoints": "0", "personBasePoints": "0", "monthlyBonus": "1.00", "startMonth": "2026-12" }' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("aftersales deduction: INVALID_INPUT\n  d.json $.unitBasePoints: INVALID_INPUT the unit's total base points must be above 0\n");
  });
});

describe('aftersales deduction: alreadyScheduled and all problems at once', () => {
  test('alreadyScheduled in the input file: the case fills only what is left of each month\'s cap', async () => {
    const text = '{ "unitLoss": "15000.00", "unitBasePoints": "10", "personBasePoints": "2", "monthlyBonus": "4000.00", "startMonth": "2026-11", "alreadyScheduled": { "2026-11": "2000.00", "2026-12": "1500.00" } }';
    const r = await cli(['deduction', 'd.json'], { 'd.json': text });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['Deduction 3000.00, at most 2000.00 a month (3 instalments)', '  2026-12   500.00', '  2027-01  2000.00', '  2027-02   500.00']);
    const json = JSON.parse((await cli(['deduction', '--json', 'd.json'], { 'd.json': text })).stdout);
    expect(json.schedule).toEqual([
      { month: '2026-12', amount: '500.00' },
      { month: '2027-01', amount: '2000.00' },
      { month: '2027-02', amount: '500.00' },
    ]);
  });

  test('a repeated key, a bad month key and unit base points 0 are reported together, exit 1', async () => {
    const text = '{ "unitLoss": "1.00", "unitLoss": "1.00", "unitBasePoints": "0", "personBasePoints": "0", "monthlyBonus": "1.00", "startMonth": "2026-12", "alreadyScheduled": { "2026-1": "1.00" } }';
    const r = await cli(['deduction', '--json', 'd.json'], { 'd.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ').slice(0, 3).join(' '))).toEqual([
      'd.json $.unitLoss: DUPLICATE_KEY',
      'd.json $.alreadyScheduled["2026-1"]: INVALID_INPUT',
      'd.json $.unitBasePoints: INVALID_INPUT',
    ]);
  });
});

describe('aftersales allocate', () => {
  test('--json prints the library result as is: { amount, allocations: [{ id, ratio, amount }], trace } summing exactly to the amount', async () => {
    const r = await cli(['allocate', '--json', fx('allocation.json')]);
    expect(r.code).toBe(0);
    expect({ ...JSON.parse(r.stdout), trace: undefined }).toEqual({
      amount: '100.00',
      allocations: [
        { id: 'smt-line-2', ratio: '1', amount: '33.33' },
        { id: 'qa-inspection', ratio: '1', amount: '33.34' },
        { id: 'warehouse', ratio: '1', amount: '33.33' },
      ],
    });
    expect(JSON.parse(r.stdout).trace[1]).toEqual({
      step: 'allocation',
      id: 'qa-inspection',
      clause: 'seed 003 art.3 行政处罚准则 (二)',
      detail: '100.00 × 1/3 → 33.34 (includes one remainder fen: largest remainder, ties to the smaller id)',
    });
  });

  test('--policy is refused with a usage error saying why (it never changed anything: no rounding applies to two-decimal amounts split in whole fen)', async () => {
    for (const pack of ['manufacturer', 'ecommerce']) {
      const r = await cli(['allocate', '--json', '--policy', pack, fx('allocation.json')]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr.split('\n')[0]).toBe(
        'aftersales allocate: CLI_USAGE allocate uses no pack and takes no --policy: amounts have at most two decimals and shares are whole fen, so no rounding mode applies (--policy never changed the result)',
      );
    }
    const help = (await cli(['allocate', '--help'])).stdout;
    expect(help.split('\n').slice(0, 4)).toEqual([
      'aftersales allocate [--json] <allocation.json | ->',
      '  Input: { "amount": "1000.00", "shares": [ { "id": "smt-2", "ratio": "0.6" }, { "id": "qa", "ratio": "0.4" } ] }',
      '  Ratios are relative weights. Uses no pack: the amount has at most two decimals and the shares are whole fen,',
      '  so nothing is rounded (--policy and the load-limit flags are refused).',
    ]);
    expect(help).not.toContain('rounding mode');
  });

  test('readable by default; repeated ids → exit 1', async () => {
    expect((await cli(['allocate', fx('allocation.json')])).stdout).toBe('Allocation of 100.00\n  smt-line-2     33.33  ratio 1\n  qa-inspection  33.34  ratio 1\n  warehouse      33.33  ratio 1\n');
    const r = await cli(['allocate', 'a.json'], { 'a.json': '{ "amount": "1.00", "shares": [ { "id": "a", "ratio": 1 }, { "id": "a", "ratio": 1 } ] }' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('a.json $.shares[1].id: INVALID_INPUT share id "a" is already used by share 0');
  });
});

describe('aftersales validate / evaluate with the manufacturer pack', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function packWith(edit: (penalties: any) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-manufacturer-'));
    dirs.push(dir);
    cpSync(join(root, 'rules', 'manufacturer'), dir, { recursive: true });
    const file = join(dir, 'penalties.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    edit(doc);
    writeFileSync(file, JSON.stringify(doc));
    return dir;
  }

  test('the bundled pack is valid', async () => {
    const r = await cli(['validate', 'manufacturer']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ manufacturer 2\.2\.0 is valid \(bundled pack; \d+ rule files, hash [0-9a-f]{12}\)\n$/);
  });

  test('a gap in the penalty bands fails with both band ids in the message', async () => {
    const r = await cli(['validate', packWith((d) => (d.bands[1].over = '10001.00'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'penalties.json $.bands[1].over: BAND_GAP gap between band "self-criticism" (up to 10000.00) and band "reprimand-1" (over 10001.00): amounts above 10000.00 up to 10001.00 fall in no band',
    );
  });

  test('an overlap fails with both band ids in the message (--json)', async () => {
    const r = await cli(['validate', '--json', packWith((d) => (d.bands[4].over = '150000.00'))]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: false,
      issues: [
        {
          code: 'BAND_OVERLAP',
          file: 'penalties.json',
          path: ['bands', 4, 'over'],
          message: 'band "minor-demerit-1" (up to 200000.00) overlaps band "minor-demerit-2" (over 150000.00)',
        },
      ],
    });
  });

  test('evaluate works with --policy manufacturer', async () => {
    const r = await cli(['evaluate', '--json', '--policy', 'manufacturer', 'c.json'], { 'c.json': JSON.stringify(baseComplaint()) });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.audit.packId).toBe('manufacturer');
    expect(d.liability.ruleId).toBe('nonconforming-product');
    expect(d.remedies.map((x: { type: string }) => x.type)).toEqual(['exchange', 'refund', 'allowance', 'rework', 'claim', 'technical-guidance']);
  });

  test('--help lists the four commands', async () => {
    const r = await cli(['--help']);
    for (const c of ['loss', 'penalty', 'deduction', 'allocate']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });
});
