/** Builds an in-memory DocumentModel from lines of text, for extractor unit tests. */
import type { DocumentModel, Line, LineKind } from '../../extractors/document.js';
import { CELL_SEPARATOR } from '../../extractors/document.js';

export type LineSpec = string | { text?: string; cells?: string[]; kind?: LineKind; emphasis?: boolean; confidence?: number };

/** Pages are split by the marker '---page---'. */
export function docOf(specs: readonly LineSpec[], format: DocumentModel['format'] = 'docx'): DocumentModel {
  const pages: Array<{ number: number; lines: Line[] }> = [{ number: 1, lines: [] }];
  for (const spec of specs) {
    if (spec === '---page---') {
      pages.push({ number: pages.length + 1, lines: [] });
      continue;
    }
    const page = pages[pages.length - 1]!;
    const s = typeof spec === 'string' ? { text: spec } : spec;
    const text = s.cells ? s.cells.join(CELL_SEPARATOR) : s.text ?? '';
    page.lines.push({
      line: page.lines.length + 1,
      text,
      ...(s.cells ? { cells: s.cells, kind: 'table-row' as const } : s.kind ? { kind: s.kind } : {}),
      ...(s.emphasis ? { emphasis: true } : {}),
      ...(s.confidence !== undefined ? { confidence: s.confidence } : {}),
    });
  }
  return { format, pages, pageCount: format === 'pdf' ? pages.length : null };
}
