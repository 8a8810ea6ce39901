/**
 * Bad scans: a 30000×30000 px image small on disk, a corrupt JPEG, a 300-page scanned PDF. Each
 * gets its code and a Vietnamese message within the time bound, the process stays under 500 MB,
 * and the batch goes on.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import { runCli } from './support/cli.js';
import { FIXTURES, ROOT } from './support/paths.js';

const BAD_SCANS = path.join(FIXTURES, 'bad-scans');
const expected = JSON.parse(readFileSync(path.join(BAD_SCANS, 'expected.json'), 'utf8')) as Record<string, string>;
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('bad scans', () => {
  it.each(Object.entries(expected))('%s → %s, under 5 s and 500 MB, with OCR on', (name, code) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/support/run-one.mjs'), '--ocr', path.join(BAD_SCANS, name)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { code: string; message: string; ms: number; maxRssMb: number };
    expect(result.code).toBe(code);
    expect(result.message).toMatch(VIETNAMESE);
    expect(result.ms).toBeLessThan(5000);
    expect(result.maxRssMb).toBeLessThan(500);
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
