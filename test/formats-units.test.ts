/**
 * The format readers' pure parts, on hand-made inputs: normalisation, sniffing, mammoth HTML and
 * word-extractor text to lines, and the PDF line layout from positioned runs.
 */
import { describe, expect, it } from 'vitest';
import { htmlToLines } from '../extractors/formats/docx.js';
import { textToLines } from '../extractors/formats/doc.js';
import { pageOf } from '../extractors/formats/lines.js';
import { layoutLines, type TextRun } from '../extractors/formats/pdf-layout.js';
import { sniff } from '../extractors/formats/sniff.js';
import { normalizeLine } from '../extractors/text/normalize.js';

const bytes = (...xs: Array<number | string>): Uint8Array =>
  Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));

describe('normalizeLine', () => {
  it('composes decomposed Vietnamese (NFD → NFC)', () => {
    const nfd = 'Tổng điểm tự chấm 21,3 điểm'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(normalizeLine(nfd)).toBe('Tổng điểm tự chấm 21,3 điểm'.normalize('NFC'));
  });

  it('turns every kind of whitespace into one space and trims', () => {
    expect(normalizeLine('\u00A0 Nhóm\ttiêu\u2003chí\u200BI:\u202F21,3\r\n')).toBe('Nhóm tiêu chí I: 21,3');
  });

  it('drops soft hyphens, joiners, BOM and control characters; fixes ligatures and Symbol bullets', () => {
    expect(normalizeLine('\uFEFFxã hội hóa\u00AD \u0007ti\u200Dêu \uFB01 \uF0B7 a')).toBe('xã hội hóa tiêu fi • a');
  });

  it('gives the empty string for a blank line', () => {
    expect(normalizeLine(' \u00A0\t\u200B ')).toBe('');
  });
});

describe('pageOf', () => {
  it('drops empty lines and numbers the rest 1, 2, 3…; table rows join cells with the separator', () => {
    const page = pageOf(2, [
      { text: '  ' },
      { text: 'Nhóm tiêu chí I', kind: 'heading', level: 2 },
      { text: '', cells: [' ', ''] },
      { text: '', cells: ['1.1', 'Kinh\u00A0tế', '', '8,3'] },
    ]);
    expect(page).toEqual({
      number: 2,
      lines: [
        { line: 1, text: 'Nhóm tiêu chí I', kind: 'heading', level: 2 },
        { line: 2, text: '1.1 | Kinh tế |  | 8,3', kind: 'table-row', cells: ['1.1', 'Kinh tế', '', '8,3'] },
      ],
    });
  });
});

describe('sniff', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['pdf', bytes('%PDF-1.7\n%âãÏÓ\n')],
    ['pdf', bytes(' '.repeat(500), '%PDF-1.4')],
    ['unknown', bytes(' '.repeat(1100), '%PDF-1.4')],
    ['doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)],
    ['png', bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF')],
    ['tiff', bytes('II*', 0, 8, 0)],
    ['tiff', bytes('MM', 0, '*', 0, 8)],
    ['gif', bytes('GIF89a', 1, 0)],
    ['webp', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ')],
    ['unknown', bytes('Báo cáo kết quả')],
    ['zip', bytes('PK', 5, 6, ...new Array<number>(18).fill(0))],
  ])('%s', (kind, input) => {
    expect(sniff(input)).toBe(kind);
  });
});

describe('htmlToLines (mammoth HTML → lines)', () => {
  const lines = (html: string) => pageOf(1, htmlToLines(html)).lines;

  it('headings, paragraphs, emphasis (bold or bold-italic, not italic alone)', () => {
    expect(
      lines(
        '<h1>BÁO CÁO</h1><h3>1.1 Nhóm tiêu chí về kinh tế:</h3>' +
          '<p><strong>Nhóm tiêu chí I: Tổng điểm tự chấm 21,3 điểm</strong></p>' +
          '<p><strong><em>Đậm nghiêng</em></strong> <strong>cả dòng</strong></p>' +
          '<p><em>Nghiêng thôi</em></p><p>Xếp loại: <strong>Hoàn thành tốt</strong></p>',
      ),
    ).toEqual([
      { line: 1, text: 'BÁO CÁO', kind: 'heading', level: 1 },
      { line: 2, text: '1.1 Nhóm tiêu chí về kinh tế:', kind: 'heading', level: 3 },
      { line: 3, text: 'Nhóm tiêu chí I: Tổng điểm tự chấm 21,3 điểm', kind: 'paragraph', emphasis: true },
      { line: 4, text: 'Đậm nghiêng cả dòng', kind: 'paragraph', emphasis: true },
      { line: 5, text: 'Nghiêng thôi', kind: 'paragraph' },
      { line: 6, text: 'Xếp loại: Hoàn thành tốt', kind: 'paragraph' },
    ]);
  });

  it('a soft line break joins with a space; footnote marks are dropped', () => {
    expect(
      lines('<p>Tổng điểm tự chấm:<br />21,3<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> điểm</p>').map((l) => l.text),
    ).toEqual(['Tổng điểm tự chấm: 21,3 điểm']);
  });

  it('nested list items each get their own line, parent first', () => {
    expect(lines('<ul><li>Trồng trọt<ul><li>Vụ Chiêm Xuân</li><li>Vụ mùa</li></ul></li><li>Chăn nuôi</li></ul>')).toEqual([
      { line: 1, text: 'Trồng trọt', kind: 'list-item' },
      { line: 2, text: 'Vụ Chiêm Xuân', kind: 'list-item' },
      { line: 3, text: 'Vụ mùa', kind: 'list-item' },
      { line: 4, text: 'Chăn nuôi', kind: 'list-item' },
    ]);
  });

  it('one table row → one line; paragraphs, breaks and nested tables inside a cell join with spaces; a one-cell frame is prose', () => {
    const html =
      '<table><tr><th><p>TT</p></th><th><p>Tiêu chí</p></th><th><p>Điểm</p></th></tr>' +
      '<tr><td><p>1</p></td><td><p>Nhóm tiêu chí I</p><p>Kết quả<br />thực hiện</p></td><td><p>21,3</p></td></tr>' +
      '<tr><td><p>2</p></td><td><table><tr><td><p>a</p></td><td><p>b</p></td></tr></table></td><td><p>m<sup>2</sup></p></td></tr></table>' +
      '<p>Sau bảng</p><table><tr><td><p>Khung: đoạn một</p><p>đoạn<br />hai</p></td></tr></table>';
    expect(lines(html)).toEqual([
      { line: 1, text: 'TT | Tiêu chí | Điểm', kind: 'table-row', cells: ['TT', 'Tiêu chí', 'Điểm'] },
      { line: 2, text: '1 | Nhóm tiêu chí I Kết quả thực hiện | 21,3', kind: 'table-row', cells: ['1', 'Nhóm tiêu chí I Kết quả thực hiện', '21,3'] },
      { line: 3, text: '2 | a b | m2', kind: 'table-row', cells: ['2', 'a b', 'm2'] },
      { line: 4, text: 'Sau bảng', kind: 'paragraph' },
      { line: 5, text: 'Khung: đoạn một', kind: 'paragraph' },
      { line: 6, text: 'đoạn hai', kind: 'paragraph' },
    ]);
  });
});

describe('textToLines (word-extractor text → lines)', () => {
  it('rows end in a tab; a cell of several paragraphs is joined; a tab stop in prose stays a paragraph', () => {
    const text = 'BÁO CÁO\nTổng điểm:\t21,3 điểm\nTT\tTiêu chí\tĐiểm\t\n1\tNhóm tiêu chí I\nKết quả thực hiện\t21,3\t\n\nHết\t\n';
    expect(pageOf(1, textToLines(text)).lines).toEqual([
      { line: 1, text: 'BÁO CÁO', kind: 'paragraph' },
      { line: 2, text: 'Tổng điểm: 21,3 điểm', kind: 'paragraph' },
      { line: 3, text: 'TT | Tiêu chí | Điểm', kind: 'table-row', cells: ['TT', 'Tiêu chí', 'Điểm'] },
      { line: 4, text: '1 | Nhóm tiêu chí I Kết quả thực hiện | 21,3', kind: 'table-row', cells: ['1', 'Nhóm tiêu chí I Kết quả thực hiện', '21,3'] },
      { line: 5, text: 'Hết', kind: 'paragraph' },
    ]);
  });
});

describe('layoutLines (positioned PDF runs → lines)', () => {
  /** A run of 13-pt text at (x, y), 6 pt per character. */
  const run = (str: string, x: number, y: number, size = 13): TextRun => ({ str, x, y, width: str.length * 6, size });
  const texts = (runs: TextRun[]) => pageOf(1, layoutLines(runs)).lines.map((l) => (l.cells ? l.cells : l.text));

  it('groups by baseline whatever the stream order, and splits cells at wide gaps', () => {
    // A table row whose middle cell wraps, written cell by cell (as producers do).
    const runs = [
      run('TT', 80, 700), run('Tiêu chí', 120, 700), run('Điểm tự đánh', 400, 700),
      run('giá', 400, 685),
      run('1', 80, 660), run('Nhóm tiêu chí về kinh tế,', 120, 660), run('xây dựng nông thôn', 120, 645), run('10', 330, 660), run('8,3', 400, 660),
      run('1.1', 80, 625), run('Thu nhập', 120, 625), run('2', 330, 625), run('2', 400, 625),
    ];
    expect(texts(runs)).toEqual([
      ['TT', 'Tiêu chí', 'Điểm tự đánh giá'],
      ['1', 'Nhóm tiêu chí về kinh tế, xây dựng nông thôn', '10', '8,3'],
      ['1.1', 'Thu nhập', '2', '2'],
    ]);
  });

  it('joins runs on one line with a space only where there is a gap', () => {
    expect(texts([run('Tổng điểm', 72, 700), run('tự chấm', 72 + 9 * 6 + 3, 700), run(':', 72 + 16 * 6 + 3, 700)])).toEqual(['Tổng điểm tự chấm:']);
  });

  it('a lone tab stop or list marker is not a table row', () => {
    expect(
      pageOf(1, layoutLines([run('Tổng điểm tự chấm:', 72, 700), run('21,3 điểm', 300, 700), run('-', 72, 600), run('Thu nhập bình quân', 100, 600), run('-', 72, 585), run('Chăn nuôi', 100, 585)])).lines,
    ).toEqual([
      { line: 1, text: 'Tổng điểm tự chấm: 21,3 điểm' },
      { line: 2, text: '- Thu nhập bình quân' },
      { line: 3, text: '- Chăn nuôi' },
    ]);
  });

  it('two-cell lines next to each other are a table', () => {
    expect(texts([run('UBND THỊ XÃ BỈM SƠN', 72, 760), run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 760), run('UBND XÃ QUANG TRUNG', 72, 745), run('Độc lập - Tự do - Hạnh phúc', 300, 745)])).toEqual([
      ['UBND THỊ XÃ BỈM SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['UBND XÃ QUANG TRUNG', 'Độc lập - Tự do - Hạnh phúc'],
    ]);
  });

  it('skips whitespace runs and fake-bold duplicates; keeps a superscript on its line', () => {
    expect(texts([run('Điểm', 72, 700), run('   ', 102, 700), run('Điểm', 72.2, 700), run('thưởng', 108, 700), run('1', 145, 704, 8)])).toEqual(['Điểm thưởng1']);
  });
});
