import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the Keys panel follows deltas', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());

  it('receives one full snapshot and then deltas; a key removed by someone else leaves the screen, a new one lands in its sorted place, other rows stay the same nodes', async () => {
    // What the host sends over the socket: each 'keys' event's kind and size.
    const keysEvents: { kind: string; changed: number; removed: number }[] = [];
    h.page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { events?: AppEvent[] };
        for (const event of message.events ?? []) {
          if (event.type !== 'keys') continue;
          const p = event.payload;
          keysEvents.push(p.kind === 'delta' ? { kind: 'delta', changed: p.changed.length, removed: p.removed.length } : { kind: 'full', changed: p.keys.length, removed: 0 });
        }
      }),
    );
    // As a user has it by default: motion allowed, so the change flash plays.
    await h.page.emulateMedia({ reducedMotion: 'no-preference' });
    await h.page.goto(h.host.url);
    const admin = redis.client();
    await h.app.connectExisting({ port: redis.port });
    await h.app.openPattern('Cache-aside');
    const seed = admin.pipeline();
    for (let i = 0; i < 40; i += 2) seed.set(`rpi:d:${String(i).padStart(2, '0')}`, `value ${i}`, 'EX', 3600);
    await seed.exec();
    const count = h.page.getByTestId('keys-count');
    await expect.poll(() => count.innerText(), { timeout: 10_000 }).toMatch(/^20 under rpi:/);
    const rows = h.page.locator('.keys-scroll tbody tr[data-key]');
    const shown = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect((await shown()).slice(0, 3)).toEqual(['rpi:d:00', 'rpi:d:02', 'rpi:d:04']);

    // Mark every row on screen, then change the panel from outside the app.
    await rows.evaluateAll((trs) => trs.forEach((tr) => ((tr as HTMLElement & { mark?: string }).mark = tr.getAttribute('data-key')!)));
    const before = keysEvents.length;
    await admin.del('rpi:d:04');
    await expect.poll(shown, { timeout: 10_000 }).not.toContain('rpi:d:04');
    await admin.set('rpi:d:03', 'new, between 02 and 06');
    await expect.poll(async () => (await shown()).slice(0, 4), { timeout: 10_000 }).toEqual(['rpi:d:00', 'rpi:d:02', 'rpi:d:03', 'rpi:d:06']);
    // A row changed again while it still flashes keeps that flash (1.2 s): let the seed's flash end first.
    await h.page.waitForTimeout(1300);
    await admin.set('rpi:d:06', 'changed');
    await expect.poll(() => h.app.keyRow('rpi:d:06').innerText(), { timeout: 10_000 }).toContain('changed');
    // The changed row flashes by a tint over it whose opacity animates (the compositor runs it), not by repainting its cells.
    const flash = h.page.locator('.keys-flashes .key-flash[data-key="rpi:d:06"]');
    expect(await flash.evaluate((el) => el.getAnimations().map((a) => (a as CSSAnimation).animationName))).toEqual(['key-flash']);
    expect(await h.app.keyRow('rpi:d:06').evaluate((el) => [...el.querySelectorAll('td')].flatMap((td) => td.getAnimations()).length)).toBe(0);
    await expect.poll(() => count.innerText()).toMatch(/^20 under rpi:/);
    // The rows that were there before are the same DOM nodes: the deltas touched only what they named.
    const kept = await rows.evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement & { mark?: string }).mark === tr.getAttribute('data-key')).length);
    expect(kept).toBe(19);

    // On the wire: the first update was the whole panel, every one since a delta naming one key.
    expect(keysEvents[0]).toMatchObject({ kind: 'full' });
    expect(keysEvents.slice(1).every((e) => e.kind === 'delta')).toBe(true);
    const since = keysEvents.slice(before);
    expect(since.map((e) => e.kind)).toEqual(since.map(() => 'delta'));
    expect(since.reduce((n, e) => n + e.changed + e.removed, 0)).toBe(3);
    await h.page.screenshot({ path: screenshotPath('keys-panel-delta') });
    expect(h.errors).toEqual([]);
  }, 60_000);
});
