/**
 * Logical blocks: a paragraph may be wrapped over several lines (PDF, and pages in between), so
 * phrases are matched on blocks and every character keeps a pointer back to its line. A figure's
 * evidence is the line where its number stands.
 */
import type { Span } from '../core/report-audit.js';
import { spanOf, type DocumentModel, type Line, type Page } from './document.js';
import { fold } from './fold.js';

export interface BlockLine {
  readonly page: Page;
  readonly line: Line;
  /** Offset of this line's first character in the block text. */
  readonly offset: number;
}

export interface Block {
  readonly text: string;
  readonly folded: string;
  readonly lines: readonly BlockLine[];
  readonly kind: Line['kind'];
  readonly emphasis: boolean;
  readonly cells?: readonly string[];
}

const TERMINAL = /[.;!?:]["”)]*$/;
const STARTS_LOWER = /^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/u;
/** "21,3 điểm", "4,5/5 điểm", "9đ": a score that a wrapped line ended just before. */
const STARTS_SCORE = /^\d+(?:[.,]\d+)?(?:\s?\/\s?\d+(?:[.,]\d+)?)?\s*(?:điểm|đ)(?![\p{L}])/iu;

/**
 * "2,20%.", "805,2 tấn": a number followed by a percent or a lower-case unit word continues the
 * sentence; "1.2 Nhóm …", "2. Kết quả …" (capitalised) start a new numbered heading.
 */
const STARTS_QUANTITY = /^\d+(?:[.,]\d+)*\s?(?:%|\/|[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])/u;

/**
 * "NHÓM TIÊU CHÍ II: …" in capitals at the start of a line, maybe after a short stray token (what
 * a scan's OCR may leave of its "2."): a group heading, never wrapped text, even when the token
 * reads as a lower-case word ("cụ NHÓM TIÊU CHÍ L …").
 */
function startsCapitalGroupHeading(text: string): boolean {
  const m = /^([^\s\d]{1,3}\s+)?nhom\W{0,2}\s+tieu\s+chi\b/u.exec(fold(text));
  if (!m) return false;
  const head = text.slice(m[1]?.length ?? 0, m[0].length);
  return head === head.toUpperCase();
}

/**
 * "ai Nhóm tiêu chí I: 21 điểm.": a capitalised "Nhóm tiêu chí" and its numeral after a short
 * stray token (OCR's reading of a "1."), which no wrapped sentence starts with.
 */
function startsNumberedGroup(text: string): boolean {
  const m = /^[^\s\d]{1,3}\s+(nhom)\s+tieu\s+chi\s+[ivxl]+\b/u.exec(fold(text));
  return m !== null && text[m.index + m[0].indexOf('nhom')] === 'N';
}

/** Whether `next` continues the paragraph that `prev` began (wrapped text, not a new paragraph). */
function continues(prev: Line, next: Line): boolean {
  if (prev.kind === 'table-row' || next.kind === 'table-row') return false;
  if (next.kind === 'heading' || next.kind === 'list-item') return false;
  if (startsCapitalGroupHeading(next.text) || startsNumberedGroup(next.text)) return false;
  if (TERMINAL.test(prev.text)) {
    // "Tổng điểm tự chấm:" then "21,3 điểm" on the next line.
    return prev.text.endsWith(':') && STARTS_SCORE.test(next.text);
  }
  return STARTS_LOWER.test(next.text) || STARTS_SCORE.test(next.text) || STARTS_QUANTITY.test(next.text);
}

export function toBlocks(doc: DocumentModel): Block[] {
  const blocks: Block[] = [];
  let current: { parts: BlockLine[]; text: string } | null = null;
  let prev: Line | null = null;

  const flush = (): void => {
    if (!current) return;
    const first = current.parts[0]!.line;
    blocks.push({
      text: current.text,
      folded: fold(current.text),
      lines: current.parts,
      kind: first.kind,
      emphasis: current.parts.every((p) => p.line.emphasis === true),
      ...(first.cells ? { cells: first.cells } : {}),
    });
    current = null;
  };

  for (const page of doc.pages) {
    for (const line of page.lines) {
      if (current && prev && continues(prev, line)) {
        const offset: number = current.text.length + 1;
        current.parts.push({ page, line, offset });
        current.text += ' ' + line.text;
      } else {
        flush();
        current = { parts: [{ page, line, offset: 0 }], text: line.text };
      }
      prev = line;
    }
  }
  flush();
  return blocks;
}

/** The span of the line holding `offset` in the block. */
export function spanAt(block: Block, offset: number): Span {
  let hit = block.lines[0]!;
  for (const part of block.lines) {
    if (part.offset <= offset) hit = part;
    else break;
  }
  return spanOf(hit.page, hit.line);
}

/** The lowest OCR confidence among the lines a range touches, if any line has one. */
export function confidenceAt(block: Block, start: number, end: number): number | undefined {
  let min: number | undefined;
  for (const part of block.lines) {
    const partEnd = part.offset + part.line.text.length;
    if (partEnd < start || part.offset > end) continue;
    const c = part.line.confidence;
    if (c !== undefined) min = min === undefined ? c : Math.min(min, c);
  }
  return min;
}
