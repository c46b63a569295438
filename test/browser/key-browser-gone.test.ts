import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { seriousA11yViolations } from '../helpers/layout-checks';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: keys the scan found that have since expired are counted apart', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const pipe = redis.client().pipeline();
    for (let i = 0; i < 40; i++) pipe.set(`soon:${String(i).padStart(2, '0')}`, `v${i}`);
    await pipe.exec();
  });
  afterAll(() => redis?.stop());

  it('the headline says how many found keys Redis no longer has once their rows are read again', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    const count = () => h.page.getByTestId('browser-count').innerText();
    await h.page.getByRole('button', { name: 'Flat' }).click();
    await expect.poll(count, { timeout: 15_000 }).toMatch(/^40 keys found\s+scan complete/);
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    await expect.poll(() => list.getByRole('option').first().innerText()).toMatch(/string/);

    const admin = redis.client();
    for (let i = 0; i < 6; i++) await admin.pexpire(`soon:0${i}`, 1);
    await h.page.getByRole('button', { name: 'Refresh rows' }).click();
    await expect.poll(count, { timeout: 10_000 }).toMatch(/^40 keys found\s+6 since gone\s+scan complete/);
    const gone = h.page.getByTestId('browser-count').locator('.kb-gone');
    expect(await gone.getAttribute('title')).toMatch(/no longer has them/);
    for (const theme of ['light', 'dark'] as const) {
      await h.page.emulateMedia({ colorScheme: theme });
      expect(await seriousA11yViolations(h.page), theme).toEqual([]);
    }
    for (const [width, height] of [[1024, 640], [1440, 900]] as const) {
      await h.page.setViewportSize({ width, height });
      await h.page.screenshot({ path: screenshotPath(`key-browser-gone-${width}`) });
    }
    // A key created again under a gone name is present at the next read.
    await admin.set('soon:00', 'back');
    await h.page.getByRole('button', { name: 'Refresh rows' }).click();
    await expect.poll(count, { timeout: 10_000 }).toMatch(/^40 keys found\s+5 since gone/);
    expect(h.errors).toEqual([]);
  }, 60_000);
});
