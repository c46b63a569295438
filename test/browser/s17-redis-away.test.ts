import { afterAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * Found by restarting a developer's Redis (no persistence) in the middle of a
 * run: while it was away the Keys and Pending panels went on showing the keys
 * it last replied with, as the present, though the restart had wiped them.
 */
describe('web mode in Chromium: Redis stops in the middle of a run', () => {
  const h = webModeHarness();
  let redis: TestRedis | undefined;
  afterAll(() => redis?.stop());

  it('says the panels show its last replies while it is away, and reads again once it is back', async () => {
    redis = await startTestRedis();
    const port = redis.port;
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port, namespace: 'away:' });
    await h.app.openPattern('Write-behind');
    await h.app.steps(2);
    await expect.poll(() => h.app.keyRow('away:user:score:1').count()).toBe(1);
    const notice = h.page.getByRole('status', { name: 'Redis is not answering' });
    expect(await notice.count()).toBe(0);

    await redis.stop();
    await h.page.getByTestId('connection-state').filter({ hasText: 'reconnecting' }).waitFor();
    await expect.poll(() => notice.innerText()).toMatch(/^Redis stopped answering at .+ and the app is reconnecting: the panels below show what it last replied, not what it holds now\./);
    // The last replies stay readable, marked as such.
    expect(await h.app.keyRow('away:user:score:1').count()).toBe(1);
    expect(await h.page.locator('.panels.panels-away').count()).toBe(1);
    // Step while it is away: refused at once, saying so, and the run stays where it was.
    const stepsRun = await h.page.getByText(/^Step \d+ of \d+$/).innerText();
    await h.page.getByRole('button', { name: 'Step', exact: true }).click();
    const detail = h.page.getByRole('complementary', { name: 'Step detail' });
    await expect.poll(() => detail.getByRole('alert').innerText()).toMatch(/is not reachable right now; the app is reconnecting by itself\. Nothing was sent/);
    expect(await h.page.getByText(/^Step \d+ of \d+$/).innerText()).toBe(stepsRun);
    await h.page.screenshot({ path: screenshotPath('s17-redis-away') });

    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => h.page.getByRole('status', { name: 'Redis 응답 없음' }).innerText()).toMatch(/부터 응답하지 않아 다시 연결하는 중입니다\. 아래 패널은 Redis가 마지막으로 돌려준 값이며/);
    await expect.poll(() => h.page.getByRole('complementary', { name: /단계/ }).getByRole('alert').innerText()).toMatch(/다시 연결하는 중입니다\. 아무것도 보내지 않았으니/);
    await h.page.screenshot({ path: screenshotPath('s17-redis-away-ko') });
    await h.page.getByTestId('language-pick').selectOption('en');

    // Back on the same port, empty (no persistence): the notice goes and the panels show what Redis holds now.
    redis = await startTestRedis([], { port });
    await h.page.getByTestId('connection-state').filter({ hasText: /^connected$/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => notice.count()).toBe(0);
    // The step's "not reachable" error went with the outage.
    await expect.poll(() => h.page.getByRole('complementary', { name: 'Step detail' }).getByRole('alert').count()).toBe(0);
    await expect.poll(() => h.app.keyRow('away:user:score:1').count(), { timeout: 10_000 }).toBe(0);
    expect(h.errors).toEqual([]);
  });
});
