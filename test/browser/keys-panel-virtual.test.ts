import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

const SEEDED = 5000;

describe('web mode in Chromium: the Keys panel with 5,000 keys, and TTL bars that drain by themselves', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis?.stop());

  it('puts only the rows in view in the DOM, scrolls to the last, and re-renders only a changed row', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.app.openPattern('Cache-aside');
    await h.app.step();
    const admin = redis.client();
    // A short TTL for the next test, on the panel before the 5,000 fill it (a key added to a full panel is only counted).
    await admin.set('rpi:a:short', 'soon gone', 'EX', 120);
    await h.app.keyRow('rpi:a:short').waitFor();
    const pipeline = admin.pipeline();
    for (let i = 0; i < SEEDED; i++) pipeline.set(`rpi:v:${String(i).padStart(5, '0')}`, `value ${i}`, 'EX', 3600);
    await pipeline.exec();

    const panel = h.page.getByRole('table', { name: 'Keys', exact: true });
    const count = h.page.getByTestId('keys-count');
    // The feed reads the first 1,000 and counts the rest.
    await expect.poll(() => count.innerText(), { timeout: 15_000 }).toMatch(/^1,000 under rpi: · 4,0\d\d more/);
    const rendered = () => panel.locator('tbody tr[data-key]').count();
    expect(await rendered()).toBeGreaterThan(5);
    expect(await rendered()).toBeLessThan(60);

    // Mark a row in view, change another key: the marked row is the same DOM node, not redrawn.
    const first = panel.locator('tbody tr[data-key]').first();
    const firstKey = (await first.getAttribute('data-key'))!;
    await first.evaluate((el) => ((el as HTMLElement & { mark?: number }).mark = 1));
    const second = (await panel.locator('tbody tr[data-key]').nth(1).getAttribute('data-key'))!;
    await admin.set(second, 'changed');
    await expect.poll(() => panel.locator(`tr[data-key="${second}"]`).innerText(), { timeout: 10_000 }).toContain('changed');
    expect(await panel.locator(`tr[data-key="${firstKey}"]`).evaluate((el) => (el as HTMLElement & { mark?: number }).mark)).toBe(1);

    // Scroll to the end: the last of the 1,000 is there, and still only a window of rows.
    await h.page.locator('.keys-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => panel.locator('tbody tr[data-key]').last().getAttribute('data-key'), { timeout: 5_000 }).toMatch(/^rpi:v:00\d\d\d$/);
    expect(await rendered()).toBeLessThan(60);
    expect(await panel.innerText()).not.toMatch(/NaN|undefined/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('keys-panel-virtual-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.screenshot({ path: screenshotPath('keys-panel-virtual-1440') });
    expect(h.errors).toEqual([]);
  });

  it('sets the bar’s animation from the PTTL reading and its time; with reduced motion, no animation and the text once a second', async () => {
    await h.page.emulateMedia({ reducedMotion: 'no-preference' });
    // rpi:a:short (2 min, set before the flood of keys) drains visibly: animated. An hour's bar moves a pixel a minute: set once a second instead.
    await h.page.locator('.keys-scroll').evaluate((el) => (el.scrollTop = 0));
    const fill = h.page.locator('.keys-scroll tr[data-key="rpi:a:short"] .ttl-drain');
    await fill.waitFor({ timeout: 10_000 });
    const hour = h.page.locator('.keys-scroll tr[data-key="rpi:v:00001"] .ttl-drain');
    expect(await hour.evaluate((el) => el.getAnimations().length)).toBe(0);
    expect(await hour.getAttribute('data-animated')).toBe('false');
    const seen = await fill.evaluate((el) => {
      const span = el as HTMLElement;
      const [animation] = span.getAnimations();
      const timing = animation?.effect?.getTiming();
      const keyframes = (animation?.effect as KeyframeEffect | undefined)?.getKeyframes() ?? [];
      return {
        count: span.getAnimations().length,
        duration: timing?.duration,
        delay: timing?.delay,
        fill: timing?.fill,
        from: keyframes[0]?.transform,
        to: keyframes.at(-1)?.transform,
        pttl: Number(span.dataset.pttl),
        readAt: Number(span.dataset.readAt),
        now: Date.now(),
        playState: animation?.playState,
      };
    });
    expect(seen.count).toBe(1);
    expect(seen.duration).toBe(seen.pttl);
    expect(seen.pttl).toBeGreaterThan(60_000);
    expect(seen.pttl).toBeLessThanOrEqual(120_000);
    // The delay is minus the time between the reading and the animation's start: never positive, never more than has passed.
    expect(seen.delay).toBeLessThanOrEqual(0);
    expect(-seen.delay!).toBeLessThanOrEqual(seen.now - seen.readAt);
    expect(seen.fill).toBe('forwards');
    expect(seen.from).toMatch(/^scaleX\(/);
    expect(seen.to).toBe('scaleX(0)');
    expect(seen.playState).toBe('running');

    await h.page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => fill.evaluate((el) => el.getAnimations().length)).toBe(0);
    expect(await fill.evaluate((el) => (el as HTMLElement).style.transform)).toMatch(/^scaleX\(0\.\d+|^scaleX\(1\)/);
    // The text counts down, changing at most once a second.
    const text = h.page.locator('.keys-scroll .ttl-text').first();
    const changes = await text.evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          let n = 0;
          const observer = new MutationObserver(() => n++);
          observer.observe(el, { childList: true, characterData: true, subtree: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(n);
          }, 3_200);
        }),
    );
    expect(changes).toBeGreaterThanOrEqual(2);
    expect(changes).toBeLessThanOrEqual(4);
    expect(h.errors).toEqual([]);
  });
});
