import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * While an exploration runs, the pattern session is the explorer's: the
 * Pattern tab says so instead of drawing the exploration's keys as the
 * step-through's state, its controls wait, and clicking another pattern
 * asks whether to stop the exploration instead of half-opening it.
 */
describe('web mode in Chromium: the rest of the window while an exploration runs', () => {
  const h = webModeHarness();

  it('the Pattern tab says an exploration runs, its controls wait; another pattern asks Stop/Cancel and opens only after Stop', { timeout: 120_000 }, async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    // Random schedules far beyond what runs in the test's time: it is still running when the test acts.
    await h.page.getByLabel('Schedules').fill('100000');
    await h.page.getByLabel('Strategy').selectOption('random');
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    await h.page.getByRole('button', { name: 'Stop', exact: true }).waitFor();

    await h.page.getByRole('tab', { name: 'Pattern' }).click();
    const notice = h.page.getByTestId('exploration-running');
    await expect.poll(() => notice.innerText()).toMatch(/^The explorer is running on this pattern \([\d,]+ schedules? so far\)\. The keys in Redis now are the exploration’s/);
    const controls = h.page.getByRole('toolbar', { name: 'Step controls' });
    for (const name of ['Step', 'Run', 'Reset']) {
      const button = controls.getByRole('button', { name, exact: true });
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('aria-describedby')).toBe('exploration-running-notice');
    }
    // No panel presents the exploration's transient state as step 0's.
    expect(await h.page.locator('.center-body').filter({ has: notice }).innerText()).not.toMatch(/points lost/i);
    await h.page.screenshot({ path: screenshotPath('explorer-busy-pattern-1440') });

    // Another pattern: asked, and Cancel keeps everything as it was.
    await h.page.getByRole('navigation', { name: /patterns/i }).getByRole('button', { name: 'Cache-aside: the stampede' }).click();
    const dialog = h.page.getByRole('alertdialog');
    await expect.poll(() => dialog.innerText()).toMatch(/Stop the exploration and open Cache-aside: the stampede\?[\s\S]*The explorer is running on Write-behind: the lost increment/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('explorer-busy-open-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await dialog.getByRole('button', { name: 'Keep exploring' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await h.page.locator('.pattern-item.active').innerText()).toBe('Write-behind: the lost increment');
    expect(await notice.isVisible()).toBe(true);

    // Stop and open: the exploration ends, and the other pattern opens whole, with its controls live.
    await h.page.getByRole('navigation', { name: /patterns/i }).getByRole('button', { name: 'Cache-aside: the stampede' }).click();
    await dialog.getByRole('button', { name: 'Stop and open Cache-aside: the stampede' }).click();
    await expect.poll(() => h.page.locator('.pattern-item.active').innerText(), { timeout: 30_000 }).toBe('Cache-aside: the stampede');
    await expect.poll(() => h.app.progress(), { timeout: 30_000 }).toMatch(/^Step 0 of \d+/);
    expect(await notice.count()).toBe(0);
    expect(await controls.getByRole('button', { name: 'Step', exact: true }).isDisabled()).toBe(false);
    expect(h.errors).toEqual([]);
  });
});
