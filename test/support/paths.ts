/** Paths the tests share: the repository root, fixtures, the output contract. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const REPORTS = path.join(FIXTURES, 'reports');
export const BAD = path.join(FIXTURES, 'bad');
export const SCHEMA = path.join(ROOT, 'schema/report-audit.schema.json');
export const CLI = path.join(ROOT, 'bin/doisoat.js');
