/**
 * bench:queue's baseline for the machine itself: parsing alone, with no queue, no store and no
 * messages, in a process started with the document slots' child flags (bench/queue.ts runs one
 * over every file, then two over half each). Reads the files named in the list first, then
 * parses them in turn with the compiled pipeline the children run, and prints the parse window.
 *
 *   node <childProcessFlags()> --import tsx bench/parse-alone.ts <list file>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { processDocument } = (await import(pathToFileURL(path.join(root, 'dist/pipeline/process-document.js')).href)) as typeof import('../pipeline/process-document.js');

const files = readFileSync(process.argv[2]!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((file) => ({ file, bytes: new Uint8Array(readFileSync(file)) }));
const start = Date.now();
for (const { file, bytes } of files) await processDocument(bytes, { file });
process.stdout.write(JSON.stringify({ start, end: Date.now() }) + '\n');
