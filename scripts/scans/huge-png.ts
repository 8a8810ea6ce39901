/**
 * A PNG far larger in pixels than on disk: a flat white `size`×`size` image, 1 bit per pixel
 * grayscale, written without ever holding the image: identical rows are fed one at a time through
 * a zlib stream and the (small) compressed result is framed as IDAT chunks. 30000×30000 = 900 M
 * pixels (3.6 GB as RGBA in a decoder) takes about 110 KB.
 */
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createDeflate } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IDAT payload per chunk: fixed, so the chunk boundaries never depend on stream timing. */
const IDAT_BYTES = 32 * 1024;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function* rows(size: number): Generator<Buffer> {
  const row = Buffer.alloc(1 + Math.ceil(size / 8), 0xff); // white: every bit 1
  row[0] = 0; // filter type None
  for (let y = 0; y < size; y++) yield row;
}

export async function writeHugePng(path: string, size: number): Promise<{ bytes: number; pixels: number }> {
  const compressed: Buffer[] = [];
  await pipeline(
    Readable.from(rows(size)),
    createDeflate({ level: constants.Z_BEST_COMPRESSION, memLevel: 9 }),
    new Writable({
      write(c: Buffer, _enc, done) {
        compressed.push(c);
        done();
      },
    }),
  );
  const zdata = Buffer.concat(compressed);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); // width
  ihdr.writeUInt32BE(size, 4); // height
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const file = await open(path, 'w');
  let bytes = 0;
  const put = async (b: Buffer): Promise<void> => {
    await file.write(b);
    bytes += b.length;
  };
  try {
    await put(SIGNATURE);
    await put(chunk('IHDR', ihdr));
    for (let at = 0; at < zdata.length; at += IDAT_BYTES) await put(chunk('IDAT', zdata.subarray(at, at + IDAT_BYTES)));
    await put(chunk('IEND', Buffer.alloc(0)));
  } finally {
    await file.close();
  }
  return { bytes, pixels: size * size };
}
