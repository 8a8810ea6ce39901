/**
 * Bounds for utif2, which loops without end on some broken files (found by `npm run fuzz`): it
 * follows a chain of image directories that points back into itself; its LZW decoder follows
 * dictionary chains past its table once a stream holds a code it has not defined; its CCITT
 * decoders grow a row past the page's width, or a code word bit by bit, for ever. So the chain is
 * walked here first (a loop or an offset outside the file throws); LZW is replaced by the decoder
 * below, which stops at the end of the strip or the output and throws on an undefined code; and a
 * CCITT row longer than the page, or a code word longer than any in the tables, throws.
 */
import UTIF from 'utif2';

const CLEAR = 256;
const END = 257;
const MAX_CODES = 4096;

/** TIFF LZW (MSB first, 9–12 bit codes, the early change), from `data[off, off+len)` into `tgt` at `toff`. */
export function decodeLzw(data: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number): void {
  const prefix = new Int32Array(MAX_CODES);
  const last = new Uint8Array(MAX_CODES); // a code's string's last byte
  const first = new Uint8Array(MAX_CODES); // and its first
  const length = new Uint16Array(MAX_CODES);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    last[i] = first[i] = i;
    length[i] = 1;
  }
  const endBit = Math.min(data.length, off + len) * 8;
  let bit = off * 8;
  let width = 9;
  let next = 258;
  let prev = -1;
  let out = toff;
  const write = (code: number): void => {
    const n = length[code]!;
    // Backwards along the chain, each code's prefix is a shorter code: it ends in n steps.
    for (let i = n - 1, c = code; i >= 0; i--, c = prefix[c]!) if (out + i < tgt.length) tgt[out + i] = last[c]!;
    out += n;
  };
  while (bit + width <= endBit && out < tgt.length) {
    let code = 0;
    for (let i = 0; i < width; i++, bit++) code = (code << 1) | ((data[bit >>> 3]! >>> (7 - (bit & 7))) & 1);
    if (code === END) return;
    if (code === CLEAR) {
      width = 9;
      next = 258;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) throw new Error(`LZW: code ${code} right after a clear`);
      write(code);
      prev = code;
      continue;
    }
    if (code > next || (code === next && next >= MAX_CODES)) throw new Error(`LZW: undefined code ${code}`);
    // The new entry: the previous string and the first byte of this one (of itself when it is the new code).
    if (next < MAX_CODES) {
      prefix[next] = prev;
      first[next] = first[prev]!;
      last[next] = code === next ? first[prev]! : first[code]!;
      length[next] = length[prev]! + 1;
      next++;
    }
    write(code);
    prev = code;
    // Early change: one code before the width would be exhausted.
    if (next + 1 >= 1 << width && width < 12) width++;
  }
}

/** Bytes per value of each TIFF field type (TIFF 6.0, section 2). */
const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** Walks the file's chain of image directories: throws on a loop, an offset or a tag's values outside the file, or more than `max`. */
export function checkDirectoryChain(bytes: Uint8Array, max = 10_000): void {
  if (bytes.length < 8) throw new Error('TIFF: no header');
  const little = bytes[0] === 0x49 && bytes[1] === 0x49;
  if (!little && !(bytes[0] === 0x4d && bytes[1] === 0x4d)) throw new Error('TIFF: no byte order');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seen = new Set<number>();
  for (let offset = view.getUint32(4, little); offset !== 0; ) {
    if (seen.has(offset)) throw new Error(`TIFF: the directory at ${offset} comes back`);
    if (seen.size >= max) throw new Error(`TIFF: more than ${max} directories`);
    if (offset + 2 > bytes.length) throw new Error(`TIFF: a directory at ${offset}, past the end`);
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) throw new Error(`TIFF: the directory at ${offset} runs past the end`);
    // utif2 reads every value a tag claims, one at a time: a count beyond the file is a loop of billions.
    for (let e = offset + 2; e < next; e += 12) {
      const count = view.getUint32(e + 4, little);
      if (count * (TYPE_SIZE[view.getUint16(e + 2, little)] ?? 1) > bytes.length) throw new Error(`TIFF: tag ${view.getUint16(e, little)} claims ${count} values`);
    }
    offset = view.getUint32(next, little);
  }
}

/**
 * The longest CCITT code word is 13 bits, but a page's last word runs on through the end-of-block
 * mark and the strip's padding; past this many bits no stream a scanner writes is still one word.
 */
const LONGEST_CODE = 256;

let rowLimit = Number.POSITIVE_INFINITY;

/** Installs the bounds into utif2 (once; idempotent). */
export function guardUtif(): void {
  const decode = UTIF.decode as unknown as Record<string, unknown> & { __doisoatGuarded?: boolean };
  if (decode.__doisoatGuarded) return;
  decode.__doisoatGuarded = true;
  decode['_decodeLZW'] = (data: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number): void => decodeLzw(data, off, len, tgt, toff);
  const addNtimes = decode['_addNtimes'] as (arr: number[], n: number, val: number) => void;
  decode['_addNtimes'] = (arr: number[], n: number, val: number): void => {
    if (arr.length + n > rowLimit) throw new Error('CCITT: a row longer than the page');
    addNtimes(arr, n, val);
  };
  // The code tables are looked up with the bits read so far: a word no table has ever holds ends it.
  const bounded = (table: object): object =>
    new Proxy(table, {
      get(target, key, receiver): unknown {
        if (typeof key === 'string' && key.length > LONGEST_CODE) throw new Error('CCITT: no code word matches');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  decode['_dmap'] = bounded(decode['_dmap'] as object);
  decode['_lens'] = (decode['_lens'] as object[]).map(bounded);
  for (const name of ['_decodeG2', '_decodeG3', '_decodeG4']) {
    const original = decode[name] as (...args: unknown[]) => void;
    // (data, off, len, tgt, toff, w, …): w is the page's width in pixels.
    decode[name] = (...args: unknown[]): void => {
      rowLimit = typeof args[5] === 'number' ? args[5] : Number.POSITIVE_INFINITY;
      try {
        original(...args);
      } finally {
        rowLimit = Number.POSITIVE_INFINITY;
      }
    };
  }
}
