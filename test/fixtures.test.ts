/**
 * The core issue's acceptance test: the real CLI on the typed fixtures matches each file's
 * hand-derived expected JSON (see test/support/expected.ts).
 */
import { describeFixtures } from './support/expected.js';
import { REPORTS } from './support/paths.js';

// Some variants carry discrepancies: exit 1.
describeFixtures(REPORTS, { minimum: 10, exitCode: 1, timeoutMs: 300_000 });
