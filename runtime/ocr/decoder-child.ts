/**
 * The image decoder's child process (decoder.ts): decodes PNG, JPEG or BMP bytes with
 * @napi-rs/canvas and answers with their grayscale pixels. Native decoders may crash on hostile
 * bytes (the canvas segfaults on TIFF); here a crash ends this child, not the process reading the
 * batch.
 *
 * Test-only: when DOISOAT_TEST_DECODER_ABORT is set, an image whose bytes contain that text makes
 * this child abort (process.abort()), as a native decoder's crash would.
 */
import { loadCanvas, toGray } from './bitmap.js';
import type { DecodeReply, DecodeRequest } from './decoder.js';

if (!process.send) throw new Error('decoder-child must run as a forked child process');
// Nobody is left to ask once the parent is gone.
process.on('disconnect', () => process.exit(0));

const crashMark = process.env['DOISOAT_TEST_DECODER_ABORT'];

function reply(message: DecodeReply): void {
  process.send!(message);
}

async function decode(request: DecodeRequest): Promise<DecodeReply> {
  const bytes = Buffer.from(request.image.buffer, request.image.byteOffset, request.image.byteLength);
  if (crashMark && bytes.includes(crashMark, 0, 'latin1')) process.abort();
  try {
    const { createCanvas, loadImage } = await loadCanvas();
    const picture = await loadImage(bytes);
    const { width, height } = picture;
    if (!(width > 0 && height > 0)) return { id: request.id, error: 'empty image' };
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(picture, 0, 0);
    return { id: request.id, ...toGray(ctx.getImageData(0, 0, width, height).data, width, height) };
  } catch (err) {
    return { id: request.id, error: String(err) };
  }
}

process.on('message', (message: unknown) => {
  void decode(message as DecodeRequest).then(reply);
});
