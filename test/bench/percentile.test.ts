import { describe, expect, test } from 'vitest';
import { overBy, percentile } from '../../bench/stats.js';

// `npm run bench` reports p50 / p99 and how far a missed target is over its limit with these (bench/run.ts).
describe('the benchmark\'s arithmetic', () => {
  test('percentile is the nearest rank', () => {
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

  test('overBy: how far over the limit a missed simulate target is', () => {
    const seconds = (ms: number) => ms <= 20_000;
    expect(overBy(2_744, 20_000, seconds)).toBeNull();
    expect(overBy(20_000, 20_000, seconds)).toBeNull();
    expect(overBy(25_000, 20_000, seconds)).toBe('1.25× over');
    expect(overBy(undefined, 20_000, seconds)).toBe('not measured');
    const mb = (m: number) => m < 300;
    expect(overBy(300, 300, mb)).toBe('1× over');
    expect(overBy(330, 300, mb)).toBe('1.1× over');
  });
});
