/**
 * The second reading on real scans (pipeline/second-reading.ts, rules/ocr-uncertain.ts), with the
 * real OCR pool:
 * - fixtures/misreads/: scans whose page pass misreads a figure into a false error; each file's
 *   `.expected.json` states the errors that stand (its typed twin's) and the ones that become
 *   ocr-uncertain warnings. Read without the second reading, the same file raises the false error.
 * - a scan with a real discrepancy: the second reading runs and confirms it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Flag, ReportAudit } from '../core/report-audit.js';
import type { OcrService } from '../extractors/formats/ocr-service.js';
import { closeProcessOcr, processOcr } from '../runtime/ocr/process-ocr.js';
import { processOne } from './support/process-one.js';
import { FIXTURES } from './support/paths.js';

interface MisreadExpected {
  twin: string;
  errorFlags: Array<{ rule: string; group?: string }>;
  ocrUncertain: Array<{ group?: string; declared: number | null; recomputed: number | null }>;
  firstReadingFalseErrors: Array<{ rule: string; group?: string }>;
}

const errorsOf = (a: ReportAudit): Array<{ rule: string; group?: string }> =>
  a.flags.filter((f) => f.severity === 'error').map((f) => ({ rule: f.rule, ...(f.group ? { group: f.group } : {}) }));

/** The OCR service counting second readings, or refusing them (the first reading alone). */
function ocrWith(mode: 'count' | 'first-only'): OcrService & { regions: number } {
  const inner = processOcr();
  const service = {
    regions: 0,
    recognize: (image: Uint8Array, request?: { regions?: readonly { x0: number; y0: number; x1: number; y1: number }[] }) => {
      if (request?.regions) {
        service.regions += request.regions.length;
        if (mode === 'first-only') return Promise.reject(new Error('no second reading in this test'));
      }
      return inner.recognize(image, request);
    },
  };
  return service;
}

afterAll(() => closeProcessOcr());

const dir = path.join(FIXTURES, 'misreads');
const files = ['yl-summary-mismatch.scan150.pdf'];

describe('misreadings the second reading settles', () => {
  for (const name of files) {
    const bytes = readFileSync(path.join(dir, name));
    const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as MisreadExpected;

    it(`${name}: the twin's errors stand, the misread ones are ocr-uncertain warnings`, async () => {
      const twin = JSON.parse(readFileSync(path.join(FIXTURES, `${expected.twin}.expected.json`), 'utf8')) as { errorFlags: MisreadExpected['errorFlags'] };
      expect(expected.errorFlags).toEqual(twin.errorFlags);
      const ocr = ocrWith('count');
      const audit = await processOne(bytes, { file: name, ocr });
      expect(audit.error).toBeNull();
      expect(ocr.regions).toBeGreaterThan(0);
      expect(errorsOf(audit)).toEqual(expected.errorFlags);
      const uncertain = audit.flags.filter((f: Flag) => f.rule === 'ocr-uncertain');
      expect(uncertain.map((f) => ({ group: f.group, declared: f.declared, recomputed: f.recomputed }))).toEqual(expected.ocrUncertain);
      for (const f of uncertain) {
        expect(f.severity).toBe('warning');
        expect(f.message).toMatch(/^Cần đối chiếu bản gốc: trang \d+, dòng \d+ lần đầu đọc là .+ đọc lại là /);
        expect(f.evidence.length).toBeGreaterThan(0);
      }
    }, 600_000);

    it(`${name}: read once, the misreading is a false error`, async () => {
      const audit = await processOne(bytes, { file: name, ocr: ocrWith('first-only') });
      const errors = errorsOf(audit);
      for (const e of [...expected.errorFlags, ...expected.firstReadingFalseErrors]) expect(errors).toContainEqual(e);
    }, 600_000);
  }
});

describe('a real discrepancy survives the second reading', () => {
  it('hh-total-mismatch.scan300.pdf: read again, the total-mismatch error stands', async () => {
    const ocr = ocrWith('count');
    const audit = await processOne(readFileSync(path.join(FIXTURES, 'scans/hh-total-mismatch.scan300.pdf')), { file: 'hh-total-mismatch.scan300.pdf', ocr });
    expect(ocr.regions).toBeGreaterThan(0);
    expect(errorsOf(audit)).toEqual([{ rule: 'total-mismatch' }]);
    expect(audit.flags.some((f) => f.rule === 'ocr-uncertain')).toBe(false);
  }, 600_000);
});
