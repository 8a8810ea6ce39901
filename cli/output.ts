/** Printing a batch's audits, the same for `check` and `enqueue`: JSON array or Vietnamese text. */
import type { ReportAudit } from '../core/report-audit.js';
import { renderAudit, renderTotals } from './text-report.js';

export const EXIT_OK = 0;
export const EXIT_DISCREPANCY = 1;
export const EXIT_UNREADABLE = 2;
/** A command line that cannot run as given: the same code as a file that cannot be read. */
export const EXIT_USAGE = 2;

export function exitCodeFor(audits: readonly ReportAudit[]): number {
  if (audits.some((a) => a.error)) return EXIT_UNREADABLE;
  if (audits.some((a) => a.flags.some((f) => f.severity === 'error'))) return EXIT_DISCREPANCY;
  return EXIT_OK;
}

/** Prints the audits (input order) and returns the exit code. */
export function printAudits(audits: readonly ReportAudit[], json: boolean | undefined): number {
  if (json) {
    process.stdout.write(JSON.stringify(audits, null, 2) + '\n');
  } else {
    for (const a of audits) process.stdout.write(renderAudit(a) + '\n\n');
    process.stdout.write(renderTotals(audits) + '\n');
  }
  return exitCodeFor(audits);
}
