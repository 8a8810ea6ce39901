/**
 * The zip-bomb guard run before anything inflates a DOCX or a ZIP of page photos (page-zip.ts).
 * Two passes:
 * 1. the central directory alone (no inflating): entry count, each declared size, their sum, and
 *    the compression ratio of big entries;
 * 2. every entry inflated as a stream and thrown away, with a hard cap, because headers can lie:
 *    yauzl's validateEntrySizes fails an entry the moment it inflates past its declared size, and
 *    our own counter stops the total. Memory stays at one inflate window and one chunk.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DoisoatError } from '../../core/errors.js';

export interface ZipLimits {
  /** Largest uncompressed size of one entry. */
  readonly maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  readonly maxTotalBytes: number;
  readonly maxEntries: number;
  /** Highest uncompressed:compressed ratio allowed for entries larger than `ratioMinBytes`. */
  readonly maxRatio: number;
  readonly ratioMinBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 256 * MiB,
  maxEntries: 2000,
  maxRatio: 200,
  ratioMinBytes: MiB,
};

export interface ZipSummary {
  readonly entries: number;
  /** Bytes actually inflated (not declared). */
  readonly uncompressedBytes: number;
}

const mb = (n: number): string => `${Math.round((n / MiB) * 10) / 10} MB`.replace('.', ',');

function tooLarge(detail: string): DoisoatError {
  return DoisoatError.withDetail('too-large', `${detail} Có thể là "bom nén" (zip bomb), tệp bị từ chối.`);
}

/** What the ZIP is to the user, for the messages: a Word file, or a ZIP of page photos. */
export type ZipKind = 'docx' | 'pages';

const CORRUPT: Record<ZipKind, string> = {
  docx: 'Cấu trúc nén (ZIP) của tệp Word bị hỏng.',
  pages: 'Cấu trúc tệp nén ZIP bị hỏng.',
};

function corrupt(cause: unknown, kind: ZipKind = 'docx'): DoisoatError {
  return DoisoatError.withDetail('corrupt-file', CORRUPT[kind], cause);
}

function encrypted(kind: ZipKind): DoisoatError {
  return kind === 'docx'
    ? DoisoatError.withDetail('corrupt-file', 'Tệp Word có thành phần bị mã hoá, không đọc được.')
    : DoisoatError.withDetail('encrypted-file', 'Tệp ZIP có thành phần được đặt mật khẩu; hãy nén lại không đặt mật khẩu.');
}

/** Resolves when `bytes` is a ZIP within `limits`; rejects with 'too-large' or 'corrupt-file'. */
export async function guardZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}, kind: ZipKind = 'docx'): Promise<ZipSummary> {
  const l: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    throw corrupt(e, kind);
  }
  try {
    if (zip.entryCount > l.maxEntries) throw tooLarge(`Tệp nén có ${zip.entryCount} thành phần, giới hạn ${l.maxEntries}.`);
    const entries = await declaredEntries(zip, l, kind);
    let inflated = 0;
    for (const entry of entries) inflated += await inflateCapped(zip, entry, l, inflated, kind);
    return { entries: entries.length, uncompressedBytes: inflated };
  } finally {
    zip.close();
  }
}

/** Pass 1: the central directory, checked entry by entry as yauzl reads it. */
function declaredEntries(zip: ZipFile, l: ZipLimits, kind: ZipKind): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let total = 0;
    const fail = (e: unknown): void => {
      zip.removeAllListeners('entry');
      reject(e instanceof DoisoatError ? e : corrupt(e, kind));
    };
    zip.on('entry', (entry: Entry) => {
      const size = entry.uncompressedSize;
      total += size;
      if (size > l.maxEntryBytes) return fail(tooLarge(`Thành phần "${entry.fileName}" khai báo ${mb(size)} khi giải nén, giới hạn ${mb(l.maxEntryBytes)}.`));
      if (total > l.maxTotalBytes) return fail(tooLarge(`Tổng dung lượng giải nén khai báo vượt ${mb(l.maxTotalBytes)}.`));
      if (size > l.ratioMinBytes && size / Math.max(entry.compressedSize, 1) > l.maxRatio) {
        return fail(tooLarge(`Thành phần "${entry.fileName}" có tỉ lệ nén ${Math.round(size / Math.max(entry.compressedSize, 1))}:1, giới hạn ${l.maxRatio}:1.`));
      }
      if (entry.isEncrypted()) return fail(encrypted(kind));
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', fail);
    zip.readEntry();
  });
}

/** Pass 2: inflate one entry into nothing, stopping at whichever cap comes first. */
function inflateCapped(zip: ZipFile, entry: Entry, l: ZipLimits, inflatedSoFar: number, kind: ZipKind): Promise<number> {
  if (entry.fileName.endsWith('/')) return Promise.resolve(0);
  const cap = Math.min(l.maxEntryBytes, l.maxTotalBytes - inflatedSoFar);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(corrupt(err, kind));
      let count = 0;
      let done = false;
      const finish = (e: DoisoatError | null): void => {
        if (done) return;
        done = true;
        if (e) {
          stream.destroy();
          reject(e);
        } else resolve(count);
      };
      stream.on('data', (chunk: Buffer) => {
        count += chunk.length;
        if (count > cap) finish(tooLarge(`Thành phần "${entry.fileName}" giải nén ra hơn ${mb(cap)}.`));
      });
      stream.once('end', () => finish(null));
      stream.once('error', (e: Error) => {
        // validateEntrySizes: the header declared fewer bytes than the data inflates to.
        if (/too many bytes/i.test(e.message)) finish(tooLarge(`Thành phần "${entry.fileName}" giải nén ra nhiều hơn kích thước khai báo (${mb(entry.uncompressedSize)}).`));
        else finish(corrupt(e, kind));
      });
    });
  });
}
