import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the Keys panel with a long name, 2 MB elements and a refused command', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    // The app's user may not run LRANGE, which the preview of a list needs (the element-cutting script reads lists with it); `admin` arranges.
    redis = await startTestRedis(['--user', 'default', 'reset', 'on', 'nopass', '~*', '&*', '+@all', '-lrange', '--user', 'admin', 'on', '>admin-pw', '~*', '&*', '+@all']);
  });
  afterAll(() => redis?.stop());

  it('shows the long name cut with its length and names the refused command instead of a blank', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.app.openPattern('Cache-aside');
    await h.app.step();
    const admin = redis.client({ username: 'admin', password: 'admin-pw' });
    await admin.set(Buffer.concat([Buffer.from('rpi:long:'), Buffer.alloc(4000 - 9, 'q')]), 'under a 4,000-byte name', 'EX', 900);
    await admin.eval("for i = 1, 100 do redis.call('RPUSH', KEYS[1], string.rep('l', 2 * 1024 * 1024)) end", 1, 'rpi:big');

    const panel = h.page.getByRole('table', { name: 'Keys', exact: true });
    const row = (start: string) => panel.locator(`tr[data-key^="${start}"]`);
    await expect.poll(() => row('rpi:long:').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row('rpi:big').count(), { timeout: 10_000 }).toBe(1);
    expect(await row('rpi:long:').innerText()).toMatch(/rpi:long:q+…\s*\(4,000 bytes\)[\s\S]*string[\s\S]*under a 4,000-byte name/);
    expect(await row('rpi:big').innerText()).toMatch(/list[\s\S]*your Redis user may not run LRANGE \(NOPERM\)/);
    expect(await row('rpi:user:1').innerText()).toMatch(/string[\s\S]*"id":1/);
    expect(await panel.innerText()).not.toMatch(/NaN|undefined/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('keys-panel-limits-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.screenshot({ path: screenshotPath('keys-panel-limits-1440') });
    expect(h.errors).toEqual([]);
  });
});
