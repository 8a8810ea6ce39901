/**
 * Typed twins of a blind set: Markdown → DOCX (scripts/fixtures/render-docx.ts) with a typeface,
 * size, spacing and margins the committed fixtures never use, then DOCX → PDF through LibreOffice.
 * render-docx.ts has fixed margins, so the section's <w:pgMar> is rewritten in the package.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseMarkdown } from '../fixtures/markdown.js';
import { sofficeConvert, writeStablePdf } from '../fixtures/office.js';
import { renderDocx, type RenderOptions } from '../fixtures/render-docx.js';
import { prng, seedOf } from '../scans/seed.js';

/** Typefaces with Vietnamese glyphs that no fixture is set in (the fixtures use Times New Roman → Liberation Serif, and Arial for one letter). */
export const FONTS = ['DejaVu Serif', 'DejaVu Sans', 'Liberation Sans', 'DejaVu Serif Condensed', 'DejaVu Sans Condensed'] as const;

export interface TypedStyle {
  readonly font: string;
  readonly sizePt: number;
  readonly lineSpacing: number;
  readonly headings: RenderOptions['headings'];
  readonly bullet: string;
  readonly pageNumbers: RenderOptions['pageNumbers'];
  readonly indentFirstLine: boolean;
  /** Page margins in cm (1.5–3). */
  readonly margins: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

const pick = <T>(next: () => number, xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
const cm = (next: () => number, lo: number, hi: number): number => Math.round((lo + next() * (hi - lo)) * 10) / 10;

/** The look of one text's typed twin in a set, drawn from the set's label (shared by the text's variants). */
export function drawStyle(label: string, text: string): TypedStyle {
  const next = prng(seedOf(`${label}:style:${text}`));
  return {
    font: pick(next, FONTS),
    sizePt: pick(next, [12, 12.5, 13, 14]),
    lineSpacing: pick(next, [1, 1.1, 1.25, 1.4]),
    headings: pick(next, ['word', 'bold', 'plain'] as const),
    bullet: pick(next, ['-', '+', '•']),
    pageNumbers: pick(next, ['header', 'footer', 'footer-of-total', 'none'] as const),
    indentFirstLine: next() < 0.6,
    // Left + right stay under 5 cm: render-docx sizes tables to the fixtures' 16 cm text width.
    margins: { top: cm(next, 1.5, 3), bottom: cm(next, 1.5, 3), left: cm(next, 2, 3), right: cm(next, 1.5, 2) },
  };
}

const TWIP_PER_CM = 567;

/** Rewrites every section's page margins in a DOCX package. */
export function withMargins(docx: Uint8Array, m: TypedStyle['margins']): Buffer {
  const files = unzipSync(docx);
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('no word/document.xml');
  const tw = (v: number): string => String(Math.round(v * TWIP_PER_CM));
  let n = 0;
  const xml = strFromU8(doc).replace(/<w:pgMar\b[^>]*\/>/g, (tag) => {
    n++;
    return tag
      .replace(/w:top="\d+"/, `w:top="${tw(m.top)}"`)
      .replace(/w:bottom="\d+"/, `w:bottom="${tw(m.bottom)}"`)
      .replace(/w:left="\d+"/, `w:left="${tw(m.left)}"`)
      .replace(/w:right="\d+"/, `w:right="${tw(m.right)}"`);
  });
  if (n === 0) throw new Error('no <w:pgMar> in the document');
  files['word/document.xml'] = strToU8(xml);
  return Buffer.from(zipSync(files, { mtime: new Date('2024-12-01T00:00:00Z') }));
}

export interface TwinSource {
  /** File name without extension. */
  readonly name: string;
  readonly markdown: string;
  readonly style: TypedStyle;
  readonly title: string;
  /** First block of the body (the title block ends before it). */
  readonly bodyStart: RegExp;
  readonly date: string;
}

/** Renders every twin to `<dir>/<name>.docx` and `<dir>/<name>.pdf` (one soffice run); returns the PDF paths. */
export async function renderTwins(twins: readonly TwinSource[], dir: string): Promise<string[]> {
  await mkdir(join(dir, 'lo'), { recursive: true });
  const docx: string[] = [];
  for (const t of twins) {
    const options: RenderOptions = {
      font: t.style.font,
      sizePt: t.style.sizePt,
      headings: t.style.headings,
      unicode: 'NFC',
      bullet: t.style.bullet,
      pageNumbers: t.style.pageNumbers,
      lineSpacing: t.style.lineSpacing,
      indentFirstLine: t.style.indentFirstLine,
      officialLayout: true,
      bodyStart: t.bodyStart,
      language: 'vi-VN',
      title: t.title,
      creator: 'UBND',
      date: t.date,
    };
    const path = join(dir, `${t.name}.docx`);
    await writeFile(path, withMargins(await renderDocx(parseMarkdown(t.markdown), options), t.style.margins));
    docx.push(path);
  }
  const pdfs = await sofficeConvert(docx, 'pdf', join(dir, 'lo'));
  const out: string[] = [];
  for (const [i, t] of twins.entries()) {
    const pdf = join(dir, `${t.name}.pdf`);
    await writeStablePdf(pdfs[i]!, pdf, t.date);
    out.push(pdf);
  }
  return out;
}
