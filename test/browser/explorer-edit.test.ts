import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: editing the lost increment’s shortest failing schedule by hand', () => {
  const h = webModeHarness();

  it('moves the client’s commands after the worker’s DEL with the buttons and Alt+↓, re-runs it (invariant held), resets and re-runs (broken)', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    await h.page.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 30_000 });

    const editor = h.page.getByRole('region', { name: 'Edit the schedule by hand' });
    await editor.waitFor({ timeout: 30_000 });
    const rows = editor.getByRole('table', { name: 'Steps to reorder' }).locator('tbody tr');
    const order = () => rows.locator('td:nth-child(4)').allInnerTexts();
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'INCRBY', 'SADD', 'SQL write', 'DEL', 'SREM']);
    expect(await editor.getByTestId('edit-state').innerText()).toBe('The found schedule, unedited.');
    // The client's INCRBY cannot pass its own SADD; the first step cannot move earlier.
    expect(await editor.getByRole('button', { name: /^Move step 3 .*INCRBY\) later$/ }).isDisabled()).toBe(true);
    expect(await editor.getByRole('button', { name: /^Move step 1 .* earlier$/ }).isDisabled()).toBe(true);
    expect(await editor.getByRole('button', { name: 'Reset to the found schedule' }).isDisabled()).toBe(true);

    // The buttons: SADD three places later, INCRBY one.
    for (const at of [4, 5, 6]) await editor.getByRole('button', { name: new RegExp(`^Move step ${at} .*SADD\\) later$`) }).click();
    await editor.getByRole('button', { name: /^Move step 3 .*INCRBY\) later$/ }).click();
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'SQL write', 'INCRBY', 'DEL', 'SREM', 'SADD']);
    // The keyboard: Alt+↓ on the focused row, twice (focus follows the row).
    await rows.nth(3).focus();
    await h.page.keyboard.press('Alt+ArrowDown');
    await h.page.keyboard.press('Alt+ArrowDown');
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'SQL write', 'DEL', 'SREM', 'INCRBY', 'SADD']);
    await expect.poll(() => editor.getByTestId('edit-note').innerText()).toMatch(/INCRBY later, to step 6/);
    // INCRBY now sits right before SADD: Alt+↓ is refused and says why.
    await h.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => editor.getByTestId('edit-note').innerText()).toMatch(/cannot pass another step of/);
    expect(await editor.getByTestId('edit-state').innerText()).toMatch(/^Edited: 5 steps are not where/);

    await editor.getByRole('button', { name: 'Re-run' }).click();
    const result = editor.getByTestId('edit-result');
    await expect.poll(() => result.innerText(), { timeout: 10_000 }).toMatch(/Invariant held \(0 points lost\)/);
    await result.getByRole('button', { name: 'Show all' }).click();
    expect(await result.getByRole('table', { name: 'Trace so far' }).innerText()).toMatch(/DEL[\s\S]*INCRBY/);
    await h.page.screenshot({ path: screenshotPath('explorer-edit-1440') });
    await editor.scrollIntoViewIfNeeded();
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await editor.getByRole('button', { name: 'Re-run' }).scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-edit-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });

    await editor.getByRole('button', { name: 'Reset to the found schedule' }).click();
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'INCRBY', 'SADD', 'SQL write', 'DEL', 'SREM']);
    expect(await editor.getByTestId('edit-state').innerText()).toBe('The found schedule, unedited.');
    await editor.getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(() => editor.getByTestId('edit-result').innerText(), { timeout: 10_000 }).toMatch(/Invariant broken: 5 points lost/);
    expect(h.errors).toEqual([]);
  }, 90_000);
});
