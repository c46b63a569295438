import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * Found reading the Server tab in both languages: traffic under a kilobyte a
 * second read "14 byte/s / 5 kB/s" (in Korean "14byte/s"), and the Korean
 * figures called evictions 퇴출 where the eviction pattern says 내보냄.
 */
describe('web mode in Chromium: the Server tab’s figures', () => {
  const h = webModeHarness();

  it('writes bytes as B beside kB and MB, and names evictions as the eviction pattern does', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('tab', { name: 'Server' }).click();
    const figure = (label: string) => h.page.locator('dl.server-figures > div').filter({ has: h.page.locator('dt', { hasText: label }) }).locator('dd');
    // An idle sandbox sends a few bytes a second: under a kilobyte, the unit is B.
    await expect.poll(() => figure('Network in / out').innerText(), { timeout: 10_000 }).toMatch(/^[\d,.]+ (B|kB|MB)\/s \/ [\d,.]+ (B|kB|MB)\/s$/);
    await expect.poll(() => figure('Memory').innerText()).toMatch(/^[\d,.]+ (B|kB|MB|GB)$/);
    // The charts' axes use the same units.
    expect(await h.page.locator('.server-panel, main').first().innerText()).not.toMatch(/\d ?byte\b/);

    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => figure('네트워크 입력 / 출력').innerText()).toMatch(/^[\d,.]+ ?(B|kB|MB)\/s \/ [\d,.]+ ?(B|kB|MB)\/s$/);
    expect(await figure('내보낸 키 (eviction)').count()).toBe(1);
    expect(await h.page.getByText('퇴출').count()).toBe(0);
    await h.page.screenshot({ path: screenshotPath('s17-server-figures-ko') });
    expect(h.errors).toEqual([]);
  });
});
