/**
 * DOCX: zip guard, then mammoth's HTML (it knows Word's styles, lists and tables), then lines.
 *
 * Line rules (decided here, relied on downstream):
 * - h1–h6 → 'heading' with its level; p → 'paragraph'; li → 'list-item', a nested list's items
 *   each their own line after their parent's text;
 * - a table row → one 'table-row' line; a cell with several paragraphs (or lines, list items,
 *   a nested table) has them joined by a space; a one-cell table (a frame around prose) gives
 *   its paragraphs as 'paragraph' lines;
 * - <br> (Shift+Enter, a soft break) is joined with a space: in these reports it wraps a title
 *   or keeps "Tổng điểm tự chấm:" and "21,3 điểm" together, it does not start a new paragraph;
 * - emphasis: every non-space character of the line is bold (<strong>), italic or not. Italic
 *   alone does not count: it marks notes and quotations here, not headings.
 * - footnote reference marks ("[1]") and their back-links are dropped, so they do not glue onto
 *   numbers ("21,3[1]"); the notes themselves come last, as list items, as mammoth puts them.
 */
import mammoth from 'mammoth';
import { Parser } from 'htmlparser2';
import type { DocumentModel } from '../document.js';
import { DoisoatError } from '../../core/errors.js';
import { pageOf, type RawLine } from './lines.js';
import { guardZip, type ZipLimits } from './zip-guard.js';

export interface DocxOptions {
  readonly zipLimits?: Partial<ZipLimits>;
}

export async function readDocx(bytes: Uint8Array, options: DocxOptions = {}): Promise<DocumentModel> {
  await guardZip(bytes, options.zipLimits);
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let result: { value: string; messages: Array<{ message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer },
      {
        // Images are never read: no base64 blobs in the HTML, no inflating of media.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
  } catch (e) {
    throw DoisoatError.withDetail('corrupt-file', 'Không đọc được nội dung tệp Word (DOCX).', e);
  }
  // mammoth's messages (unknown styles, unsupported elements) are not errors: the reader-warning rule shows them.
  const warnings = result.messages.map((m) => m.message);
  return { format: 'docx', pages: [pageOf(1, htmlToLines(result.value))], pageCount: null, ...(warnings.length > 0 ? { warnings } : {}) };
}

interface Block {
  readonly kind: 'heading' | 'paragraph' | 'list-item';
  readonly level?: number;
  text: string;
  /** Non-space characters, and how many of them were bold. */
  chars: number;
  boldChars: number;
}

const HEADING = /^h([1-6])$/;
const NOT_SPACE = /\S/gu;
const FOOTNOTE_LINK = /^#(?:footnote|endnote|comment)(?:-ref)?-/;

/** Inline tags: inside a table cell they add no word boundary ("m<sup>2</sup>"). */
const INLINE = new Set(['strong', 'b', 'em', 'i', 'u', 's', 'a', 'span', 'sup', 'sub']);

/** mammoth's HTML → raw lines, in document order. Exported for tests of the rules above. */
export function htmlToLines(html: string): RawLine[] {
  const lines: RawLine[] = [];
  const blocks: Block[] = [];
  let bold = 0;
  let skip = 0; // depth inside a dropped element (footnote marks)
  let tableDepth = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let nested = 0; // tables open inside the current cell: flattened into its text

  const flush = (block: Block): void => {
    if (block.text.trim() !== '') {
      const emphasis = block.chars > 0 && block.boldChars === block.chars;
      lines.push({ text: block.text, kind: block.kind, ...(block.level ? { level: block.level } : {}), ...(emphasis ? { emphasis } : {}) });
    }
    block.text = '';
    block.chars = 0;
    block.boldChars = 0;
  };
  const open = (kind: Block['kind'], level?: number): void => {
    const outer = blocks[blocks.length - 1];
    if (outer) flush(outer); // a parent's own text comes before its children's
    blocks.push({ kind, ...(level ? { level } : {}), text: '', chars: 0, boldChars: 0 });
  };
  const append = (text: string): void => {
    if (cell) {
      cell.push(text);
      return;
    }
    if (tableDepth > 0) return; // stray text between rows or cells
    let block = blocks[blocks.length - 1];
    if (!block) {
      // Text outside any block: mammoth does not emit it, but keep it rather than lose it.
      open('paragraph');
      block = blocks[blocks.length - 1]!;
    }
    block.text += text;
    const n = text.match(NOT_SPACE)?.length ?? 0;
    block.chars += n;
    if (bold > 0) block.boldChars += n;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skip > 0 || (name === 'a' && FOOTNOTE_LINK.test(attribs.href ?? ''))) {
          skip++;
          return;
        }
        if (cell) {
          if (name === 'table') nested++;
          // Paragraphs, list items, nested cells: boundaries inside one cell ('\n', a space in
          // the end, but it lets a one-cell box give its paragraphs back); <br>: a space.
          if (!INLINE.has(name)) cell.push(name === 'br' ? ' ' : '\n');
          return;
        }
        if (name === 'table') {
          const outer = blocks[blocks.length - 1];
          if (outer && tableDepth === 0) flush(outer); // a list item's text before its table
          tableDepth++;
          return;
        }
        if (tableDepth > 0) {
          if (name === 'tr') row = [];
          else if ((name === 'td' || name === 'th') && row) cell = [];
          return;
        }
        const heading = HEADING.exec(name);
        if (heading) open('heading', Number(heading[1]));
        else if (name === 'p') open('paragraph');
        else if (name === 'li') open('list-item');
        else if (name === 'ul' || name === 'ol') {
          const outer = blocks[blocks.length - 1];
          if (outer) flush(outer);
        } else if (name === 'br') append(' ');
        else if (name === 'strong' || name === 'b') bold++;
      },
      ontext(text) {
        if (skip === 0) append(text);
      },
      onclosetag(name) {
        if (skip > 0) {
          skip--;
          return;
        }
        if (cell) {
          if (name === 'table') nested = Math.max(0, nested - 1);
          if ((name === 'td' || name === 'th') && nested === 0) {
            row?.push(cell.join(''));
            cell = null;
          } else if (!INLINE.has(name) && name !== 'br') cell.push('\n');
          return;
        }
        if (tableDepth > 0) {
          if (name === 'table') tableDepth--;
          else if (name === 'tr' && row) {
            if (row.length === 1) {
              // A one-cell table is a frame drawn around prose: its paragraphs are prose.
              for (const text of row[0]!.split('\n')) lines.push({ text, kind: 'paragraph' });
            } else if (row.length > 1) lines.push({ text: '', cells: row });
            row = null;
          }
          return;
        }
        if (HEADING.test(name) || name === 'p' || name === 'li') {
          const block = blocks.pop();
          if (block) flush(block);
        } else if (name === 'strong' || name === 'b') bold = Math.max(0, bold - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  for (let b = blocks.pop(); b; b = blocks.pop()) flush(b);
  return lines;
}
