/**
 * Legacy Word (.doc, OLE2 compound file) via word-extractor: text only, no styles.
 *
 * Each paragraph mark gives a line ('paragraph'). word-extractor writes a table cell's end mark
 * as a tab and ends a row with a newline, so a row reads "TT\tTiêu chí\t25\t21,3\t": a line
 * ending in a tab is a row. A cell holding several paragraphs breaks the row over several lines
 * ("1\tNhóm tiêu chí I" / "Kết quả thực hiện\t25\t21,3\t"): those are joined up to the line that
 * ends the row when the result has as many cells as the row above or below; otherwise the tab
 * was a tab stop in prose and the line stays a paragraph.
 * Limitation: when the FIRST cell of a row has several paragraphs, its first ones come out as
 * paragraphs before the row; the format gives no way to tell them from text above the table.
 */
import WordExtractor from 'word-extractor';
import { DoisoatError } from '../../core/errors.js';
import type { DocumentModel } from '../document.js';
import { pageOf, type RawLine } from './lines.js';

/** How many paragraphs one cell may span before a tab line is taken for prose instead. */
const MAX_CELL_PARAGRAPHS = 12;

export async function readDoc(bytes: Uint8Array): Promise<DocumentModel> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let body: string;
  let notes: string;
  try {
    const doc = await new WordExtractor().extract(buffer);
    // Unfiltered: keep the real dashes and quotes, as the DOCX reader does.
    body = dropOptionalHyphens(doc.getBody({ filterUnicode: false }));
    notes = dropOptionalHyphens(doc.getFootnotes({ filterUnicode: false }) + '\n' + doc.getEndnotes({ filterUnicode: false }));
  } catch (e) {
    throw whyNotWord(buffer, e);
  }
  const lines = [...textToLines(body), ...textToLines(notes)];
  return { format: 'doc', pages: [pageOf(1, lines)], pageCount: null };
}

/**
 * word-extractor 1.0.4 maps Word's optional hyphen (0x1F) through a table that has no entry for
 * it, so "hội‑hóa" comes out as "hộiundefinedhóa". An optional hyphen is invisible: join the word.
 */
function dropOptionalHyphens(text: string): string {
  return text.replace(/(?<=\p{L})undefined(?=\p{L})/gu, '');
}

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/**
 * Stream names sit in the compound file's directory as UTF-16, so they tell, cheaply, a
 * password-protected DOCX (an OLE wrapper around an encrypted package) or an Excel/PowerPoint
 * file from a damaged Word file.
 */
function whyNotWord(buffer: Buffer, cause: unknown): DoisoatError {
  if (buffer.indexOf(utf16('WordDocument')) < 0) {
    if (buffer.indexOf(utf16('EncryptedPackage')) >= 0) {
      return DoisoatError.withDetail('encrypted-file', 'Đây là tệp Word có mật khẩu mở; hãy gửi bản không đặt mật khẩu.', cause);
    }
    if (buffer.indexOf(utf16('Workbook')) >= 0 || buffer.indexOf(utf16('PowerPoint Document')) >= 0) {
      return DoisoatError.withDetail('unsupported-format', 'Tệp Office dạng cũ này là Excel hoặc PowerPoint, không phải văn bản Word.', cause);
    }
  }
  return DoisoatError.withDetail('corrupt-file', 'Không đọc được tệp Word dạng cũ (.doc).', cause);
}

/** word-extractor's text → raw lines, table rows rebuilt as above. Exported for tests. */
export function textToLines(text: string): RawLine[] {
  const parts = text.split('\n');
  const out: RawLine[] = [];
  const cellsOf = (row: string): string[] => row.slice(0, -1).split('\t');
  const isRow = (s: string | undefined): boolean => s !== undefined && s.includes('\t') && s.endsWith('\t');
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i]!;
    if (isRow(line)) {
      const cells = cellsOf(line);
      // One cell: a frame around prose (or a stray tab at the end of a line), as in docx.ts.
      out.push(cells.length > 1 ? { text: '', cells } : { text: cells[0]!, kind: 'paragraph' });
      continue;
    }
    if (line.includes('\t')) {
      // A row broken over paragraphs of one cell? Only if it ends with a row end soon, and has
      // as many cells as the row above or below it; else a tab stop in prose.
      let end = i + 1;
      while (end < parts.length && !parts[end]!.endsWith('\t') && end - i < MAX_CELL_PARAGRAPHS) end++;
      if (end < parts.length && parts[end]!.endsWith('\t')) {
        const cells = cellsOf(parts.slice(i, end + 1).join(' '));
        const above = out[out.length - 1]?.cells?.length;
        const below = isRow(parts[end + 1]) ? cellsOf(parts[end + 1]!).length : undefined;
        if (cells.length === above || cells.length === below) {
          out.push({ text: '', cells });
          i = end;
          continue;
        }
      }
    }
    out.push({ text: line, kind: 'paragraph' });
  }
  return out;
}
