/**
 * doisoat's command line (the commands; cli/main.ts runs them). `doisoat check <files or folders…>`
 * prints a Vietnamese report per file, or with --json only a JSON array of ReportAudit (input
 * order). Exit codes: 0 no error-severity flag, 1 discrepancies found, 2 some file could not be
 * read (the others are still reported), the command could not run (no Redis, no database), or the
 * command line is wrong (usage.ts). `--` ends the options: `doisoat check -- -rf.docx`.
 */
import { Command } from 'commander';
import { checkInputs } from '../batches/check-files.js';
import { checkOneReport } from '../batches/one-report.js';
import { oneReportOf, ONE_REPORT_HELP } from './one-report.js';
import { createProgress, type Progress } from './progress.js';
import { enqueueCommand } from './enqueue.js';
import { positiveInt } from './options.js';
import { printAudits } from './output.js';
import { reconcileCommand } from './reconcile.js';
import { serveCommand } from './serve.js';
import { scheduleCommand } from './schedule.js';
import { statusCommand } from './status.js';
import { usersCommand } from './users.js';
import { applyUsageConventions } from './usage.js';
import { workerCommand } from './worker.js';

interface CheckOptions {
  json?: boolean;
  concurrency?: number;
  timeout?: number;
  oneReport?: boolean;
}

async function check(args: string[], opts: CheckOptions, command: Command): Promise<number> {
  if (opts.oneReport) {
    // One document: no progress bar, as for one file.
    const report = await oneReportOf(args, command);
    return printAudits(await checkOneReport(report, opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}), opts.json);
  }
  let progress = null as Progress | null;
  try {
    const audits = await checkInputs(args, {
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
      onStart: (files, inputs) => {
        if (inputs === 0) process.stderr.write('Không có tệp nào để kiểm tra.\n');
        progress = createProgress(files);
      },
      onResult: (audits) => progress?.tick(audits[0]!.file),
    });
    progress?.stop();
    return printAudits(audits, opts.json);
  } finally {
    progress?.stop();
  }
}

const EXIT_CODES_HELP = `
Mã thoát:
  0  mọi tệp đọc được và không có lỗi mâu thuẫn
  1  có sai lệch: ít nhất một tệp có lỗi mâu thuẫn
  2  có tệp không đọc được, lệnh không chạy được (không kết nối được Redis, cơ sở dữ liệu) hoặc dòng lệnh sai`;

export function buildProgram(): Command {
  const program = new Command('doisoat')
    .description('Đối soát báo cáo tự đánh giá, chấm điểm và xếp loại của xã, phường, thị trấn.')
    .addHelpText('after', EXIT_CODES_HELP);
  program
    .command('check')
    .description('Đọc các báo cáo (DOCX, DOC, PDF, bản scan và ảnh chụp), tính lại các tổng điểm và chỉ ra chỗ mâu thuẫn.')
    .argument('<tệp...>', 'tệp hoặc thư mục; tên bắt đầu bằng “-” thì đặt sau --')
    .option('--json', 'chỉ in mảng JSON các ReportAudit ra stdout')
    .option('-c, --concurrency <số>', 'số luồng xử lý song song (mặc định: số lõi CPU)', positiveInt)
    .option('--timeout <giây>', 'giới hạn thời gian cho mỗi tệp (mặc định 180 giây)', positiveInt)
    .option('--one-report', ONE_REPORT_HELP)
    .addHelpText(
      'after',
      '\nVí dụ:\n  doisoat check baocao.docx thu-muc/\n  doisoat check --one-report trang-1.jpg trang-2.jpg trang-3.jpg    (ba ảnh của một báo cáo)\n  doisoat check -- -rf.docx    (tệp tên “-rf.docx”)\n' +
        EXIT_CODES_HELP,
    )
    .action(async (paths: string[], opts: CheckOptions, command: Command) => {
      process.exitCode = await check(paths, opts, command);
    });
  program.addCommand(enqueueCommand());
  program.addCommand(workerCommand());
  program.addCommand(scheduleCommand());
  program.addCommand(reconcileCommand());
  program.addCommand(statusCommand());
  program.addCommand(usersCommand());
  program.addCommand(serveCommand());
  return applyUsageConventions(program);
}
