import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/** A user without INFO, SLOWLOG, CONFIG or LATENCY: each missing right is named once, in words, and not repeated per fact. */
describe('web mode in Chromium: the Server tab for a user missing INFO and the admin commands', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis(['--user', 'default', 'reset', 'on', 'nopass', '~rpi:*', '+@all', '-@dangerous', '-info', '-slowlog', '-config', '-latency']);
  }, 60_000);
  afterAll(() => redis?.stop());

  it('says the INFO refusal once in full; the facts behind it say it is the same right, in English and in Korean', async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Server' }).click();
    const panel = h.page.getByTestId('server-panel');
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toMatch(/Not readable: the same missing right as said above/);
    const text = await panel.innerText();
    // The full sentence names the right once (the live section), the four facts point to it.
    expect(text.match(/\+info/g)?.length).toBe(1);
    expect(text.match(/the same missing right as said above/g)?.length).toBe(4);
    expect(text).toMatch(/\+slowlog\|get/);
    expect(text).toMatch(/\+latency\|latest/);
    await h.page.screenshot({ path: screenshotPath('server-limited-1440') });

    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => panel.innerText()).toMatch(/위에서 말한 것과 같은 권한이 없습니다/);
    const ko = await panel.innerText();
    // The particle follows the command's reading (인포를), not the dual form.
    expect(ko).toMatch(/INFO를 실행할 수 없습니다/);
    expect(ko).not.toMatch(/을\(를\)/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('server-limited-ko-1024') });
    expect(h.errors).toEqual([]);
  });
});
