// A parent process for the orphan test: a compiled DocumentSlots of child processes, one document
// whose OCR never answers (so its child waits), and "waiting <pid>" on stdout once the child has
// asked. The test then SIGKILLs this process and watches the child go.
import { readFileSync } from 'node:fs';
import { DocumentSlots } from '../../dist/runtime/document-slots.js';

const [file, ...flags] = process.argv.slice(2);
const pool = new DocumentSlots({
  concurrency: 1,
  slots: 'process',
  v8Flags: flags,
  ocr: () => {
    process.stdout.write(`waiting ${process.pid}\n`);
    return { recognize: () => new Promise(() => {}) };
  },
});
void pool.run(file, readFileSync(file));
