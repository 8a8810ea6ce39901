/**
 * The review desk in a real browser: a clerk signs in, uploads three fixture reports (one a
 * scanned photo) and watches each finish on the progress page.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../accounts/users.js';
import { Store } from '../../store/store.js';
import { buildServer } from '../../web/server.js';
import { FIXTURES, REPORTS } from '../support/paths.js';
import { tempDir } from '../support/services.js';
import { launchBrowser } from './browser.js';

let base: string;
let browser: Browser;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await Store.open({ dataDir: tempDir() });
  await addUser(store, 'van-thu', 'clerk', 'mat-khau-van-thu');
  const app = await buildServer({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  close = async () => {
    await browser.close();
    await app.close();
    await store.close();
  };
});
afterAll(async () => close());

describe('a clerk in the browser', () => {
  it('signs in, uploads three reports (one scanned) and sees each finish', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/tai-len`);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.fill('input[name=username]', 'van-thu');
    await page.fill('input[name=password]', 'mat-khau-van-thu');
    await Promise.all([page.waitForURL(/\/tai-len$/), page.click('button[type=submit]')]);

    const files = [path.join(REPORTS, 'quang-trung-2024.docx'), path.join(REPORTS, 'qt-total-mismatch.pdf'), path.join(FIXTURES, 'scans/hoa-binh-2024.summary-photo.jpg')];
    await page.setInputFiles('input[type=file]', files);
    await Promise.all([page.waitForURL(/\/tai-len\/[\w-]+$/), page.click('form#upload-form button[type=submit]')]);

    const rows = page.locator('#batch-items tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await page.waitForFunction(() => document.querySelectorAll('#batch-items tbody tr.state-done').length === 3, null, { timeout: 240_000 });
    const names = await page.locator('#batch-items td.name').allTextContents();
    expect(names).toEqual(['quang-trung-2024.docx', 'qt-total-mismatch.pdf', 'hoa-binh-2024.summary-photo.jpg']);
    const summaries = await page.locator('#batch-items td.summary').allTextContents();
    expect(summaries[1]).toMatch(/93,3/);
    expect(await page.locator('#batch-status').textContent()).toContain('3/3');
    // The strict CSP blocked nothing the pages need.
    expect(errors).toEqual([]);
  }, 300_000);
});
