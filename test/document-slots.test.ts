/**
 * DocumentSlots's slots, thread and child process alike: every run gets an audit — a result, or
 * `timeout`, `too-large` (heap limit) or `read-failed` (a slot that died) — and scanned pages
 * are OCR'd by this process's OCR service through the bridge. Child processes also die with
 * their parent.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DoisoatError } from '../core/errors.js';
import type { OcrPage, OcrService } from '../extractors/formats/ocr-service.js';
import { DocumentSlots, SINGLE_THREADED_PROCESSES, type DocumentSlotsOptions } from '../runtime/document-slots.js';
import { FIXTURES, REPORTS, ROOT } from './support/paths.js';
import { waitFor } from './support/services.js';

const typed = path.join(REPORTS, 'quang-trung-2024.docx');
const photo = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
const bytes = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** What the fake OCR reads on the photo: enough of a report to be one. */
const PAGE = [
  'ỦY BAN NHÂN DÂN XÃ HÒA BÌNH',
  'BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM VÀ XẾP LOẠI MỨC ĐỘ HOÀN THÀNH NHIỆM VỤ NĂM 2024',
  'Nhóm tiêu chí I: Công tác xây dựng Đảng (tối đa 20 điểm), tự chấm 18 điểm',
];

/** An OCR service whose pages never come back: the document waits until stopped. */
const hangingOcr = (): OcrService => ({ recognize: () => new Promise<OcrPage>(() => {}) });

const SLOTS: Array<{ name: string; options: Pick<DocumentSlotsOptions, 'slots' | 'v8Flags'> }> = [
  { name: 'thread', options: { slots: 'thread' } },
  { name: 'process, V8 defaults', options: { slots: 'process' } },
  { name: 'process, the default V8 flags of children', options: SINGLE_THREADED_PROCESSES },
];

const pools: DocumentSlots[] = [];
function pool(options: DocumentSlotsOptions): DocumentSlots {
  const p = new DocumentSlots(options);
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Pids of this process's document-worker children. */
function childSlots(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('document-worker'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Reparented and not yet reaped counts as gone.
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

describe.each(SLOTS)('DocumentSlots, $name slots', ({ options }) => {
  it('parses a document, and a scan through the OCR bridge: the same image bytes in, the page out', async () => {
    const seen: string[] = [];
    const p = pool({
      ...options,
      concurrency: 2,
      ocr: () => ({
        recognize: async (image): Promise<OcrPage> => {
          seen.push(sha(image));
          return { lines: PAGE.map((text) => ({ text, confidence: 0.91 })), meanConfidence: 91, width: 100, height: 100 };
        },
      }),
    });
    const [report, scan] = await Promise.all([p.run(typed, bytes(typed)), p.run(photo, bytes(photo))]);
    expect(report.audits[0]!.error).toBeNull();
    expect(report.audits[0]!.declared.total?.raw).toBe('92,3');
    expect(seen).toEqual([sha(bytes(photo))]);
    expect(scan.audits[0]!.error).toBeNull();
    expect(scan.audits[0]!.format).toBe('image');
    expect(scan.audits[0]!.ocr?.meanConfidence).toBe(91);
    expect(scan.needsOcr).toBe(false);
  });

  it('an OCR error comes back as the document’s error, in Vietnamese', async () => {
    const p = pool({ ...options, concurrency: 1, ocr: () => ({ recognize: () => Promise.reject(DoisoatError.withDetail('corrupt-file', 'Ảnh hỏng.')) }) });
    const audit = (await p.run(photo, bytes(photo))).audits[0]!;
    expect(audit.error?.code).toBe('corrupt-file');
    expect(audit.error?.message).toContain('Ảnh hỏng.');
  });

  it("'defer': a scan is reported as needing OCR", async () => {
    const p = pool({ ...options, concurrency: 1, ocr: 'defer' });
    const [scan, report] = await Promise.all([p.run(photo, bytes(photo)), p.run(typed, bytes(typed))]);
    expect(scan.needsOcr).toBe(true);
    expect(report.needsOcr).toBe(false);
    expect(report.audits[0]!.error).toBeNull();
  });

  it('past the time limit: `timeout`, the slot is replaced and the next document is parsed', async () => {
    // 6 s: the next document is read by a fresh slot, whose start alone took over 3 s on a loaded 2-core machine.
    const p = pool({ ...options, concurrency: 1, timeoutMs: 6000, ocr: hangingOcr });
    const [late, next] = await Promise.all([p.run(photo, bytes(photo)), p.run(typed, bytes(typed))]);
    expect(late.audits[0]!.error?.code).toBe('timeout');
    expect(late.audits[0]!.error?.message).toContain('6 giây');
    expect(next.audits[0]!.error).toBeNull();
  });

  it('past the heap limit: `too-large`, and every document still gets an audit', async () => {
    const p = pool({ ...options, concurrency: 1, maxHeapMb: 12 });
    const runs = await Promise.all([p.run(typed, bytes(typed)), p.run(typed, bytes(typed))]);
    expect(runs.map((r) => r.audits[0]!.error?.code)).toEqual(['too-large', 'too-large']);
    expect(runs[0]!.audits[0]!.error?.message).toContain('12 MB bộ nhớ');
  });

  it('after close(): no slot left, and a new run gets an error audit', async () => {
    const p = pool({ ...options, concurrency: 2 });
    await p.run(typed, bytes(typed));
    await p.close();
    expect(childSlots()).toEqual([]);
    const audit = (await p.run(typed, bytes(typed))).audits[0]!;
    expect(audit.error?.code).toBe('internal-error');
  });
});

describe.each(SLOTS.filter((s) => s.options.slots === 'process'))('DocumentSlots, $name slots only', ({ options }) => {
  it('a child that dies (killed): `read-failed` for its file, and it is replaced', async () => {
    let asked!: () => void;
    const waiting = new Promise<void>((resolve) => (asked = resolve));
    const p = pool({ ...options, concurrency: 1, ocr: () => (asked(), hangingOcr()) });
    const dying = p.run(photo, bytes(photo));
    await waiting;
    const [pid] = childSlots();
    process.kill(pid!, 'SIGKILL');
    expect((await dying).audits[0]!.error?.code).toBe('read-failed');
    expect((await p.run(typed, bytes(typed))).audits[0]!.error).toBeNull();
    expect(childSlots()).not.toContain(pid);
  });

  it('a stray rejection inside pdf.js does not end the slot: the next document gets its result', async () => {
    // Found by `npm run fuzz`: two objects of a real PDF swapped make pdf.js reject a promise
    // nobody awaits (a bad cross-reference entry), after or while the document is read.
    const pdf = Buffer.from(bytes(path.join(FIXTURES, 'scans/bac-son-2024.mixed.pdf'))).toString('latin1');
    const objects = [...pdf.matchAll(/\d+\s+\d+\s+obj\b[\s\S]*?\bendobj\b/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const [x, y] = [objects.find((o) => o.start === 6870)!, objects.find((o) => o.start === 8214)!];
    const swapped = new Uint8Array(Buffer.from(pdf.slice(0, x.start) + pdf.slice(y.start, y.end) + pdf.slice(x.end, y.start) + pdf.slice(x.start, x.end) + pdf.slice(y.end), 'latin1'));
    const p = pool({ ...options, concurrency: 1, timeoutMs: 60_000 });
    await p.run('swapped.pdf', swapped, sha(swapped));
    const [pid] = childSlots();
    const next = await p.run(typed, bytes(typed));
    expect(next.audits[0]!.error).toBeNull();
    expect(childSlots()).toEqual([pid]);
  });

  it('a child exits when its parent is SIGKILLed (no orphans)', async () => {
    const parent = spawn(process.execPath, [path.join(ROOT, 'test/support/pool-parent.mjs'), photo, ...(options.v8Flags ?? [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    await waitFor('the child to ask for OCR', async () => out.includes('waiting'), 30_000, 50);
    const ps = execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
    const children = ps.split('\n').filter(Boolean).map(Number);
    expect(children).toHaveLength(1);
    parent.kill('SIGKILL');
    await waitFor('the child to exit', async () => !alive(children[0]!), 10_000, 50);
  });
});

describe('a child process stuck in a synchronous loop when its parent is SIGKILLed', () => {
  // Without the watchdog the child outlives its parent (the case the watchdog exists for); with
  // it, the child goes within a second. Both with the children's V8 flags.
  it.each<[string, string, boolean]>([
    ['without the watchdog, it runs on as an orphan', 'none', true],
    ['with the watchdog, it dies with its parent', 'watch', false],
  ])('%s', async (_name, mode, orphaned) => {
    const parent = spawn(process.execPath, [path.join(ROOT, 'test/support/spinning-parent.mjs'), mode, ...(SINGLE_THREADED_PROCESSES.v8Flags ?? [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    await waitFor('the child to spin', async () => /spinning \d+/.test(out), 30_000, 50);
    const pid = Number(/spinning (\d+)/.exec(out)![1]);
    parent.kill('SIGKILL');
    try {
      if (orphaned) {
        await new Promise((r) => setTimeout(r, 2000));
        expect(alive(pid)).toBe(true);
      } else {
        await waitFor('the child to exit', async () => !alive(pid), 5_000, 50);
      }
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
