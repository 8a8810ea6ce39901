import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI and the bad-input probes run the compiled code, as `npx doisoat` does.
    globalSetup: ['test/support/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
