import { defineConfig } from 'vitest/config';

// The scanned-fixture acceptance test (test/scans.test.ts) OCRs ~70 pages and does not pass yet
// (issue 3 is open): it runs with `npm run test:scans`, not in `npm test`.
const scans = process.env.DOISOAT_SCANS === '1';

export default defineConfig({
  test: {
    exclude: scans ? ['**/node_modules/**', '**/dist/**'] : ['**/node_modules/**', '**/dist/**', 'test/scans.test.ts'],
    // The CLI and the bad-input probes run the compiled code, as `npx doisoat` does.
    globalSetup: ['test/support/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
