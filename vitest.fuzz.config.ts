import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the long property runs over every parser (not part of `npm test`).
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    testTimeout: 30 * 60_000,
    pool: 'threads',
  },
});
