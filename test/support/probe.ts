/**
 * The bad-input probe: runs test/support/run-one.mjs (the compiled pipeline, one file, in its own
 * process) and checks what every bad input must get: its code, a Vietnamese message, under 5 s and
 * 500 MB.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './paths.js';

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

export function expectRefused(file: string, code: string, options: { ocr?: boolean } = {}): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/support/run-one.mjs'), ...(options.ocr ? ['--ocr'] : []), file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const wall = Date.now() - started;
  expect(r.status, r.stderr).toBe(0);
  const result = JSON.parse(r.stdout) as { code: string; message: string; ms: number; maxRssMb: number };
  expect(result.code).toBe(code);
  expect(result.message).toMatch(VIETNAMESE);
  expect(result.ms).toBeLessThan(5000);
  expect(result.maxRssMb).toBeLessThan(500);
  expect(wall).toBeLessThan(30_000);
}
