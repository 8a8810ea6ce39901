/** Paths the tests share: the repository root, fixtures, the shared contract beside the project. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const REPORTS = path.join(FIXTURES, 'reports');
export const BAD = path.join(FIXTURES, 'bad');
export const SCHEMA = path.resolve(ROOT, '../shared/report-audit.schema.json');
export const CLI = path.join(ROOT, 'bin/doisoat.js');
