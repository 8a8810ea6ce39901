/**
 * readDocument on real documents built here: a DOCX made with the `docx` package, the same file
 * turned into PDF and DOC by LibreOffice, an encrypted PDF by qpdf, and hand-made broken files
 * and zip bombs. Nothing is committed; everything is generated in a temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, SoftHyphen, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDoisoatError, type ErrorCode } from '../core/errors.js';
import type { DocumentModel, Line } from '../extractors/document.js';
import { readDocument, type ReadOptions } from '../extractors/formats/index.js';
import { sniff } from '../extractors/formats/sniff.js';
import { guardZip } from '../extractors/formats/zip-guard.js';

const MiB = 1024 * 1024;
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
// LibreOffice and qpdf make the real PDF/DOC inputs. A developer without them skips those tests;
// CI (CI=true) installs them in .ci/run and must never skip, so there a missing tool fails loudly.
const SOFFICE = process.env.CI === 'true' || has('soffice');
const QPDF = process.env.CI === 'true' || has('qpdf');

let dir: string;
const file = (name: string): string => path.join(dir, name);

/** The error a read fails with (code and Vietnamese message), or a test failure if it succeeds. */
async function failure(bytes: Uint8Array, options?: ReadOptions): Promise<{ code: ErrorCode; userMessage: string }> {
  try {
    await readDocument(bytes, options);
  } catch (e) {
    if (!isDoisoatError(e)) throw new Error(`not a DoisoatError: ${String(e)}`);
    return { code: e.code, userMessage: e.userMessage };
  }
  throw new Error('read succeeded');
}

const allLines = (doc: DocumentModel): Line[] => doc.pages.flatMap((p) => [...p.lines]);
const lineWith = (doc: DocumentModel, text: string): Line | undefined => allLines(doc).find((l) => l.text.includes(text));
const rowStarting = (doc: DocumentModel, first: string): Line | undefined => allLines(doc).find((l) => l.kind === 'table-row' && l.cells?.[0] === first);

function expectWellFormed(doc: DocumentModel): void {
  doc.pages.forEach((page, i) => {
    expect(page.number).toBe(i + 1);
    page.lines.forEach((line, j) => {
      expect(line.line).toBe(j + 1);
      expect(line.text).toBe(line.text.normalize('NFC'));
      expect(line.text).toBe(line.text.trim());
      // Runs of spaces only where a table row has an empty cell: "Tổng cộng |  | 100".
      expect(line.kind === 'table-row' ? line.text.replaceAll(' |  | ', ' | ') : line.text).not.toMatch(/\s{2,}|[\t\u00A0]/u);
      expect(line.text).not.toBe('');
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The report: Vietnamese, every kind of line, a page break, one paragraph typed decomposed (NFD).

const T = (text: string, o: { bold?: boolean; italics?: boolean; break?: number } = {}) => new TextRun({ text, ...o });
const cell = (...paragraphs: string[]) => new TableCell({ children: paragraphs.map((p) => new Paragraph(p)) });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

function report(): Document {
  return new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [T('BÁO CÁO')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [T('II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM')] }),
          new Paragraph({ children: [T('1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 21,3 điểm, gồm:', { bold: true })] }),
          new Paragraph({ bullet: { level: 0 }, children: [T('Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.')] }),
          new Paragraph({ bullet: { level: 1 }, children: [T('Tổng thu: 31 tỷ 263 triệu đồng đạt 69,8% KH.')] }),
          new Paragraph({ children: [T('Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt:'), T('8,3 điểm.', { break: 1 })] }),
          new Paragraph({ children: [T('Điểm thưởng:', { bold: true, italics: true }), T(' 04 điểm', { bold: true })] }),
          new Paragraph({ children: [T('(Có biểu chi tiết kèm theo)', { italics: true })] }),
          new Paragraph({ children: [T('Xếp loại: '), T('Hoàn thành tốt nhiệm vụ', { bold: true })] }),
          // Typed decomposed, with a no-break space: must come out composed, one plain space.
          new Paragraph({ children: [T('Nhóm tiêu chí II: Tổng điểm\u00A0tự chấm 33 điểm.'.normalize('NFD'))] }),
          new Paragraph({ pageBreakBefore: true, heading: HeadingLevel.HEADING_2, children: [T('III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM')] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              row(cell('TT'), cell('Nội dung'), cell('Điểm tối đa'), cell('Điểm tự chấm')),
              row(cell('I'), cell('Nhóm tiêu chí I', 'Kết quả thực hiện mục tiêu'), cell('25'), cell('21,3')),
              row(cell('II'), cell('Nhóm tiêu chí II'), cell('35'), cell('33')),
              row(cell('Tổng cộng'), cell(''), cell('100'), cell('92,3')),
            ],
          }),
          new Paragraph({ children: [T('Tổng điểm tự chấm 92,3 điểm. Đề nghị xếp loại: Hoàn thành tốt nhiệm vụ năm 2024.')] }),
        ],
      },
    ],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'doisoat-formats-'));
  writeFileSync(file('report.docx'), await Packer.toBuffer(report()));
  if (SOFFICE) {
    // A private profile: another LibreOffice running on the machine cannot block or share it.
    const profile = `-env:UserInstallation=file://${file('lo-profile')}`;
    for (const format of ['pdf', 'doc']) {
      execFileSync('soffice', [profile, '--headless', '--convert-to', format, '--outdir', dir, file('report.docx')], { stdio: 'ignore', timeout: 120_000 });
    }
    if (QPDF) execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', file('report.pdf'), file('encrypted.pdf')]);
  }
}, 180_000);

afterAll(() => {
  if (dir && !process.env.KEEP_FORMATS_TMP) rmSync(dir, { recursive: true, force: true });
});

describe('DOCX', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = await readDocument(readFileSync(file('report.docx')));
  });

  it('is one page, well formed, every line NFC', () => {
    expect(doc.format).toBe('docx');
    expect(doc.pageCount).toBeNull();
    expect(doc.pages).toHaveLength(1);
    expectWellFormed(doc);
  });

  it('headings, bold paragraph, list items, soft break', () => {
    expect(doc.pages[0]!.lines.slice(0, 6)).toEqual([
      { line: 1, text: 'BÁO CÁO', kind: 'heading', level: 1 },
      { line: 2, text: 'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM', kind: 'heading', level: 2 },
      { line: 3, text: '1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 21,3 điểm, gồm:', kind: 'paragraph', emphasis: true },
      { line: 4, text: 'Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.', kind: 'list-item' },
      { line: 5, text: 'Tổng thu: 31 tỷ 263 triệu đồng đạt 69,8% KH.', kind: 'list-item' },
      { line: 6, text: 'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt: 8,3 điểm.', kind: 'paragraph' },
    ]);
  });

  it('emphasis: bold or bold-italic over the whole line; not italic alone, not partly bold', () => {
    expect(lineWith(doc, 'Điểm thưởng')?.emphasis).toBe(true);
    expect(lineWith(doc, 'Có biểu chi tiết')?.emphasis).toBeUndefined();
    expect(lineWith(doc, 'Xếp loại:')?.emphasis).toBeUndefined();
  });

  it('decomposed input comes out composed, the no-break space a plain space', () => {
    expect(lineWith(doc, 'Nhóm tiêu chí II')?.text).toBe('Nhóm tiêu chí II: Tổng điểm tự chấm 33 điểm.'.normalize('NFC'));
  });

  it('table rows: one line each, cells joined by " | ", a two-paragraph cell joined by a space', () => {
    const rows = allLines(doc).filter((l) => l.kind === 'table-row');
    expect(rows.map((r) => r.cells)).toEqual([
      ['TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'],
      ['I', 'Nhóm tiêu chí I Kết quả thực hiện mục tiêu', '25', '21,3'],
      ['II', 'Nhóm tiêu chí II', '35', '33'],
      ['Tổng cộng', '', '100', '92,3'],
    ]);
    expect(rows[1]!.text).toBe('I | Nhóm tiêu chí I Kết quả thực hiện mục tiêu | 25 | 21,3');
  });
});

describe.skipIf(!SOFFICE)('PDF (LibreOffice export of the same report)', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = await readDocument(readFileSync(file('report.pdf')));
  });

  it('one Page per PDF page, well formed', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.pageCount).toBe(2);
    expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
    expectWellFormed(doc);
    expect(doc.pages[1]!.lines[0]!.text).toBe('III. TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM');
  });

  it('lines are visual lines (a paragraph wraps as printed); no kinds outside tables', () => {
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual([
      'BÁO CÁO',
      'II. NỘI DUNG, ĐÁNH GIÁ CHẤM ĐIỂM',
      '1. Nhóm tiêu chí I: Kết quả thực hiện các mục tiêu. Tổng điểm tự chấm 21,3',
      'điểm, gồm:',
      '● Thu nhập bình quân đầu người: 61,6 triệu đồng đạt 102,6% KH.',
      '○ Tổng thu: 31 tỷ 263 triệu đồng đạt 69,8% KH.',
      'Kết quả số điểm tự chấm nhóm tiêu chí về kinh tế đạt:',
      '8,3 điểm.',
      'Điểm thưởng: 04 điểm',
      '(Có biểu chi tiết kèm theo)',
      'Xếp loại: Hoàn thành tốt nhiệm vụ',
      'Nhóm tiêu chí II: Tổng điểm tự chấm 33 điểm.'.normalize('NFC'),
    ]);
    expect(doc.pages[0]!.lines.every((l) => l.kind === undefined && l.emphasis === undefined)).toBe(true);
  });

  it('a table row is one line with its cells, a wrapped cell joined; empty cells have no text to keep', () => {
    const rows = doc.pages[1]!.lines.filter((l) => l.kind === 'table-row');
    expect(rows.map((r) => r.cells)).toEqual([
      ['TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'],
      ['I', 'Nhóm tiêu chí I Kết quả thực hiện mục tiêu', '25', '21,3'],
      ['II', 'Nhóm tiêu chí II', '35', '33'],
      ['Tổng cộng', '100', '92,3'],
    ]);
    expect(rowStarting(doc, 'I')?.text).toBe('I | Nhóm tiêu chí I Kết quả thực hiện mục tiêu | 25 | 21,3');
  });
});

describe.skipIf(!SOFFICE)('DOC (LibreOffice export of the same report)', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = await readDocument(readFileSync(file('report.doc')));
  });

  it('one page of paragraphs and table rows, well formed', () => {
    expect(sniff(readFileSync(file('report.doc')))).toBe('doc');
    expect(doc.format).toBe('doc');
    expect(doc.pages).toHaveLength(1);
    expectWellFormed(doc);
    expect(doc.pages[0]!.lines[0]).toEqual({ line: 1, text: 'BÁO CÁO', kind: 'paragraph' });
    expect(lineWith(doc, 'Tổng điểm tự chấm 21,3 điểm')?.kind).toBe('paragraph');
    expect(lineWith(doc, 'Nhóm tiêu chí II:')?.text).toBe('Nhóm tiêu chí II: Tổng điểm tự chấm 33 điểm.'.normalize('NFC'));
  });

  it('table rows with cells, a two-paragraph cell joined', () => {
    expect(allLines(doc).filter((l) => l.kind === 'table-row').map((r) => r.cells)).toEqual([
      ['TT', 'Nội dung', 'Điểm tối đa', 'Điểm tự chấm'],
      ['I', 'Nhóm tiêu chí I Kết quả thực hiện mục tiêu', '25', '21,3'],
      ['II', 'Nhóm tiêu chí II', '35', '33'],
      ['Tổng cộng', '', '100', '92,3'],
    ]);
  });

  it('an optional hyphen inside a word disappears (word-extractor alone writes "undefined" there)', async () => {
    const hyphenated = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun({ children: ['Phần mềm TD', new SoftHyphen(), 'OFFICE đã triển khai.'] })] })] }],
    });
    writeFileSync(file('hyphen.docx'), await Packer.toBuffer(hyphenated));
    const profile = `-env:UserInstallation=file://${file('lo-profile')}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'doc', '--outdir', dir, file('hyphen.docx')], { stdio: 'ignore', timeout: 120_000 });
    const read = await readDocument(readFileSync(file('hyphen.doc')));
    expect(allLines(read).map((l) => l.text)).toEqual(['Phần mềm TDOFFICE đã triển khai.']);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Bad input: each gets its code and a Vietnamese message.

/** A ZIP written by hand, so that headers can lie. `size` is the declared uncompressed size. */
function zipOf(entries: Array<{ name: string; data: Buffer; method: 0 | 8; size: number; crc?: number }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt32LE(e.crc ?? 0, 16);
    header.writeUInt32LE(e.data.length, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    central.push(header, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * `mib` MiB of zeros, raw-deflated without ever holding them: one MiB compressed with a full
 * flush (which resets the compressor, so the bytes are self-contained), repeated, then an empty
 * final block. 1 GiB → about 1 MB.
 */
function deflatedZeros(mib: number): Buffer {
  const chunk = zlib.deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => chunk), Buffer.from([0x03, 0x00])]);
}

function bombDocx(declaredSize: number): Buffer {
  const types = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return zipOf([
    { name: '[Content_Types].xml', data: types, method: 0, size: types.length, crc: zlib.crc32(types) },
    { name: 'word/document.xml', data: deflatedZeros(1024), method: 8, size: declaredSize },
  ]);
}

describe('bad input', () => {
  it('0 bytes → empty-file', async () => {
    expect(await failure(new Uint8Array(0))).toMatchObject({ code: 'empty-file', userMessage: expect.stringMatching(VIETNAMESE) });
  });

  it('a photo (PNG) → unsupported-format, saying scans are not supported yet', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const { code, userMessage } = await failure(png);
    expect(code).toBe('unsupported-format');
    expect(userMessage).toMatch(/OCR/);
    expect(userMessage).toMatch(VIETNAMESE);
  });

  it('a ZIP that is not a DOCX → unsupported-format', async () => {
    const data = Buffer.from('Bảng điểm');
    const zip = zipOf([{ name: 'bang-diem.txt', data, method: 0, size: data.length, crc: zlib.crc32(data) }]);
    expect(sniff(zip)).toBe('zip');
    expect((await failure(zip)).code).toBe('unsupported-format');
  });

  it('unknown bytes → unsupported-format', async () => {
    expect((await failure(Buffer.from('Báo cáo kết quả tự đánh giá năm 2024'))).code).toBe('unsupported-format');
  });

  it('a DOCX cut short → corrupt-file', async () => {
    const docx = readFileSync(file('report.docx'));
    const cut = docx.subarray(0, Math.floor(docx.length * 0.6));
    expect(sniff(cut)).toBe('docx');
    expect((await failure(cut)).code).toBe('corrupt-file');
  });

  it('a broken OLE file (.doc header, junk after) → corrupt-file', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024, 7)]);
    expect((await failure(ole)).code).toBe('corrupt-file');
  });

  it('a file over maxBytes → too-large', async () => {
    expect((await failure(readFileSync(file('report.docx')), { maxBytes: 1000 })).code).toBe('too-large');
  });

  it('a PDF without any text (a scan) → no-report-found, saying OCR is not supported yet', async () => {
    const { code, userMessage } = await failure(blankPdf());
    expect(code).toBe('no-report-found');
    expect(userMessage).toMatch(/scan/);
    expect(userMessage).toMatch(/OCR/);
  });

  it.skipIf(!SOFFICE)('a truncated PDF → corrupt-file', async () => {
    const pdf = readFileSync(file('report.pdf'));
    for (const share of [0.3, 0.6, 0.9]) {
      expect((await failure(pdf.subarray(0, Math.floor(pdf.length * share)))).code, `cut at ${share}`).toBe('corrupt-file');
    }
  });

  it.skipIf(!SOFFICE || !QPDF)('a password-protected PDF → encrypted-pdf', async () => {
    const { code, userMessage } = await failure(readFileSync(file('encrypted.pdf')));
    expect(code).toBe('encrypted-pdf');
    expect(userMessage).toMatch(VIETNAMESE);
  });

  it.skipIf(!SOFFICE)('a PDF over maxPages → too-large', async () => {
    expect((await failure(readFileSync(file('report.pdf')), { maxPages: 1 })).code).toBe('too-large');
  });

  it('a DOCX over the entry-count limit → too-large; the real report passes the guard', async () => {
    const docx = readFileSync(file('report.docx'));
    const summary = await guardZip(docx);
    expect(summary.entries).toBeGreaterThan(3);
    expect(summary.uncompressedBytes).toBeGreaterThan(docx.length);
    expect((await failure(docx, { zipLimits: { maxEntries: 3 } })).code).toBe('too-large');
  });

  describe('zip bombs: a 1 MB DOCX whose word/document.xml inflates to 1 GiB', () => {
    it.each([
      ['declaring its real size', 1024 * MiB],
      ['lying: declaring 2 MiB', 2 * MiB],
      ['lying: declaring 60 MiB, under every declared limit', 60 * MiB],
    ])('%s → too-large, fast, in a few MB', async (_, declared) => {
      const bomb = bombDocx(declared);
      expect(bomb.length).toBeLessThan(1.1 * MiB);
      expect(sniff(bomb)).toBe('docx');
      const before = process.memoryUsage();
      const started = performance.now();
      const { code, userMessage } = await failure(bomb);
      const ms = performance.now() - started;
      const after = process.memoryUsage();
      expect(code).toBe('too-large');
      expect(userMessage).toMatch(/bom nén/);
      expect(ms).toBeLessThan(1000);
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * MiB);
      expect(after.rss - before.rss).toBeLessThan(96 * MiB);
    });
  });
});

/** A valid one-page PDF with nothing on the page: what a text layer-less scan looks like to us. */
function blankPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
