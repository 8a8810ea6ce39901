/**
 * The embedded default: `doisoat enqueue` without REDIS_URL stores and processes in-process
 * (SQLite in DOISOAT_DATA), prints exactly what `check` prints, and never parses a file twice.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { REPORTS } from './support/paths.js';
import { runCliAsync, tempDir } from './support/services.js';

describe('enqueue without Redis', () => {
  it('prints what check prints, keeps every result, and reports known files without processing them', async () => {
    const data = tempDir();
    const env = { REDIS_URL: '', DATABASE_URL: '', DOISOAT_DATA: data };
    const files = [path.join(REPORTS, 'quang-trung-2024.docx'), path.join(REPORTS, 'qt-total-mismatch.pdf'), path.join(REPORTS, 'không-có.pdf')];
    const check = await runCliAsync(['check', '--json', ...files], env);
    const first = await runCliAsync(['enqueue', '--json', ...files], env);
    expect(first.status).toBe(2); // one path does not exist
    expect(check.status).toBe(2);
    expect(JSON.parse(first.stdout)).toEqual(JSON.parse(check.stdout));

    const text = await runCliAsync(['enqueue', files[1]!, files[0]!], env);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain('2 tệp đã có kết quả từ trước');
    expect(text.stdout).toContain('Tổng cộng 2 tệp: 1 không có lỗi, 1 có sai lệch, 0 không đọc được.');

    const store = await Store.open({ dataDir: data });
    try {
      expect((await store.runs()).map((r) => [r.queue, r.outcome])).toEqual([
        ['local', 'stored'],
        ['local', 'stored'],
      ]);
      expect(await store.stats()).toMatchObject({ documents: 2, withResult: 2, withoutResult: 0 });
    } finally {
      await store.close();
    }

    const forced = await runCliAsync(['enqueue', '--json', '--force', files[0]!], env);
    expect(JSON.parse(forced.stdout)).toEqual([JSON.parse(check.stdout)[0]]);
    const status = await runCliAsync(['status'], env);
    expect(status.stdout).toContain('2 tài liệu: 2 có kết quả, 0 chưa có kết quả');
    expect(status.stdout).toContain('chưa đặt REDIS_URL');
    const reconcile = await runCliAsync(['reconcile'], env);
    expect(reconcile.stdout).toContain('Mọi tài liệu đã lưu đều có kết quả.');
  });

  it('commands that need Redis say so in Vietnamese', async () => {
    const env = { REDIS_URL: '', DATABASE_URL: '', DOISOAT_DATA: tempDir() };
    const w = await runCliAsync(['worker'], env);
    expect(w.status).toBe(2);
    expect(w.stderr).toContain('Lệnh worker cần REDIS_URL');
    const unreachable = await runCliAsync(['enqueue', path.join(REPORTS, 'quang-trung-2024.docx')], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toContain('Lỗi: Không kết nối được');
    expect(unreachable.stderr).toContain('Redis (redis://127.0.0.1:1)');
  });
});
