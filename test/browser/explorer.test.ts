import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: exploring the lost increment from the Explore tab', () => {
  const h = webModeHarness();

  it('runs every interleaving, shows 7 of 21 for the article’s flush and 0 for the safe one, steps the shortest failing schedule and exports it', { timeout: 90_000 }, async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await expect.poll(() => h.page.locator('.explore-invariant').innerText()).toMatch(/Invariant: Every point a writer was acknowledged/);
    await expect.poll(() => h.page.locator('#explore-schedules-range').innerText()).toBe('1–100,000');

    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    const article = h.page.getByRole('region', { name: /The article’s flush/ });
    const safe = h.page.getByRole('region', { name: /The atomic take/ });
    // Done when Run comes back in place of Stop.
    await h.page.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => article.getByTestId('violations').innerText(), { timeout: 30_000 }).toBe('7 of 21 schedules break the invariant');
    await expect.poll(() => safe.getByTestId('violations').innerText(), { timeout: 30_000 }).toMatch(/^0 of [1-9]\d* schedules break the invariant$/);
    expect(await article.innerText()).toMatch(/21: exhaustive search covered every one/);
    await expect.poll(() => h.page.locator('.explore-summary').innerText()).toMatch(/The article’s flush \(GET … DEL\): 7 of 21 — The atomic take .*: 0 of \d+/);
    // The outcome bars: 14 schedules keep every point, 7 lose the racing write's 5.
    expect(await article.getByRole('list').getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['0: 14 schedules', '5: 7 schedules']);

    const shortest = h.page.getByRole('region', { name: 'Shortest failing schedule' });
    await shortest.waitFor();
    expect(await shortest.innerText()).toMatch(/Invariant broken: 5 points lost · \d+ steps, 2 context switches/);
    const rows = shortest.getByRole('table', { name: 'Schedule, one command per row' }).locator('tbody tr');
    const n = await rows.count();
    expect(n).toBeGreaterThan(2);
    await h.page.screenshot({ path: screenshotPath('explorer-1440') });

    // Step through: the button and the N key each reveal one command, with the trace so far.
    await shortest.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => shortest.getByTestId('stepper-progress').innerText()).toBe(`Step 1 of ${n}`);
    await h.page.keyboard.press('n');
    await expect.poll(() => shortest.getByTestId('stepper-progress').innerText()).toBe(`Step 2 of ${n}`);
    expect(await rows.nth(1).getAttribute('aria-current')).toBe('step');
    const trace = shortest.getByRole('table', { name: 'Trace so far' }).locator('tbody tr');
    await expect.poll(() => trace.count()).toBeGreaterThanOrEqual(2);
    for (let i = 2; i < n; i++) await h.page.keyboard.press('n');
    await expect.poll(() => shortest.getByTestId('stepper-progress').innerText()).toBe(`Step ${n} of ${n}`);
    expect(await shortest.getByRole('table', { name: 'Trace so far' }).innerText()).toMatch(/INCRBY[\s\S]*DEL/);
    await h.page.screenshot({ path: screenshotPath('explorer-stepped-1440') });

    // Export: the JSON file and the redis-cli script download.
    const [json] = await Promise.all([h.page.waitForEvent('download'), h.page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('rpi-explore-write-behind-lost-update-seed1.json');
    const file = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(file).toMatchObject({ patternId: 'write-behind-lost-update', seed: 1, schedules: 1000, variants: [{ violations: 7, tried: 21 }, { violations: 0 }] });
    const [cli] = await Promise.all([h.page.waitForEvent('download'), h.page.getByRole('button', { name: 'Export redis-cli script' }).click()]);
    expect(readFileSync((await cli.path())!, 'utf8')).toMatch(/# worker\nGET rpi:/);

    // Import replays the exported file and shows its verdict.
    await h.page.locator('input[type="file"]').setInputFiles((await json.path())!);
    const imported = h.page.getByRole('region', { name: /Replayed from/ });
    await expect.poll(() => imported.innerText(), { timeout: 10_000 }).toMatch(/Invariant broken: 5 points lost/);

    // The Pattern tab steps again once the exploration is over (its session was reset).
    await h.page.getByRole('tab', { name: 'Pattern' }).click();
    await expect.poll(() => h.app.progress()).toMatch(/^Step 0 of/);

    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('explorer-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    expect(h.errors).toEqual([]);
  });
});
