/**
 * What a file is, from its bytes alone (names lie: "baocao.docx" is often a PDF or a photo).
 * Synchronous and cheap: only the first bytes and, for ZIPs, the central directory are read.
 */

export type ImageKind = 'png' | 'jpeg' | 'tiff' | 'heic' | 'gif' | 'webp';
/**
 * 'encrypted-ooxml': a password-protected DOCX (or XLSX, PPTX): an OLE2 compound file, like a
 * .doc, that wraps the encrypted package (streams EncryptionInfo and EncryptedPackage).
 */
export type SniffResult = 'docx' | 'zip' | 'doc' | 'encrypted-ooxml' | 'pdf' | ImageKind | 'empty' | 'unknown';

const IMAGE_KINDS: ReadonlySet<SniffResult> = new Set<SniffResult>(['png', 'jpeg', 'tiff', 'heic', 'gif', 'webp']);
/** HEIF brands of a still photo (an iPhone's .heic), in the file's first (ftyp) box. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'mif1', 'heim', 'heis']);

export function isImage(kind: SniffResult): kind is ImageKind {
  return IMAGE_KINDS.has(kind);
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Where the PDF header may stand: Acrobat accepts junk before it within the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;
/** Word's main part. OPC part names are case-insensitive. */
const MAIN_PART = 'word/document.xml';

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function sniff(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return 'empty';
  if (isZip(bytes)) return hasMainPart(bytes) ? 'docx' : 'zip';
  if (startsWith(bytes, OLE2)) return isEncryptedPackage(bufferOf(bytes)) ? 'encrypted-ooxml' : 'doc';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 4, 4) === 'ftyp' && HEIC_BRANDS.has(ascii(bytes, 8, 4))) return 'heic';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (bufferOf(bytes).subarray(0, PDF_HEADER_WINDOW).indexOf('%PDF-', 0, 'latin1') >= 0) return 'pdf';
  return 'unknown';
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether the compound file holds both streams of an encrypted Office Open XML package. */
function isEncryptedPackage(buf: Buffer): boolean {
  return hasOleEntry(buf, 'EncryptionInfo') && hasOleEntry(buf, 'EncryptedPackage');
}

/**
 * Whether a compound file's directory names `name`. Directory entries are 128 bytes at 128-byte
 * aligned offsets: a UTF-16 name with its terminator, its byte length at +64. Requiring all three
 * keeps the same words in a document's text from counting.
 */
function hasOleEntry(buf: Buffer, name: string): boolean {
  const entry = Buffer.from(`${name}\0`, 'utf16le');
  for (let at = buf.indexOf(entry); at >= 0; at = buf.indexOf(entry, at + 2)) {
    if (at % 128 === 0 && at + 66 <= buf.length && buf.readUInt16LE(at + 64) === entry.length) return true;
  }
  return false;
}

function isZip(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const kind = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return kind === 0x0304 || kind === 0x0506 || kind === 0x0708;
}

/** Whether the ZIP holds word/document.xml: by its central directory, else (truncated) by its local headers' names. */
function hasMainPart(bytes: Uint8Array): boolean {
  const buf = bufferOf(bytes);
  const names = centralDirectoryNames(buf);
  if (names) return names.some((n) => n.toLowerCase() === MAIN_PART);
  // No readable central directory: a damaged DOCX still names its main part in a local header,
  // and should be reported as a corrupt DOCX rather than an unsupported ZIP.
  return buf.indexOf(MAIN_PART, 0, 'latin1') >= 0;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;

/** A ZIP's entry names from its central directory (bytes as Latin-1), or null when it cannot be read. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  return isZip(bytes) ? centralDirectoryNames(bufferOf(bytes)) : null;
}

/** Entry names from the central directory, or null when it cannot be found or read. */
function centralDirectoryNames(buf: Buffer): string[] | null {
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
    const at = Number(buf.readBigUInt64LE(locator + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) return null;
    count = Number(buf.readBigUInt64LE(at + 32));
    offset = Number(buf.readBigUInt64LE(at + 48));
  }
  const names: string[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_HEADER) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLength > buf.length) return null;
    names.push(buf.toString('latin1', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The end-of-central-directory record: the last signature whose comment length fits the file. */
function findEocd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let p = buf.length - 22; p >= lowest; p--) {
    if (buf.readUInt32LE(p) === EOCD && p + 22 + buf.readUInt16LE(p + 20) <= buf.length) return p;
  }
  return -1;
}
