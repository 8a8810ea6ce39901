// Child-process probe for the bad-input tests: processes one file with the compiled pipeline in
// this process (no worker isolation: the worst case) and prints {code, message, ms, maxRssMb}.
// With --ocr, scans are read by this process's OCR pool, as the CLI does.
import { readFileSync } from 'node:fs';
import { closeProcessOcr, processOcr } from '../../dist/runtime/ocr/process-ocr.js';
import { processDocument } from '../../dist/pipeline/process-document.js';

const args = process.argv.slice(2);
const ocr = args[0] === '--ocr' ? (args.shift(), processOcr()) : undefined;
const file = args[0];
if (!file) throw new Error('usage: run-one.mjs [--ocr] FILE');
const started = performance.now();
// A file that cannot be read gets exactly one audit, the error one.
const [audit] = await processDocument(readFileSync(file), { file, ...(ocr ? { ocr } : {}) });
const ms = performance.now() - started;
await closeProcessOcr();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ code: audit.error?.code ?? null, message: audit.error?.message ?? null, ms, maxRssMb }) + '\n');
