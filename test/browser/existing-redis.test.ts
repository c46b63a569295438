import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: an existing Redis with keys already under the namespace', () => {
  const h = webModeHarness();
  let redis: TestRedis;
  let check: Redis;

  beforeAll(async () => {
    redis = await startTestRedis(['--requirepass', 'pw']);
    check = redis.client({ password: 'pw' });
    await check.set('rpi:left-over', 'from yesterday');
    await check.set('user:1', 'not the app’s');
  });
  afterAll(() => redis?.stop());

  it('asks before clearing the namespace, and never touches other keys', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port, password: 'wrong', expectError: true });
    await expect.poll(() => h.page.locator('#password-error').innerText()).toMatch(/refused the username or password/);

    await h.app.connectExisting({ port: redis.port, password: 'pw' });
    await expect.poll(() => h.page.getByRole('status').first().innerText()).toMatch(/1 key already existed under rpi:/);
    expect(await h.page.getByLabel('Connection status').innerText()).toContain(`127.0.0.1:${redis.port}/0`);

    await h.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: 'Cache-aside', exact: true }).click();
    const dialog = h.page.getByRole('alertdialog', { name: 'Delete 1 existing key?' });
    await dialog.waitFor();
    await h.page.screenshot({ path: screenshotPath('confirm-namespace-reset') });
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    expect(await check.get('rpi:left-over')).toBe('from yesterday');

    await h.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: 'Cache-aside', exact: true }).click();
    expect(await dialog.getByRole('list', { name: 'Keys that would be deleted' }).innerText()).toBe('rpi:left-over');
    await dialog.getByRole('button', { name: 'Delete 1 and open' }).click();
    await h.page.locator('.workspace[data-ready="true"]').waitFor();
    await expect.poll(() => check.exists('rpi:left-over')).toBe(0);
    await h.app.step();
    await expect.poll(() => check.exists('rpi:user:1')).toBe(1);
    expect(await check.get('user:1')).toBe('not the app’s');
    // The banner about existing keys goes once they are cleared.
    await expect.poll(() => h.page.getByText('already existed under').count()).toBe(0);

    // Agreed once per connection: other patterns open without asking again.
    await h.app.openPattern('Leaderboard');
    expect(await h.page.getByRole('alertdialog').count()).toBe(0);

    // Consent dies with the connection: reconnect with another namespace holding keys, and the app asks again.
    await check.set('other:precious', 'keep');
    await h.page.getByRole('button', { name: 'Disconnect' }).click();
    await h.app.connectExisting({ port: redis.port, password: 'pw', namespace: 'other:' });
    await h.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button', { name: 'Cache-aside', exact: true }).click();
    await h.page.getByRole('alertdialog', { name: 'Delete 1 existing key?' }).getByRole('button', { name: 'Keep them' }).click();
    expect(await check.get('other:precious')).toBe('keep');

    // The form remembers the server for next time, never the password.
    const saved = await h.page.evaluate(() => localStorage.getItem('rpi.existingRedis'));
    expect(JSON.parse(saved!)).toMatchObject({ port: String(redis.port), password: '' });
    await h.page.getByRole('button', { name: 'Disconnect' }).click();
    await h.page.getByRole('tab', { name: 'Existing Redis' }).click();
    expect(await h.page.getByLabel('Port').inputValue()).toBe(String(redis.port));
    expect(await h.page.getByLabel('Password').inputValue()).toBe('');
  });
});

describe('web mode in Chromium: no redis-server on this machine', () => {
  const h = webModeHarness({ RPI_REDIS_SEARCH_PATH: '/nonexistent' });

  it('says how to install it instead of failing, and still offers an existing Redis', async () => {
    const { page } = h;
    await page.goto(h.host.url);
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/redis-server is not installed\. Install it with: sudo apt(-get)? install redis-server/);
    expect(await page.getByRole('button', { name: 'Start sandbox' }).isDisabled()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Existing Redis' }).isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('redis-server-missing') });
  });
});
