/** The outbox summary: CSV that Excel opens right and cannot be made to run formulas, and JSON. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeCell, summaryCsv, summaryRow, writeSummary, type SummaryRow } from '../exports/summary.js';
import { processOne } from './support/process-one.js';
import { REPORTS } from './support/paths.js';
import { tempDir } from './support/services.js';

describe('escapeCell', () => {
  const escaped = ['=HYPERLINK("http://x")', '+84 912', '-1,5', '@SUM(A1)', '\tTab', '\rCR'];
  const kept = ['Xã Quang Trung', '85,3', 'a=b', '', ' =space first', "'already"];
  it.each(escaped)('escapes %j', (cell) => expect(escapeCell(cell)).toBe(`'${cell}`));
  it.each(kept)('keeps %j', (cell) => expect(escapeCell(cell)).toBe(cell));
});

describe('summary CSV cells', () => {
  const row = (over: Partial<SummaryRow>): SummaryRow => ({
    file: 'x.docx', sha256: 'a'.repeat(64), part: null, unit: 'xã Quang Trung', year: 2024, total: 80, recomputedTotal: 80,
    classification: 'Hoàn thành tốt', flagCount: 0, errorFlagCount: 0, error: null, ...over,
  });

  it('writes a negative difference as a number (-1, -0,5), never as escaped text', () => {
    const rows = parse(summaryCsv([row({ total: 81, recomputedTotal: 82 }), row({ total: 81.25, recomputedTotal: 81.75 }), row({ total: -2.5, recomputedTotal: 0 })]), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r.slice(3, 6))).toEqual([
      ['81', '82', '-1'],
      ['81,25', '81,75', '-0,5'],
      ['-2,5', '0', '-2,5'],
    ]);
  });

  it('still escapes every text cell that starts with = + - @', () => {
    const [, cells] = parse(summaryCsv([row({ file: '-rf.docx', unit: '=1+1', classification: '+84 912', error: { code: 'x', message: 'y' }, total: -1, recomputedTotal: null })]), { bom: true }) as string[][];
    expect(cells).toEqual(["'-rf.docx", "'=1+1", '2024', '-1', '', '', "'+84 912", '0', '0', 'x: y']);
    const [, at] = parse(summaryCsv([row({ file: '@SUM(A1).pdf' })]), { bom: true }) as string[][];
    expect(at![0]).toBe("'@SUM(A1).pdf");
  });
});

describe('summary files', () => {
  it('writes a CSV with a byte-order mark, Vietnamese decimals and escaped cells, and the same rows as JSON', async () => {
    const names = ['quang-trung-2024.docx', 'qt-total-mismatch.pdf'];
    const audits = await Promise.all(names.map((n) => processOne(new Uint8Array(readFileSync(path.join(REPORTS, n))), { file: n })));
    // A file name made to look like a formula.
    audits[1] = { ...audits[1]!, file: '=cmd|"/c calc"!A1.pdf' };
    const outbox = tempDir();
    const files = await writeSummary(outbox, 'tong-hop', { batchId: 'b1', source: '/inbox', createdAt: 'x', finishedAt: 'y', reports: audits.map(summaryRow) });
    const raw = readFileSync(files.csv);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(raw.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['Tệp', 'Đơn vị', 'Năm', 'Tổng điểm tự chấm', 'Tổng điểm tính lại', 'Chênh lệch', 'Xếp loại tự đánh giá', 'Số cảnh báo', 'Số lỗi mâu thuẫn', 'Lỗi đọc tệp']);
    const [, qt, bad] = rows as [string[], string[], string[]];
    const vn = (n: number | null | undefined): string => String(n).replace('.', ',');
    expect(qt.slice(0, 5)).toEqual(['quang-trung-2024.docx', `${audits[0]!.unit!.type} ${audits[0]!.unit!.name}`, String(audits[0]!.year), vn(audits[0]!.declared.total?.value), vn(audits[0]!.recomputed.total)]);
    expect(bad[0]).toBe(`'=cmd|"/c calc"!A1.pdf`);
    // The declared total differs from the recomputed one: the difference, exact, in hundredths.
    const diff = (Math.round(audits[1]!.declared.total!.value * 100) - Math.round(audits[1]!.recomputed.total! * 100)) / 100;
    expect(diff).not.toBe(0);
    expect(bad[5]).toBe(vn(diff));
    expect(bad[8]).toBe(String(audits[1]!.flags.filter((f) => f.severity === 'error').length));
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as { reports: unknown[] };
    expect(json.reports).toEqual(audits.map(summaryRow));
    expect(summaryCsv([])).toBe(`\ufeff${rows[0]!.join(',')}\r\n`);
  });
});
