/**
 * A PDF page's positioned text runs → visual lines, table rows kept whole.
 *
 * pdf.js gives runs in content-stream order with their baseline position; a big horizontal gap
 * shows up only as a separate whitespace run, so plain text extraction (pdf-parse's getText)
 * prints a table row as "1.1 Thu nhập bình quân 2 2" and a row with a wrapped cell as three
 * scrambled lines. Here, instead:
 * - runs are grouped by baseline (top to bottom) and sorted left to right, so every visual line
 *   is whole whatever order the producer wrote it in;
 * - inside a line, a gap wider than CELL_GAP × font size splits it into segments (cells): word
 *   spaces, even in justified text, stay far below that, table cells and tab stops do not;
 * - a line of three or more segments, or of two within two lines of another such line, is a
 *   table row (cells joined by CELL_SEPARATOR); a lone two-segment line is a tab stop in prose
 *   ("Tổng điểm tự chấm:<tab>21,3 điểm") and a list marker ("-<tab>Thu nhập…") no cell at all:
 *   both are joined by a space, as the DOCX reader would give them;
 * - a one-segment line just under a table row and inside one of its columns (not the first) is
 *   that cell wrapping ("Điểm tự đánh" / "giá"), and is appended to that cell of the row.
 * Given the page's frame, each line gets its box (top-left origin, in points) for evidence crops.
 */
import type { PixelBox } from '../document.js';
import type { RawLine } from './lines.js';

/** The page's visible area in PDF user space: its left edge and its top (y grows upwards there). */
export interface PageFrame {
  readonly left: number;
  readonly top: number;
}

/** How far a line's glyphs reach above and below its baseline, in font sizes. */
const ASCENT = 0.9;
const DESCENT = 0.3;

export interface TextRun {
  readonly str: string;
  /** Baseline start, PDF user space (y grows upwards). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size (run height). */
  readonly size: number;
}

/** Gap, in font sizes, from which two runs on one baseline are separate cells. */
const CELL_GAP = 1.2;
/** Gap, in font sizes, from which two runs get a space between them. */
const WORD_GAP = 0.1;
/** Baselines closer than this (in font sizes) are one line: superscripts, vertically centred cells. */
const SAME_LINE = 0.5;
/** How far below the previous line (in font sizes) a wrapped cell's next line may sit. */
const WRAP_PITCH = 1.8;

const LIST_MARKER = /^(?:[-–—+•●○◦■□▪▫➢✓*]|\(?\d{1,2}[.)]|\(?[a-zđ][.)]|[IVXLC]{1,6}[.)])$/u;

interface Segment {
  text: string;
  x0: number;
  x1: number;
}

interface VisualLine {
  readonly y: number;
  readonly size: number;
  readonly segments: Segment[];
}

export function layoutLines(runs: readonly TextRun[], frame?: PageFrame): RawLine[] {
  return toRawLines(visualLines(runs), frame);
}

/** Lines `first` to `last` (top to bottom) as one box on the page. */
function boxOf(frame: PageFrame, first: VisualLine, last: VisualLine, segments: readonly Segment[]): PixelBox {
  const x0 = Math.min(...segments.map((s) => s.x0));
  const x1 = Math.max(...segments.map((s) => s.x1));
  return { x0: x0 - frame.left, x1: x1 - frame.left, y0: frame.top - (first.y + ASCENT * first.size), y1: frame.top - (last.y - DESCENT * last.size) };
}

function visualLines(runs: readonly TextRun[]): VisualLine[] {
  const items = runs
    .map((r, i) => ({ ...r, i }))
    .filter((r) => r.str.trim() !== '' && Number.isFinite(r.x) && Number.isFinite(r.y))
    .sort((a, b) => b.y - a.y || a.x - b.x || a.i - b.i);
  const groups: Array<{ y: number; size: number; runs: typeof items }> = [];
  for (const item of items) {
    const size = item.size > 0 ? item.size : 10;
    const last = groups[groups.length - 1];
    if (last && last.y - item.y <= SAME_LINE * Math.max(size, last.size)) {
      last.runs.push(item);
      last.size = Math.max(last.size, size);
    } else groups.push({ y: item.y, size, runs: [item] });
  }
  return groups.map((g) => ({ y: g.y, size: g.size, segments: segmentsOf(g.runs.sort((a, b) => a.x - b.x || a.i - b.i), g.size) }));
}

function segmentsOf(runs: readonly TextRun[], size: number): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  let prev: TextRun | null = null;
  for (const run of runs) {
    // Fake bold: the same run printed twice, a hair apart.
    if (prev && run.str === prev.str && Math.abs(run.x - prev.x) < 0.3 * size) continue;
    const gap = prev ? run.x - (prev.x + prev.width) : 0;
    if (!current || gap > CELL_GAP * size) {
      current = { text: run.str, x0: run.x, x1: run.x + run.width };
      segments.push(current);
    } else {
      const space = gap > WORD_GAP * size && !/\s$/.test(current.text) && !/^\s/.test(run.str);
      current.text += (space ? ' ' : '') + run.str;
      current.x1 = Math.max(current.x1, run.x + run.width);
    }
    prev = run;
  }
  return segments;
}

const isListMarkerLine = (l: VisualLine): boolean => l.segments.length === 2 && LIST_MARKER.test(l.segments[0]!.text.trim());
const isTabular = (l: VisualLine | undefined): boolean => !!l && l.segments.length >= 2 && !isListMarkerLine(l);

function toRawLines(lines: readonly VisualLine[], frame?: PageFrame): RawLine[] {
  const out: RawLine[] = [];
  // The table row being built: its cells (mutable until the next line) and column geometry.
  let row: { cells: string[]; columns: Segment[]; bottom: number; size: number; first: VisualLine; at: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // `row` set: the line above was a row (or its wrapped cell), so a two-cell line goes on the table.
    const table =
      isTabular(line) && (line.segments.length >= 3 || row !== null || [i - 2, i - 1, i + 1, i + 2].some((j) => isTabular(lines[j])));
    if (table) {
      const cells = line.segments.map((s) => s.text);
      out.push({ text: '', cells, ...(frame ? { box: boxOf(frame, line, line, line.segments) } : {}) });
      row = { cells, columns: line.segments, bottom: line.y, size: line.size, first: line, at: out.length - 1 };
      continue;
    }
    if (row && line.segments.length === 1) {
      const column = wrappedColumn(row, line);
      if (column > 0) {
        row.cells[column] = `${row.cells[column]} ${line.segments[0]!.text}`;
        row.bottom = line.y;
        // The row's box reaches down to its wrapped cell's line.
        if (frame) out[row.at] = { ...out[row.at]!, box: boxOf(frame, row.first, line, [...row.columns, ...line.segments]) };
        continue;
      }
    }
    row = null;
    out.push({ text: line.segments.map((s) => s.text).join(' '), ...(frame ? { box: boxOf(frame, line, line, line.segments) } : {}) });
  }
  return out;
}

/** Which column (≥ 1) of `row` the one-segment `line` continues, or -1. */
function wrappedColumn(row: { columns: Segment[]; bottom: number; size: number }, line: VisualLine): number {
  if (row.bottom - line.y > WRAP_PITCH * row.size || Math.abs(line.size - row.size) > 0.2 * row.size) return -1;
  const seg = line.segments[0]!;
  const slack = 0.5 * row.size;
  for (let k = row.columns.length - 1; k >= 1; k--) {
    const col = row.columns[k]!;
    const left = row.columns[k - 1]!.x1 + slack;
    const right = k + 1 < row.columns.length ? row.columns[k + 1]!.x0 - slack : col.x1 + 4 * row.size;
    if (seg.x0 >= left && seg.x1 <= right) return k;
  }
  return -1;
}
