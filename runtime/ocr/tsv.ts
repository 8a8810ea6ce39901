/**
 * Tesseract's TSV output → text lines. Each row is one element of tesseract's layout: level 1 page,
 * 2 block, 3 paragraph, 4 line, 5 word, with its box and, for words, a confidence 0–100. Rows come
 * in tesseract's reading order; a line is the words that follow its level-4 row.
 */

export interface OcrBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface TsvLine {
  /** The line's words joined by single spaces, NFC. */
  readonly text: string;
  /** Mean of the words' confidences, 0–1. */
  readonly confidence: number;
  /** The line's box in the image, in pixels. */
  readonly bbox: OcrBox;
  /** Tesseract's block and paragraph (1-based), for layout: lines of a table cell share a block. */
  readonly block: number;
  readonly paragraph: number;
  /** A row of a ruled table read cell by cell (engine.ts): its cells, left to right; `text` joins them. */
  readonly cells?: readonly string[];
}

interface Building {
  words: string[];
  confidences: number[];
  bbox: OcrBox;
  block: number;
  paragraph: number;
}

export function parseTsv(tsv: string): TsvLine[] {
  const lines: TsvLine[] = [];
  let current: Building | null = null;
  const flush = (): void => {
    if (current && current.words.length > 0) {
      const text = current.words.join(' ').normalize('NFC');
      const mean = current.confidences.reduce((a, b) => a + b, 0) / current.confidences.length;
      lines.push({
        text,
        confidence: Math.round(Math.max(0, Math.min(100, mean)) * 10) / 1000,
        bbox: current.bbox,
        block: current.block,
        paragraph: current.paragraph,
      });
    }
    current = null;
  };
  for (const row of tsv.split('\n')) {
    if (row === '') continue;
    const cells = row.split('\t');
    const level = Number(cells[0]);
    if (!Number.isInteger(level) || cells.length < 11) continue; // a header row, or junk
    const left = Number(cells[6]);
    const top = Number(cells[7]);
    const bbox = { x0: left, y0: top, x1: left + Number(cells[8]), y1: top + Number(cells[9]) };
    if (level <= 4) flush();
    if (level === 4) {
      current = { words: [], confidences: [], bbox, block: Number(cells[2]), paragraph: Number(cells[3]) };
    } else if (level === 5 && current) {
      const text = cells.slice(11).join('\t').trim();
      const conf = Number(cells[10]);
      if (text === '') continue;
      current.words.push(text);
      current.confidences.push(Number.isFinite(conf) && conf >= 0 ? conf : 0);
    }
  }
  flush();
  return lines;
}

/** One word of tesseract's TSV with its box and confidence (0–100), and its line's index. */
export interface OcrWord {
  readonly text: string;
  readonly confidence: number;
  readonly bbox: OcrBox;
  /** Index of its line in the TSV, counting from 0, so words can be put back in reading order. */
  readonly line: number;
}

export function parseTsvWords(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  let line = -1;
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    const level = Number(cells[0]);
    if (!Number.isInteger(level) || cells.length < 11) continue;
    if (level === 4) line++;
    if (level !== 5 || line < 0) continue;
    const text = cells.slice(11).join('\t').trim().normalize('NFC');
    if (text === '') continue;
    const left = Number(cells[6]);
    const top = Number(cells[7]);
    const conf = Number(cells[10]);
    words.push({ text, confidence: Number.isFinite(conf) && conf >= 0 ? conf : 0, bbox: { x0: left, y0: top, x1: left + Number(cells[8]), y1: top + Number(cells[9]) }, line });
  }
  return words;
}
