import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { seriousA11yViolations } from '../helpers/layout-checks';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the key browser’s Go to row belongs to the view it was typed for', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const pipe = redis.client().pipeline();
    for (let i = 0; i < 300; i++) pipe.set(`jump:${String(i).padStart(3, '0')}`, `v${i}`);
    await pipe.exec();
  });
  afterAll(() => redis?.stop());

  it('clears the row number on switching to the tree, and says which numbers a view has when one is out of range', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    const count = () => h.page.getByTestId('browser-count').innerText();
    await h.page.getByRole('button', { name: 'Flat' }).click();
    await expect.poll(count, { timeout: 15_000 }).toMatch(/^300 keys found\s+scan complete/);

    const jump = h.page.getByLabel('Go to row');
    await jump.fill('100');
    await h.page.getByRole('button', { name: 'Go', exact: true }).click();
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    await expect.poll(() => list.locator('.kb-row.active').getAttribute('aria-posinset')).toBe('100');

    // The tree has one folder row here, not 300: row 100 of the flat list means nothing in it.
    await h.page.getByRole('button', { name: 'Tree' }).click();
    await expect.poll(() => jump.inputValue()).toBe('');

    await jump.fill('250');
    await h.page.getByRole('button', { name: 'Go', exact: true }).click();
    const wrong = h.page.getByRole('alert').filter({ hasText: 'row number' });
    await expect.poll(() => wrong.innerText()).toBe('Enter a row number from 1 to 1.');
    expect(await jump.getAttribute('aria-invalid')).toBe('true');
    for (const theme of ['light', 'dark'] as const) {
      await h.page.emulateMedia({ colorScheme: theme });
      expect(await seriousA11yViolations(h.page), theme).toEqual([]);
    }
    for (const [width, height] of [[1024, 640], [1440, 900]] as const) {
      await h.page.setViewportSize({ width, height });
      await h.page.screenshot({ path: screenshotPath(`key-browser-jump-${width}`) });
    }
    // Typing again takes the complaint away; a number in range jumps.
    await jump.fill('1');
    expect(await wrong.count()).toBe(0);
    await h.page.getByRole('button', { name: 'Go', exact: true }).click();
    expect(await jump.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => h.page.locator('.kb-row.active').innerText({ timeout: 1000 })).toMatch(/jump/);
    expect(h.errors).toEqual([]);
  }, 60_000);
});
