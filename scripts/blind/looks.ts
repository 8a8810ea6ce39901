/**
 * Looks the fixtures do not have, drawn from a seed, and applied with ImageMagick 6 to pages
 * rendered by pdftoppm (no PDF ever goes through ImageMagick):
 * - scans of whole reports: 150–300 dpi, skew up to ±3° per page, JPEG quality 40–85, blur,
 *   grey paper, sensor noise, speckle and salt-and-pepper, sometimes a faint red or blue round
 *   stamp and a signature scribble over a line of text;
 * - phone photos of one page: the page on a dark desk with a soft shadow, turned, in perspective
 *   (up to 6°), lit unevenly, JPEG with a 72 dpi header (sometimes stored turned with an EXIF
 *   Orientation tag), or HEIC.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prng, seedOf } from '../scans/seed.js';
import { imageSize, imagesToPdf, renderPage, run } from '../scans/tools.js';
import { withOrientation } from '../scans/exif.js';

export interface Stamp {
  readonly color: 'red' | 'blue';
  /** Centre as fractions of the page, radius as a fraction of its width. */
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** 0–1: how strongly the ink shows (faint: 0.25–0.5). */
  readonly opacity: number;
  readonly angle: number;
}

export interface Scribble {
  /** 1-based page, and the height (fraction of the page) of the line it crosses. */
  readonly page: number;
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  /** Loops' height as a fraction of the page height. */
  readonly amplitude: number;
  readonly opacity: number;
}

export interface BlindScanLook {
  readonly dpi: number;
  readonly quality: number;
  readonly blur: number;
  readonly paper: number;
  readonly noise: number;
  /** Salt-and-pepper: `+noise Impulse` attenuation (0 = none). */
  readonly impulse: number;
  /** Dark specks per megapixel. */
  readonly specks: number;
  /** Rotation of each page in degrees, by page index (cycled). */
  readonly skews: readonly number[];
  readonly stamp: Stamp | null;
  /** The stamp lands on the last page; a scribble on the page it names (clamped to the page count). */
  readonly scribble: Scribble | null;
  readonly seed: number;
}

export type PhotoFormat = 'jpeg' | 'jpeg-exif' | 'heic';

export interface PhotoLook {
  readonly renderDpi: number;
  /** Desk colour, hex. */
  readonly desk: string;
  /** Desk around the page, as a fraction of the page width. */
  readonly border: number;
  readonly angle: number;
  /** Perspective: which edge is farther from the lens, and the angle its sides lean by. */
  readonly far: 'top' | 'bottom' | 'left' | 'right';
  readonly tilt: number;
  readonly shadow: { readonly opacity: number; readonly sigma: number; readonly dx: number; readonly dy: number };
  /** Brightness (%) at the four corners: top-left, top-right, bottom-left, bottom-right. */
  readonly light: readonly [number, number, number, number];
  readonly blur: number;
  readonly noise: number;
  readonly quality: number;
  /** Longest side of the picture in pixels. */
  readonly size: number;
  readonly format: PhotoFormat;
  /** EXIF Orientation written with the pixels stored turned (jpeg-exif only). */
  readonly orientation: 3 | 6 | 8 | null;
  readonly seed: number;
}

type Rand = () => number;
const between = (r: Rand, lo: number, hi: number, step = 0.01): number => Number((Math.round((lo + r() * (hi - lo)) / step) * step).toFixed(3));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const signed = (r: Rand, lo: number, hi: number): number => (r() < 0.5 ? -1 : 1) * between(r, lo, hi);
const round = (v: number, d = 2): number => Number(v.toFixed(d));

export function drawScanLook(key: string): BlindScanLook {
  const r = prng(seedOf(`scan:${key}`));
  const dpi = pick(r, [150, 200, 240, 300]);
  const stamp: Stamp | null =
    r() < 0.5 ? { color: pick(r, ['red', 'blue'] as const), x: between(r, 0.55, 0.8), y: between(r, 0.6, 0.85), r: between(r, 0.08, 0.12), opacity: between(r, 0.25, 0.5), angle: Math.round(signed(r, 0, 20)) } : null;
  const scribble: Scribble | null =
    r() < 0.5 ? { page: 1 + Math.floor(r() * 4), y: between(r, 0.2, 0.85), x0: between(r, 0.15, 0.45), x1: between(r, 0.55, 0.85), amplitude: between(r, 0.008, 0.02, 0.001), opacity: between(r, 0.5, 0.85) } : null;
  return {
    dpi,
    quality: Math.round(between(r, 40, 85, 1)),
    blur: between(r, 0.2, dpi >= 240 ? 1 : 0.7),
    paper: between(r, 0.86, 0.97),
    noise: between(r, 0.05, 0.3),
    impulse: r() < 0.6 ? between(r, 0.02, 0.12) : 0,
    specks: r() < 0.6 ? Math.round(between(r, 20, 200, 1)) : 0,
    skews: Array.from({ length: 8 }, () => signed(r, 0.1, 3)),
    stamp,
    scribble,
    seed: seedOf(`scan-noise:${key}`) % 1_000_000,
  };
}

export function drawPhotoLook(key: string): PhotoLook {
  const r = prng(seedOf(`photo:${key}`));
  const format = pick(r, ['jpeg', 'jpeg', 'jpeg-exif', 'heic'] as const);
  const dim = (): number => Math.round(between(r, 45, 100, 1));
  return {
    renderDpi: pick(r, [150, 180, 200, 220]),
    desk: pick(r, ['#1e1c1a', '#2a2522', '#23282c', '#3a2f26', '#161616']),
    border: between(r, 0.06, 0.2),
    angle: signed(r, 0.3, 4),
    far: pick(r, ['top', 'bottom', 'left', 'right'] as const),
    tilt: between(r, 0.5, 6),
    shadow: { opacity: Math.round(between(r, 40, 80, 1)), sigma: Math.round(between(r, 4, 12, 1)), dx: Math.round(between(r, 5, 30, 1)), dy: Math.round(between(r, 5, 35, 1)) },
    light: [dim(), dim(), dim(), dim()],
    blur: between(r, 0.3, 1.4),
    noise: between(r, 0.1, 0.6),
    quality: Math.round(between(r, 55, 90, 1)),
    // HEIC is slow to encode at 12 MP: at most 3024 px.
    size: format === 'heic' ? pick(r, [2048, 2592, 3024]) : pick(r, [2048, 2592, 3024, 4032]),
    format,
    orientation: format === 'jpeg-exif' ? pick(r, [6, 3, 8] as const) : null,
    seed: seedOf(`photo-noise:${key}`) % 1_000_000,
  };
}

const INK = { red: '205,30,35', blue: '30,60,190' } as const;

/** ImageMagick draw arguments for a round stamp: two rings, a star, the office's name. */
function stampArgs(s: Stamp, width: number, height: number, unit: string): string[] {
  const cx = Math.round(s.x * width);
  const cy = Math.round(s.y * height);
  const r = Math.round(s.r * width);
  const ink = `rgba(${INK[s.color]},${s.opacity})`;
  const stroke = Math.max(2, Math.round(r / 18));
  const pt = Math.max(8, Math.round(r / 5));
  return [
    '-fill', 'none', '-stroke', ink, '-strokewidth', String(stroke),
    '-draw', `circle ${cx},${cy} ${cx + r},${cy}`,
    '-draw', `circle ${cx},${cy} ${cx + Math.round(r * 0.72)},${cy}`,
    '-stroke', 'none', '-fill', ink, '-font', 'DejaVu-Sans-Bold', '-gravity', 'NorthWest',
    '-pointsize', String(pt),
    '-annotate', `${s.angle}x${s.angle}+${cx - Math.round(r * 0.55)}+${cy - Math.round(r * 0.9)}`, 'ỦY BAN NHÂN DÂN',
    '-pointsize', String(Math.round(pt * 1.3)),
    '-annotate', `${s.angle}x${s.angle}+${cx - Math.round(r * 0.5)}+${cy - Math.round(pt * 0.7)}`, unit.toUpperCase(),
    '-pointsize', String(Math.round(pt * 1.6)),
    '-annotate', `0x0+${cx - Math.round(pt * 0.5)}+${cy + Math.round(r * 0.35)}`, '★',
  ];
}

/** A signature: a loopy Bézier stroke across one line of text. */
function scribbleArgs(s: Scribble, width: number, height: number, seed: number): string[] {
  const r = prng(seed);
  const y = s.y * height;
  const a = s.amplitude * height;
  const x0 = s.x0 * width;
  const x1 = s.x1 * width;
  const n = 5;
  const pts: string[] = [`${Math.round(x0)},${Math.round(y)}`];
  for (let i = 1; i <= n * 3; i++) {
    const x = x0 + ((x1 - x0) * i) / (n * 3) + (r() - 0.5) * a * 2;
    const yy = y + (i % 3 === 1 ? -a : i % 3 === 2 ? a * 1.2 : 0) * (0.6 + r() * 0.8);
    pts.push(`${Math.round(x)},${Math.round(yy)}`);
  }
  return ['-fill', 'none', '-stroke', `rgba(25,30,110,${s.opacity})`, '-strokewidth', String(Math.max(2, Math.round(width / 500))), '-draw', `bezier ${pts.join(' ')}`];
}

/** One scanned page: ink marks, turned, softened, grey paper, noise, JPEG. */
async function scanPage(png: string, out: string, look: BlindScanLook, page: number, pages: number, unit: string): Promise<void> {
  const { width, height } = await imageSize(png);
  const marks = [
    ...(look.stamp && page === pages ? stampArgs(look.stamp, width, height, unit) : []),
    ...(look.scribble && ((look.scribble.page - 1) % pages) + 1 === page ? scribbleArgs(look.scribble, width, height, look.seed + page) : []),
  ];
  const specks: string[] = [];
  if (look.specks > 0) {
    const r = prng(look.seed + 1000 + page);
    const count = Math.round((look.specks * width * height) / 1e6);
    const dots: string[] = [];
    for (let i = 0; i < count; i++) {
      const x = Math.round(r() * width);
      const y = Math.round(r() * height);
      const d = 1 + Math.round(r() * 2);
      dots.push(`circle ${x},${y} ${x + d},${y}`);
    }
    specks.push('-fill', 'rgb(40,40,40)', '-stroke', 'none', '-draw', dots.join(' '));
  }
  const angle = look.skews[(page - 1) % look.skews.length]!;
  const color = look.stamp !== null;
  await run('convert', [
    '-limit', 'thread', '1', '-seed', String(look.seed + page),
    png,
    ...marks,
    ...specks,
    '-background', 'white', '-rotate', angle.toFixed(2), '-gravity', 'center', '-extent', `${width}x${height}`,
    '-blur', `0x${look.blur}`,
    '+level', `4%,${(look.paper * 100).toFixed(1)}%`,
    '-attenuate', String(look.noise), '+noise', 'Gaussian',
    ...(look.impulse > 0 ? ['-attenuate', String(look.impulse), '+noise', 'Impulse'] : []),
    ...(color ? [] : ['-colorspace', 'Gray']),
    '-quality', String(look.quality),
    '-density', String(look.dpi), '-units', 'PixelsPerInch',
    '-strip',
    out,
  ]);
}

/** A whole report scanned into an image-only PDF. */
export async function makeScan(pdf: string, pages: number, look: BlindScanLook, unit: string, work: string, out: string): Promise<void> {
  const jpegs: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const png = await renderPage(pdf, p, look.dpi, work, look.stamp !== null);
    const jpeg = join(work, `page-${p}.jpg`);
    await scanPage(png, jpeg, look, p, pages, unit);
    jpegs.push(jpeg);
  }
  await imagesToPdf(jpegs, look.dpi, out);
}

/** Perspective: the far edge shrinks by the tangent of the tilt times the other side. */
function perspective(look: PhotoLook, w: number, h: number): string {
  const t = Math.tan((look.tilt * Math.PI) / 180);
  const dx = Math.round(h * t * 0.5);
  const dy = Math.round(w * t * 0.5);
  const c = { tl: [0, 0], tr: [w, 0], bl: [0, h], br: [w, h] };
  const d = structuredClone(c);
  if (look.far === 'top') [d.tl[0], d.tr[0]] = [dx, w - dx];
  if (look.far === 'bottom') [d.bl[0], d.br[0]] = [dx, w - dx];
  if (look.far === 'left') [d.tl[1], d.bl[1]] = [dy, h - dy];
  if (look.far === 'right') [d.tr[1], d.br[1]] = [dy, h - dy];
  return (['tl', 'tr', 'bl', 'br'] as const).map((k) => `${c[k][0]},${c[k][1]} ${d[k][0]},${d[k][1]}`).join('  ');
}

/** The turn (degrees clockwise) that stores upright pixels so that `orientation` shows them upright. */
const STORED_TURN: Record<3 | 6 | 8, number> = { 3: 180, 6: -90, 8: 90 };

/** A phone photo of one page; `out` ends in .jpg or .heic as the look says. */
export async function makePhoto(pdf: string, page: number, look: PhotoLook, work: string, out: string): Promise<void> {
  const png = await renderPage(pdf, page, look.renderDpi, work, true);
  const { width, height } = await imageSize(png);
  const b = Math.round(look.border * width);
  const W = width + 2 * b;
  const H = height + 2 * b;
  const [tl, tr, bl, br] = look.light;
  const upright = join(work, `photo-${page}.png`);
  await run('convert', [
    '-seed', String(look.seed),
    png,
    '(', '+clone', '-background', 'black', '-shadow', `${look.shadow.opacity}x${look.shadow.sigma}+${look.shadow.dx}+${look.shadow.dy}`, ')',
    '+swap', '-background', 'none', '-layers', 'merge', '+repage',
    '-background', look.desk, '-gravity', 'center', '-extent', `${W}x${H}`, '-flatten',
    '-rotate', look.angle.toFixed(2), '-gravity', 'center', '-extent', `${W}x${H}`,
    '-virtual-pixel', 'background', '-distort', 'Perspective', perspective(look, W, H),
    '(', '+clone', '-sparse-color', 'Barycentric', `0,0 gray(${tl}%) %w,0 gray(${tr}%) 0,%h gray(${bl}%) %w,%h gray(${br}%)`, ')',
    '-compose', 'Multiply', '-composite',
    '-blur', `0x${look.blur}`,
    '-attenuate', String(look.noise), '+noise', 'Gaussian',
    '-resize', `${look.size}x${look.size}`,
    upright,
  ]);
  if (look.format === 'heic') {
    await run('convert', [upright, '-strip', '-quality', String(look.quality), out]);
    return;
  }
  const turn = look.orientation ? STORED_TURN[look.orientation] : 0;
  const jpeg = join(work, `photo-${page}.jpg`);
  // JFIF at 72 dpi, as phones and messaging apps write it.
  await run('convert', [upright, ...(turn ? ['-rotate', String(turn)] : []), '-strip', '-sampling-factor', '2x2', '-quality', String(look.quality), '-units', 'PixelsPerInch', '-density', '72', jpeg]);
  const data = await readFile(jpeg);
  if (!look.orientation) return writeFile(out, data);
  await writeFile(out, withOrientation(data, look.orientation));
}

export const photoExtension = (look: PhotoLook): string => (look.format === 'heic' ? 'heic' : 'jpg');

/** Short text of a look for tables. */
export function describeScan(l: BlindScanLook): string {
  const skew = Math.max(...l.skews.map(Math.abs));
  return `${l.dpi}dpi q${l.quality} skew≤${round(skew, 1)}°${l.impulse ? ' s&p' : ''}${l.specks ? ' specks' : ''}${l.stamp ? ` ${l.stamp.color}-stamp` : ''}${l.scribble ? ' scribble' : ''}`;
}

export function describePhoto(l: PhotoLook): string {
  return `${l.format}${l.orientation ? `(o${l.orientation})` : ''} ${l.size}px q${l.quality} turn ${l.angle}° tilt ${l.tilt}° ${l.far}`;
}
