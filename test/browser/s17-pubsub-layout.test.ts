import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * Found on the 1440 × 900 screenshots of Pub/Sub: the missed message: the
 * panel's title ran into its summary ("Pub/Subchannel rpi:notifications"),
 * and six equal columns cut the subscriber names to "subscriber A (" and
 * "pattern subsc".
 */
describe('web mode in Chromium: the Pub/Sub panel’s layout', () => {
  const h = webModeHarness();

  it('shows every subscriber’s whole name, and a gap between the title and the summary, at 1440 and 1024, in English and Korean', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Pub/Sub: the missed message');
    await h.app.steps(5);
    const panel = h.page.locator('section.pubsub-panel');
    const chipsCut = () =>
      panel.locator('table td:first-child .actor-chip').evaluateAll((chips) => chips.filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > c.closest('td')!.getBoundingClientRect().right + 1).map((c) => c.textContent));
    const titleGap = () =>
      panel.locator('.panel-header').evaluate((header) => {
        const title = header.querySelector('h2')!.getBoundingClientRect();
        const summary = header.querySelector('span')!.getBoundingClientRect();
        return summary.left - title.right;
      });
    for (const lang of ['en', 'ko'] as const) {
      await h.page.getByTestId('language-pick').selectOption(lang);
      for (const [width, height] of [
        [1440, 900],
        [1024, 640],
      ] as const) {
        await h.page.setViewportSize({ width, height });
        await expect.poll(chipsCut, { message: `${lang} ${width}` }).toEqual([]);
        // The counts read whole too ("2 / 2", not "2 /…"); a panel narrower than its table scrolls sideways instead.
        expect(await panel.locator('td[data-testid^="received-"]').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent)), `${lang} ${width}`).toEqual([]);
        expect(await titleGap(), `${lang} ${width}`).toBeGreaterThanOrEqual(8);
        await h.page.screenshot({ path: screenshotPath(`s17-pubsub-${lang}-${width}`) });
      }
    }
    expect(await panel.locator('table td:first-child').allInnerTexts()).toEqual(['구독자 A (메일 발송)', '구독자 B', '패턴 구독자']);
    await h.page.getByTestId('language-pick').selectOption('en');
    expect(h.errors).toEqual([]);
  });
});
