import type { Redis } from 'ioredis';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { AppPage } from './pages/app-page';

describe('web mode in Chromium: an existing Redis with keys already under the namespace', () => {
  let redis: TestRedis;
  let check: Redis;
  let host: WebHostProcess;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    redis = await startTestRedis(['--requirepass', 'pw']);
    check = redis.client({ password: 'pw' });
    await check.set('rpi:left-over', 'from yesterday');
    await check.set('user:1', 'not the app’s');
    host = await startWebHostProcess();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await redis?.stop();
  });

  it('asks before clearing the namespace, and never touches other keys', async () => {
    const app = new AppPage(page);
    await page.goto(host.url);
    await app.connectExisting({ port: redis.port, password: 'wrong', expectError: true });
    await expect.poll(() => page.locator('#password-error').innerText()).toMatch(/refused the username or password/);

    await app.connectExisting({ port: redis.port, password: 'pw' });
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/1 key already existed under rpi:/);
    expect(await page.getByLabel('Connection status').innerText()).toContain(`127.0.0.1:${redis.port}/0`);

    await page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: 'Cache-aside', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 1 existing key?' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('confirm-namespace-reset') });
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    expect(await check.get('rpi:left-over')).toBe('from yesterday');

    await page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: 'Cache-aside', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete and open' }).click();
    await page.locator('.workspace[data-ready="true"]').waitFor();
    await expect.poll(() => check.exists('rpi:left-over')).toBe(0);
    await app.step();
    await expect.poll(() => check.exists('rpi:user:1')).toBe(1);
    expect(await check.get('user:1')).toBe('not the app’s');

    // Agreed once per connection: other patterns open without asking again.
    await app.openPattern('Leaderboard');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });
});

describe('web mode in Chromium: no redis-server on this machine', () => {
  let host: WebHostProcess;
  let browser: BrowserContext;

  beforeAll(async () => {
    host = await startWebHostProcess({ RPI_REDIS_SEARCH_PATH: '/nonexistent' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('says how to install it instead of failing, and still offers an existing Redis', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/redis-server is not installed\. Install it with your package manager, e\.g\. sudo apt-get install redis-server/);
    expect(await page.getByRole('button', { name: 'Start sandbox' }).isDisabled()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Existing Redis' }).isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('redis-server-missing') });
  });
});
