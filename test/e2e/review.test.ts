/**
 * The review desk in a real browser: an auditor opens a flagged report, jumps from a flag to its
 * highlighted evidence line, confirms one flag and dismisses another with a note, sees the ranking
 * chart, and finds the decisions kept after the report is processed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../accounts/users.js';
import { runBatch } from '../../batches/run-batch.js';
import { Store } from '../../store/store.js';
import { buildServer } from '../../web/server.js';
import { FIXTURES, REPORTS, ROOT } from '../support/paths.js';
import { tempDir } from '../support/services.js';
import { launchBrowser } from './browser.js';

const files = ['qt-total-mismatch.docx', 'qt-summary-mismatch.pdf', 'quang-trung-2024.docx'].map((f) => path.join(REPORTS, f));
const photo = path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg');
const HOSTILE = `../../x.docx"><img src=x onerror="window.__pwned=1">.docx`;
const SCRIPT = '<script>window.__pwned=2</script>';
let store: Store;
let base: string;
let browser: Browser;
let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  store = await Store.open({ dataDir: tempDir() });
  const batch = await runBatch(store, 'local', { kind: 'paths', paths: [...files, photo] }, { kind: 'local', concurrency: 1 });
  // A report whose file name and text carry markup, stored under its hash like any upload.
  const model = batch.audits![0]!;
  const bytes = new TextEncoder().encode('hostile');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await store.registerBatch('local', [{ path: HOSTILE, file: { bytes, sha256, format: 'docx' } }]);
  await store.saveAudit(sha256, {
    ...model,
    file: HOSTILE,
    sha256,
    unit: { type: 'xã', name: `Hostile ${SCRIPT}` },
    flags: [{ ...model.flags[0]!, message: `Thông điệp ${SCRIPT}`, evidence: [{ page: 1, line: 2, text: `Dòng ${SCRIPT}<img src=x onerror="window.__pwned=3">` }] }],
  });
  await addUser(store, 'kiem-tra', 'auditor', 'mat-khau-kiem-tra');
  const app = await buildServer({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  close = async () => {
    await browser.close();
    await app.close();
    await store.close();
  };
}, 180_000);
afterAll(async () => close());

/** Opens the flagged reports' list and one of them by its file name. */
async function openReport(file: string): Promise<void> {
  await page.goto(`${base}/bao-cao?co-canh-bao=1`);
  await Promise.all([page.waitForURL(/\/bao-cao\/[0-9a-f]{64}/), page.locator('tr', { hasText: file }).locator('a').first().click()]);
}

describe('an auditor in the browser', () => {
  it('signs in and sees only the flagged reports when asked', async () => {
    await page.goto(`${base}/bao-cao`);
    await page.fill('input[name=username]', 'kiem-tra');
    await page.fill('input[name=password]', 'mat-khau-kiem-tra');
    await Promise.all([page.waitForURL(/\/bao-cao$/), page.click('button[type=submit]')]);
    await page.goto(`${base}/bao-cao?co-canh-bao=1`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('qt-total-mismatch.docx');
    expect(text).toContain('qt-summary-mismatch.pdf');
    expect(text).not.toContain('quang-trung-2024.docx');
  });

  it('jumps from a flag to its highlighted evidence line', async () => {
    await openReport('qt-total-mismatch.docx');
    const flag = page.locator('li.flag', { hasText: 'total-mismatch' });
    const link = flag.locator('p.evidence a').first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL((u) => u.hash === href);
    const target = await page.evaluate(() => {
      const t = document.querySelector(':target');
      return t ? { id: t.id, evidence: t.classList.contains('evidence'), text: t.textContent ?? '', background: getComputedStyle(t).backgroundColor } : null;
    });
    expect(target).not.toBeNull();
    expect(`#${target!.id}`).toBe(href);
    expect(target!.evidence).toBe(true);
    expect(target!.text).toContain('93,3');
    expect(target!.background).not.toBe('rgba(0, 0, 0, 0)');
    if (process.env['UPDATE_SCREENSHOTS']) {
      mkdirSync(path.join(ROOT, 'docs/images'), { recursive: true });
      await page.evaluate(() => document.querySelector(':target')?.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: path.join(ROOT, 'docs/images/report-page.png') });
    }
  });

  it('confirms one flag, and may dismiss an error only with a note', async () => {
    await openReport('qt-total-mismatch.docx');
    const flag = page.locator('li.flag', { hasText: 'total-mismatch' });
    await flag.locator('textarea[name=note]').fill('Các nhóm cộng lại là 92,3.');
    await Promise.all([page.waitForLoadState('load'), flag.locator('button[value=confirmed]').click()]);
    await expect.poll(() => page.locator('li.flag', { hasText: 'total-mismatch' }).locator('.decision').textContent()).toContain('xác nhận sai lệch');

    await openReport('qt-summary-mismatch.pdf');
    const other = page.locator('li.flag', { hasText: 'summary-mismatch' });
    await Promise.all([page.waitForLoadState('load'), other.locator('button[value=dismissed]').click()]);
    expect(await page.locator('li.flag .error[role=alert]').textContent()).toMatch(/ghi chú/i);
    await page.locator('li.flag', { hasText: 'summary-mismatch' }).locator('textarea[name=note]').fill('Phần tổng hợp gõ nhầm, đã đối chiếu bản giấy.');
    await Promise.all([page.waitForLoadState('load'), page.locator('li.flag', { hasText: 'summary-mismatch' }).locator('button[value=dismissed]').click()]);
    await expect.poll(() => page.locator('li.flag', { hasText: 'summary-mismatch' }).locator('.decision').textContent()).toContain('bỏ qua');
  });

  it('sees the pixels an OCR\'d figure came from, next to the text read from it', async () => {
    await page.goto(`${base}/bao-cao`);
    await Promise.all([page.waitForURL(/\/bao-cao\/[0-9a-f]{64}/), page.locator('tr', { hasText: 'summary-photo.jpg' }).locator('a').first().click()]);
    const crop = page.locator('img.crop').first();
    await crop.scrollIntoViewIfNeeded();
    // The first crop waits for the image decoder's child process to start (runtime/ocr/decoder.ts).
    await expect.poll(() => crop.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 20_000 }).toBeGreaterThan(100);
    const size = await crop.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight }));
    expect(size.h).toBeLessThan(size.w / 3);
    expect(await crop.locator('xpath=ancestor::li[1]').textContent()).toMatch(/\d/);
  });

  it('shows hostile names and text as plain text: nothing in them runs', async () => {
    await page.goto(`${base}/bao-cao`);
    const row = page.locator('tr', { hasText: 'Hostile' });
    expect(await row.textContent()).toContain('<script>window.__pwned=2</script>');
    await Promise.all([page.waitForURL(/\/bao-cao\/[0-9a-f]{64}/), row.locator('a').first().click()]);
    expect(await page.locator('main').textContent()).toContain(HOSTILE);
    expect(await page.locator('main').textContent()).toContain('<img src=x onerror="window.__pwned=3">');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img[src=x], main script').count()).toBe(0);
  });

  it('exports the flagged reports to Excel with both decisions', async () => {
    await page.goto(`${base}/bao-cao?co-canh-bao=1`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('p.exports a', { hasText: 'Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^doisoat-bao-cao-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    const file = readFileSync((await download.path())!);
    await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const rows: string[] = [];
    book.getWorksheet('Cảnh báo')!.eachRow((r) => rows.push(JSON.stringify(r.values)));
    expect(rows.some((r) => r.includes('Xác nhận sai lệch') && r.includes('kiem-tra') && r.includes('Các nhóm cộng lại là 92,3.'))).toBe(true);
    expect(rows.some((r) => r.includes('Bỏ qua') && r.includes('Phần tổng hợp gõ nhầm'))).toBe(true);
  });

  it('sees the ranking chart', async () => {
    await page.goto(`${base}/xep-hang`);
    const chart = page.locator('figure.chart svg');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('rect[height="11"]').count()).toBe(2 * (await page.locator('#ranking tbody tr').count()));
    expect(await page.locator('#ranking tbody tr').first().textContent()).toContain('93,3');
  });

  it('finds the decisions kept after the reports are processed again', async () => {
    await runBatch(store, 'local', { kind: 'paths', paths: files.slice(0, 2), force: true }, { kind: 'local', concurrency: 1 });
    await openReport('qt-total-mismatch.docx');
    expect(await page.locator('li.flag', { hasText: 'total-mismatch' }).locator('.decision').textContent()).toContain('xác nhận sai lệch');
    await openReport('qt-summary-mismatch.pdf');
    expect(await page.locator('li.flag', { hasText: 'summary-mismatch' }).locator('.decision').textContent()).toContain('Phần tổng hợp gõ nhầm');
  });
});
