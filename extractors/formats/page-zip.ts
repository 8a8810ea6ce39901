/**
 * A ZIP of page photos (PNG, JPEG, TIFF, HEIC) is one report: its pages are the images' pages in
 * natural name order (trang-2 before trang-10; a multi-page TIFF gives all its pages), read by OCR
 * as image.ts reads a photo. The zip guard runs first (sizes, ratio, entry count). Then every entry
 * is told by its bytes: folders and junk (__MACOSX/, .DS_Store) are passed over, any other entry
 * that is not a page image is refused by its name, never dropped. Entries are inflated one at a
 * time, again when their turn to be read comes, so the ZIP is never held inflated whole.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DoisoatError, isDoisoatError } from '../../core/errors.js';
import type { DocumentModel } from '../document.js';
import { heicGray } from './heic.js';
import { recognizeInTurn } from './image.js';
import { ocrSummary, pageFromOcr } from './ocr-pages.js';
import type { OcrService } from './ocr-service.js';
import { isJunkEntry, naturalOrder } from './page-names.js';
import { DEFAULT_MAX_OCR_PAGES } from './pdf.js';
import { sniff } from './sniff.js';
import { openTiff, pgmOf, tiffPageGray, type TiffFile } from './tiff.js';
import { guardZip, type ZipLimits } from './zip-guard.js';

export interface PageZipOptions {
  /** Pages needing OCR at most, all images together; default 60, as for a PDF. */
  readonly maxOcrPages?: number;
  readonly zipLimits?: Partial<ZipLimits>;
}

type PageKind = 'png' | 'jpeg' | 'tiff' | 'heic';
const PAGE_KINDS: ReadonlySet<string> = new Set<PageKind>(['png', 'jpeg', 'tiff', 'heic']);

interface PageImage {
  readonly entry: Entry;
  readonly kind: PageKind;
  /** Its pages: a TIFF's count, else 1. */
  readonly pages: number;
}

const WHAT_IT_MUST_HOLD = 'Tệp ZIP chỉ được chứa ảnh chụp hoặc ảnh scan các trang của một báo cáo (JPEG, PNG, TIFF, HEIC).';

function unsupported(detail: string): DoisoatError {
  return DoisoatError.withDetail('unsupported-format', `${detail} ${WHAT_IT_MUST_HOLD}`);
}

function corrupt(cause: unknown): DoisoatError {
  return DoisoatError.withDetail('corrupt-file', 'Cấu trúc tệp nén ZIP bị hỏng.', cause);
}

/** An opened ZIP of page images, in page order, each read again when asked for. */
export class PageZip {
  /** The TIFF last parsed: its next page is usually asked for next. */
  private held: { image: PageImage; tiff: TiffFile } | null = null;

  private constructor(
    private readonly zip: ZipFile,
    readonly images: readonly PageImage[],
  ) {}

  /** Guards, opens and classifies `bytes`; rejects with a coded error when it is not a ZIP of page images. */
  static async open(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<PageZip> {
    await guardZip(bytes, limits, 'pages');
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let zip: ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch (e) {
      throw corrupt(e);
    }
    try {
      const entries = (await listEntries(zip)).filter((e) => !isJunkEntry(e.fileName)).sort((a, b) => naturalOrder(a.fileName, b.fileName));
      const images: PageImage[] = [];
      const others: string[] = [];
      for (const entry of entries) {
        const image = classify(entry, await readEntry(zip, entry));
        if (image) images.push(image);
        else others.push(entry.fileName);
      }
      if (images.length === 0) throw unsupported('Tệp nén ZIP này không phải văn bản Word (DOCX) và không có ảnh trang báo cáo nào.');
      if (others.length > 0) {
        const named = others.slice(0, 3).map((n) => `“${n}”`).join(', ');
        throw unsupported(
          others.length > 3
            ? `Trong tệp ZIP có ${others.length} thành phần không phải ảnh trang báo cáo, như ${named}.`
            : `Trong tệp ZIP, ${named} không phải ảnh trang báo cáo.`,
        );
      }
      return new PageZip(zip, images);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  get pageCount(): number {
    return this.images.reduce((n, i) => n + i.pages, 0);
  }

  /** Page `page` (1-based, through the images in order): its image and its page within it, or null past the end. */
  locate(page: number): { image: PageImage; page: number } | null {
    let first = 1;
    for (const image of this.images) {
      if (page < first + image.pages) return page >= first ? { image, page: page - first + 1 } : null;
      first += image.pages;
    }
    return null;
  }

  /** The image's bytes, inflated. */
  read(image: PageImage): Promise<Buffer> {
    return readEntry(this.zip, image.entry);
  }

  /**
   * Page `page` as OCR is given it (as image.ts gives a photo): a PNG or JPEG as it is, a TIFF's
   * page or a HEIC photo decoded to a PGM; null past the end. A TIFF is kept parsed for its next page.
   */
  async ocrImage(page: number): Promise<Uint8Array | null> {
    const at = this.locate(page);
    if (!at) return null;
    if (at.image.kind === 'tiff') {
      if (this.held?.image !== at.image) this.held = { image: at.image, tiff: openTiff(await this.read(at.image)) };
      return pgmOf(tiffPageGray(this.held.tiff, at.page - 1));
    }
    const bytes = await this.read(at.image);
    // Decoded here (WebAssembly), as image.ts does.
    return at.image.kind === 'heic' ? pgmOf(await heicGray(bytes)) : bytes;
  }

  close(): void {
    this.held = null;
    this.zip.close();
  }
}

/**
 * Pages of a ZIP of page photos as OCR was given them, by page number (pages past the end left
 * out): for reading parts of them again in the first reading's frame.
 */
export async function pageZipOcrImages(bytes: Uint8Array, pages: readonly number[]): Promise<Map<number, Uint8Array>> {
  const zip = await PageZip.open(bytes);
  try {
    const images = new Map<number, Uint8Array>();
    for (const n of [...pages].sort((a, b) => a - b)) {
      const image = await zip.ocrImage(n);
      if (image) images.set(n, image);
    }
    return images;
  } finally {
    zip.close();
  }
}

/** The entry as a page image, or null when its bytes are something else (GIF and WebP included). */
function classify(entry: Entry, bytes: Uint8Array): PageImage | null {
  const kind = sniff(bytes);
  if (!PAGE_KINDS.has(kind)) return null;
  if (kind !== 'tiff') return { entry, kind: kind as PageKind, pages: 1 };
  try {
    return { entry, kind, pages: openTiff(bytes).pages.length };
  } catch (e) {
    throw isDoisoatError(e) ? DoisoatError.withDetail(e.code, `Ảnh “${entry.fileName}” trong tệp ZIP hỏng, không đọc được.`, e) : e;
  }
}

/** Reads a ZIP of page photos as one document: every page by OCR, numbered 1…n through the images in order. */
export async function readPageZip(bytes: Uint8Array, ocr: OcrService | undefined, options: PageZipOptions = {}): Promise<DocumentModel> {
  const zip = await PageZip.open(bytes, options.zipLimits);
  try {
    const count = zip.pageCount;
    const max = options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
    if (count > max) throw DoisoatError.withDetail('too-large', `Tệp ZIP có ${count} trang ảnh cần nhận dạng chữ (OCR), giới hạn ${max} trang.`);
    if (!ocr) throw DoisoatError.withDetail('unsupported-format', 'Ảnh chụp cần nhận dạng chữ (OCR), chưa được bật ở đây.');
    const read = await recognizeInTurn(count, async (i) => (await zip.ocrImage(i + 1))!, ocr);
    return { format: 'image', pages: read.map((page, i) => pageFromOcr(i + 1, page)), pageCount: count, ocr: ocrSummary(read) };
  } finally {
    zip.close();
  }
}

/**
 * Page `page` of a ZIP of page photos, for the review desk's crops: the image holding it and the
 * page within that image (a TIFF's), or null past the last page. Rejects with a coded error when
 * the bytes are not such a ZIP.
 */
export async function pageZipImage(bytes: Uint8Array, page: number): Promise<{ image: Uint8Array; page: number } | null> {
  const zip = await PageZip.open(bytes);
  try {
    const at = zip.locate(page);
    return at ? { image: await zip.read(at.image), page: at.page } : null;
  } finally {
    zip.close();
  }
}

/** Every entry of the central directory (sizes already checked by the guard). */
function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (e: unknown) => reject(corrupt(e)));
    zip.readEntry();
  });
}

/** One entry inflated (yauzl stops it at its declared size, which the guard capped). */
function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(corrupt(err));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', (e: Error) => reject(corrupt(e)));
    });
  });
}
