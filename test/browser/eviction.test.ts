import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations, starvedCells } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: eviction under memory pressure', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
  });

  it('the hit-rate chart draws with uPlot and moves as rounds of reads run, in both themes', async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.app.openPattern('Eviction under memory pressure');
    const chart = h.page.getByRole('region', { name: /^Hit rate per policy/ });
    const plot = chart.getByTestId('series-plot');
    const canvasPixels = () => plot.locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());

    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/now reads maxmemory 3 MB and allkeys-lru/);
    await expect.poll(() => chart.innerText()).toMatch(/No points yet/);

    await h.app.step();
    await expect.poll(() => plot.getAttribute('data-points')).toBe('10');
    expect(await plot.locator('canvas').count()).toBe(1);
    await expect.poll(() => chart.locator('.series-legend').innerText()).toMatch(/allkeys-lru: [\d.]+ at 400/);
    const first = await canvasPixels();

    await h.app.step();
    await expect.poll(() => plot.getAttribute('data-points')).toBe('20');
    await expect.poll(() => chart.locator('.series-legend').innerText()).toMatch(/allkeys-lru: [\d.]+ at 800/);
    // The line went on: the canvas is not what it was after the first round.
    await expect.poll(canvasPixels).not.toBe(first);
    const pressure = h.page.getByRole('region', { name: /^Keys evicted/ });
    await expect.poll(() => pressure.locator('.series-legend').innerText()).toMatch(/allkeys-lru: [1-9][\d,]* at 800/);
    await chart.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('eviction-chart') });

    // The light theme redraws with its own colours.
    const dark = await canvasPixels();
    await h.page.emulateMedia({ colorScheme: 'light' });
    await h.page.evaluate(() => localStorage.setItem('rpi.theme', 'system'));
    await expect.poll(() => h.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect.poll(canvasPixels).not.toBe(dark);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await chart.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('eviction-chart-1024-light') });
    await h.page.emulateMedia({ colorScheme: 'dark' });

    // After the survivors step (what the layout test reaches): no overlapping text, no starved cell, no serious axe violation.
    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/of the 10 hottest users/);
    const problems: unknown[] = [...(await seriousA11yViolations(h.page))];
    for (const [width, height] of [
      [1024, 640],
      [1440, 900],
    ] as const) {
      for (const theme of ['dark', 'light'] as const) {
        await h.page.emulateMedia({ colorScheme: theme });
        await h.page.setViewportSize({ width, height });
        await h.page.waitForTimeout(50);
        problems.push(...(await overlappingText(h.page, '.workspace')), ...(await starvedCells(h.page, '.workspace')));
      }
    }
    expect(problems).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });

    // The same reads under every policy: four lines, noeviction's OOM refusals in the second chart.
    await h.app.step();
    await expect.poll(() => chart.locator('.series-legend li').count()).toBe(4);
    await expect.poll(() => chart.locator('.series-legend').innerText()).toMatch(/noeviction: [\d.]+ at 800/);
    await expect.poll(() => pressure.locator('.series-legend').innerText()).toMatch(/noeviction: OOM refusals: [1-9][\d,]* at 800/);
    await chart.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('eviction-compare') });
    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/Put back: CONFIG GET reads maxmemory 0 bytes and maxmemory-policy noeviction again/);
    expect(h.errors).toEqual([]);
  }, 90_000);
});
