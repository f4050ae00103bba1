import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calculateLoss, dec, InputError, loadPolicy, PolicyError, reconcileReturn, resaleLoss, safeLoadPolicy, type PolicyIssue } from '../../src/index.js';
import { packFiles } from '../packs.js';
import { thrown } from '../helpers.js';

const policy = loadPolicy('manufacturer');


function lossModelIssues(edit: (doc: any) => void): PolicyIssue[] {
  const files = packFiles('manufacturer');
  edit(files['lossmodel.json']);
  const r = safeLoadPolicy({ files });
  return r.success ? [] : [...r.error.issues];
}

describe('loss calculation (seed 003 art.3 客户投诉损失金额核算标准)', () => {
  test('every loss type, itemised with its formula in words, and the total', () => {
    const r = calculateLoss(policy, {
      items: [
        { type: 'claim', amount: '1200.00' },
        { type: 'allowance', amount: '300.00' },
        { type: 'return', quantity: 120, unitPrice: '35.50' },
        { type: 'resend', quantity: 10, aGradeUnitPrice: '50.00' },
        { type: 'rework', labour: '300.00', handling: '120.00' },
      ],
    });
    expect(r.lines.map(({ type, amount, formula }) => ({ type, amount, formula }))).toEqual([
      { type: 'claim', amount: '1200.00', formula: 'compensation actually paid: 1200.00' },
      { type: 'allowance', amount: '300.00', formula: 'allowance actually granted: 300.00' },
      { type: 'return', amount: '852.00', formula: 'returned goods: quantity 120 × actual selling price 35.50 × 20% = 852.00' },
      { type: 'resend', amount: '500.00', formula: 'resent goods: quantity 10 × A-grade selling price 50.00 = 500.00' },
      { type: 'rework', amount: '420.00', formula: 'rework: labour 300.00 + handling and transport (incl. wastage) 120.00 = 420.00' },
    ]);
    expect(r.total).toBe('3272.00');
    expect(r.warnings).toEqual([]);
    expect(r.trace.map((t) => [t.step, t.id])).toEqual([
      ['loss-type', 'claim'],
      ['loss-type', 'allowance'],
      ['loss-type', 'return'],
      ['loss-type', 'resend'],
      ['loss-type', 'rework'],
      ['rounding', 'total'],
    ]);
    expect(r.lines[2]!.clause).toBe('seed 003 art.3 损失金额核算标准 退回');
  });

  test.each([
    [{ type: 'return', quantity: 1, unitPrice: '0.01' }, '0.00', '0.002'],
    [{ type: 'return', quantity: 3, unitPrice: '33.33' }, '20.00', '19.998'],
    [{ type: 'return', quantity: 7, unitPrice: '0.05' }, '0.07', '0.07'],
    [{ type: 'rework', labour: '10.10', handling: '0.20', wastage: '0.03' }, '10.33', '10.33'],
    [{ type: 'resend', quantity: 1_000_000_000, aGradeUnitPrice: '999999999999999.99' }, '999999999999999990000000.00', '999999999999999990000000'],
    [{ type: 'claim', amount: '999999999999999.99' }, '999999999999999.99', '999999999999999.99'],
  ])('%o → %s (exact %s)', (item, amount, exact) => {
    const r = calculateLoss(policy, { items: [item] });
    expect(r.lines[0]!.amount).toBe(amount);
    expect(r.lines[0]!.exact).toBe(exact);
    expect(r.total).toBe(amount);
  });

  test('one rounding at the end: the total is the exact sum rounded once, not the sum of rounded lines', () => {
    const item = () => ({ type: 'return', quantity: 3, unitPrice: '33.33' }); // 19.998 each
    const r = calculateLoss(policy, { items: [item(), item(), item()] });
    expect(r.lines.map((l) => l.amount)).toEqual(['20.00', '20.00', '20.00']);
    expect(r.lines[0]!.formula).toBe('returned goods: quantity 3 × actual selling price 33.33 × 20% = 19.998 (20.00 rounded half-up)');
    expect(r.exactTotal).toBe('59.994');
    expect(r.total).toBe('59.99');
  });

  test('the pack declares the rounding mode: half-up rounds 0.125 to 0.13, half-even to 0.12', () => {
    const files = packFiles('manufacturer');
    files['lossmodel.json'].types[0].rate = '0.5';
    const up = loadPolicy({ files });
    files['manifest.json'].settings.rounding = 'half-even';
    const even = loadPolicy({ files });
    const input = { items: [{ type: 'claim', amount: '0.25' }] };
    expect(calculateLoss(up, input).total).toBe('0.13');
    expect(calculateLoss(even, input).total).toBe('0.12');
    expect(calculateLoss(up, input).lines[0]!.formula).toBe('compensation actually paid: 0.25 × 50% = 0.125 (0.13 rounded half-up)');
  });

  test('invalid items are all reported at once with their JSON paths', () => {
    const e = thrown(() =>
      calculateLoss(policy, {
        items: [
          { type: 'claim', amount: 1200 },
          { type: 'scrap', amount: '1.00' },
          { type: 'return', quantity: 1.5, unitPrice: '1.00' },
          { type: 'resend', quantity: 1, unitPrice: '1.00' },
          { type: 'rework', labour: '1.00', handling: '1.00', note: 'x' },
        ],
      }),
    );
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 0, 'amount'], message: 'money must be a decimal string such as "299.00", not the JSON number 1200' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 1, 'type'], message: 'unknown loss type "scrap"; pack "manufacturer" has: claim, allowance, return, resend, rework' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 2, 'quantity'], message: 'must be a positive whole number' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 3, 'aGradeUnitPrice'], message: 'required' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 3, 'unitPrice'], message: 'unknown key "unitPrice"' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 4, 'note'], message: 'unknown key "note"' },
    ]);
  });

  test('every problem at once: an unknown top-level key, a bad or late resale date and a polluting key hide no item\'s problem, and nothing is reported twice', () => {
    const items = [
      { type: 'claim', amount: 1200 },
      { type: 'bogus' },
      { type: 'return', quantity: 1.5, unitPrice: 'x' },
      { type: '' },
      'not an item',
      { type: 'claim', amount: '1.00' },
    ];
    const heads = (input: unknown) => thrown(() => calculateLoss(policy, input)).issues.map((i) => [i.code, i.file, i.path]);
    const itemProblems = [
      ['INVALID_INPUT', '<input>', ['items', 0, 'amount']],
      ['INVALID_INPUT', '<input>', ['items', 1, 'type']],
      ['INVALID_INPUT', '<input>', ['items', 2, 'quantity']],
      ['INVALID_INPUT', '<input>', ['items', 2, 'unitPrice']],
    ];
    // the schema's problems first (items 3 and 4 are its: no loss type to check them against), then each item's
    const schemaItems = [
      ['INVALID_INPUT', '<input>', ['items', 3, 'type']],
      ['INVALID_INPUT', '<input>', ['items', 4]],
    ];
    expect(heads({ items, extra: 1 })).toEqual([...schemaItems, ['INVALID_INPUT', '<input>', ['extra']], ...itemProblems]);
    expect(heads({ items, resale: { decidedOn: '2026-13-01', aGradeValue: '1.00' } })).toEqual([...schemaItems, ['INVALID_INPUT', '<input>', ['resale', 'decidedOn']], ...itemProblems]);
    // a window ending after 9999 (known from a valid decidedOn alone) comes with the resale facts' other problems and the items'
    const late = thrown(() => calculateLoss(policy, { items: items.slice(0, 3), resale: { decidedOn: '9999-12-15', aGradeValue: 5000 } }));
    expect(late.issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['resale', 'aGradeValue'], message: 'money must be a decimal string such as "299.00", not the JSON number 5000' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 0, 'amount'], message: 'money must be a decimal string such as "299.00", not the JSON number 1200' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 1, 'type'], message: 'unknown loss type "bogus"; pack "manufacturer" has: claim, allowance, return, resend, rework' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 2, 'quantity'], message: 'must be a positive whole number' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 2, 'unitPrice'], message: 'money must be a decimal string with at most two decimals, such as "299.00" (got "x")' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['resale', 'decidedOn'], message: 'the 1-month resale window from 9999-12-15 would end after the year 9999, the last a date may name' },
    ]);
    const polluted = JSON.parse('{"items":[{"type":"claim","amount":1,"__proto__":{"x":1}}],"extra":1}');
    expect(heads(polluted)).toEqual([
      ['FORBIDDEN_KEY', '<input>', ['items', 0, '__proto__']],
      ['INVALID_INPUT', '<input>', ['extra']],
      ['INVALID_INPUT', '<input>', ['items', 0, 'amount']],
    ]);
  });

  test('no items, or a polluting key → refused', () => {
    expect(thrown(() => calculateLoss(policy, { items: [] })).issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['items']]]);
    const polluted = JSON.parse('{"items":[{"type":"claim","amount":"1.00","__proto__":{"x":1}}]}');
    expect(thrown(() => calculateLoss(policy, polluted)).issues.map((i) => [i.code, i.path])).toEqual([['FORBIDDEN_KEY', ['items', 0, '__proto__']]]);
  });

  test('a pack without a LossModel → KIND_MISSING', () => {
    expect(thrown(() => calculateLoss(loadPolicy('ecommerce'), { items: [{ type: 'claim', amount: '1.00' }] })).code).toBe('KIND_MISSING');
  });

  test('property: the total never depends on the order of the items and equals an integer oracle', () => {
    const arbItem = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 12n }).map((f) => ({ type: 'claim', amount: dec(f.toString()).div(100).toFixed(2) })),
      fc.record({ q: fc.integer({ min: 1, max: 100_000 }), p: fc.bigInt({ min: 0n, max: 10n ** 9n }) }).map(({ q, p }) => ({ type: 'return', quantity: q, unitPrice: dec(p.toString()).div(100).toFixed(2) })),
      fc.record({ q: fc.integer({ min: 1, max: 100_000 }), p: fc.bigInt({ min: 0n, max: 10n ** 9n }) }).map(({ q, p }) => ({ type: 'resend', quantity: q, aGradeUnitPrice: dec(p.toString()).div(100).toFixed(2) })),
    );
    // thousandths of a yuan: claim fen × 10; return q × fen × 2; resend q × fen × 10
    const milli = (i: any): bigint => {
      if (i.type === 'claim') return BigInt(dec(i.amount).times(1000).toFixed(0));
      if (i.type === 'return') return BigInt(i.quantity) * BigInt(dec(i.unitPrice).times(100).toFixed(0)) * 2n;
      return BigInt(i.quantity) * BigInt(dec(i.aGradeUnitPrice).times(1000).toFixed(0));
    };
    fc.assert(
      fc.property(
        fc.array(arbItem, { minLength: 1, maxLength: 8 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))),
        ([items, shuffled]) => {
          const a = calculateLoss(policy, { items });
          expect(calculateLoss(policy, { items: shuffled }).total).toBe(a.total);
          const m = items.reduce((s, i) => s + milli(i), 0n);
          const fen = (m + 5n) / 10n; // half-up, m ≥ 0
          expect(a.total).toBe(dec(fen.toString()).div(100).toFixed(2));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('resale window (行政处罚准则 一)', () => {
  const base = { decidedOn: '2026-01-31', aGradeValue: '5000.00', actualLoss: '3000.00' };
  test.each([
    [{ on: '2026-02-28', amount: '4200.00' }, '2026-02-28', true, 'shortfall', '800.00'],
    [{ on: '2026-01-15', amount: '4200.00' }, '2026-02-28', true, 'shortfall', '800.00'],
    [{ on: '2026-03-01', amount: '4200.00' }, '2026-02-28', false, 'actual-loss', '3000.00'],
    [{ on: '2026-02-10', amount: '5100.00' }, '2026-02-28', true, 'shortfall', '0.00'],
    [undefined, '2026-02-28', false, 'actual-loss', '3000.00'],
  ])('resold %o → window ends %s, within %s, %s %s', (resold, windowEnds, withinWindow, basis, loss) => {
    const r = resaleLoss(policy, { ...base, ...(resold ? { resold } : {}) });
    expect(r).toMatchObject({ windowEnds, withinWindow, basis, loss, resold: !!resold, clause: 'seed 003 art.3 行政处罚准则 (一)' });
  });

  test('the month is a calendar month: leap years and month ends', () => {
    expect(resaleLoss(policy, { ...base, decidedOn: '2028-01-31' }).windowEnds).toBe('2028-02-29');
    expect(resaleLoss(policy, { ...base, decidedOn: '2026-12-15' }).windowEnds).toBe('2027-01-15');
  });

  test('a window may end on 9999-12-31; one that would end later → INVALID_INPUT at decidedOn (never a five-digit year compared as text)', () => {
    const r = resaleLoss(policy, { ...base, decidedOn: '9999-11-30', resold: { on: '9999-12-20', amount: '4200.00' } });
    expect(r).toMatchObject({ windowEnds: '9999-12-30', withinWindow: true, basis: 'shortfall', loss: '800.00' });
    const message = 'the 1-month resale window from 9999-12-15 would end after the year 9999, the last a date may name';
    const late = { decidedOn: '9999-12-15', aGradeValue: '5000.00', resold: { on: '9999-12-20', amount: '4200.00' } };
    const e = thrown(() => resaleLoss(policy, { ...late, actualLoss: '3000.00' }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['decidedOn'], message }]);
    const e2 = thrown(() => calculateLoss(policy, { items: [{ type: 'claim', amount: '3000.00' }], resale: late }));
    expect(e2).toBeInstanceOf(InputError);
    expect(e2.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['resale', 'decidedOn'], message }]);
  });

  test('resaleLoss: a window ending after 9999 comes with the input\'s other problems', () => {
    const e = thrown(() => resaleLoss(policy, { decidedOn: '9999-12-15', aGradeValue: '5000.00', actualLoss: 3000, resold: { on: '9999-13-01', amount: '1.00' } }));
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([
      ['INVALID_INPUT', ['resold', 'on']],
      ['INVALID_INPUT', ['actualLoss']],
      ['INVALID_INPUT', ['decidedOn']],
    ]);
    expect(e.issues.at(-1)!.message).toBe('the 1-month resale window from 9999-12-15 would end after the year 9999, the last a date may name');
  });

  test('formulas in words', () => {
    expect(resaleLoss(policy, { ...base, resold: { on: '2026-02-28', amount: '4200.00' } }).formula).toBe(
      'resold on 2026-02-28, within the 1 month window ending 2026-02-28: A-grade value 5000.00 − resale 4200.00 = 800.00',
    );
    expect(resaleLoss(policy, base).formula).toBe('not resold within the 1 month window ending 2026-02-28: the actual loss 3000.00 counts');
  });

  test('calculateLoss with resale uses the exact items total as the actual loss', () => {
    const r = calculateLoss(policy, { items: [{ type: 'return', quantity: 3, unitPrice: '33.33' }], resale: { decidedOn: '2026-03-01', aGradeValue: '100.00' } });
    expect(r.resale).toMatchObject({ basis: 'actual-loss', loss: '20.00', windowEnds: '2026-04-01' });
    expect(r.trace.at(-1)!.step).toBe('resale');
  });

  test('an impossible date → INVALID_INPUT at its path', () => {
    const e = thrown(() => resaleLoss(policy, { ...base, resold: { on: '2026-02-30', amount: '1.00' } }));
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['resold', 'on'], message: 'must be a calendar date YYYY-MM-DD (years 1000–9999), such as "2026-03-31" (got "2026-02-30")' }]);
  });
});

describe('returned quantity reconciliation (§十三.2)', () => {
  test.each([
    [100, 100, undefined, 'match', 100],
    [100, 90, undefined, 'under', 90],
    [100, 101, undefined, 'over-tolerance', null],
    [100, 105, '0.05', 'over-within-tolerance', 105],
    [100, 106, '0.05', 'over-tolerance', null],
    [3, 4, '0.333333', 'over-tolerance', null],
    [3, 4, '0.34', 'over-within-tolerance', 4],
  ] as const)('approved %i, returned %i, tolerance %s → %s, book %s', (approvedQuantity, returnedQuantity, tol, status, booked) => {
    const r = reconcileReturn(policy, { approvedQuantity, returnedQuantity, ...(tol ? { overDeliveryTolerance: tol } : {}) });
    expect(r.status).toBe(status);
    expect(r.bookedQuantity).toBe(booked);
    expect(r.toleranceSource).toBe(tol ? 'customer' : 'pack');
  });

  test('a return item with approvedQuantity carries the reconciliation and warns over the tolerance', () => {
    const r = calculateLoss(policy, { items: [{ type: 'return', quantity: 110, unitPrice: '10.00', approvedQuantity: 100, overDeliveryTolerance: '0.05' }] });
    expect(r.lines[0]!.amount).toBe('220.00');
    expect(r.lines[0]!.reconciliation).toMatchObject({ status: 'over-tolerance', acceptedUpTo: '105', bookedQuantity: null });
    expect(r.warnings).toEqual(['item 0 (return): returned 110 exceeds approved 100 by more than 5% (the customer\'s stated tolerance), i.e. more than 105: ask for an instruction before booking']);
  });

  test('an over-delivery tolerance without approvedQuantity → INVALID_INPUT (it would be silently ignored)', () => {
    const e = thrown(() => calculateLoss(policy, { items: [{ type: 'claim', amount: '1.00' }, { type: 'return', quantity: 110, unitPrice: '10.00', overDeliveryTolerance: '0.05' }] }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([
      {
        code: 'INVALID_INPUT',
        file: '<input>',
        path: ['items', 1, 'overDeliveryTolerance'],
        message: 'an over-delivery tolerance needs approvedQuantity, the quantity to reconcile the returned quantity against',
      },
    ]);
  });

  test('a tolerance without approvedQuantity is reported with the item\'s other problems, not only once they are fixed', () => {
    const needs = 'an over-delivery tolerance needs approvedQuantity, the quantity to reconcile the returned quantity against';
    const e = thrown(() => calculateLoss(policy, { items: [{ type: 'return', quantity: 1.5, unitPrice: '10.00', overDeliveryTolerance: '0.05' }] }));
    expect(e.issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 0, 'quantity'], message: 'must be a positive whole number' },
      { code: 'INVALID_INPUT', file: '<input>', path: ['items', 0, 'overDeliveryTolerance'], message: needs },
    ]);
    // an approvedQuantity given but refused is not missing; a refused tolerance says its own problem once
    const given = thrown(() => calculateLoss(policy, { items: [{ type: 'return', quantity: 1.5, unitPrice: '10.00', approvedQuantity: 0, overDeliveryTolerance: '0.05' }] }));
    expect(given.issues.map((i) => i.path.join('.'))).toEqual(['items.0.quantity', 'items.0.approvedQuantity']);
    const refused = thrown(() => calculateLoss(policy, { items: [{ type: 'return', quantity: 1.5, unitPrice: '10.00', overDeliveryTolerance: '5%' }] }));
    expect(refused.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['items.0.quantity', 'must be a positive whole number'],
      ['items.0.overDeliveryTolerance', 'a rate is a decimal string, not a percentage: 5% is "0.05"'],
    ]);
  });

  test('approvedQuantity is only accepted by reconciling types', () => {
    expect(thrown(() => calculateLoss(policy, { items: [{ type: 'resend', quantity: 1, aGradeUnitPrice: '1.00', approvedQuantity: 1 }] })).issues[0]!.path).toEqual([
      'items',
      0,
      'approvedQuantity',
    ]);
  });
});

describe('LossModel validation', () => {
  test('the bundled loss model is valid', () => {
    expect(lossModelIssues(() => {})).toEqual([]);
  });

  test('a repeated loss type id → DUPLICATE_ID', () => {
    expect(lossModelIssues((d) => (d.types[1].id = 'claim'))).toEqual([
      { code: 'DUPLICATE_ID', file: 'lossmodel.json', path: ['types', 1, 'id'], message: 'loss type id "claim" is already used by type 0' },
    ]);
  });

  test('quantity-price needs a price basis; an unknown method is refused', () => {
    expect(lossModelIssues((d) => delete d.types[2].price).map((i) => [i.code, i.path])).toEqual([['SCHEMA_VIOLATION', ['types', 2, 'price']]]);
    expect(lossModelIssues((d) => (d.types[0].method = 'guess')).map((i) => [i.code, i.path])).toEqual([['SCHEMA_VIOLATION', ['types', 0, 'method']]]);
  });

  test('a rate must be a decimal string', () => {
    expect(lossModelIssues((d) => (d.types[2].rate = 0.2)).map((i) => [i.code, i.path])).toEqual([['SCHEMA_VIOLATION', ['types', 2, 'rate']]]);
  });

  test('a reconciling type needs the returnReconciliation section', () => {
    expect(lossModelIssues((d) => delete d.returnReconciliation)).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        file: 'lossmodel.json',
        path: ['types', 2, 'reconcile'],
        message: 'loss type "return" reconciles returned quantities but the file has no "returnReconciliation" section (default tolerance)',
      },
    ]);
  });
});
