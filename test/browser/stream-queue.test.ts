import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations, starvedCells } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the Streams job queue', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
  });

  it('the stream panel shows entries, the group, and a dead consumer’s pending entries until XAUTOCLAIM recovers them', async () => {
    await h.app.openPattern('Streams: a job queue');
    const panel = h.page.getByRole('region', { name: 'Stream', exact: true });
    const entries = panel.getByRole('table', { name: 'Entries' });
    const consumers = panel.getByRole('list', { name: 'Consumers and their pending entries (XPENDING)' });
    const pendingOf = (name: string) => consumers.locator(`li[data-consumer="${name}"]`).getAttribute('data-pending');
    const states = () => entries.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));

    await h.app.steps(2);
    await expect.poll(states).toEqual(['new', 'new', 'new', 'new', 'new', 'new']);
    await expect.poll(() => panel.innerText()).toMatch(/XLEN 6/);
    await h.app.steps(2);
    await expect.poll(states).toEqual(['acked', 'acked', 'pending', 'pending', 'new', 'new']);

    // Worker 2 dies holding two; worker 1 reads on: two stay stuck in the PEL.
    await h.app.steps(2);
    await expect.poll(() => pendingOf('worker-2')).toBe('2');
    await expect.poll(() => pendingOf('worker-1')).toBe('0');
    await expect.poll(() => h.page.getByTestId('stream-group').innerText()).toMatch(/2 pending/);
    await expect.poll(() => consumers.locator('li[data-consumer="worker-2"]').innerText()).toMatch(/delivered 1×/);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/Yet 2 entries stay stuck in the PEL/);
    await expect.poll(() => h.page.locator('.timeline').innerText()).toMatch(/STUCK/);
    await h.page.screenshot({ path: screenshotPath('stream-queue-stuck') });
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await panel.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('stream-queue-stuck-1024') });
    // No overlapping text, no starved cell, no serious axe violation, at both sizes in both themes.
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
        if (theme === 'light' && width === 1440) await h.page.screenshot({ path: screenshotPath('stream-queue-stuck-light') });
      }
    }
    expect(problems).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'dark' });

    // The fix: XAUTOCLAIM hands them to worker 1, which acknowledges them.
    await h.app.step();
    await expect.poll(() => pendingOf('worker-2')).toBe('0');
    await expect.poll(states).toEqual(['acked', 'acked', 'acked', 'acked', 'acked', 'acked']);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/XPENDING now counts 0; 6 of 6 jobs were done exactly once/);

    // Offline while two jobs arrive; back, it reads them from the stream.
    await h.app.step();
    await expect.poll(states).toEqual(['acked', 'acked', 'acked', 'acked', 'acked', 'acked', 'new', 'new']);
    await h.app.step();
    await expect.poll(states).toEqual(Array(8).fill('acked'));
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/2 of the 2 added while it was offline/);
    await h.page.screenshot({ path: screenshotPath('stream-queue-back') });
    expect(h.errors).toEqual([]);
  }, 60_000);
});
