import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: dragging the lost increment’s steps to reorder its shortest failing schedule', () => {
  const h = webModeHarness();

  /** Scrolls the pane (only the pane) so the table sits in its middle: a pointer held near the pane's edge would scroll it (dnd-kit's auto-scroll). */
  async function centre(table: Locator): Promise<void> {
    await table.evaluate((el) => {
      const pane = el.closest('.center-body')!;
      const [t, p] = [el.getBoundingClientRect(), pane.getBoundingClientRect()];
      pane.scrollTop += t.top + t.height / 2 - (p.top + p.height / 2);
    });
  }

  /**
   * Releases the mouse, then lets the page's own timers pass dnd-kit's: for 50 ms after a pointer drag ends it
   * swallows every click in the document (the click that ends a drag must not press what lies under it), so
   * a click on Re-run right after a drop did nothing on a loaded machine. Timers of equal or shorter delay run
   * in the order they were set, so a 50 ms timer set after the drop fires after dnd-kit's.
   */
  async function release(): Promise<void> {
    await h.page.mouse.up();
    await h.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  }

  /** Presses the mouse on a row, moves past the drag threshold, then onto the target row in small steps. */
  async function drag(from: Locator, to: Locator, drop = true): Promise<void> {
    // The last drop's animation (and a note appearing above the table) moves the rows for a while; on a
    // loaded machine longer: aim only once both rows have stopped moving between two reads.
    const boxes = async () => JSON.stringify([await from.boundingBox(), await to.boundingBox()]);
    let last = '';
    await expect.poll(async () => {
      const now = await boxes();
      const still = now === last;
      last = now;
      if (!still) await h.page.waitForTimeout(100);
      return still;
    }, { timeout: 10_000 }).toBe(true);
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    // The command's cell: not a button, so the press starts a drag and nothing else.
    const x = a.x + a.width * 0.45;
    await h.page.mouse.move(x, a.y + a.height / 2);
    await h.page.mouse.down();
    await h.page.mouse.move(x, a.y + a.height / 2 + (b.y > a.y ? 6 : -6), { steps: 3 });
    await h.page.mouse.move(x, b.y + b.height / 2, { steps: 12 });
    if (drop) await release();
  }

  it('drags steps past the other actor’s, refuses a drop past its own actor’s step with the reason, re-runs each edit and shows the replay’s verdict', async () => {
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Write-behind: the lost increment');
    await h.page.getByRole('tab', { name: 'Explore' }).click();
    await h.page.getByRole('button', { name: 'Run', exact: true }).click();
    const editor = h.page.getByRole('region', { name: 'Edit the schedule by hand' });
    await editor.waitFor({ timeout: 30_000 });
    const table = editor.getByRole('table', { name: 'Steps to reorder' });
    const row = (position: number) => table.getByTestId(`edit-row-${position}`);
    const order = () => table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    const note = () => editor.getByTestId('edit-note').innerText();
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'INCRBY', 'SADD', 'SQL write', 'DEL', 'SREM']);

    await centre(table);
    // SADD (step 4) dropped on step 7: past the worker's SQL write, DEL and SREM.
    await drag(row(4), row(7));
    await expect.poll(order, { timeout: 10_000 }).toEqual(['SMEMBERS', 'GET', 'INCRBY', 'SQL write', 'DEL', 'SREM', 'SADD']);
    await expect.poll(note, { timeout: 10_000 }).toBe('Moved client’s SADD later, to step 7.');
    // INCRBY (step 3) dropped on step 6, right before its SADD. Under a loaded full run the rows were once still moving
    // when the drag aimed and it dropped nowhere (the order unchanged): such a drag, which did nothing, is made again, once.
    const before = await order();
    await drag(row(3), row(6));
    const moved = await expect
      .poll(order, { timeout: 5_000 })
      .not.toEqual(before)
      .then(() => true, () => false);
    if (!moved) await drag(row(3), row(6));
    await expect.poll(order, { timeout: 10_000 }).toEqual(['SMEMBERS', 'GET', 'SQL write', 'DEL', 'SREM', 'INCRBY', 'SADD']);

    // INCRBY over its own SADD: the row says no while it hovers, and the drop is refused with the reason.
    await drag(row(6), row(7), false);
    await expect.poll(() => table.locator('tr.dragging.refused').count()).toBe(1);
    await h.page.screenshot({ path: screenshotPath('explorer-drag-refused-1440') });
    await release();
    await expect.poll(note, { timeout: 10_000 }).toMatch(/^client’s INCRBY cannot pass another step of client/);
    expect(await order()).toEqual(['SMEMBERS', 'GET', 'SQL write', 'DEL', 'SREM', 'INCRBY', 'SADD']);
    expect(await table.locator('tr.dragging').count()).toBe(0);

    // Re-run: the replay ran the client's INCRBY after the worker's DEL, so every point is kept.
    const result = editor.getByTestId('edit-result');
    /** The re-run's result, or the error it showed instead (so a failure says why, not only that it timed out). */
    const verdict = () => editor.locator('[data-testid="edit-result"], [role="alert"]').first().innerText({ timeout: 1000 }).catch(() => '');
    const resultSteps = () => result.getByRole('table', { name: 'Schedule, one command per row' }).locator('tbody tr td:nth-child(3)').allInnerTexts();
    await editor.getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(verdict, { timeout: 30_000 }).toMatch(/Invariant held \(0 points lost\)/);
    expect(await resultSteps()).toEqual(await order());
    expect(await result.getByRole('note').count()).toBe(0);
    await result.getByRole('button', { name: 'Show all' }).click();
    expect(await result.getByRole('table', { name: 'Trace so far' }).innerText()).toMatch(/DEL[\s\S]*INCRBY/);

    // INCRBY dragged back to step 4 (after the SQL write, before DEL): the replay loses the 5 points, and it is the replay that says so.
    await centre(table);
    await drag(row(6), row(4));
    await expect.poll(order, { timeout: 10_000 }).toEqual(['SMEMBERS', 'GET', 'SQL write', 'INCRBY', 'DEL', 'SREM', 'SADD']);
    // The edit makes the earlier result stale until it is re-run.
    expect(await result.count()).toBe(0);
    await editor.getByRole('button', { name: 'Re-run' }).click();
    await expect.poll(verdict, { timeout: 30_000 }).toMatch(/Invariant broken: 5 points lost/);
    expect(await resultSteps()).toEqual(await order());
    await result.getByRole('button', { name: 'Show all' }).click();
    expect(await result.getByRole('table', { name: 'Trace so far' }).innerText()).toMatch(/INCRBY[\s\S]*DEL/);

    // From the keyboard: SADD's grip, Space to pick it up, ↑ twice, Space to drop (past SREM and DEL).
    // Each key waits for what a screen reader is told (dnd-kit's live region, in the app's language).
    const announced = () => h.page.locator('[id^="DndLiveRegion"]').innerText();
    await editor.getByRole('button', { name: /^Drag step 7 .*SADD\)$/ }).focus();
    await h.page.keyboard.press('Space');
    await expect.poll(announced).toBe('Picked up client’s SADD, step 7.');
    await h.page.keyboard.press('ArrowUp');
    await expect.poll(announced).toBe('client’s SADD would go to step 6.');
    await h.page.keyboard.press('ArrowUp');
    await expect.poll(announced).toBe('client’s SADD would go to step 5.');
    await h.page.keyboard.press('Space');
    await expect.poll(announced).toBe('Dropped client’s SADD at step 5.');
    await expect.poll(order, { timeout: 10_000 }).toEqual(['SMEMBERS', 'GET', 'SQL write', 'INCRBY', 'SADD', 'DEL', 'SREM']);
    await expect.poll(note, { timeout: 10_000 }).toBe('Moved client’s SADD earlier, to step 5.');
    await h.page.screenshot({ path: screenshotPath('explorer-drag-1440') });
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await editor.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('explorer-drag-1024') });
    // The editor (grips, live regions, dnd-kit's instructions) passes axe, and no text overlaps.
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    expect(await overlappingText(h.page, '.schedule-editor')).toEqual([]);

    // In Korean, light: the grips' names and the refusal in the user's language.
    await h.page.getByTestId('language-pick').selectOption('ko');
    await h.page.getByRole('combobox', { name: '테마' }).selectOption('light');
    const koEditor = h.page.getByRole('region', { name: '스케줄 직접 편집' });
    const koTable = koEditor.getByRole('table', { name: '순서를 바꿀 단계' });
    await expect.poll(() => koEditor.getByRole('button', { name: /^5단계\(클라이언트: SADD\) 끌어서 옮기기$/ }).count()).toBe(1);
    await centre(koTable);
    // SADD (step 5) onto its own INCRBY (step 4): refused, and said in Korean.
    await drag(koTable.getByTestId('edit-row-5'), koTable.getByTestId('edit-row-4'));
    await expect.poll(() => koEditor.getByTestId('edit-note').innerText()).toBe('클라이언트의 SADD는 클라이언트의 다른 단계를 앞지를 수 없습니다. 각 액터의 명령은 순서가 유지됩니다.');
    // The database call in the user's language, as the trace says it (Redis commands keep Redis' names).
    expect(await koTable.locator('tbody tr td:nth-child(4)').allInnerTexts()).toEqual(['SMEMBERS', 'GET', 'SQL 쓰기', 'INCRBY', 'SADD', 'DEL', 'SREM']);
    await h.page.screenshot({ path: screenshotPath('explorer-drag-ko-light-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.screenshot({ path: screenshotPath('explorer-drag-ko-light-1440') });
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    expect(await overlappingText(h.page, '.schedule-editor')).toEqual([]);
    await h.page.getByTestId('language-pick').selectOption('en');
    expect(h.errors).toEqual([]);
  }, 90_000);
});
