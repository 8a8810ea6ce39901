/**
 * `doisoat schedule --inbox DIR --outbox DIR --cron "0 2 * * *" --tz Asia/Ho_Chi_Minh`: registers
 * (or updates) the nightly run of an inbox as a BullMQ job scheduler; running workers carry it out.
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { removeSchedule, upsertSchedule } from '../runtime/schedules.js';
import { pingRedis, queueConfigFromEnv } from '../runtime/queues.js';
import { UsageError } from './usage.js';

interface ScheduleCliOptions {
  inbox: string;
  outbox?: string;
  cron: string;
  tz: string;
  every?: number;
  remove?: boolean;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('phải là số giây dương.');
  return n;
}

export function scheduleCommand(): Command {
  const cmd = new Command('schedule');
  return cmd
    .description('Đặt lịch xử lý định kỳ một thư mục hộp thư đến (cần REDIS_URL và bộ xử lý đang chạy).')
    .requiredOption('--inbox <thư-mục>', 'thư mục nhận tệp báo cáo')
    .option('--outbox <thư-mục>', 'thư mục ghi bảng tổng hợp (CSV, JSON) sau mỗi lần chạy')
    .option('--cron <mẫu>', 'lịch dạng cron', '0 2 * * *')
    .option('--tz <múi-giờ>', 'múi giờ của lịch', 'Asia/Ho_Chi_Minh')
    .option('--every <giây>', 'chạy mỗi bấy nhiêu giây thay cho --cron (để thử nghiệm)', seconds)
    .option('--remove', 'xoá lịch của hộp thư này')
    .action(async (opts: ScheduleCliOptions) => {
      const config = queueConfigFromEnv();
      if (!config) throw new UsageError(cmd, 'Lệnh schedule cần REDIS_URL, biến môi trường chỉ tới Redis (ví dụ redis://127.0.0.1:6379).');
      await pingRedis(config);
      // Workers may run elsewhere and from another folder: the paths are stored absolute.
      const inbox = path.resolve(opts.inbox);
      if (opts.remove) {
        const removed = await removeSchedule(config, inbox);
        process.stdout.write(removed ? `Đã xoá lịch của hộp thư ${inbox}.\n` : `Hộp thư ${inbox} không có lịch.\n`);
        return;
      }
      if (!opts.outbox) throw new UsageError(cmd, 'Cần --outbox (trừ khi xoá lịch bằng --remove).');
      const outbox = path.resolve(opts.outbox);
      await upsertSchedule(config, { inbox, outbox, cron: opts.cron, tz: opts.tz, ...(opts.every ? { everyMs: Math.round(opts.every * 1000) } : {}) });
      const when = opts.every ? `mỗi ${opts.every} giây` : `theo lịch “${opts.cron}” (${opts.tz})`;
      process.stdout.write(`Đã đặt lịch: hộp thư ${inbox} được xử lý ${when}; tổng hợp ghi vào ${outbox}.\n`);
    });
}
