import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/** Redis going away mid-exploration, as the user sees it: the reason in their language, and the losses drawn as losses. */
describe('web mode in Chromium: Redis stops during an exploration', () => {
  const h = webModeHarness();
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('says "Lost the connection to Redis after N schedules" with the library’s words under a disclosure, in Korean too; the lost points bar is red', { timeout: 120_000 }, async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port, namespace: 'lost:' });
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.getByLabel('Schedules').fill('100000');
    await h.page.getByLabel('Strategy').selectOption('random');
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    const article = h.page.getByRole('region', { name: /The article’s flush/ });
    // Some schedules lost points: the chart has a bar for 5.
    await article.getByRole('listitem', { name: /^5: / }).waitFor({ timeout: 30_000 });
    await redis.stop();

    const error = h.page.getByTestId('explore-error');
    await expect.poll(() => error.innerText(), { timeout: 60_000 }).toMatch(/^Lost the connection to Redis after [\d,]+ schedules: the exploration stopped\./);
    expect(await error.locator('details summary').innerText()).toBe('What the client library said');
    // Stopped before shrinking, yet 5 points lost is a loss: red, as in a completed run.
    expect(await article.getByRole('listitem', { name: /^5: / }).locator('.bar').getAttribute('class')).toBe('bar bad');
    expect(await article.getByRole('listitem', { name: /^0: / }).locator('.bar').getAttribute('class')).toBe('bar good');
    await error.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-lost-redis-1440') });

    await h.page.getByRole('combobox', { name: /language/i }).selectOption({ label: '한국어' });
    await expect.poll(() => error.innerText()).toMatch(/^스케줄 [\d,]+개를 실행한 뒤 Redis와의 연결이 끊겨 탐색을 멈췄습니다/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await error.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-lost-redis-ko-1024') });
    expect(h.errors).toEqual([]);
  });
});
