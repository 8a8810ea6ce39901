/** Vitest global setup: compiles the sources to dist/ once, so tests run what `npx doisoat` runs. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './paths.js';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
