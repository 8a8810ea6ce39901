// A parent process for the orphan test: a compiled DocumentPool of child processes, one document
// whose OCR never answers (so its child waits), and "waiting <pid>" on stdout once the child has
// asked. The test then SIGKILLs this process and watches the child go.
import { readFileSync } from 'node:fs';
import { DocumentPool } from '../../dist/pipeline/document-pool.js';

const [file, ...flags] = process.argv.slice(2);
const pool = new DocumentPool({
  concurrency: 1,
  slots: 'process',
  v8Flags: flags,
  ocr: () => {
    process.stdout.write(`waiting ${process.pid}\n`);
    return { recognize: () => new Promise(() => {}) };
  },
});
void pool.run(file, readFileSync(file));
