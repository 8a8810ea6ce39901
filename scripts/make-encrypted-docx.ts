/**
 * Writes fixtures/bad/encrypted.docx: reports/quang-trung-2024.docx saved by LibreOffice with the
 * password "doisoat" (ECMA-376 standard encryption: an OLE2 compound file holding the streams
 * EncryptionInfo and EncryptedPackage, as Word writes it), and lists it in bad/expected.json and
 * the README's table of bad inputs. Run after scripts/make-fixtures.ts (`npm run fixtures` runs
 * both), which rewrites both files from its own list.
 *
 * `soffice --convert-to` cannot set a password for DOCX, so LibreOffice is driven over UNO from
 * the system's Python (Debian's python3-uno), passing EncryptionData {OOXPassword, CryptoType}.
 * The encryption draws a random salt: an existing fixture is kept unless --force is given.
 *
 * Needs LibreOffice and python3-uno. Usage: node --import tsx scripts/make-encrypted-docx.ts [--force]
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sniff } from '../extractors/formats/sniff.js';

const run = promisify(execFile);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'fixtures', 'reports', 'quang-trung-2024.docx');
const BAD = join(ROOT, 'fixtures', 'bad');
const NAME = 'encrypted.docx';
const OUTPUT = join(BAD, NAME);
const PASSWORD = 'doisoat';
const CODE = 'encrypted-file';
const README_ROW = `| \`${NAME}\` | quang-trung-2024.docx saved by LibreOffice with the password "${PASSWORD}" (an OLE2 file with EncryptionInfo and EncryptedPackage streams, as Word writes it; \`npm run fixtures\` runs scripts/make-encrypted-docx.ts after make-fixtures.ts). | \`${CODE}\` |`;

/** Starts a private soffice listening on a pipe, loads the DOCX, stores it encrypted, quits. */
const UNO_SCRIPT = `
import os, subprocess, sys, tempfile, time, uno
from com.sun.star.beans import NamedValue, PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

src, dst, password = sys.argv[1:4]
profile = tempfile.mkdtemp(prefix='lo-profile-doisoat-encrypt-')
pipe = 'doisoat-encrypt-%d' % os.getpid()
office = subprocess.Popen(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--invisible', '--norestore',
                           '--accept=pipe,name=%s;urp;' % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    remote = None
    for _ in range(240):
        try:
            remote = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            break
        except Exception:
            time.sleep(0.25)
    if remote is None:
        sys.exit('soffice did not answer on its pipe')
    desktop = remote.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', remote)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), '_blank', 0, (prop('Hidden', True), prop('ReadOnly', True)))
    if doc is None:
        sys.exit('soffice could not open ' + src)
    encryption = uno.Any('[]com.sun.star.beans.NamedValue', (NamedValue('OOXPassword', password), NamedValue('CryptoType', 'Standard')))
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop('FilterName', 'MS Word 2007 XML'), prop('EncryptionData', encryption)))
    doc.close(True)
finally:
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=60)
    except Exception:
        office.kill()
`;

/** A Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with python3-uno). */
async function unoPython(): Promise<string> {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      await run(python, ['-c', 'import uno']);
      return python;
    } catch {
      // try the next
    }
  }
  throw new Error('no Python with the uno module (install python3-uno)');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function encrypt(): Promise<void> {
  // Work on a copy: LibreOffice leaves a lock file beside whatever it opens.
  const work = await mkdtemp(join(tmpdir(), 'doisoat-encrypt-'));
  try {
    const src = join(work, 'source.docx');
    const dst = join(work, NAME);
    const script = join(work, 'encrypt.py');
    await copyFile(SOURCE, src);
    await writeFile(script, UNO_SCRIPT);
    await run(await unoPython(), [script, src, dst, PASSWORD], { timeout: 180_000, env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } });
    const bytes = await readFile(dst);
    if (sniff(bytes) !== 'encrypted-ooxml') throw new Error(`LibreOffice did not write an encrypted package (sniffed: ${sniff(bytes)})`);
    await copyFile(dst, OUTPUT);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  if (force || !(await exists(OUTPUT)) || sniff(await readFile(OUTPUT)) !== 'encrypted-ooxml') {
    await encrypt();
    process.stdout.write(`wrote ${OUTPUT}\n`);
  } else {
    process.stdout.write(`kept ${OUTPUT} (--force to encrypt it again)\n`);
  }

  const expectedFile = join(BAD, 'expected.json');
  const expected = JSON.parse(await readFile(expectedFile, 'utf8')) as Record<string, string>;
  if (expected[NAME] !== CODE) {
    expected[NAME] = CODE;
    await writeFile(expectedFile, `${JSON.stringify(expected, null, 2)}\n`);
  }

  const readmeFile = join(ROOT, 'fixtures', 'README.md');
  const readme = await readFile(readmeFile, 'utf8');
  if (!readme.includes(`| \`${NAME}\` |`)) {
    const anchor = /^\| `encrypted\.pdf` \|.*$/m;
    if (!anchor.test(readme)) throw new Error('fixtures/README.md: no row for encrypted.pdf to add the encrypted.docx row after');
    await writeFile(readmeFile, readme.replace(anchor, (row) => `${row}\n${README_ROW}`));
  }
}

await main();
