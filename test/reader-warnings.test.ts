/**
 * A format reader's warning travels to the audit. A DOCX made here with the `docx` package, whose
 * group headings use a paragraph style of the clerk's own (defined in the file, unknown to
 * mammoth's style map), is read all the same: mammoth warns "Unrecognised paragraph style", and
 * the audit carries one reader-warning info flag in Vietnamese and is otherwise the audit of the
 * same report typed without that style.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportAudit } from '../core/report-audit.js';
import type { DocumentModel } from '../extractors/document.js';
import { readDocument } from '../extractors/formats/index.js';
import { processOne } from './support/process-one.js';
import { schemaErrors } from './support/schema.js';

const STYLE_ID = 'TieuDeNhom';
const STYLE_NAME = 'Tiêu đề nhóm tiêu chí';
const WARNING = `Unrecognised paragraph style: '${STYLE_NAME}' (Style ID: ${STYLE_ID})`;
const FLAG_MESSAGE = `Khi đọc tệp: kiểu đoạn văn “${STYLE_NAME}” không có trong bảng kiểu chuẩn, đã đọc như đoạn văn thường.`;

/** A small but complete report: two groups with their parts, a summary, the total, the class. */
function report(headingStyle?: string): Document {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const heading = (text: string) =>
    new Paragraph({ ...(headingStyle ? { style: headingStyle } : {}), children: [new TextRun({ text, bold: true })] });
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  return new Document({
    styles: {
      default: { document: { run: { font: 'Times New Roman', size: 26 } } },
      paragraphStyles: [{ id: STYLE_ID, name: STYLE_NAME, basedOn: 'Normal', next: 'Normal', run: { bold: true } }],
    },
    sections: [
      {
        children: [
          p('UBND XÃ QUANG TRUNG'),
          p('Xã Quang Trung, ngày 10 tháng 12 năm 2024'),
          p('BÁO CÁO'),
          p('Kết quả tự đánh giá, chấm điểm và xếp loại mức độ hoàn thành nhiệm vụ năm 2024'),
          p('II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM'),
          heading('1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu phát triển kinh tế - xã hội. Tổng điểm tự chấm 21,3 điểm, gồm:'),
          p('1.1 Nhóm tiêu chí về kinh tế:'),
          p('Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.'),
          p('1.2. Nhóm tiêu chí về Văn hóa - xã hội:'),
          p('Kết quả số điểm tự chấm nhóm tiêu chí văn hóa - xã hội đạt: 13 điểm.'),
          heading('2. Nhóm tiêu chí II: Kết quả thực hiện nhiệm vụ quản lý nhà nước trên địa bàn. Tổng điểm tự chấm 33 điểm.'),
          p('III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM VÀ ĐỀ NGHỊ XẾP LOẠI'),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row('TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'), row('I', 'Nhóm tiêu chí I', '25', '21,3'), row('II', 'Nhóm tiêu chí II', '35', '33'), row('Tổng cộng', '', '60', '54,3')],
          }),
          p('1. Kết quả tự đánh giá, chấm điểm theo các tiêu chí: 54,3 điểm.'),
          p('2. Đánh giá: Hoàn thành tốt nhiệm vụ năm 2024.'),
        ],
      },
    ],
  });
}

describe('a reader warning, end to end (DOCX with a paragraph style mammoth does not know)', () => {
  let styledBytes: Uint8Array;
  let plainBytes: Uint8Array;
  let styledDoc: DocumentModel;
  let plainDoc: DocumentModel;
  let styled: ReportAudit;
  let plain: ReportAudit;

  beforeAll(async () => {
    [styledBytes, plainBytes] = await Promise.all([Packer.toBuffer(report(STYLE_ID)), Packer.toBuffer(report())]);
    [styledDoc, plainDoc] = await Promise.all([readDocument(styledBytes), readDocument(plainBytes)]);
    [styled, plain] = await Promise.all([processOne(styledBytes, { file: 'bao-cao.docx' }), processOne(plainBytes, { file: 'bao-cao.docx' })]);
  }, 60_000);

  it('mammoth warns once about the unknown style (two headings use it); the plain file has no warning', () => {
    expect(styledDoc.warnings).toEqual([WARNING]);
    expect(plainDoc.warnings).toBeUndefined();
  });

  it('the styled headings read as ordinary paragraphs, the same lines as the plain file', () => {
    expect(styledDoc.pages).toEqual(plainDoc.pages);
    expect(styledDoc.pages[0]!.lines[5]).toMatchObject({ line: 6, kind: 'paragraph', text: expect.stringContaining('Nhóm tiêu chí I') });
  });

  it('the audit has one reader-warning info flag in Vietnamese, with no evidence to cite', () => {
    expect(styled.error).toBeNull();
    expect(styled.flags).toEqual([{ rule: 'reader-warning', severity: 'info', message: FLAG_MESSAGE, evidence: [] }]);
    expect(schemaErrors(styled)).toBe('');
  });

  it('and nothing else changes: the scores are read, and the audit is the plain file’s but for that flag', () => {
    expect(styled.declared.groups.map((g) => [g.id, g.score?.value, g.subgroups.map((s) => [s.id, s.score?.value])])).toEqual([
      ['I', 21.3, [['1.1', 8.3], ['1.2', 13]]],
      ['II', 33, []],
    ]);
    expect(styled.declared.summary.map((s) => [s.id, s.score?.value])).toEqual([['I', 21.3], ['II', 33]]);
    expect(styled.declared.total?.value).toBe(54.3);
    expect(styled.recomputed).toEqual({ total: 54.3, groups: { I: 21.3 } });
    expect(styled.declared.classification?.level).toBe('good');
    expect(styled.unit).toEqual({ type: 'xã', name: 'Quang Trung' });
    expect(styled.year).toBe(2024);
    expect(plain.flags).toEqual([]);
    expect({ ...styled, sha256: '', flags: [] }).toEqual({ ...plain, sha256: '', flags: [] });
    expect(styled.sha256).not.toBe(plain.sha256);
  });
});
