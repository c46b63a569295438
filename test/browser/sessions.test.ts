import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: sessions', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
  });

  it('the fixed TTL logs the working user out beside the sliding one; the token set keeps the dead tokens (Keys with TTL bars, counters)', async () => {
    await h.app.openPattern('Sessions: sliding TTL, token set, log out everywhere');
    await h.app.step();
    const active = h.page.getByRole('region', { name: 'An active user, TTL 3 s' });
    await expect.poll(() => active.getByLabel('Server A: TTL fixed at login').innerText()).toMatch(/requests that found the session\s*3[\s\S]*requests logged out\s*2[\s\S]*PTTL -2 \(no such key\)/);
    await expect.poll(() => active.getByLabel('Server B: sliding TTL (PEXPIRE per request)').innerText()).toMatch(/requests that found the session\s*5[\s\S]*requests logged out\s*0/);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/user 1 was logged out in the middle of their work/);

    await h.app.step();
    const sets = h.page.getByRole('region', { name: 'Token sets vs live sessions' });
    await expect.poll(() => sets.getByLabel('user:2:sessions (server B)').innerText()).toMatch(/tokens \(SCARD\)\s*4[\s\S]*live sessions \(EXISTS\)\s*4/);
    // The live sessions in the Keys panel, each with its TTL draining.
    await expect.poll(() => h.page.getByRole('table', { name: 'Keys' }).locator('tr[data-key^="rpi:session:"]').count()).toBe(4);
    await h.page.screenshot({ path: screenshotPath('sessions-1440') });

    await h.app.step();
    await expect.poll(() => sets.getByLabel('user:2:sessions (server B)').innerText()).toMatch(/tokens \(SCARD\)\s*4[\s\S]*live sessions \(EXISTS\)\s*0[\s\S]*dead tokens\s*4/);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/4 dead tokens that nothing removes/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('sessions-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });

    await h.app.step();
    await expect.poll(() => sets.getByLabel('user:2:sessions (server B)').innerText()).toMatch(/tokens \(SCARD\)\s*0[\s\S]*removed by the cleanup\s*4/);
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('the Explore tab: log out everywhere as three commands breaks the invariant in 9 of 20 orders, the script in none', async () => {
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await expect.poll(() => h.page.locator('.explore-invariant').innerText()).toMatch(/every session that still exists is listed in user:2:sessions/);
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    await h.page.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 30_000 });
    const naive = h.page.getByRole('region', { name: /SMEMBERS, DEL, DEL as three commands/ });
    const script = h.page.getByRole('region', { name: /SMEMBERS, DEL, DEL in one script/ });
    await expect.poll(() => naive.getByTestId('violations').innerText(), { timeout: 30_000 }).toBe('9 of 20 schedules break the invariant');
    await expect.poll(() => script.getByTestId('violations').innerText(), { timeout: 30_000 }).toBe('0 of 4 schedules break the invariant');
    const shortest = h.page.getByRole('region', { name: 'Shortest failing schedule' });
    await shortest.waitFor();
    expect(await shortest.innerText()).toMatch(/2 context switches/);
    await h.page.screenshot({ path: screenshotPath('sessions-explore-1440') });
    expect(h.errors).toEqual([]);
  }, 60_000);
});
