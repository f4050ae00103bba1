import { describe, expect, test } from 'vitest';
import { loadPolicy } from '../../src/index.js';
import { baseComplaint, NOW, thrown } from '../helpers.js';

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
