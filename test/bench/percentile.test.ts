import { expect, test } from 'vitest';
import { percentile } from '../../bench/stats.js';

// `npm run bench` reports p50 / p99 with this function (bench/run.ts).
test('the benchmark\'s percentile is the nearest rank', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(hundred, 0.5)).toBe(50);
  expect(percentile(hundred, 0.99)).toBe(99);
  expect(percentile(hundred, 1)).toBe(100);
  expect(percentile(hundred, 0.001)).toBe(1);
  const thousand = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
  expect(percentile(thousand, 0.99)).toBe(990);
  expect(percentile(thousand, 0.5)).toBe(500);
  expect(percentile(Float64Array.of(7), 0.5)).toBe(7);
  expect(percentile(Float64Array.of(7), 0.99)).toBe(7);
  // an odd count: the middle sample
  expect(percentile(Float64Array.of(1, 2, 3), 0.5)).toBe(2);
});
