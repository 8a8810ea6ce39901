/**
 * A photo's EXIF orientation: phones store the sensor's pixels as they came and say in the
 * Orientation tag (1–8, TIFF 6.0 / EXIF 2.3) how to turn them for display. The canvas's decoder
 * (decoder-child.ts) turns the pixels; the header says the size as stored, so the page's size, in
 * which OCR boxes are measured, is the header's turned (image-info.ts shownSize).
 */

/** The EXIF Orientation of a JPEG (its APP1 Exif segment), 1 when it states none or an invalid one. */
export function jpegOrientation(b: Uint8Array): number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    // Markers without a length, then the end of the headers: no orientation past them.
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1;
    const length = v.getUint16(at + 2);
    if (length < 2) return 1;
    if (marker === 0xe1 && at + 10 <= b.length && String.fromCharCode(...b.subarray(at + 4, at + 10)) === 'Exif\0\0') {
      return orientationInTiff(b.subarray(at + 10, Math.min(b.length, at + 2 + length)));
    }
    at += 2 + length;
  }
  return 1;
}

/** Tag 274 of the first directory of a TIFF structure (EXIF's own header), or 1. */
function orientationInTiff(t: Uint8Array): number {
  if (t.length < 8) return 1;
  const little = t[0] === 0x49 && t[1] === 0x49;
  if (!little && !(t[0] === 0x4d && t[1] === 0x4d)) return 1;
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const ifd = v.getUint32(4, little);
  if (ifd + 2 > t.length) return 1;
  const entries = v.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return 1;
    if (v.getUint16(e, little) === 274) {
      const value = v.getUint16(e + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Whether the orientation swaps width and height (a quarter turn, mirrored or not). */
export const swapsSides = (orientation: number): boolean => orientation >= 5 && orientation <= 8;
