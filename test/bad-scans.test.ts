/**
 * Bad scans: a 30000×30000 px image small on disk, a corrupt JPEG, a 300-page scanned PDF. Each
 * gets its code and a Vietnamese message within the time bound, the process stays under 500 MB,
 * and the batch goes on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { runCli } from './support/cli.js';
import { FIXTURES } from './support/paths.js';
import { expectRefused } from './support/probe.js';

const BAD_SCANS = path.join(FIXTURES, 'bad-scans');
const expected = JSON.parse(readFileSync(path.join(BAD_SCANS, 'expected.json'), 'utf8')) as Record<string, string>;

describe('bad scans', () => {
  it.each(Object.entries(expected))('%s → %s, under 5 s and 500 MB, with OCR on', (name, code) => {
    expectRefused(path.join(BAD_SCANS, name), code, { ocr: true });
  });

  it('a batch of bad scans and a typed report: every file gets its result, exit 2', () => {
    const good = path.join(FIXTURES, 'reports/quang-trung-2024.docx');
    const run = runCli(['check', '--json', BAD_SCANS, good]);
    expect(run.status).toBe(2);
    const audits = JSON.parse(run.stdout) as ReportAudit[];
    const byName = new Map(audits.map((a) => [path.basename(a.file), a]));
    for (const [name, code] of Object.entries(expected)) expect(byName.get(name)?.error?.code, name).toBe(code);
    expect(byName.get('quang-trung-2024.docx')?.error).toBeNull();
  }, 120_000);
});
