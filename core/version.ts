/** Bumped when a change alters results: stored audits are keyed by it (docs/operations.md). */
export const PIPELINE_VERSION = '5';
