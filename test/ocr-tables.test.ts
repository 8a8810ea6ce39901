/**
 * Ruled tables in page images (runtime/ocr/tables.ts), on synthetic bitmaps: rules found,
 * cells cut per row band (merged cells kept), text and boxes that are not tables left alone, a
 * row's inner rules whitened; and the page's lines inside a table replaced by its rows.
 */
import { describe, expect, it } from 'vitest';
import { grayOf, grayWithout, loadCanvas, loadPicture } from '../runtime/ocr/bitmap.js';
import { replaceRegion } from '../runtime/ocr/engine.js';
import { mergeCellReadings } from '../runtime/ocr/cell-readings.js';
import { estimateSkew } from '../runtime/ocr/skew.js';
import { findTables, INK_AT_HALF, rowImage, whitenBoxes, type GrayImage } from '../runtime/ocr/tables.js';
import type { TsvLine } from '../runtime/ocr/tsv.js';

const W = 1200;
const H = 900;

function blank(): GrayImage & { data: Uint8Array } {
  // A scan's paper is grey, not white.
  return { width: W, height: H, data: new Uint8Array(W * H).fill(235) };
}

function fill(img: GrayImage & { data: Uint8Array }, x0: number, y0: number, x1: number, y1: number, v = 20): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}

/** Horizontal rules at `ys`, vertical rules at `xs` from the first to the last rule (3 px). */
function grid(img: GrayImage & { data: Uint8Array }, xs: number[], ys: number[]): void {
  for (const y of ys) fill(img, xs[0]!, y - 1, xs[xs.length - 1]! + 2, y + 2);
  for (const x of xs) fill(img, x - 1, ys[0]!, x + 2, ys[ys.length - 1]! + 1);
}

/** A word-like blob: strokes 4 px wide, 6 px apart. */
function word(img: GrayImage & { data: Uint8Array }, x: number, y: number, length: number): void {
  for (let k = 0; k < length; k += 10) fill(img, x + k, y, x + k + 4, y + 24);
}

describe('findTables', () => {
  const xs = [100, 250, 800, 950, 1100];
  const ys = [200, 260, 320, 380, 440];

  it.each<[string, (img: GrayImage & { data: Uint8Array }) => void, number[]]>([
    ['a full grid: every row band cut into its four cells', (img) => grid(img, xs, ys), [4, 4, 4, 4]],
    [
      'a merged cell: the band without an inner rule has one cell fewer',
      (img) => {
        grid(img, [100, 250, 800, 1100], ys);
        fill(img, 949, 200, 952, 380); // the rule between the two numeric columns stops above the last band
      },
      [4, 4, 4, 3],
    ],
    [
      'a speck touching a middle rule\'s end (it lengthens that rule) does not cut the table in two',
      (img) => {
        grid(img, xs, ys);
        fill(img, 1101, 318, 1112, 323);
      },
      [4, 4, 4, 4],
    ],
    [
      'text in the cells changes nothing',
      (img) => {
        grid(img, xs, ys);
        for (const y of [215, 275, 335, 395]) {
          word(img, 120, y, 60);
          word(img, 270, y, 500);
          word(img, 820, y, 40);
        }
      },
      [4, 4, 4, 4],
    ],
    [
      'a faint rule broken in places is still a rule',
      (img) => {
        grid(img, xs, ys);
        for (let x = 300; x < 1000; x += 97) fill(img, x, 318, x + 9, 323, 235);
      },
      [4, 4, 4, 4],
    ],
  ])('%s', (_name, draw, cellsPerRow) => {
    const img = blank();
    draw(img);
    const tables = findTables(img);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.cells.length)).toEqual(cellsPerRow);
    expect(tables[0]!.box.y0).toBeGreaterThanOrEqual(198);
    expect(tables[0]!.box.y1).toBeLessThanOrEqual(442);
  });

  it.each<[string, (img: GrayImage & { data: Uint8Array }) => void]>([
    ['a blank page', () => {}],
    [
      'lines of text, however long',
      (img) => {
        for (let y = 100; y < 800; y += 40) word(img, 100, y, 1000);
      },
    ],
    ['two rules with nothing joining them (a signature line, an underline)', (img) => {
      fill(img, 100, 300, 1100, 303);
      fill(img, 100, 400, 1100, 403);
    }],
    ['a framed box of one column', (img) => grid(img, [100, 1100], [300, 400])],
    ['short rules', (img) => grid(img, [100, 150, 200, 250], [300, 360, 420])],
  ])('no table in %s', (_name, draw) => {
    const img = blank();
    draw(img);
    expect(findTables(img)).toEqual([]);
  });
});

describe('findTables on a half-size copy', () => {
  /** A 200-dpi scan's one-pixel rules, averaged four pixels to one: grey (~140–170), not black. */
  function faintGrid(img: GrayImage & { data: Uint8Array }): void {
    for (const y of [100, 130, 160]) fill(img, 50, y, 551, y + 1, 165);
    for (const x of [50, 125, 400, 475, 550]) fill(img, x, 100, x + 1, 161, 165);
  }

  it('finds a thin-ruled table that the full-size ink misses', () => {
    const img = blank();
    faintGrid(img);
    expect(findTables(img)).toEqual([]);
    expect(findTables(img, INK_AT_HALF).map((t) => t.rows.map((r) => r.cells.length))).toEqual([[4, 4]]);
  });

  it.each<[string, (img: GrayImage & { data: Uint8Array }) => void]>([
    ['a blank page', () => {}],
    ['grey lines of text', (img) => { for (let y = 100; y < 800; y += 20) for (let k = 0; k < 1000; k += 5) fill(img, 100 + k, y, 102 + k, y + 12, 165); }],
    ['two grey rules with nothing joining them', (img) => { fill(img, 100, 300, 1100, 301, 165); fill(img, 100, 400, 1100, 401, 165); }],
  ])('still no table in %s', (_name, draw) => {
    const img = blank();
    draw(img);
    expect(findTables(img, INK_AT_HALF)).toEqual([]);
  });
});

describe('rowImage', () => {
  it('whitens the rules inside the row and keeps its text, binarised, padded white', () => {
    const img = blank();
    grid(img, [100, 250, 800, 1100], [200, 260]);
    word(img, 120, 218, 40);
    word(img, 820, 218, 40);
    const [table] = findTables(img);
    const strip = rowImage(img, table!.rows[0]!)!;
    expect(strip).not.toBeNull();
    const at = (x: number, y: number): number => strip.data[(y - strip.offsetY) * strip.width + (x - strip.offsetX)]!;
    expect(at(250, 230)).toBe(255); // the inner rule is gone
    expect(at(800, 230)).toBe(255);
    expect(at(121, 230)).toBe(0); // the text stays, black
    expect(at(821, 230)).toBe(0);
    expect(at(500, 230)).toBe(255); // grey paper is white
  });

  it('gives nothing for an empty row', () => {
    const img = blank();
    grid(img, [100, 250, 800, 1100], [200, 260]);
    const [table] = findTables(img);
    expect(rowImage(img, table!.rows[0]!)).toBeNull();
  });
});

describe('tables left out of the page pass', () => {
  const box = { x0: 300, y0: 200, x1: 900, y1: 440 };

  it('whitenBoxes paints each box and its margin white, and nothing else', () => {
    const img = blank();
    fill(img, 0, 0, W, H); // ink everywhere
    const out = whitenBoxes(img, [box], 4);
    const at = (x: number, y: number): number => out.data[y * W + x]!;
    expect([at(296, 196), at(600, 300), at(903, 443)]).toEqual([255, 255, 255]);
    expect([at(295, 300), at(904, 300), at(600, 195), at(600, 444)]).toEqual([20, 20, 20, 20]);
    expect(img.data[300 * W + 600]).toBe(20); // the page itself is left as it was
  });

  it('grayWithout paints, on the page as it is, what lands in the box once the page is turned', async () => {
    // A page all ink, as a PNG the canvas decodes.
    const { createCanvas } = await loadCanvas();
    const canvas = createCanvas(W, H);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#141414';
    ctx.fillRect(0, 0, W, H);
    const picture = (await loadPicture(canvas.toBuffer('image/png')))!;
    const radians = 0.03; // 1.7°: a box corner moves by ~15 px
    const without = await grayWithout(picture, radians, [box], 0);
    const ink = (img: GrayImage, x: number, y: number): number => img.data[y * img.width + x]!;
    // Unturned, the white is not the box itself: a corner of the box is still ink…
    const corners = [[box.x0 + 2, box.y0 + 2], [box.x1 - 3, box.y0 + 2], [box.x0 + 2, box.y1 - 3], [box.x1 - 3, box.y1 - 3]] as const;
    expect(corners.filter(([x, y]) => ink(without, x, y) < 60).length).toBeGreaterThan(0);
    // …and turned as tesseract.js will turn it, the box is white inside and ink around it.
    const again = (await loadPicture(pngOf(createCanvas, without)))!;
    const turned = await grayOf(again, radians);
    for (const [x, y] of [[box.x0 + 3, box.y0 + 3], [box.x1 - 3, box.y1 - 3], [box.x0 + 3, box.y1 - 3], [box.x1 - 3, box.y0 + 3], [600, 320]] as const) {
      expect(ink(turned, x, y), `inside at ${x},${y}`).toBeGreaterThan(240);
    }
    for (const [x, y] of [[box.x0 - 4, 320], [box.x1 + 4, 320], [600, box.y0 - 4], [600, box.y1 + 4]] as const) {
      expect(ink(turned, x, y), `outside at ${x},${y}`).toBeLessThan(60);
    }
  });
});

/** A grayscale bitmap as a PNG, through the canvas. */
function pngOf(createCanvas: typeof import('@napi-rs/canvas').createCanvas, img: GrayImage): Buffer {
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const rgba = ctx.createImageData(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i]!;
    rgba.data[4 * i] = v;
    rgba.data[4 * i + 1] = v;
    rgba.data[4 * i + 2] = v;
    rgba.data[4 * i + 3] = 255;
  }
  ctx.putImageData(rgba, 0, 0);
  return canvas.toBuffer('image/png');
}

describe('replaceRegion', () => {
  const line = (text: string, y0: number, x0 = 100): TsvLine => ({ text, confidence: 0.9, bbox: { x0, y0, x1: x0 + 800, y1: y0 + 40 }, block: 1, paragraph: 1 });
  const rowLine = (text: string, y0: number): TsvLine => ({ ...line(text, y0), cells: text.split(' ') });

  it.each<[string, TsvLine[], string[]]>([
    ['lines inside the table give way to its rows, where the first stood', [line('above', 100), line('garbled header', 210), line('I 30 28', 270), line('below', 500)], ['above', 'a b', 'c d', 'below']],
    ['a table whose lines tesseract missed goes where its top is', [line('above', 100), line('below', 500)], ['above', 'a b', 'c d', 'below']],
    ['lines beside the table (their centre outside it) stay', [line('above', 100), line('margin note', 250, 1300), line('below', 500)], ['above', 'a b', 'c d', 'margin note', 'below']],
  ])('%s', (_name, lines, texts) => {
    const out = replaceRegion(lines, { x0: 50, y0: 200, x1: 1000, y1: 440 }, [rowLine('a b', 200), rowLine('c d', 260)]);
    expect(out.map((l) => l.text)).toEqual(texts);
  });
});

describe('mergeCellReadings', () => {
  const r = (text: string, confidence = 90): { text: string; confidence: number } => ({ text, confidence });
  it.each<[string, string, string, number?, number?]>([
    // [row reading, cell read alone, merged]
    ['9,5', '9,5', '9,5'],
    ['95', '9,5', '9,5'],
    ['9,5', '95', '9,5'],
    ['3,5', '335', '33,5'],
    ['11', '1.1', '1.1'],
    ['21', '2.1', '2.1'],
    ['-', '25', '25'],
    ['', '24', '24'],
    ['Z1', '2.1', '2.1'],
    ['35', '9,5', '9,5', 95, 86],
    ['35', '9,5', '35', 95, 60],
    ['y', 'V', 'V'],
    ['H', 'H', 'H'],
    ['Điểm tự chấm', 'ng', 'Điểm tự chấm'],
    ['STT', 'SIT', 'STT'],
    ['13,75', '13,75', '13,75'],
    // Both kept their mark: a digit made up by one, or dropped by the other; the surer one wins.
    ['33.225', '33.25', '33.25', 78, 96],
    ['33.25', '33.225', '33.25', 96, 78],
    ['33,25', '33,225', '33,225', 90, 90],
  ])('%s and %s → %s', (row, alone, merged, rowConf = 90, aloneConf = 90) => {
    expect(mergeCellReadings(r(row, rowConf), r(alone, aloneConf))).toBe(merged);
  });
});

describe('estimateSkew', () => {
  /** Lines of word-like blobs, turned by `degrees` about the centre (y grows downwards). */
  function page(degrees: number): GrayImage {
    const w = 620;
    const h = 877;
    const data = new Uint8Array(w * h).fill(240);
    const a = (degrees * Math.PI) / 180;
    const [s, c] = [Math.sin(a), Math.cos(a)];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // The straight page's point that lands here.
        const dx = x - w / 2;
        const dy = y - h / 2;
        const sx = dx * c + dy * s + w / 2;
        const sy = -dx * s + dy * c + h / 2;
        const inLine = sy > 60 && sy < 820 && (sy - 60) % 22 < 7;
        const inWord = sx > 60 && sx < 560 && (sx - 60) % 41 < 33 && Math.floor(sx / 3) % 2 === 0;
        if (inLine && inWord) data[y * w + x] = 20;
      }
    }
    return { width: w, height: h, data };
  }

  it.each([0, 0.5, -0.5, 1.3, -1.9, 2.6])('a page turned by %s° is measured to within 0.05°', (degrees) => {
    const measured = (estimateSkew(page(degrees)) * 180) / Math.PI;
    // Turning the page by the measured angle straightens it: the opposite of how it was turned.
    expect(Math.abs(measured + degrees)).toBeLessThan(0.05);
  });

  it('a page with (almost) no ink is not turned', () => {
    expect(estimateSkew({ width: 100, height: 100, data: new Uint8Array(10_000).fill(240) })).toBe(0);
  });
});
