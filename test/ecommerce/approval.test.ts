import { describe, expect, test } from 'vitest';
import { describeBand, loadPolicy } from '../../src/index.js';
import { packFiles } from '../packs.js';
import { complaint, NOW } from '../helpers.js';

const policy = loadPolicy('ecommerce');

describe('ecommerce approval authority (seed 003 art.3 §十一)', () => {
  test.each([
    ['0.00', 'manager', 'manager'],
    ['99999.99', 'manager', 'manager'],
    ['100000.00', 'manager', 'manager'],
    ['100000.01', 'deputy-general-manager', 'deputy-general-manager'],
    ['150000.00', 'deputy-general-manager', 'deputy-general-manager'],
    ['150000.01', 'general-manager', 'general-manager'],
    ['999999999999.99', 'general-manager', 'general-manager'],
  ])('claim %s → %s', (amount, bandId, approver) => {
    const d = policy.decide(complaint({ claimAmount: amount }), { now: NOW });
    expect(d.approval.bandId).toBe(bandId);
    expect(d.approval.approver).toBe(approver);
    expect(d.approval.amount).toBe(amount);
    expect(d.approval.clause).toBe('seed 003 art.3 §十一 核决权限');
  });

  test('band bounds written with no or one decimal print with two, as amounts do', () => {
    expect([describeBand({ id: 'a', upTo: '100000' }), describeBand({ id: 'b', over: '100000', upTo: '150000.5' }), describeBand({ id: 'c', over: '150000.50' })]).toEqual([
      'from 0.00 up to 100000.00',
      'over 100000.00 up to 150000.50',
      'over 150000.50 and above',
    ]);
    const files = packFiles('ecommerce');
    const bands = files['approval.json'].bands;
    bands[0].upTo = '100000';
    bands[1].over = '100000';
    bands[1].upTo = '150000.5';
    bands[2].over = '150000.5';
    const d = loadPolicy({ files }).decide(complaint({ claimAmount: '100000.01' }), { now: NOW });
    expect([d.approval.amount, d.approval.range]).toEqual(['100000.01', 'over 100000.00 up to 150000.50']);
  });

  test('the approval trace shows both bounds with the actual amount', () => {
    const d = policy.decide(complaint({ claimAmount: '120000.50' }), { now: NOW });
    expect(d.approval.range).toBe('over 100000.00 up to 150000.00');
    expect(d.trace.at(-1)).toEqual({
      stage: 'approval',
      ruleId: 'deputy-general-manager',
      clause: 'seed 003 art.3 §十一 核决权限',
      description: 'claim amount 120000.50 is over 100000.00 up to 150000.00: approver deputy-general-manager',
      fired: true,
      conditions: [
        { fact: 'claimAmount', operator: 'greaterThan', factValue: '120000.50', value: '100000.00', result: true },
        { fact: 'claimAmount', operator: 'lessThanInclusive', factValue: '120000.50', value: '150000.00', result: true },
      ],
    });
  });
});
