/**
 * Distinct copies of the typed fixtures, for load tests and benchmarks: the store keys documents
 * by sha256, so 300 copies of 41 files must differ in their bytes to count as 300 documents. The
 * change touches no content: a PDF gets a comment after its end, a DOCX (zip) a zip comment.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports');

/** The bytes of `bytes` with a marker `tag` that changes the hash and nothing a reader sees. */
export function distinctCopy(bytes: Uint8Array, tag: string): Uint8Array {
  const mark = Buffer.from(tag, 'latin1');
  if (bytes[0] === 0x25 && bytes[1] === 0x50) return Buffer.concat([bytes, Buffer.from('\n%'), mark, Buffer.from('\n')]);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // End of central directory: signature, 18 bytes, then the comment's length and the comment.
    const buf = Buffer.from(bytes);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || buf.readUInt16LE(eocd + 20) !== 0 || eocd + 22 !== buf.length) throw new Error('unexpected zip layout');
    const out = Buffer.concat([buf, mark]);
    out.writeUInt16LE(mark.length, eocd + 20);
    return out;
  }
  throw new Error('only PDF and DOCX copies are supported');
}

/** Writes `count` distinct copies of the typed DOCX and PDF fixtures into `dir`; returns their paths. */
export function writeDistinctCopies(dir: string, count: number, offset = 0): string[] {
  const sources = readdirSync(REPORTS_DIR).filter((f) => /\.(docx|pdf)$/.test(f)).sort();
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const n = i + offset;
    const dest = path.join(dir, `${String(n).padStart(5, '0')}-${src}`);
    writeFileSync(dest, distinctCopy(readFileSync(path.join(REPORTS_DIR, src)), `copy ${n}`));
    files.push(dest);
  }
  return files;
}
