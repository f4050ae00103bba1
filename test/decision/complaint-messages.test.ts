import { describe, expect, test } from 'vitest';
import { loadPolicy } from '../../src/index.js';
import { baseComplaint, cli, NOW, thrown } from '../helpers.js';

// A quantity over the limit (1,000,000,000) is a positive whole number: it was refused as "must be a positive
// whole number" (the limit had no message of its own, so zod used the field's), and a quantity that is both too
// large and not a safe integer got that same message twice.
const policy = loadPolicy('ecommerce');
const withQuantity = (quantity: number) => {
  const c = baseComplaint() as any;
  c.order.items[0].quantity = quantity;
  return c;
};
const path = ['order', 'items', 0, 'quantity'];

describe('complaint item quantity messages', () => {
  test('over the limit: says the limit', () => {
    expect(thrown(() => policy.decide(withQuantity(2_000_000_000), { now: NOW })).issues).toEqual([
      { code: 'INVALID_INPUT', file: '<complaint>', path, message: 'quantity must be at most 1000000000' },
    ]);
  });

  test('not a safe integer: two different messages, never the same one twice', () => {
    expect(thrown(() => policy.decide(withQuantity(1e21), { now: NOW })).issues).toEqual([
      { code: 'INVALID_INPUT', file: '<complaint>', path, message: 'quantity must be a positive whole number' },
      { code: 'INVALID_INPUT', file: '<complaint>', path, message: 'quantity must be at most 1000000000' },
    ]);
  });

  test('the limit itself is accepted', () => {
    expect(policy.decide(withQuantity(1_000_000_000), { now: NOW, trace: false }).complaintId).toBe(baseComplaint().id);
  });
});

// zod's own message of an enumeration, 'Invalid option: expected one of "domestic"|"foreign"', read the same for a
// missing field as for a wrong value.
describe('complaint enumeration messages', () => {
  const issuesOf = (mutate: (c: any) => void) => {
    const c = baseComplaint() as any;
    mutate(c);
    return thrown(() => policy.decide(c, { now: NOW })).issues;
  };

  test('a missing enumeration field is "required", with the values it takes', () => {
    expect(issuesOf((c) => delete c.channel)).toEqual([{ code: 'INVALID_INPUT', file: '<complaint>', path: ['channel'], message: 'required: one of "domestic", "foreign"' }]);
  });

  test('another value is quoted, with the values allowed and the near miss', () => {
    expect(issuesOf((c) => (c.findings.nature = 'functional-falt'))).toEqual([
      {
        code: 'INVALID_INPUT',
        file: '<complaint>',
        path: ['findings', 'nature'],
        message:
          '"functional-falt" is not allowed here: one of "quality-defect", "functional-fault", "appearance-change", "size-mismatch", "package-damage", "transport-damage", "customer-misuse", "misunderstanding", "undetermined"; did you mean "functional-fault"?',
      },
    ]);
    expect(issuesOf((c) => (c.severity = 3))).toEqual([{ code: 'INVALID_INPUT', file: '<complaint>', path: ['severity'], message: '3 is not allowed here: one of "ordinary", "complex"' }]);
  });

  test('a long value is quoted short, with no near miss looked for', () => {
    const [i] = issuesOf((c) => (c.customer.vulnerability = 'x'.repeat(500)));
    expect(i!.message).toBe(`"${'x'.repeat(59)}… (502 characters) is not allowed here: one of "elderly", "pregnant", "seriously-ill"`);
  });

  test('the CLI prints the same line', async () => {
    const c = baseComplaint() as any;
    delete c.type;
    const r = await cli(['evaluate', '--json', 'c.json'], { 'c.json': JSON.stringify(c) });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'aftersales evaluate: INVALID_INPUT\n  c.json $.type: INVALID_INPUT required: one of "product-quality", "promotion", "service", "logistics", "price", "refund"\n',
    });
  });
});
