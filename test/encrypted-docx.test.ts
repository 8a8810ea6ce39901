/**
 * A password-protected DOCX is an OLE2 compound file, like a legacy .doc: it is told apart by the
 * directory entries of its encrypted package, and refused as `encrypted-file`, not as a damaged DOC.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../extractors/formats/index.js';
import { sniff } from '../extractors/formats/sniff.js';
import { formatOf } from '../pipeline/fingerprint.js';
import { BAD } from './support/paths.js';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A compound file's first 1 KB with `names` written as directory entries (or not) at `offsets`. */
function ole(entries: Array<{ name: string; at: number; aligned?: boolean }>): Uint8Array {
  const buf = Buffer.alloc(2048);
  Buffer.from(OLE2).copy(buf);
  for (const e of entries) {
    const name = Buffer.from(`${e.name}\0`, 'utf16le');
    name.copy(buf, e.at);
    if (e.aligned !== false) buf.writeUInt16LE(name.length, e.at + 64);
  }
  return buf;
}

describe('encrypted DOCX', () => {
  it('sniffs the LibreOffice-encrypted fixture as an encrypted package, reported as a DOCX', () => {
    const bytes = readFileSync(path.join(BAD, 'encrypted.docx'));
    expect(sniff(bytes)).toBe('encrypted-ooxml');
    expect(formatOf(bytes)).toBe('docx');
  });

  it('needs both streams as directory entries: the words in a document’s text do not count', () => {
    expect(sniff(ole([{ name: 'EncryptionInfo', at: 1024 }, { name: 'EncryptedPackage', at: 1152 }]))).toBe('encrypted-ooxml');
    expect(sniff(ole([{ name: 'EncryptionInfo', at: 1024 }]))).toBe('doc');
    // Not at an entry's place, or without the entry's name length: text, not a directory entry.
    expect(sniff(ole([{ name: 'EncryptionInfo', at: 1030 }, { name: 'EncryptedPackage', at: 1152 }]))).toBe('doc');
    expect(sniff(ole([{ name: 'EncryptionInfo', at: 1024, aligned: false }, { name: 'EncryptedPackage', at: 1152 }]))).toBe('doc');
  });

  it('is refused as encrypted-file with a message about the password, not about damage', async () => {
    const err = await readDocument(readFileSync(path.join(BAD, 'encrypted.docx'))).then(
      () => null,
      (e: unknown) => e as { code: string; userMessage: string },
    );
    expect(err?.code).toBe('encrypted-file');
    expect(err?.userMessage).toMatch(/mật khẩu/);
    expect(err?.userMessage).not.toMatch(/hỏng/);
  });
});
