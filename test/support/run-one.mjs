// Child-process probe for the bad-input tests: processes one file with the compiled pipeline in
// this process (no worker isolation: the worst case) and prints {code, message, ms, maxRssMb}.
import { readFileSync } from 'node:fs';
import { processDocument } from '../../dist/pipeline/process.js';

const file = process.argv[2];
if (!file) throw new Error('usage: run-one.mjs FILE');
const started = performance.now();
const audit = await processDocument(readFileSync(file), { file });
const ms = performance.now() - started;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ code: audit.error?.code ?? null, message: audit.error?.message ?? null, ms, maxRssMb }) + '\n');
