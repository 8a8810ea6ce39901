/** `--one-report` of `check` and `enqueue`: the files given packed into one report, or a usage error (exit 2). */
import type { Command } from 'commander';
import { OneReportRefused, packOneReport, type OneReport } from '../batches/one-report.js';
import { UsageError } from './usage.js';

export const ONE_REPORT_HELP = 'các tệp ảnh đã cho (JPEG, PNG, TIFF, HEIC), theo thứ tự, là các trang của một báo cáo';

export async function oneReportOf(args: readonly string[], command: Command): Promise<OneReport> {
  try {
    return await packOneReport(args);
  } catch (e) {
    if (e instanceof OneReportRefused) throw new UsageError(command, e.message);
    throw e;
  }
}
