/**
 * The last step of every reader: raw lines in, a numbered page out. Legacy-encoded lines (TCVN3,
 * VNI mojibake) are converted to Unicode first, the page's lines deciding together (see
 * text/legacy.ts), before normalizeLine could drop TCVN3's ư (the soft hyphen). Then each line
 * (and each table cell) goes through normalizeLine, empty lines are dropped, and numbering is
 * 1-based and consecutive after dropping, so an auditor's "page 3, line 12" is stable.
 */
import { CELL_SEPARATOR, type Line, type LineKind, type Page, type PixelBox } from '../document.js';
import { decodeLegacyUnits } from '../text/legacy.js';
import { normalizeLine } from '../text/normalize.js';

export interface RawLine {
  readonly text: string;
  readonly kind?: LineKind;
  readonly level?: number;
  readonly emphasis?: boolean;
  /** Table rows: the cells, raw. `text` is then ignored and rebuilt from them. */
  readonly cells?: readonly string[];
  /** OCR'd lines: the recogniser's confidence, 0–1. */
  readonly confidence?: number;
  /** Where the line stands on its page, in the units of the page's size (pageOf's `size`). */
  readonly box?: PixelBox;
}

export function toLine(raw: RawLine, number: number): Line | null {
  if (raw.cells) {
    const cells = raw.cells.map(normalizeLine);
    if (cells.every((c) => c === '')) return null;
    return {
      line: number,
      text: cells.join(CELL_SEPARATOR),
      kind: 'table-row',
      cells,
      ...(raw.confidence !== undefined ? { confidence: raw.confidence } : {}),
      ...(raw.box ? { box: raw.box } : {}),
    };
  }
  const text = normalizeLine(raw.text);
  if (text === '') return null;
  return {
    line: number,
    text,
    ...(raw.kind ? { kind: raw.kind } : {}),
    ...(raw.kind === 'heading' && raw.level ? { level: raw.level } : {}),
    ...(raw.emphasis ? { emphasis: true } : {}),
    ...(raw.confidence !== undefined ? { confidence: raw.confidence } : {}),
    ...(raw.box ? { box: raw.box } : {}),
  };
}

/** `size`: the page's size in the units of its lines' boxes, when they have boxes. */
export function pageOf(number: number, raws: Iterable<RawLine>, size?: { width: number; height: number }): Page {
  const lines: Line[] = [];
  for (const raw of decodeLegacy([...raws])) {
    const line = toLine(raw, lines.length + 1);
    if (line) lines.push(line);
  }
  return size ? { number, lines, size } : { number, lines };
}

/** Raw lines with TCVN3/VNI ones converted; a table row is decided on all its cells. */
function decodeLegacy(raws: readonly RawLine[]): RawLine[] {
  const decoded = decodeLegacyUnits(raws.map((raw) => raw.cells ?? [raw.text]));
  return raws.map((raw, i) => {
    const d = decoded[i]!;
    if (!d.encoding) return raw;
    return raw.cells ? { ...raw, cells: d.cells } : { ...raw, text: d.cells[0]! };
  });
}
