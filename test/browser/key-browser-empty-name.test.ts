import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/** The key whose name is empty: its row, its value, and the status bar at 1024 × 640 (found by the re-test). */
describe('web mode in Chromium: the key with an empty name opens like any other', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const admin = redis.client();
    await admin.set('', 'under the empty name');
    await admin.set('a', 'under a');
  }, 60_000);
  afterAll(() => redis?.stop());

  it('its row says "(empty name)" and a click opens its value (an id of "" was taken for "nothing selected")', async () => {
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    const row = list.getByRole('option').filter({ hasText: '(empty name)' });
    await row.waitFor();
    await row.click();
    const pane = h.page.getByRole('region', { name: 'Value' });
    await expect.poll(() => pane.locator('.value-text').innerText()).toBe('under the empty name');
    // The theme select keeps a glyph when the word gives way, so it is not a second unlabeled "System".
    expect(await h.page.locator('.status-bar .theme-word').isVisible()).toBe(false);
    expect(await h.page.locator('.status-bar .theme-glyph').isVisible()).toBe(true);
    await h.page.screenshot({ path: screenshotPath('key-browser-empty-name-1024') });
    expect(h.errors).toEqual([]);
  });
});
