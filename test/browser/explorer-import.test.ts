import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

/** An imported file whose schedule does not fit the race, or whose parameters are not the open pattern's: the replay says so. */
describe('web mode in Chromium: importing a schedule the race cannot follow', () => {
  const h = webModeHarness();

  it('a schedule naming nobody: "could not be followed from step 1", the verdict is of the order run; other parameters are named', { timeout: 90_000 }, async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.locator('.explore-invariant').waitFor();

    const file = {
      format: 'redis-pattern-inspector/exploration',
      formatVersion: 1,
      patternId: 'write-behind-lost-update',
      params: { first: 99, second: 5, dbLatencyMs: 100 },
      variants: [{ variantId: 'article', shortestFailing: { schedule: ['nobody'] } }],
    };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'nobody.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const imported = h.page.getByRole('region', { name: /Replayed from nobody\.json/ });
    await imported.waitFor({ timeout: 20_000 });
    const diverged = imported.getByTestId('import-diverged');
    await expect.poll(() => diverged.innerText()).toMatch(/^nobody\.json’s schedule could not be followed from step 1 on \(\d+ steps not as the file says\).*the verdict below is of the order actually run, not of the file’s\.$/);
    const params = await imported.getByTestId('import-params').innerText();
    expect(params).toContain('nobody.json was explored with dbLatencyMs = 100, first = 99, second = 5');
    expect(params).toMatch(/this replay ran with the open pattern’s parameters, dbLatencyMs = \d+, first = 10, second = 5/);
    await h.page.screenshot({ path: screenshotPath('explorer-import-diverged-1440') });
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await imported.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-import-diverged-1024') });
    expect(h.errors).toEqual([]);
  });
});

describe('web mode in Chromium: importing a schedule longer than a replay takes', () => {
  const h = webModeHarness();

  it('10,000 entries of 64 characters (≈ 650 KB): refused before sending, in words; the connection stays up', { timeout: 90_000 }, async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.locator('.explore-invariant').waitFor();
    const file = {
      format: 'redis-pattern-inspector/exploration',
      formatVersion: 1,
      patternId: 'write-behind-lost-update',
      params: { first: 10, second: 5 },
      variants: [{ variantId: 'article', shortestFailing: { schedule: Array.from({ length: 10_000 }, () => 'w'.repeat(64)) } }],
    };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const imported = h.page.locator('.explore-imported');
    await expect.poll(() => imported.innerText()).toMatch(/^Could not replay huge\.json\s+huge\.json was not replayed: its schedule has 10,000 steps, and a replay takes at most 2,000/);
    expect(await imported.innerText()).not.toMatch(/Replaying/);
    await h.page.screenshot({ path: screenshotPath('explorer-import-huge-1440') });
    // Still connected: the sandbox's status and the Explore tab's Run are there.
    expect(await h.page.getByText('Lost the connection to the inspector host').count()).toBe(0);
    expect(await h.page.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);

    // A schedule that is there but holds no actor names is said to be malformed, not missing.
    const garbage = { ...file, variants: [{ variantId: 'article', shortestFailing: { schedule: ['<img src=x onerror=alert(1)>', '__proto__', 7] } }] };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'garbage.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(garbage)) });
    await expect.poll(() => imported.innerText()).toMatch(/garbage\.json is not an exploration file of this app: its schedule names an actor that is not a plain name/);

    // A pattern the app does not have is named as such, not "open that pattern" (found by the independent tester).
    const stranger = { ...file, patternId: '../../etc/passwd', variants: [{ variantId: 'article', shortestFailing: { schedule: ['writerA'] } }] };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'stranger.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(stranger)) });
    await expect.poll(() => imported.innerText()).toMatch(/stranger\.json names a pattern this app does not have \(“\.\.\/\.\.\/etc\/passwd”\): it cannot be replayed here\./);

    // A later format version is refused, not replayed as if its fields meant what version 1's do (found by the independent tester).
    const future = { ...file, formatVersion: 99, variants: [{ variantId: 'article', shortestFailing: { schedule: ['worker'] } }] };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(future)) });
    await expect.poll(() => imported.innerText()).toMatch(/future\.json is not an exploration file of this app: it is format version 99, and this app reads version 1/);
    // A variant id the contract refuses is refused in words, not in the validator's English (“Invalid string: must match pattern …”).
    const badVariant = { ...file, variants: [{ variantId: 'NOT A VARIANT', shortestFailing: { schedule: ['worker'] } }] };
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'variant.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(badVariant)) });
    await expect.poll(() => imported.innerText()).toMatch(/A variant id is lower-case letters, digits and hyphens/);
    expect(await imported.innerText()).not.toMatch(/Invalid string/);
    // A file over the limit is refused before it is read.
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: big });
    await expect.poll(() => imported.innerText()).toMatch(/big\.json is not an exploration file of this app: it is 17,825,792 bytes; an exploration file this app reads is at most 16,777,216 bytes/);
    // On a short window the outcome is brought into view, not left under the status bar (found by the re-test).
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.locator('.center-body:has(.explorer-view)').evaluate((box) => box.scrollTo(0, 0));
    await h.page.locator('input[type="file"]').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(future)) });
    const statusBarTop = await h.page.locator('.status-bar').evaluate((bar) => bar.getBoundingClientRect().top);
    await expect.poll(() => imported.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(statusBarTop - 40);
    await h.page.screenshot({ path: screenshotPath('explorer-import-refused-1024') });
    expect(h.errors).toEqual([]);
  });
});
