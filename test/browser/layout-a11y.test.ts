import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations, starvedCells } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

const SIZES = [
  [1024, 640],
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const;
const THEMES = ['dark', 'light'] as const;
const REPORT = process.env.RPI_LAYOUT_REPORT === '1';

/** The step the timeline is on (running, selected or next) lies inside the sidebar's visible part. */
function currentStepInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const item = document.querySelector('.timeline-step.running, .timeline-step.selected, .timeline-step.next') ?? document.querySelector('.timeline-step:last-child');
    const pane = item?.closest('.sidebar');
    if (!item || !pane) return false;
    const a = item.getBoundingClientRect();
    const b = pane.getBoundingClientRect();
    return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  });
}

describe('web mode in Chromium: every screen fits and reads at four sizes, in both themes, and passes an accessibility audit', () => {
  const h = webModeHarness();
  const problems: string[] = [];
  const note = (where: string, list: unknown[]) => {
    for (const item of list) problems.push(`${where}: ${JSON.stringify(item)}`);
  };
  afterAll(() => {
    if (REPORT) console.log(problems.join('\n'));
  });

  beforeAll(async () => {
    await h.page.goto(h.host.url);
  });

  it('the connect screen', async () => {
    for (const [width, height] of SIZES) {
      await h.page.setViewportSize({ width, height });
      note(`connect ${width}`, await overlappingText(h.page));
    }
    note('connect axe', await seriousA11yViolations(h.page));
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
    note('picker axe', await seriousA11yViolations(h.page));
    if (!REPORT) expect(problems).toEqual([]);
  });

  it('every pattern view, stepped through, at every size and theme', async () => {
    const titles = await h.page.getByRole('navigation', { name: 'Patterns', exact: true }).getByRole('button').allInnerTexts();
    expect(titles.length).toBeGreaterThanOrEqual(12);
    for (const [p, title] of titles.entries()) {
      await h.app.openPattern(title);
      const total = Number(/of (\d+)/.exec(await h.app.progress())?.[1] ?? 0);
      await h.app.steps(Math.min(total, 4));
      note(`${title} axe`, await seriousA11yViolations(h.page));
      // Every size and theme on a few patterns, one size each for the rest: the layout is shared.
      const sizes = p % 4 === 0 ? SIZES : [SIZES[p % SIZES.length]];
      for (const [width, height] of sizes) {
        for (const theme of THEMES) {
          await h.page.emulateMedia({ colorScheme: theme });
          await h.page.setViewportSize({ width, height });
          await h.page.waitForTimeout(50);
          note(`${title} ${width}x${height} ${theme}`, await overlappingText(h.page, '.workspace'));
          note(`${title} ${width}x${height} ${theme} cells`, await starvedCells(h.page, '.workspace'));
          // The timeline scrolls its step back into view from a ResizeObserver callback: on a loaded machine that lands after
          // the 50 ms above (a fresh-clone CI run saw it once), so the check waits up to 2 s for it before it counts.
          const deadline = performance.now() + 2000;
          while (!(await currentStepInView(h.page)) && performance.now() < deadline) await h.page.waitForTimeout(50);
          if (!(await currentStepInView(h.page))) note(`${title} ${width}x${height} ${theme}`, ['the timeline’s current step is out of view']);
          if (REPORT && theme === 'dark') await h.page.screenshot({ path: screenshotPath(`layout-${p}-${width}`) });
        }
      }
    }
    if (!REPORT) expect(problems).toEqual([]);
  }, 240_000);

  it('the key browser', async () => {
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    for (const [width, height] of SIZES) {
      await h.page.setViewportSize({ width, height });
      await h.page.waitForTimeout(100);
      note(`browser ${width}`, await overlappingText(h.page, '.workspace'));
      if (REPORT) await h.page.screenshot({ path: screenshotPath(`layout-browser-${width}`) });
    }
    note('browser axe', await seriousA11yViolations(h.page));
    if (!REPORT) expect(problems).toEqual([]);
  });
});
