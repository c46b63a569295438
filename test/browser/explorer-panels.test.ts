import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the shortest failing schedule steps with its panels (time travel)', () => {
  const h = webModeHarness();

  it('shows the counters and pending-writes panels as they were after each command, back and forth', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    const shortest = h.page.getByRole('region', { name: 'Shortest failing schedule' });
    await shortest.waitFor({ timeout: 30_000 });
    const panels = shortest.getByTestId('stepper-panels');
    const rows = shortest.getByRole('table', { name: 'Schedule, one command per row' }).locator('tbody tr');
    const whats = await rows.locator('td:nth-child(3)').allInnerTexts();
    const del = whats.indexOf('DEL') + 1;
    expect(del).toBeGreaterThan(1);
    await expect.poll(() => panels.innerText()).toMatch(/Step once to see the panels/);

    const step = shortest.getByRole('button', { name: 'Step', exact: true });
    for (let i = 1; i < del; i++) await step.click();
    await expect.poll(() => panels.getAttribute('data-showing')).toBe(`after-${del - 1}`);
    const beforeDel = await panels.innerText();
    // Before the DEL the flush has written the points to the database and Redis still holds them: said as counted twice, in the warning tone, never a negative loss.
    expect(beforeDel).toMatch(/counted twice \(in the database and still in Redis\)\s*10/);
    expect(beforeDel).not.toMatch(/points lost\s*-/);
    expect(await panels.locator('.counter.tone-warn').count()).toBeGreaterThan(0);
    await panels.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-panels-counted-twice-1440') });
    await step.click();
    await expect.poll(() => panels.getAttribute('data-showing')).toBe(`after-${del}`);
    const afterDel = await panels.innerText();
    expect(afterDel).not.toBe(beforeDel);
    expect(afterDel).toMatch(new RegExp(`Panels after step ${del}`));
    await shortest.scrollIntoViewIfNeeded();
    await panels.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-panels-1440') });

    // Back: the panels return to what they were before the DEL.
    await shortest.getByTestId('stepper-back').click();
    await expect.poll(() => panels.getAttribute('data-showing')).toBe(`after-${del - 1}`);
    expect(await panels.innerText()).toBe(beforeDel);
    expect(h.errors).toEqual([]);
  }, 90_000);
});
