import { defineConfig } from 'vitest/config';

// The scanned-fixture acceptance test (test/scans.test.ts) OCRs 44 pages: about 2½–3 minutes of
// the run on a 2-core machine, in parallel with the other files (`npm run test:scans` runs it alone).
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    // The CLI and the bad-input probes run the compiled code, as `npx doisoat` does.
    globalSetup: ['test/support/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
