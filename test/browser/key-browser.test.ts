import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { AppPage } from './pages/app-page';

const KEYS = 20_000;

describe('web mode in Chromium: the key browser on 20,000 keys', () => {
  let redis: TestRedis;
  let host: WebHostProcess;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    redis = await startTestRedis();
    const client = redis.client();
    const pipe = client.pipeline();
    for (let i = 0; i < KEYS; i++) pipe.set(`session:${String(i).padStart(5, '0')}`, `token-${i}`, 'EX', 3600);
    pipe.hset('user:42', { name: 'Ada', plan: 'pro' });
    await pipe.exec();
    host = await startWebHostProcess();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await redis?.stop();
  });

  const count = () => page.getByTestId('browser-count').innerText();
  const loaded = async () => Number((await count()).match(/^([\d,]+) keys/)![1].replace(/,/g, ''));

  it('pages through the keyspace as the user scrolls, reading details only for visible rows', async () => {
    await page.goto(host.url);
    await new AppPage(page).connectExisting({ port: redis.port });
    await page.getByRole('tab', { name: 'Key browser' }).click();

    await expect.poll(count).toMatch(/in the database/);
    expect(await count()).toContain(`${(KEYS + 1).toLocaleString('en-US')} in the database`);
    const first = await loaded();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(KEYS);
    // Only what is on screen is in the DOM.
    expect(await page.getByRole('listitem').count()).toBeLessThan(100);
    await expect.poll(() => page.getByRole('list', { name: 'All keys' }).getByRole('listitem').first().innerText()).toMatch(/string|hash/);

    const list = page.getByRole('list', { name: 'All keys' });
    for (let i = 0; i < 200 && (await loaded()) < KEYS + 1; i++) {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(30);
    }
    await expect.poll(count, { timeout: 20_000 }).toMatch(/^20,001 keys \(scan complete\)/);
    // Rows scrolled into view get their type, size, value and TTL read then.
    await expect.poll(() => list.getByRole('listitem').last().innerText()).toMatch(/(string|hash)[\s\S]*(token-|name)/);
    await page.screenshot({ path: screenshotPath('key-browser') });

    await page.getByLabel('Match pattern').fill('user:*');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect.poll(count).toMatch(/^1 keys \(scan complete\)/);
    await expect.poll(() => list.getByRole('listitem').first().innerText()).toMatch(/user:42[\s\S]*hash[\s\S]*name: Ada/);
  });
});
