import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Statistical validation runs many replications; give them room on a shared 2-core machine.
    testTimeout: 120_000,
  },
});
