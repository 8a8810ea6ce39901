/** The largest file read at all (50 MiB): larger ones get `too-large` before they are parsed. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The most pixels a page image may have (40 megapixels: an A4 page at 600 dpi is 35 MP), checked from its header before decoding. */
export const MAX_IMAGE_PIXELS = 40_000_000;
