import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

/** 'in view' when the element's box lies inside the window and inside every scrolling ancestor's visible box; otherwise where it is. */
function inView(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const where = `box ${Math.round(box.top)}–${Math.round(box.bottom)} in window 0–${window.innerHeight}`;
    if (box.top < -2 || box.bottom > window.innerHeight + 2 || box.left < 0 || box.right > window.innerWidth) return where;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(style.overflowY)) continue;
      const outer = p.getBoundingClientRect();
      // Two pixels of slack: scrollIntoView aligns to fractional pixels.
      if (box.top < outer.top - 2 || box.bottom > outer.bottom + 2) return `${where}, outside .${p.className} ${Math.round(outer.top)}–${Math.round(outer.bottom)}`;
    }
    return 'in view';
  });
}

describe('web mode in Chromium: time travel, the busy step, and inputs that say what is wrong', () => {
  const h = webModeHarness();
  const timeline = () => h.page.getByRole('list', { name: 'Timeline' });
  const timelineStep = (n: number) => timeline().locator('li').nth(n - 1);
  const showing = () => h.page.locator('.panels').getAttribute('data-showing');

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
  });

  it('selecting step 1 shows the panels as they were after it, both sides of database vs cache; "Back to now" returns', async () => {
    await h.app.openPattern('Cache-aside');
    await h.app.steps(3);
    // Now: the database-only update left the cached copy stale, and the cache side still has the old name.
    await expect.poll(() => h.app.dbRow(1).innerText()).toMatch(/User 1 \(renamed\)[\s\S]*User 1[\s\S]*STALE/);
    await h.app.keyRow('rpi:user:1').waitFor();

    await timeline().getByRole('button', { name: /^Step 1:/ }).click();
    const notice = h.page.getByRole('status', { name: 'Time travel' });
    await expect.poll(() => notice.innerText()).toMatch(/Showing the state after step 1 \(First read of user 1\)/);
    expect(await showing()).toBe('after-0');
    // Read from the snapshot the host took after step 1: the row as it was, cached and equal on both sides.
    const row = await h.app.dbRow(1).innerText();
    expect(row).toMatch(/cache = db/);
    expect(row).not.toMatch(/renamed/);
    expect(await h.app.keyRow('rpi:user:1').innerText()).toMatch(/string[\s\S]*"name":"User 1"/);
    // Its TTL stands still at what PTTL said then.
    const ttl = h.app.keyRow('rpi:user:1').getByRole('meter', { name: 'Time to live' });
    expect(await ttl.getAttribute('aria-valuetext')).toMatch(/then$/);
    await h.page.screenshot({ path: screenshotPath('time-travel-step1') });

    // Step 2, the HIT: its reply named step 1's reads instead of sending them again (nothing had changed); the renderer filled them in.
    await timeline().getByRole('button', { name: /^Step 2:/ }).click();
    await expect.poll(showing).toBe('after-1');
    expect(await h.app.dbRow(1).innerText()).toMatch(/cache = db/);
    expect(await h.app.keyRow('rpi:user:1').innerText()).toMatch(/string[\s\S]*"name":"User 1"/);

    await notice.getByRole('button', { name: 'Back to now' }).click();
    await expect.poll(showing).toBe('now');
    expect(await notice.count()).toBe(0);
    await expect.poll(() => h.app.dbRow(1).innerText()).toMatch(/renamed[\s\S]*STALE/);
  });

  it('a step in progress shows a busy indicator with its elapsed time, in the controls and on the timeline', async () => {
    // Also the parameter path: a valid value applied with "Apply and reset".
    const latency = h.page.getByLabel('Database latency');
    await latency.fill('1500');
    await h.page.getByRole('button', { name: 'Apply and reset' }).click();
    await expect.poll(() => h.app.progress()).toBe('Step 0 of 4');
    await h.page.getByRole('button', { name: 'Step', exact: true }).click();
    const busy = h.page.getByRole('status', { name: 'Running' });
    await expect.poll(() => busy.innerText()).toMatch(/^Running step 1: First read of user 1…\s*\d+\.\d s$/);
    expect(await timelineStep(1).getAttribute('data-state')).toBe('running');
    await expect.poll(() => busy.innerText()).toMatch(/…\s*(0\.[5-9]|1\.\d) s$/);
    await h.page.screenshot({ path: screenshotPath('busy-step') });
    await expect.poll(() => h.app.progress(), { timeout: 10_000 }).toBe('Step 1 of 4');
    expect(await busy.count()).toBe(0);
    expect(await timelineStep(1).getAttribute('data-state')).toBe('done');
  });

  it('an invalid parameter gets the app’s message on the field, and neither the button nor R resets the run', async () => {
    const field = h.page.getByLabel('User id');
    await field.fill('200');
    const error = h.page.locator('#param-userId-error');
    expect(await error.innerText()).toBe('User id can be at most 5 (range 1–5).');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The range is on the field, for everyone.
    expect(await h.page.locator('#param-userId-range').innerText()).toBe('1–5');

    await h.page.getByRole('button', { name: 'Apply and reset' }).click();
    await expect.poll(() => h.page.getByRole('alert').innerText()).toBe('Not reset: User id can be at most 5 (range 1–5).');
    // The browser's own bubble never shows: the form does not use constraint validation at all.
    expect(await field.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('');
    // R from outside the field (inside it, R is just a letter).
    await field.evaluate((el) => (el as HTMLInputElement).blur());
    await h.page.keyboard.press('r');
    await expect.poll(() => h.page.getByRole('alert').innerText()).toBe('Not reset: User id can be at most 5 (range 1–5).');
    expect(await h.app.progress()).toBe('Step 1 of 4');
    expect(await field.inputValue()).toBe('200');
    await h.app.keyRow('rpi:user:1').waitFor();

    // Clearing the field leaves it empty (not "0"), and typing then gives what was typed.
    await field.fill('');
    expect(await error.innerText()).toBe('User id is empty: enter a whole number from 1–5.');
    await field.pressSequentially('3');
    expect(await field.inputValue()).toBe('3');
    expect(await error.count()).toBe(0);
    await h.page.screenshot({ path: screenshotPath('param-invalid') });
    await field.fill('1');
  });

  it('on the Key browser tab, R and N do nothing to the pattern', async () => {
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    await h.page.getByRole('tab', { name: 'Key browser' }).press('r');
    await h.page.keyboard.press('n');
    await h.page.keyboard.press('r');
    await h.page.getByRole('tab', { name: 'Pattern' }).click();
    expect(await h.app.progress()).toBe('Step 1 of 4');
    await h.app.keyRow('rpi:user:1').waitFor();
  });

  it('switching patterns mid-run asks first; keeping the run keeps it', async () => {
    const sidebar = h.page.getByRole('navigation', { name: 'Patterns', exact: true });
    await sidebar.getByRole('button', { name: 'Leaderboard', exact: true }).click();
    const dialog = h.page.getByRole('alertdialog');
    await expect.poll(() => dialog.innerText()).toMatch(/Leave Cache-aside\?[\s\S]*at step 1 of 4/);
    // While it asks, shortcuts belong to the dialog, not the run behind it.
    await h.page.keyboard.press('n');
    await h.page.screenshot({ path: screenshotPath('discard-run') });
    await dialog.getByRole('button', { name: 'Keep this run' }).click();
    expect(await h.app.progress()).toBe('Step 1 of 4');

    await sidebar.getByRole('button', { name: 'Leaderboard', exact: true }).click();
    await dialog.getByRole('button', { name: 'Open Leaderboard' }).click();
    await h.page.locator('.workspace[data-ready="true"]').waitFor();
    await expect.poll(() => h.app.progress()).toMatch(/^Step 0 of \d+$/);
    expect(await h.page.getByRole('heading', { level: 2, name: 'Sorted set' }).count()).toBe(1);
  });

  for (const [width, height] of [
    [1440, 900],
    [1024, 640],
  ] as const) {
    it(`the timeline keeps the current step in view at ${width}×${height}`, async () => {
      await h.page.setViewportSize({ width, height });
      await h.app.openPattern('Write-through: racing writers');
      const total = Number(/of (\d+)/.exec(await h.app.progress())?.[1]);
      expect(total).toBeGreaterThan(4);
      for (let n = 1; n <= total; n++) {
        await h.app.step();
        const current = timeline().locator('li[data-state="done"]').last();
        await expect.poll(() => inView(current), { timeout: 2000 }).toBe('in view');
      }
      await h.page.screenshot({ path: screenshotPath(`timeline-end-${width}x${height}`) });
      // Selecting step 1 brings it back into view and shows its state.
      await timeline().getByRole('button', { name: /^Step 1:/ }).click();
      await expect.poll(() => inView(timelineStep(1))).toBe('in view');
      await h.page.screenshot({ path: screenshotPath(`time-travel-${width}x${height}`) });
      expect(h.errors).toEqual([]);
    });
  }
});
