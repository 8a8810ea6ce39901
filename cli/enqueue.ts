/**
 * `doisoat enqueue <files or folders…>`: registers every document in the store, then queues one
 * job per document (its sha256 is the job id), as one batch. A document that already has a
 * result is not processed again (unless --force): its stored result is reported as if it had
 * just run. Waits for the batch with a progress bar (unless --no-wait) and prints it as `check`
 * does (--json: the same ReportAudit array). Without REDIS_URL, or with --local, the same
 * processors run in this process: the embedded default. Rerun after it was interrupted (killed,
 * Ctrl-C), the same command resumes the same batch; waiting on queues no worker serves, it says so.
 */
import { Command } from 'commander';
import { dispatchFromEnv, runBatch, type BatchInputs } from '../batches/run-batch.js';
import { Store } from '../store/store.js';
import { oneReportOf, ONE_REPORT_HELP } from './one-report.js';
import { positiveInt } from './options.js';
import { printAudits } from './output.js';
import { createProgress, type Progress } from './progress.js';

interface EnqueueOptions {
  json?: boolean;
  force?: boolean;
  wait: boolean;
  local?: boolean;
  concurrency?: number;
  timeout?: number;
  oneReport?: boolean;
}

async function enqueue(args: string[], opts: EnqueueOptions, command: Command): Promise<number> {
  // --one-report: the files packed into one document, stored as an uploaded file is.
  const report = opts.oneReport ? await oneReportOf(args, command) : null;
  const inputs: BatchInputs = report
    ? { kind: 'uploads', files: [{ name: report.label, bytes: report.bytes }], force: Boolean(opts.force) }
    : { kind: 'paths', paths: args, force: Boolean(opts.force) };
  const dispatch = await dispatchFromEnv({
    ...(opts.local ? { local: true } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
  });
  const store = await Store.open();
  let progress = null as Progress | null;
  // Ctrl-C: let go of the batch first, so that rerunning the command resumes it at once.
  let batchId: string | null = null;
  const interrupt = (): void => {
    progress?.stop();
    const id = batchId;
    if (id) process.stderr.write(`\nĐã dừng. Lô ${id.slice(0, 8)} chưa xong; chạy lại cùng lệnh để tiếp tục.\n`);
    void (id ? store.touchBatch(id, false) : Promise.resolve()).catch(() => {}).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    const batch = await runBatch(store, dispatch.kind === 'queue' ? 'enqueue' : 'local', inputs, dispatch, {
      wait: opts.wait,
      idleNoticeMs: Number(process.env['DOISOAT_IDLE_NOTICE_MS']) || 5000,
      onResumed: ({ batchId: id, size, done }) => {
        batchId = id;
        process.stderr.write(`Tiếp tục lô ${id.slice(0, 8)} bị gián đoạn (đã có kết quả ${done}/${size} tệp).\n`);
      },
      onNoWorker: ({ jobs }) =>
        process.stderr.write(
          `${process.stderr.isTTY ? '\n' : ''}Đã đưa ${jobs} tài liệu vào hàng đợi nhưng chưa có worker nào nhận việc. ` +
            'Hãy mở một cửa sổ khác và chạy: doisoat worker (với cùng REDIS_URL), hoặc nhấn Ctrl-C rồi chạy lại với --local ' +
            'để xử lý ngay trên máy này; lô sẽ tiếp tục từ chỗ dừng.\n',
        ),
      onRegistered: ({ batchId: id, items }) => {
        batchId = id;
        if (items.length === 0) process.stderr.write('Không có tệp nào để đưa vào hàng đợi.\n');
        const reused = items.filter((i) => i.sha256 && i.hasResult).length;
        if (reused > 0 && !opts.force) process.stderr.write(`${reused} tệp đã có kết quả từ trước, không xử lý lại (dùng --force để xử lý lại).\n`);
        if (dispatch.kind === 'local' || opts.wait) progress = createProgress(items.length, process.stderr, 'xử lý');
      },
      onProgress: (p) => progress?.update(p.done),
    });
    progress?.stop();
    if (!batch.audits) {
      if (opts.json) process.stdout.write(JSON.stringify({ batch: batch.batchId, files: batch.items.length, queued: batch.jobs }) + '\n');
      else process.stdout.write(`Lô ${batch.batchId}: đã đưa ${batch.jobs} tài liệu vào hàng đợi (${batch.items.length} tệp).\n`);
      return 0;
    }
    return printAudits(batch.audits, opts.json);
  } finally {
    process.removeListener('SIGINT', interrupt);
    progress?.stop();
    await store.close();
  }
}

export function enqueueCommand(): Command {
  return new Command('enqueue')
    .description('Lưu các báo cáo vào kho và đưa vào hàng đợi xử lý (một lô); chờ xong rồi in kết quả như lệnh check.')
    .argument('<tệp...>', 'tệp hoặc thư mục; tên bắt đầu bằng “-” thì đặt sau --')
    .option('--json', 'khi lô xong, chỉ in mảng JSON các ReportAudit (như check --json)')
    .option('--force', 'xử lý lại cả những tệp đã có kết quả')
    .option('--no-wait', 'đưa vào hàng đợi rồi thoát ngay, không chờ kết quả')
    .option('--local', 'xử lý ngay trong tiến trình này, không qua Redis (mặc định khi không có REDIS_URL)')
    .option('-c, --concurrency <số>', 'số luồng xử lý khi chạy tại chỗ (mặc định: số lõi CPU)', positiveInt)
    .option('--timeout <giây>', 'giới hạn thời gian cho mỗi tệp khi chạy tại chỗ (mặc định 180 giây)', positiveInt)
    .option('--one-report', ONE_REPORT_HELP)
    .action(async (paths: string[], opts: EnqueueOptions, command: Command) => {
      process.exitCode = await enqueue(paths, opts, command);
    });
}
