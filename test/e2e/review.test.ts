/**
 * The review desk in a real browser: an auditor opens a flagged report, jumps from a flag to its
 * highlighted evidence line, confirms one flag and dismisses another with a note, sees the ranking
 * chart, and finds the decisions kept after the report is processed again.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../accounts/users.js';
import { runBatch } from '../../batches/run-batch.js';
import { Store } from '../../store/store.js';
import { buildServer } from '../../web/server.js';
import { REPORTS, ROOT } from '../support/paths.js';
import { tempDir } from '../support/services.js';
import { launchBrowser } from './browser.js';

const files = ['qt-total-mismatch.docx', 'qt-summary-mismatch.pdf', 'quang-trung-2024.docx'].map((f) => path.join(REPORTS, f));
let store: Store;
let base: string;
let browser: Browser;
let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  store = await Store.open({ dataDir: tempDir() });
  await runBatch(store, 'local', { kind: 'paths', paths: files }, { kind: 'local', concurrency: 1 });
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

  it('sees the ranking chart', async () => {
    await page.goto(`${base}/xep-hang`);
    const chart = page.locator('figure.chart svg');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('rect[height="11"]').count()).toBe(6);
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
