/** A white PNG carrying a text mark (a tEXt chunk right after IHDR): the decoder's test crash switch looks for it. */
import zlib from 'node:zlib';
import { loadCanvas } from '../../runtime/ocr/bitmap.js';

export async function markedPng(mark: string): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 64, 64);
  const png = canvas.toBuffer('image/png');
  const data = Buffer.from(`Comment\0${mark}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}
