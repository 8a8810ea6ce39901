/**
 * A ZIP of page photos by its entries' names alone (nothing inflated, no reader loaded): which
 * entries are not pages (folders, macOS resource forks, Finder and Explorer files), the order of
 * the pages (natural: trang-2 before trang-10), and whether a ZIP looks like one, so that it is
 * routed as an image before it is read. The reader (page-zip.ts) decides by the bytes.
 */

/** Files that archivers and file managers add on their own. */
const JUNK_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);
/** Names of page images, for routing only. */
const IMAGE_NAME = /\.(jpe?g|png|tiff?|heic|heif)$/i;

/** A folder, or a file no one meant as a page (__MACOSX/…, .DS_Store, ._trang1.jpg, Thumbs.db). */
export function isJunkEntry(name: string): boolean {
  if (name.endsWith('/') || name.endsWith('\\')) return true;
  const parts = name.split(/[\\/]/);
  if (parts.includes('__MACOSX')) return true;
  const base = parts[parts.length - 1]!;
  return base.startsWith('.') || JUNK_FILES.has(base.toLowerCase());
}

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order of entry names (trang-2 before trang-10); ties broken by code units, so it is total. */
export function naturalOrder(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function hasImageName(name: string): boolean {
  return IMAGE_NAME.test(name);
}

/** Whether every entry that is not junk is named as an image, and there is one. */
export function namesLookLikePages(names: readonly string[]): boolean {
  const pages = names.filter((n) => !isJunkEntry(n));
  return pages.length > 0 && pages.every(hasImageName);
}
