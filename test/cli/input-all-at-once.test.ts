// A CLI input file whose text has problems that leave its value checkable (a prototype-polluting
// key, a repeated key, a number a binary float cannot hold) is refused with those problems AND
// what the command's own checks find, at once — not one run per problem.
import { describe, expect, test } from 'vitest';
import { cli, baseComplaint } from '../helpers.js';

/** The `file $.path: CODE` heads of the problem lines of stderr. */
const heads = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  hint')).map((l) => l.trim().split(' ').slice(0, 3).join(' '));

describe('CLI input files: every problem at once', () => {
  test('allocate: an inexact ratio and a negative amount and an empty id, all reported; nothing on stdout', async () => {
    const text = '{"amount":"-1.00","shares":[{"id":"","ratio":"1"},{"id":"z","ratio":123456789012.000001}]}';
    const r = await cli(['allocate', 'al.json'], { 'al.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)).toEqual(['al.json $.shares[1].ratio: JSON_NUMBER_NOT_EXACT', 'al.json $.amount: INVALID_INPUT', 'al.json $.shares[0].id: INVALID_INPUT']);
  });

  test('allocate: an inexact ratio is refused even when the rest of the input is valid (the float would give another split)', async () => {
    const r = await cli(['allocate', 'al.json'], { 'al.json': '{"amount":"0.01","shares":[{"id":"a","ratio":"123456789012"},{"id":"z","ratio":123456789012.000001}]}' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)).toEqual(['al.json $.shares[1].ratio: JSON_NUMBER_NOT_EXACT']);
    const quoted = await cli(['allocate', '--json', 'al.json'], { 'al.json': '{"amount":"0.01","shares":[{"id":"a","ratio":"123456789012"},{"id":"z","ratio":"123456789012.000001"}]}' });
    expect(quoted.code).toBe(0);
    expect(JSON.parse(quoted.stdout).allocations.map((s: { id: string; amount: string }) => [s.id, s.amount])).toEqual([
      ['a', '0.00'],
      ['z', '0.01'],
    ]);
  });

  test('evaluate: a __proto__ key and a repeated key are reported with the complaint\'s schema problems', async () => {
    const c = baseComplaint();
    const text = JSON.stringify({ ...c, claimAmount: '1.234' }).replace('{"id"', '{"__proto__":{"admin":true},"channel":"domestic","id"');
    const r = await cli(['evaluate', 'c.json'], { 'c.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)).toEqual(['c.json $.__proto__: FORBIDDEN_KEY', 'c.json $.channel: DUPLICATE_KEY', 'c.json $.claimAmount: INVALID_INPUT']);
  });

  test('replay: a script with a repeated key and an unknown event is refused with both', async () => {
    const script = { complaint: baseComplaint(), events: [{ type: 'start-verification', at: '2026-11-20T10:30:00+08:00', actor: { id: 'li.na', role: 'agent' }, bogus: 1 }] };
    const text = JSON.stringify(script).replace('{"complaint"', '{"events":[],"complaint"');
    const r = await cli(['replay', 's.json'], { 's.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)[0]).toBe('s.json $.events: DUPLICATE_KEY');
    expect(heads(r.stderr).length).toBeGreaterThan(1);
  });

  test('a number too large to be finite in an input file is INVALID_INPUT (caller input), as the library says of the same value', async () => {
    const r = await cli(['allocate', 'al.json'], { 'al.json': '{"amount":"1.00","shares":[{"id":"a","ratio":1e400}]}' });
    expect(r.code).toBe(1);
    expect(heads(r.stderr)).toEqual(['al.json $.shares[0].ratio: INVALID_INPUT']);
  });

  test('an inexact number in a repeated key\'s earlier value hides nothing of the kept value', async () => {
    const c = baseComplaint();
    const text = JSON.stringify({ ...c, claimAmount: '1.234' }).replace('{"id"', '{"claimAmount":1.00000000000000001,"id"');
    const r = await cli(['evaluate', 'c.json'], { 'c.json': text });
    expect(r.code).toBe(1);
    expect(heads(r.stderr)).toEqual(['c.json $.claimAmount: DUPLICATE_KEY', 'c.json $.claimAmount: INVALID_INPUT']);
  });

  test('loss: an unknown top-level key, or a bad resale date, hides none of the items\' problems', async () => {
    const items = '[{"type":"claim","amount":1200},{"type":"bogus"},{"type":"return","quantity":1.5,"unitPrice":"x"},{"type":""}]';
    const itemHeads = ['l.json $.items[0].amount: INVALID_INPUT', 'l.json $.items[1].type: INVALID_INPUT', 'l.json $.items[2].quantity: INVALID_INPUT', 'l.json $.items[2].unitPrice: INVALID_INPUT'];
    const extra = await cli(['loss', '--policy', 'manufacturer', 'l.json'], { 'l.json': `{"items":${items},"extra":1}` });
    expect(extra.code).toBe(1);
    expect(extra.stdout).toBe('');
    expect(heads(extra.stderr)).toEqual(['l.json $.items[3].type: INVALID_INPUT', 'l.json $.extra: INVALID_INPUT', ...itemHeads]);
    const date = await cli(['loss', '--policy', 'manufacturer', 'l.json'], { 'l.json': `{"items":${items},"resale":{"decidedOn":"2026-13-01","aGradeValue":"1.00"}}` });
    expect(date.code).toBe(1);
    expect(date.stdout).toBe('');
    expect(heads(date.stderr)).toEqual(['l.json $.items[3].type: INVALID_INPUT', 'l.json $.resale.decidedOn: INVALID_INPUT', ...itemHeads]);
  });

  test('loss: a resale window ending after 9999 and a repeated key come with the items\' problems', async () => {
    const text = '{"items":[{"type":"claim","amount":"1.00"}],"items":[{"type":"bogus"}],"resale":{"decidedOn":"9999-12-15","aGradeValue":5000}}';
    const r = await cli(['loss', 'l.json'], { 'l.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)).toEqual(['l.json $.items: DUPLICATE_KEY', 'l.json $.resale.aGradeValue: INVALID_INPUT', 'l.json $.items[0].type: INVALID_INPUT', 'l.json $.resale.decidedOn: INVALID_INPUT']);
    expect(r.stderr).toContain('the 1-month resale window from 9999-12-15 would end after the year 9999');
  });

  test('allocate: a bad amount hides no repeated share id', async () => {
    const text = '{"amount":"1.001","shares":[{"id":"a","ratio":1},{"id":"a","ratio":2},{"id":"b","ratio":"-1"},{"id":"b","ratio":1}]}';
    const r = await cli(['allocate', 'al.json'], { 'al.json': text });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(heads(r.stderr)).toEqual(['al.json $.amount: INVALID_INPUT', 'al.json $.shares[2].ratio: INVALID_INPUT', 'al.json $.shares[1].id: INVALID_INPUT', 'al.json $.shares[3].id: INVALID_INPUT']);
    expect(r.stderr).toContain('share id "a" is already used by share 0');
  });

  test('a text that is not JSON still stops at that one problem', async () => {
    const r = await cli(['allocate', 'al.json'], { 'al.json': '{"amount":"1.00",}' });
    expect(r.code).toBe(1);
    expect(heads(r.stderr)).toEqual(['al.json $: JSON_SYNTAX']);
  });
});
