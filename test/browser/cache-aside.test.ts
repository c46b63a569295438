import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { AppPage } from './pages/app-page';

describe('web mode in Chromium: cache-aside from connect to a HIT', () => {
  let host: WebHostProcess;
  let browser: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startWebHostProcess();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('connects to a sandbox, steps to a HIT and shows trace, keys and TTL', async () => {
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Sandbox' }).waitFor();
    await page.screenshot({ path: screenshotPath('connect') });
    const app = new AppPage(page);
    await app.startSandbox();
    await expect.poll(() => page.getByLabel('Connection status').innerText()).toMatch(/sandbox 127\.0\.0\.1:\d+[\s\S]*Redis 7\.[\s\S]*keyspace notifications/);

    await app.openPattern('Cache-aside');
    await app.step();
    await expect.poll(() => app.narrative().innerText()).toMatch(/Cache MISS for user 1: read the database and cached it for 3600 s \(\d+ ms\)/);
    await expect.poll(() => app.traceRows().count()).toBe(3);
    expect(await app.traceRows().nth(1).innerText()).toMatch(/SQL read[\s\S]*SELECT/);

    await app.step();
    await expect.poll(() => app.narrative().innerText()).toMatch(/Cache HIT for user 1: served from Redis in [\d.]+ ms/);
    await expect.poll(() => app.traceRows().count()).toBe(1);
    const get = await app.traceRows().first().innerText();
    expect(get).toMatch(/client[\s\S]*GET rpi:user:1[\s\S]*"name":"User 1"/);

    const key = app.keyRow('rpi:user:1');
    await key.waitFor();
    expect(await key.innerText()).toMatch(/string[\s\S]*"id":1/);
    const ttl = key.getByRole('meter', { name: 'Time to live' });
    const seconds = Number(await ttl.getAttribute('aria-valuenow'));
    expect(seconds).toBeGreaterThan(3590);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(await ttl.getAttribute('aria-valuetext')).toMatch(/^(59:\d\d|1:00:00)$/);
    // The countdown runs in the renderer from one PTTL reading.
    await expect.poll(async () => Number(await ttl.getAttribute('aria-valuenow')), { timeout: 4000 }).toBeLessThan(seconds);

    await expect.poll(() => app.dbRow(1).innerText()).toMatch(/User 1[\s\S]*cache = db/);
    await app.expectNoAlert();
    await page.screenshot({ path: screenshotPath('cache-aside-hit') });

    await app.step();
    await app.step();
    await expect.poll(() => app.narrative().innerText()).toMatch(/stale/);
    await expect.poll(() => app.dbRow(1).innerText()).toMatch(/User 1 \(renamed\)[\s\S]*STALE/);
    await page.screenshot({ path: screenshotPath('cache-aside-stale') });

    await page.keyboard.press('r');
    await expect.poll(() => app.progress()).toBe('Step 0 of 4');
    await expect.poll(() => app.keyRow('rpi:user:1').count()).toBe(0);

    // Keyboard first: N steps, Space runs the rest, and the tooltips say so.
    await page.keyboard.press('n');
    await expect.poll(() => app.progress()).toBe('Step 1 of 4');
    await page.getByRole('button', { name: 'Run', exact: true }).hover();
    await expect.poll(() => page.getByRole('tooltip').innerText()).toMatch(/Run the remaining steps \(Space\)/);
    await page.keyboard.press('Space');
    await expect.poll(() => app.progress(), { timeout: 10_000 }).toBe('Step 4 of 4 — finished');

    // A reload finds main still connected and picks the run up where it was.
    await page.reload();
    await expect.poll(() => app.progress()).toBe('Step 4 of 4 — finished');
    await app.keyRow('rpi:user:1').waitFor();
    await expect.poll(() => app.dbRow(1).innerText()).toMatch(/STALE/);
    expect(errors).toEqual([]);
  });

  it('shows a clear message on the form for a refused connection', async () => {
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('tab', { name: 'Existing Redis' }).click();
    await page.getByLabel('Port').fill('1');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.locator('#port-error').innerText()).toMatch(/Nothing is listening on 127\.0\.0\.1:1\/0/);
    expect(await page.getByLabel('Port').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('connect-error') });
  });
});
