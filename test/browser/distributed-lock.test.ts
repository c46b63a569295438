import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the distributed lock’s lanes', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
  });

  it('the lanes show who holds lock:job:1 when, and B and C inside at once after A’s plain DEL; the compare-and-delete lanes never overlap', async () => {
    await h.app.openPattern('Distributed lock: releasing someone else’s lock');
    const naive = h.page.getByRole('region', { name: 'lock:job:1: released with DEL' });
    const safe = h.page.getByRole('region', { name: 'lock:job:2: released with compare-and-delete' });
    const lane = (panel: typeof naive, actor: string) => panel.getByRole('list', { name: actor, exact: true });

    await h.app.steps(3);
    await expect.poll(() => lane(naive, 'client A').innerText()).toMatch(/lock expired/);
    await expect.poll(() => lane(naive, 'client B').innerText()).toMatch(/SET NX nil/);
    await expect.poll(() => naive.getByRole('note').count()).toBe(0);

    await h.app.steps(3);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/Two holders of one lock at the same time/);
    await expect.poll(() => h.page.locator('.timeline').innerText()).toMatch(/TWO HOLDERS/);
    await expect.poll(() => h.page.locator('.timeline').innerText()).toMatch(/WRONG RELEASE/);
    await expect.poll(() => naive.getByRole('note', { name: '2 inside at once' }).isVisible()).toBe(true);
    await expect.poll(() => lane(naive, 'client A').innerText()).toMatch(/DEL’d client B’s lock/);
    await expect.poll(() => lane(naive, 'client C').innerText()).toMatch(/inside \(still going\)/);
    await naive.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('distributed-lock-two-holders') });

    await h.app.steps(4);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/one client in the critical section/);
    await expect.poll(() => lane(safe, 'client A').innerText()).toMatch(/release refused/);
    await expect.poll(() => lane(safe, 'client C').innerText()).toMatch(/SET NX nil/);
    await expect.poll(() => safe.getByRole('note').count()).toBe(0);
    await safe.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('distributed-lock-fixed') });
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await naive.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('distributed-lock-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('fencing: the database’s refusal of the older fence shows in the lanes and the narrative', async () => {
    await h.app.openPattern('Distributed lock: a pause longer than the TTL');
    const naive = h.page.getByRole('region', { name: 'lock:user:1: no fence' });
    const fenced = h.page.getByRole('region', { name: 'lock:user:2: fencing token checked by the database' });
    await h.app.steps(4);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/B’s write is lost/);
    await expect.poll(() => naive.getByRole('note').count()).toBeGreaterThan(0);
    await h.app.steps(4);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/The database refused A’s write: fence 1 is older than fence 2/);
    await expect.poll(() => fenced.getByRole('list', { name: 'client A', exact: true }).innerText()).toMatch(/refused: fence 1 < 2/);
    await fenced.scrollIntoViewIfNeeded();
    await h.page.screenshot({ path: screenshotPath('distributed-lock-fencing') });
    expect(h.errors).toEqual([]);
  }, 60_000);
});
