import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations } from '../helpers/layout-checks';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * Found by an independent tester: a step that Redis refused halfway (an ACL
 * user without SETEX) showed the refusal and an empty trace, as if nothing
 * had been sent, while the GET and the database read had run.
 */
describe('web mode in Chromium: a step that fails halfway shows what it sent before the failure', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    await redis.client().call('ACL', 'SETUSER', 'nosetex', 'on', '>pw', '~*', '&*', '+@all', '-setex');
  });
  afterAll(() => redis?.stop());

  it('cache-aside’s first read refused at SETEX: the alert names the right, the trace lists GET, the SQL read and the refused SETEX', async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.page.getByRole('tab', { name: 'Existing Redis' }).click();
    await h.page.getByLabel('Username').fill('nosetex');
    await h.app.connectExisting({ port: redis.port, password: 'pw', namespace: 'fail:' });
    await h.app.openPattern('Cache-aside');
    await h.page.getByRole('button', { name: 'Step', exact: true }).click();
    const detail = h.page.getByRole('complementary', { name: 'Step detail' });
    await expect.poll(() => detail.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/setex/i);
    const trace = detail.getByRole('table', { name: 'What the step sent before it failed, each with what Redis replied:' });
    await expect.poll(() => trace.locator('tbody tr').count()).toBe(3);
    const rows = await trace.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/GET\s+fail:user:1[\s\S]*\(nil\)/);
    expect(rows[1]).toMatch(/SQL read/);
    expect(rows[2]).toMatch(/SETEX\s+fail:user:1[\s\S]*NOPERM/);
    expect(await detail.getByRole('tab', { name: /Trace/ }).innerText()).toMatch(/3/);
    // Redis kept nothing: the refused SETEX wrote no copy.
    expect(await redis.client().exists('fail:user:1')).toBe(0);
    await h.page.screenshot({ path: screenshotPath('step-failure-trace-1440') });
    expect(await seriousA11yViolations(h.page)).toEqual([]);

    await h.page.getByTestId('language-pick').selectOption('ko');
    await h.page.setViewportSize({ width: 1024, height: 640 });
    const koTrace = h.page.getByRole('table', { name: '단계가 실패하기 전에 보낸 명령과 Redis의 응답입니다.' });
    await expect.poll(() => koTrace.locator('tbody tr').count()).toBe(3);
    expect(await koTrace.locator('tbody tr').nth(1).innerText()).toMatch(/SQL 읽기/);
    await h.page.screenshot({ path: screenshotPath('step-failure-trace-ko-1024') });
    expect(await overlappingText(h.page, '.detail')).toEqual([]);
    await h.page.getByTestId('language-pick').selectOption('en');
    expect(h.errors).toEqual([]);
  }, 60_000);
});
