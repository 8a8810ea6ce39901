/**
 * Makes the ZIPs of page photos (fixtures/page-zips/) from committed scan fixtures: the page images
 * of a scanned PDF taken out as they are embedded (`pdfimages -j`: the same JPEGs, byte for byte),
 * zipped (deflated, as archivers do) with what archivers and file managers add (a folder entry,
 * __MACOSX/ resource forks, .DS_Store), named as a phone names them, so that only a natural order
 * (IMG_9, IMG_10, IMG_11) puts them right. Its expected result is its scanned twin's, as an image.
 * And two ZIPs that must be refused: a page with a note beside it, and notes alone.
 * Run with `npm run fixtures:zips`; the output is committed and CI uses it as committed.
 *
 * Needs poppler-utils (pdfimages).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { run } from './scans/tools.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANS = join(ROOT, 'fixtures/scans');
const OUT = join(ROOT, 'fixtures/page-zips');
/** Fixed entry dates: a re-run writes the same bytes. */
const MTIME = new Date('2025-01-15T08:00:00Z');

interface Entry {
  readonly name: string;
  /** Null: a folder entry. */
  readonly data: Buffer | null;
}

function zip(entries: readonly Entry[]): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries) {
      if (e.data) z.addBuffer(e.data, e.name, { mtime: MTIME, compress: true, forceDosTimestamp: true });
      else z.addEmptyDirectory(e.name, { mtime: MTIME, forceDosTimestamp: true });
    }
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('error', reject);
    z.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
    z.end();
  });
}

/** A scanned PDF's page images, as embedded (JPEG), in page order. */
async function pageJpegs(pdf: string, dir: string): Promise<Buffer[]> {
  await run('pdfimages', ['-j', pdf, join(dir, 'page')]);
  const files = (await readdir(dir)).filter((f) => f.startsWith('page-') && f.endsWith('.jpg')).sort();
  return Promise.all(files.map((f) => readFile(join(dir, f))));
}

/** What macOS's Archive Utility puts beside each file: an AppleDouble header, nothing of the page. */
const appleDouble = (): Buffer => Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]), Buffer.alloc(74)]);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'doisoat-page-zips-'));
  try {
    await mkdir(join(OUT, 'bad'), { recursive: true });
    const from = 'nl-summary-mismatch.scan300.pdf';
    const pages = await pageJpegs(join(SCANS, from), dir);
    if (pages.length !== 3) throw new Error(`${from}: ${pages.length} page images, expected 3`);
    // Listed out of order on purpose: the reader orders them by name.
    const names = ['IMG_10.jpg', 'IMG_9.jpg', 'IMG_11.jpg'];
    const byName = new Map([['IMG_9.jpg', pages[0]!], ['IMG_10.jpg', pages[1]!], ['IMG_11.jpg', pages[2]!]]);
    const name = 'nl-summary-mismatch.photos.zip';
    await writeFile(
      join(OUT, name),
      await zip([
        { name: 'bao-cao/', data: null },
        ...names.map((n) => ({ name: `bao-cao/${n}`, data: byName.get(n)! })),
        { name: 'bao-cao/.DS_Store', data: Buffer.from('Bud1\0\0\0\x01') },
        { name: '__MACOSX/', data: null },
        ...names.map((n) => ({ name: `__MACOSX/bao-cao/._${n}`, data: appleDouble() })),
      ]),
    );
    const expected = JSON.parse(await readFile(join(SCANS, `${from}.expected.json`), 'utf8')) as { format: string };
    await writeFile(join(OUT, `${name}.expected.json`), `${JSON.stringify({ ...expected, format: 'image' }, null, 2)}\n`);
    console.log(`${name}: the three pages of ${from} as JPEGs, natural name order, with archivers' junk`);

    const note = Buffer.from('Ghi chú: ảnh trang 2 chụp lại sau.\n', 'utf8');
    // A small real page image (the blank TIFF fixture): the note is refused before any page is read.
    const blank = await readFile(join(ROOT, 'fixtures/tiff/blank/white-50x50.tif'));
    await writeFile(join(OUT, 'bad/page-and-note.zip'), await zip([{ name: 'trang-1.tif', data: blank }, { name: 'ghi-chú.txt', data: note }]));
    console.log('bad/page-and-note.zip: a page image and a text note');
    await writeFile(join(OUT, 'bad/notes-only.zip'), await zip([{ name: 'ghi-chú.txt', data: note }, { name: 'so-lieu.csv', data: Buffer.from('nhom,diem\nI,28.5\n') }]));
    console.log('bad/notes-only.zip: no page image at all');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
