/**
 * The Debian tools the scan fixtures are made with: poppler-utils (pdftoppm, pdftotext, pdfinfo),
 * ImageMagick 6 (`convert`), img2pdf and qpdf. ImageMagick never reads or writes a PDF here (the
 * Debian policy forbids the PDF coder): pages are rendered by pdftoppm to PNG, degraded by convert
 * from PNG to JPEG, and wrapped by img2pdf.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a tool; on failure the error names the command and carries its stderr. */
export async function run(cmd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, [...args], { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    return stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${err.stderr ?? ''}`);
  }
}

export async function pageCount(pdf: string): Promise<number> {
  const m = /^Pages:\s+(\d+)/m.exec(await run('pdfinfo', [pdf]));
  if (!m) throw new Error(`pdfinfo: no page count for ${pdf}`);
  return Number(m[1]);
}

/** One page's text layer (NFC, reading order of `pdftotext -layout`). */
export async function pageText(pdf: string, page: number): Promise<string> {
  return (await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'])).normalize('NFC');
}

/** Renders one page to a PNG (grayscale unless `color`); returns its path. */
export async function renderPage(pdf: string, page: number, dpi: number, dir: string, color = false): Promise<string> {
  const base = join(dir, `render-${page}-${dpi}${color ? '-rgb' : ''}`);
  await run('pdftoppm', ['-png', ...(color ? [] : ['-gray']), '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  return `${base}.png`;
}

/** Pixel size of an image, as ImageMagick reads it. */
export async function imageSize(path: string): Promise<{ width: number; height: number }> {
  const [w, h] = (await run('identify', ['-format', '%w %h', path])).trim().split(' ').map(Number);
  if (!w || !h) throw new Error(`identify: no size for ${path}`);
  return { width: w, height: h };
}

export interface ScanLook {
  /** Rotation in degrees (positive = clockwise), the page cut back to its own size after it. */
  readonly angle: number;
  /** Gaussian blur sigma in pixels (scanner optics). */
  readonly blur: number;
  /** Paper tone: pure white becomes this fraction of white (ink black stays near black). */
  readonly paper: number;
  /** `-attenuate` for `+noise Gaussian`. */
  readonly noise: number;
  /** ImageMagick's random seed for the noise. */
  readonly seed: number;
  readonly quality: number;
  readonly dpi: number;
}

/** What a scan and a photo start with: the page, seeded, turned by its angle on white, same size. */
function tiltedPage(png: string, look: ScanLook, width: number, height: number): string[] {
  return ['-limit', 'thread', '1', '-seed', String(look.seed), png, '-background', 'white', '-rotate', look.angle.toFixed(2), '-gravity', 'center', '-extent', `${width}x${height}`];
}

/**
 * A flatbed scan of a rendered page: rotated a little, softened, a faintly grey paper with sensor
 * noise, grayscale JPEG. One thread and a fixed seed make the output byte-for-byte reproducible.
 */
export async function scanLook(png: string, out: string, look: ScanLook): Promise<void> {
  const { width, height } = await imageSize(png);
  await run('convert', [
    ...tiltedPage(png, look, width, height),
    '-blur', `0x${look.blur}`,
    '+level', `4%,${(look.paper * 100).toFixed(1)}%`,
    '-attenuate', String(look.noise),
    '+noise', 'Gaussian',
    '-colorspace', 'Gray',
    '-quality', String(look.quality),
    '-interlace', 'JPEG',
    '-density', String(look.dpi),
    '-units', 'PixelsPerInch',
    '-strip',
    out,
  ]);
}

/**
 * A phone photo of a page held flat (no perspective): a little rotated, softer than a scan, lit
 * unevenly (a warm tone darkening towards one corner), colour sensor noise, colour JPEG.
 */
export async function photoLook(png: string, out: string, look: ScanLook): Promise<void> {
  const { width, height } = await imageSize(png);
  await run('convert', [
    ...tiltedPage(png, look, width, height),
    '(',
    '-size', `${width}x${height}`,
    '-define', 'gradient:angle=135',
    'gradient:rgb(252,249,242)-rgb(218,211,196)',
    ')',
    '-compose', 'Multiply',
    '-composite',
    '-blur', `0x${look.blur}`,
    '-attenuate', String(look.noise),
    '+noise', 'Gaussian',
    '-quality', String(look.quality),
    '-sampling-factor', '2x2',
    '-density', String(look.dpi),
    '-units', 'PixelsPerInch',
    '-strip',
    out,
  ]);
}

/**
 * JPEG pages → an image-only PDF, each page sized from the image at `dpi` (the JPEG is embedded
 * as it is, DCTDecode). Reproducible: no dates, and img2pdf's internal engine (its pikepdf engine,
 * the default when pikepdf is installed, linearises the file with a random /ID).
 */
export async function imagesToPdf(jpegs: readonly string[], dpi: number, out: string): Promise<void> {
  await run('img2pdf', ['--engine', 'internal', '--nodate', '--imgsize', `${dpi}dpi`, '--output', out, ...jpegs]);
}

/**
 * `qpdf --pages`: the pages of `parts` in order ([file, range]), with `primary`'s document
 * information kept; a deterministic /ID.
 */
export async function assemblePdf(primary: string | null, parts: ReadonlyArray<readonly [string, string]>, out: string): Promise<void> {
  await run('qpdf', ['--deterministic-id', ...(primary === null ? ['--empty'] : [primary]), '--pages', ...parts.flat(), '--', out]);
}

export async function bytesOf(path: string): Promise<number> {
  return (await stat(path)).size;
}
