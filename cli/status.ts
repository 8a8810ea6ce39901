/**
 * `doisoat status`: what the store holds (documents, results, errors, recent batches and what each
 * is doing: done, running, queued or interrupted) and, with REDIS_URL, the queues: depths, running
 * jobs, failures, nightly schedules.
 */
import { Queue } from 'bullmq';
import { Command } from 'commander';
import { batchStates, type BatchStatus } from '../batches/batch-state.js';
import { DocumentQueues, NIGHTLY_QUEUE, pingRedis, queueConfigFromEnv, redisConnection, SCANS_QUEUE, TYPED_QUEUE, type QueueConfig } from '../runtime/queues.js';
import { Store, type StoreStats } from '../store/store.js';

interface QueueStatus {
  name: string;
  counts: Record<string, number>;
  active: Array<{ id: string; startedAt: string | null }>;
  failed: Array<{ id: string; reason: string; attempts: number }>;
}

interface StatusReport {
  store: Omit<StoreStats, 'batches'> & { where: string; batches: Array<StoreStats['batches'][number] & BatchStatus> };
  queues: QueueStatus[] | null;
  schedules: Array<{ id: string; pattern: string | null; every: number | null; tz: string | null; next: string | null }>;
}

const QUEUE_LABEL: Record<string, string> = { [TYPED_QUEUE]: 'Tài liệu đánh máy', [SCANS_QUEUE]: 'Bản scan, ảnh chụp', [NIGHTLY_QUEUE]: 'Chạy định kỳ' };
const COUNT_LABEL: Record<string, string> = { waiting: 'chờ', active: 'đang chạy', delayed: 'hẹn giờ', failed: 'thất bại', prioritized: 'ưu tiên', paused: 'tạm dừng' };

async function queueStatus(config: QueueConfig): Promise<Pick<StatusReport, 'queues' | 'schedules'>> {
  const connection = redisConnection(config);
  const queues = [TYPED_QUEUE, SCANS_QUEUE, NIGHTLY_QUEUE].map((name) => new Queue(name, { connection, prefix: config.prefix }));
  try {
    const out: QueueStatus[] = [];
    for (const q of queues) {
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      const active = await q.getActive(0, 19);
      const failed = await q.getFailed(0, 9);
      out.push({
        name: q.name,
        counts,
        active: active.map((j) => ({ id: String(j.id), startedAt: j.processedOn ? new Date(j.processedOn).toISOString() : null })),
        failed: failed.map((j) => ({ id: String(j.id), reason: j.failedReason, attempts: j.attemptsMade })),
      });
    }
    const schedulers = await queues[2]!.getJobSchedulers();
    return {
      queues: out,
      schedules: schedulers.map((s) => ({
        id: s.key,
        pattern: s.pattern ?? null,
        every: s.every ? Number(s.every) : null,
        tz: s.tz ?? null,
        next: s.next ? new Date(s.next).toISOString() : null,
      })),
    };
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

function render(r: StatusReport): string {
  const s = r.store;
  const lines = [
    `Kho dữ liệu: ${s.where}`,
    `  ${s.documents} tài liệu: ${s.withResult} có kết quả, ${s.withoutResult} chưa có kết quả; ${s.errors} không đọc được, ${s.flagged} có mâu thuẫn.`,
  ];
  if (s.batches.length > 0) {
    lines.push('  Các lô gần đây:');
    for (const b of s.batches) lines.push(`    ${b.id.slice(0, 8)} ${b.kind} ${b.size} tệp, tạo ${b.createdAt}: ${b.stateText}`);
  }
  if (!r.queues) {
    lines.push('Hàng đợi: không dùng (chưa đặt REDIS_URL).');
    return lines.join('\n');
  }
  for (const q of r.queues) {
    const counts = Object.entries(q.counts).map(([k, v]) => `${COUNT_LABEL[k] ?? k} ${v}`).join(', ');
    lines.push(`Hàng đợi ${QUEUE_LABEL[q.name] ?? q.name}: ${counts}`);
    for (const a of q.active) lines.push(`  đang chạy ${a.id.slice(0, 16)} từ ${a.startedAt ?? '?'}`);
    for (const f of q.failed) lines.push(`  thất bại ${f.id.slice(0, 16)} sau ${f.attempts} lần: ${f.reason}`);
  }
  for (const sc of r.schedules) {
    const next = sc.next ? new Date(sc.next).toLocaleString('vi-VN', { timeZone: sc.tz ?? 'Asia/Ho_Chi_Minh' }) : '?';
    lines.push(`Lịch ${sc.id}: ${sc.pattern ? `“${sc.pattern}” (${sc.tz ?? 'UTC'})` : `mỗi ${(sc.every ?? 0) / 1000} giây`}, lần tới ${next}`);
  }
  return lines.join('\n');
}

export function statusCommand(): Command {
  return new Command('status')
    .description('Xem tình trạng kho dữ liệu và các hàng đợi.')
    .option('--json', 'in dạng JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = queueConfigFromEnv();
      if (config) await pingRedis(config);
      const store = await Store.open();
      // The queues tell a batch waiting there from one nobody will finish.
      const queues = config ? new DocumentQueues(config) : null;
      let report: StatusReport;
      try {
        const stats = await store.stats();
        const states = await batchStates(store, stats.batches, queues);
        const batches = stats.batches.map((b) => ({ ...b, ...states.get(b.id)! }));
        report = { store: { ...stats, batches, where: store.where }, queues: null, schedules: [] };
      } finally {
        await queues?.close();
        await store.close();
      }
      if (config) Object.assign(report, await queueStatus(config));
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : render(report)) + '\n');
    });
}
