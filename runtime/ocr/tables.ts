/**
 * Ruled tables in a page image, found from their rules so that each cell can be read on its own.
 *
 * Read as a whole page, a ruled table defeats tesseract: characters touching a rule are lost or
 * misread ("III" as "II", "9,75" as "975", "1.2" as ")"), and a header whose cells wrap over two
 * lines comes out as one garbled line. Here the page (deskewed by the angle skew.ts measured)
 * is searched for long horizontal rules; consecutive rules joined by vertical rules make a table;
 * the vertical rules present in each row band cut it into cells (merged cells stay merged). Each
 * cell, cut inside its rules, is then read alone (engine.ts), and the table comes back as rows of
 * cells, as a text layer's table does.
 *
 * Everything here is plain arithmetic on a grayscale bitmap (0 black … 255 white), in pixels.
 */
import type { OcrBox } from './tsv.js';

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** Row-major, one byte per pixel, 0 black … 255 white. */
  readonly data: Uint8Array;
}

/** One table: its outer box and, per row band, its cells left to right. */
export interface TableGrid {
  readonly box: OcrBox;
  readonly rows: ReadonlyArray<{ readonly box: OcrBox; readonly cells: readonly OcrBox[] }>;
}

/** A pixel darker than this is ink (scans: paper ~240, ink ~10–60 after blur). */
const INK = 150;

/**
 * Ink in a copy at half the resolution, where each pixel averages four: a rule one pixel thin
 * (a 200-dpi scan) comes out about half as dark (~140 against paper ~240) and would slip under
 * INK. Halfway to the paper; a looser look there only sends more pages to the full-size search.
 */
export const INK_AT_HALF = 190;

interface Rule {
  /** Centre row (horizontal) or column (vertical). */
  at: number;
  from: number;
  to: number;
}

function dark(img: GrayImage, x: number, y: number, ink: number): boolean {
  return img.data[y * img.width + x]! < ink;
}

/**
 * Horizontal rules: rows holding a dark run at least `minLength` long, where a pixel counts as dark
 * if it or one of its vertical neighbours within 2 px is (a residual skew of a few tenths of a
 * degree staircases a rule by a pixel every hundred or so), gaps of up to 1% of the width bridged.
 * Adjacent rows with overlapping runs are one rule.
 */
export function horizontalRules(img: GrayImage, minLength: number, ink = INK): Rule[] {
  const { width, height } = img;
  const maxGap = Math.max(4, Math.round(width / 100));
  const runs: Rule[] = [];
  const column = new Uint8Array(width);
  // Ink per column in rows y-2 … y+2, kept as a sliding count (a page is millions of pixels).
  const inWindow = new Int32Array(width);
  const count = (row: number, delta: number): void => {
    const base = row * width;
    for (let x = 0; x < width; x++) if (img.data[base + x]! < ink) inWindow[x]! += delta;
  };
  for (let row = 0; row < Math.min(2, height); row++) count(row, 1);
  for (let y = 0; y < height; y++) {
    if (y + 2 < height) count(y + 2, 1);
    if (y - 3 >= 0) count(y - 3, -1);
    for (let x = 0; x < width; x++) column[x] = inWindow[x]! > 0 ? 1 : 0;
    // Gaps of up to `maxGap` are bridged (a faint rule of a low-resolution scan breaks up), but a
    // run must be almost solid: a line of text, bridged, is not.
    let start = -1;
    let lastDark = -maxGap - 10;
    let filled = 0;
    const close = (): void => {
      const length = lastDark - start + 1;
      if (start >= 0 && length >= minLength && filled >= 0.9 * length) runs.push({ at: y, from: start, to: lastDark });
    };
    for (let x = 0; x < width; x++) {
      if (column[x] !== 1) continue;
      if (start < 0 || x - lastDark > maxGap) {
        close();
        start = x;
        filled = 0;
      }
      lastDark = x;
      filled++;
    }
    close();
  }
  // Merge runs of adjacent rows into rules (their centre row).
  const rules: Array<Rule & { first: number; last: number }> = [];
  for (const r of runs) {
    const open = rules.find((q) => r.at - q.last <= 1 && r.from < q.to && q.from < r.to);
    if (open) {
      open.last = r.at;
      open.from = Math.min(open.from, r.from);
      open.to = Math.max(open.to, r.to);
    } else {
      rules.push({ ...r, first: r.at, last: r.at });
    }
  }
  // The ±2 px widening made each rule 4 rows thicker than it is: its centre is unchanged.
  return rules.map((q) => ({ at: Math.round((q.first + q.last) / 2), from: q.from, to: q.to })).sort((a, b) => a.at - b.at);
}

/** Share of the rows from y0 to y1 where some pixel within ±4 px of column x is dark. */
function verticalCover(img: GrayImage, x: number, y0: number, y1: number, ink: number): number {
  if (y1 <= y0) return 0;
  let hit = 0;
  for (let y = y0; y < y1; y++) {
    for (let dx = -4; dx <= 4; dx++) {
      const xx = x + dx;
      if (xx >= 0 && xx < img.width && dark(img, xx, y, ink)) {
        hit++;
        break;
      }
    }
  }
  return hit / (y1 - y0);
}

/** Columns whose pixels between y0 and y1 are dark on at least `share` of the rows: vertical rules. */
function verticalRules(img: GrayImage, x0: number, x1: number, y0: number, y1: number, share: number, ink: number): number[] {
  const xs: number[] = [];
  let runStart = -1;
  for (let x = Math.max(0, x0 - 6); x <= Math.min(img.width - 1, x1 + 6) + 1; x++) {
    const isRule = x <= Math.min(img.width - 1, x1 + 6) && columnShare(img, x, y0, y1, ink) >= share;
    if (isRule && runStart < 0) runStart = x;
    if (!isRule && runStart >= 0) {
      xs.push(Math.round((runStart + x - 1) / 2));
      runStart = -1;
    }
  }
  return xs;
}

/** Share of the rows from y0 to y1 dark at column x or a neighbour (a faint rule is broken). */
function columnShare(img: GrayImage, x: number, y0: number, y1: number, ink: number): number {
  if (y1 <= y0) return 0;
  let hit = 0;
  for (let y = y0; y < y1; y++) if (dark(img, x, y, ink) || (x > 0 && dark(img, x - 1, y, ink)) || (x + 1 < img.width && dark(img, x + 1, y, ink))) hit++;
  return hit / (y1 - y0);
}

/**
 * The ruled tables of a page. A table is a run of horizontal rules of about the same extent, each
 * pair joined by vertical rules at both ends; it needs at least two columns. Rules shorter than a
 * fifth of the page width are not table rules.
 */
export function findTables(img: GrayImage, ink = INK): TableGrid[] {
  const minLength = Math.max(40, Math.round(img.width / 5));
  const rules = horizontalRules(img, minLength, ink);
  const tables: TableGrid[] = [];
  let i = 0;
  while (i < rules.length) {
    const members = [rules[i]!];
    let j = i + 1;
    for (; j < rules.length; j++) {
      const prev = members[members.length - 1]!;
      const next = rules[j]!;
      const tol = Math.max(8, Math.round(img.width / 150));
      if (Math.abs(next.from - members[0]!.from) > tol * 3 || Math.abs(next.to - members[0]!.to) > tol * 3) break;
      const gap = next.at - prev.at;
      if (gap < 6) continue;
      // Both ends joined by a vertical rule. A speck touching a rule's end lengthens it, so the
      // ends of the table's first rule are tried as well as this pair's.
      const inset = 4;
      const cover = (xs: readonly number[]): number => Math.max(...xs.map((x) => verticalCover(img, x, prev.at + inset, next.at - inset, ink)));
      const left = cover([Math.round((prev.from + next.from) / 2), members[0]!.from]);
      const right = cover([Math.round((prev.to + next.to) / 2), members[0]!.to]);
      if (left < 0.9 || right < 0.9) break;
      members.push(next);
    }
    if (members.length >= 2) {
      const grid = gridOf(img, members, ink);
      if (grid) tables.push(grid);
      i = j;
    } else {
      i++;
    }
  }
  return tables;
}

function gridOf(img: GrayImage, rules: readonly Rule[], ink: number): TableGrid | null {
  const x0 = Math.min(...rules.map((r) => r.from));
  const x1 = Math.max(...rules.map((r) => r.to));
  const top = rules[0]!.at;
  const bottom = rules[rules.length - 1]!.at;
  // Each row band's own vertical rules (a residual skew moves them by a pixel or two down the
  // table; a merged cell lacks some).
  const rows: Array<{ box: OcrBox; cells: OcrBox[] }> = [];
  let maxCells = 0;
  for (let k = 0; k + 1 < rules.length; k++) {
    const y0 = rules[k]!.at;
    const y1 = rules[k + 1]!.at;
    const present = mergeClose(verticalRules(img, x0, x1, y0 + 4, y1 - 4, 0.75, ink), 8);
    if (present.length < 2) continue;
    const cells: OcrBox[] = [];
    for (let c = 0; c + 1 < present.length; c++) cells.push({ x0: present[c]!, y0, x1: present[c + 1]!, y1 });
    maxCells = Math.max(maxCells, cells.length);
    rows.push({ box: { x0: present[0]!, y0, x1: present[present.length - 1]!, y1 }, cells });
  }
  if (rows.length === 0 || maxCells < 2) return null;
  return { box: { x0, y0: top, x1, y1: bottom }, rows };
}

function mergeClose(xs: readonly number[], within: number): number[] {
  const out: number[][] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1]! <= within) last.push(x);
    else out.push([x]);
  }
  return out.map((g) => Math.round(g.reduce((a, b) => a + b, 0) / g.length));
}

/**
 * The inside of a row band: its box shrunk past its top and bottom rules and its outer vertical
 * rules, with the rules between its cells whitened, so that the row reads as text with gaps where
 * the rules were (a number alone in a cell reads worse than in a line: tesseract sizes a line by
 * its letters). `offsetX`/`offsetY` place it back on the page. Null when the row holds no ink.
 */
export function rowImage(img: GrayImage, row: { readonly box: OcrBox; readonly cells: readonly OcrBox[] }, pad = 12): (GrayImage & { offsetX: number; offsetY: number }) | null {
  const inset = Math.max(4, Math.round(img.width / 400));
  let x0 = row.box.x0 + inset;
  let x1 = row.box.x1 - inset;
  let y0 = row.box.y0 + inset;
  let y1 = row.box.y1 - inset;
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  // Walk each edge inward while it is still mostly rule (dark on more than half its length).
  const rowDark = (y: number): number => {
    let n = 0;
    for (let x = x0; x < x1; x++) if (dark(img, x, y, INK)) n++;
    return n / (x1 - x0);
  };
  const colDark = (x: number): number => {
    let n = 0;
    for (let y = y0; y < y1; y++) if (dark(img, x, y, INK)) n++;
    return n / (y1 - y0);
  };
  for (let k = 0; k < inset && y1 - y0 > 4 && rowDark(y0) > 0.5; k++) y0++;
  for (let k = 0; k < inset && y1 - y0 > 4 && rowDark(y1 - 1) > 0.5; k++) y1--;
  for (let k = 0; k < inset && x1 - x0 > 4 && colDark(x0) > 0.5; k++) x0++;
  for (let k = 0; k < inset && x1 - x0 > 4 && colDark(x1 - 1) > 0.5; k++) x1--;
  const w = x1 - x0;
  const h = y1 - y0;
  // Inner rules: whiten a band around each, widened while its columns are still mostly dark.
  const blank = new Uint8Array(w);
  for (const cell of row.cells.slice(1)) {
    const x = cell.x0;
    let from = x - inset;
    let to = x + inset;
    while (from > x0 && x - from < 3 * inset && colDark(from - 1) > 0.5) from--;
    while (to < x1 - 1 && to - x < 3 * inset && colDark(to + 1) > 0.5) to++;
    for (let k = Math.max(x0, from); k <= Math.min(x1 - 1, to); k++) blank[k - x0] = 1;
  }
  let ink = 0;
  const histogram = new Uint32Array(256);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (blank[x - x0]) continue;
      const v = img.data[y * img.width + x]!;
      histogram[v]!++;
      if (v < INK) ink++;
    }
  }
  // A few specks of noise are not text.
  if (ink < Math.max(12, (w * h) / 4000)) return null;
  // Binarised halfway between the paper (the median: a scan's paper is grey, and a grey box on
  // the white padding would itself be read as ink) and the ink, noise and JPEG ringing dropped:
  // measured on the scanned fixtures' tables, fewer digits and decimal marks lost than in grey.
  const count = histogram.reduce((a, b) => a + b, 0);
  const paper = percentile(histogram, count, 0.5);
  const black = Math.min(paper - 1, percentile(histogram, count, 0.002));
  const threshold = (paper + black) / 2;
  const ow = w + 2 * pad;
  const out = new Uint8Array(ow * (h + 2 * pad)).fill(255);
  for (let y = 0; y < h; y++) {
    const from = (y0 + y) * img.width + x0;
    const to = (y + pad) * ow + pad;
    for (let x = 0; x < w; x++) {
      if (!blank[x] && img.data[from + x]! < threshold) out[to + x] = 0;
    }
  }
  return { width: ow, height: h + 2 * pad, data: out, offsetX: x0 - pad, offsetY: y0 - pad };
}

function percentile(histogram: Uint32Array, count: number, share: number): number {
  const want = count * share;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= want) return v;
  }
  return 255;
}

/** A binary PGM (P5) of a grayscale image: what leptonica reads without any decoding cost. */
export function toPgm(img: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/** A copy of `img` with each box, grown by `margin` pixels (clipped to the image), made white. */
export function whitenBoxes(img: GrayImage, boxes: readonly OcrBox[], margin: number): GrayImage {
  const data = img.data.slice();
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x0 - margin));
    const x1 = Math.min(img.width, Math.ceil(box.x1 + margin));
    const y0 = Math.max(0, Math.floor(box.y0 - margin));
    const y1 = Math.min(img.height, Math.ceil(box.y1 + margin));
    for (let y = y0; y < y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  return { width: img.width, height: img.height, data };
}
