import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { seriousA11yViolations } from '../helpers/layout-checks';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: a read-only ACL user is told before any edit is offered', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const admin = redis.client();
    await admin.call('ACL', 'SETUSER', 'ro', 'on', '>pw', '~*', '&*', '+@read', '+@connection', '-@write');
    await admin.hset('app:cart', 'apple', '3');
  });
  afterAll(() => redis?.stop());

  it('the scope line says which rights are missing, New key is disabled, and the value pane has no edit buttons', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('tab', { name: 'Existing Redis' }).click();
    await h.page.getByLabel('Username').fill('ro');
    await h.app.connectExisting({ port: redis.port, password: 'pw', namespace: 'app:' });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();

    const reason = 'Read-only: your Redis user may not run WATCH, MULTI on keys under "app:" (Redis answered NOPERM to a check that changed nothing), so no edit can run.';
    await expect.poll(() => h.page.getByTestId('edit-scope').innerText()).toBe(reason);
    const newKey = h.page.getByRole('button', { name: 'New key' });
    expect(await newKey.isDisabled()).toBe(true);
    expect(await newKey.getAttribute('title')).toBe(reason);

    const option = h.page.getByRole('listbox').getByRole('option').first();
    await expect.poll(() => option.innerText()).toContain('app:cart');
    await option.click();
    const pane = h.page.locator('section.value-pane');
    await expect.poll(() => pane.getByTestId('read-only').innerText()).toBe(reason);
    await expect.poll(() => pane.innerText()).toMatch(/apple/);
    expect(await pane.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await pane.getByRole('button', { name: 'Set TTL' }).count()).toBe(0);
    for (const theme of ['light', 'dark'] as const) {
      await h.page.emulateMedia({ colorScheme: theme });
      expect(await seriousA11yViolations(h.page), theme).toEqual([]);
    }
    for (const [width, height] of [[1024, 640], [1440, 900]] as const) {
      await h.page.setViewportSize({ width, height });
      await h.page.screenshot({ path: screenshotPath(`key-editor-rights-${width}`) });
    }
    expect(h.errors).toEqual([]);
  }, 60_000);
});
