/**
 * The second reading: before an error that rests on OCR'd figures is given, the lines it rests on
 * and the lines around them are read again from the page image (enlarged, another segmentation
 * mode, a table row's cells each alone: runtime/ocr/engine.ts), the report is extracted and
 * checked again with those lines in place of the first reading's, and the two are reconciled
 * (rules/ocr-uncertain.ts): an error both readings raise stands; one they disagree on becomes an
 * ocr-uncertain warning. Costs nothing on a report without such an error.
 */
import type { Flag, Span } from '../core/report-audit.js';
import { spanOf, type DocumentModel, type Line, type Page, type PixelBox } from '../extractors/document.js';
import type { Extraction } from '../extractors/extraction.js';
import { linesFromOcr } from '../extractors/formats/ocr-pages.js';
import type { OcrLine, OcrService } from '../extractors/formats/ocr-service.js';
import { pageImages } from '../extractors/formats/page-images.js';
import { extractReport } from '../extractors/report.js';
import { runRules } from '../rules/index.js';
import { isContested, reconcile, type LineReading, type ReadLine } from '../rules/ocr-uncertain.js';

/** Lines read again above and below each line an error rests on. */
export const NEIGHBOURS = 2;

/** A region of a page read again: its box and the indexes (in page.lines) of the lines it covers. */
interface Region {
  readonly box: PixelBox;
  readonly lines: readonly number[];
}

export async function confirmByRereading(bytes: Uint8Array, doc: DocumentModel, extraction: Extraction, flags: readonly Flag[], ocr: OcrService): Promise<Flag[]> {
  if (!doc.ocr) return [...flags];
  const pages = new Map(doc.pages.map((p) => [p.number, p]));
  const lineOf = (s: Span): Line | undefined => pages.get(s.page)?.lines.find((l) => l.line === s.line);
  const isOcr = (s: Span): boolean => lineOf(s)?.confidence !== undefined;
  const contested = flags.filter((f) => isContested(f, isOcr, true));
  if (contested.length === 0) return [...flags];

  const wanted = linesToReread(doc, contested, isOcr);
  let readings: Map<number, { page: Page; regions: Region[]; again: Line[][] }>;
  try {
    readings = await rereadPages(bytes, doc, wanted, ocr);
  } catch {
    // Nothing could be read again (a timeout, say): the first reading's errors stand.
    return [...flags];
  }
  const replaced = doc.pages.map((p) => {
    const r = readings.get(p.number);
    return r ? withRegions(p, r.regions, r.again) : p;
  });
  let second: Extraction | null;
  try {
    second = extractReport({ ...doc, pages: replaced });
  } catch {
    second = null;
  }
  const lines: LineReading[] = [];
  for (const { page, regions, again } of readings.values()) {
    regions.forEach((region, i) => {
      for (const index of region.lines) lines.push(pairOf(page, page.lines[index]!, again[i]!));
    });
  }
  const ocrLines: ReadLine[] = doc.pages.flatMap((p) => p.lines.filter((l) => l.confidence !== undefined).map((l) => ({ at: spanOf(p, l), confidence: l.confidence })));
  const verdicts = reconcile(contested, { extraction: second, flags: second ? runRules(second) : null, lines }, extraction, ocrLines);
  return flags.map((f) => verdicts.get(f) ?? f);
}

/** Per page, the indexes of the OCR'd lines with boxes to read again. */
function linesToReread(doc: DocumentModel, contested: readonly Flag[], isOcr: (s: Span) => boolean): Map<number, Set<number>> {
  const wanted = new Map<number, Set<number>>();
  const add = (page: Page, index: number): void => {
    for (let i = Math.max(0, index - NEIGHBOURS); i <= Math.min(page.lines.length - 1, index + NEIGHBOURS); i++) {
      const line = page.lines[i]!;
      if (line.box && line.confidence !== undefined) {
        if (!wanted.has(page.number)) wanted.set(page.number, new Set());
        wanted.get(page.number)!.add(i);
      }
    }
  };
  for (const flag of contested) {
    const spans = flag.evidence.filter(isOcr);
    if (spans.length === 0) {
      // A figure missing from a scan, with nowhere to point: the last OCR'd page, where totals stand.
      const last = [...doc.pages].reverse().find((p) => p.lines.some((l) => l.confidence !== undefined));
      if (last) last.lines.forEach((_, i) => add(last, i));
      continue;
    }
    for (const s of spans) {
      const page = doc.pages.find((p) => p.number === s.page);
      const index = page ? page.lines.findIndex((l) => l.line === s.line) : -1;
      if (page && index >= 0) add(page, index);
    }
  }
  return wanted;
}

async function rereadPages(bytes: Uint8Array, doc: DocumentModel, wanted: Map<number, Set<number>>, ocr: OcrService): Promise<Map<number, { page: Page; regions: Region[]; again: Line[][] }>> {
  const images = await pageImages(bytes, doc.format, [...wanted.keys()]);
  // The pages are read again at once: the pool has an engine per core.
  const read = await Promise.all(
    [...wanted].map(async ([number, indexes]) => {
      const page = doc.pages.find((p) => p.number === number)!;
      const image = images.get(number);
      if (!image) return null;
      const regions = regionsOf(page, [...indexes].sort((a, b) => a - b));
      const ocrPage = await ocr.recognize(image, { regions: regions.map((r) => r.box) });
      const again = regions.map((_, i) => {
        const mine: OcrLine[] = ocrPage.lines.filter((l) => l.region === i);
        return [...linesFromOcr(number, { ...ocrPage, lines: mine })];
      });
      return [number, { page, regions, again }] as const;
    }),
  );
  const out = new Map<number, { page: Page; regions: Region[]; again: Line[][] }>();
  for (const r of read) if (r) out.set(r[0], r[1]);
  return out;
}

/**
 * Runs of neighbouring lines become regions: a table row alone (its cells are read one by one), a
 * run of text lines as one band across the page's text width (a line the first reading lost
 * between them is found again).
 */
function regionsOf(page: Page, indexes: readonly number[]): Region[] {
  const boxes = page.lines.flatMap((l) => (l.box ? [l.box] : []));
  const left = Math.min(...boxes.map((b) => b.x0));
  const right = Math.max(...boxes.map((b) => b.x1));
  const regions: Region[] = [];
  let band: number[] = [];
  const flush = (): void => {
    if (band.length === 0) return;
    const b = band.map((i) => page.lines[i]!.box!);
    regions.push({ box: { x0: left, y0: Math.min(...b.map((x) => x.y0)), x1: right, y1: Math.max(...b.map((x) => x.y1)) }, lines: band });
    band = [];
  };
  let previous = -2;
  for (const i of indexes) {
    const line = page.lines[i]!;
    if (i !== previous + 1) flush();
    previous = i;
    if (line.cells) {
      flush();
      regions.push({ box: line.box!, lines: [i] });
    } else {
      band.push(i);
    }
  }
  flush();
  return regions;
}

/** The page with each region's lines replaced by its second reading, numbered again from 1. */
function withRegions(page: Page, regions: readonly Region[], again: readonly Line[][]): Page {
  const first = new Map(regions.map((r, i) => [r.lines[0]!, i]));
  const covered = new Set(regions.flatMap((r) => r.lines));
  const lines: Line[] = [];
  page.lines.forEach((line, index) => {
    const region = first.get(index);
    if (region !== undefined) lines.push(...again[region]!);
    else if (!covered.has(index)) lines.push(line);
  });
  return { ...page, lines: lines.map((l, i) => ({ ...l, line: i + 1 })) };
}

/** A first-reading line and what the second reading read at its height. */
function pairOf(page: Page, line: Line, again: readonly Line[]): LineReading {
  const overlap = (a: PixelBox, b: PixelBox): number => Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  let best: Line | null = null;
  for (const l of again) if (l.box && line.box && overlap(l.box, line.box) > (best?.box ? overlap(best.box, line.box) : 0)) best = l;
  return { at: spanOf(page, line), confidence: line.confidence, again: best?.text ?? '', againConfidence: best?.confidence ?? null };
}
