import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: rate limiting', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
  });

  it('the request timeline marks each request allowed or denied per limiter, and counts the fixed window’s double burst', async () => {
    await h.app.openPattern('Rate limiting: three algorithms, one burst');
    const panel = h.page.getByRole('region', { name: 'Requests over time: limit 5 per 10 s' });
    await expect.poll(() => panel.innerText()).toMatch(/No requests yet/);
    await h.app.steps(2);

    const row = (name: string) => panel.getByRole('group', { name });
    const marks = (name: string, verdict: string) => row(name).locator(`[data-verdict="${verdict}"]`).count();
    await expect.poll(() => marks('Fixed window (INCR + EXPIRE)', 'allowed')).toBe(10);
    expect(await marks('Fixed window (INCR + EXPIRE)', 'denied')).toBe(10);
    expect(await marks('Sliding log (sorted set)', 'allowed')).toBe(5);
    expect(await marks('Token bucket (Lua)', 'allowed')).toBe(5);
    await expect.poll(() => row('Fixed window (INCR + EXPIRE)').innerText()).toMatch(/most within any 10 s\s*10/);
    await expect.poll(() => row('Sliding log (sorted set)').innerText()).toMatch(/most within any 10 s\s*5/);
    expect(await row('Fixed window (INCR + EXPIRE)').innerText()).toMatch(/window 0–10 s: 5 allowed, 5 denied[\s\S]*window 10–20 s: 5 allowed, 5 denied/);
    // Each mark says when, who, and what Redis replied.
    const first = await row('Fixed window (INCR + EXPIRE)').locator('[data-verdict]').first().getAttribute('title');
    expect(first).toMatch(/^9\.8 s, client \d: (allowed|denied) \(INCR replied \d+\)$/);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/let 10 requests through within 0\.\d+ s — 2× the limit of 5 per 10 s/);
    await h.page.screenshot({ path: screenshotPath('rate-limiting-1440') });

    await h.app.step();
    await expect.poll(() => marks('Token bucket (Lua)', 'allowed')).toBe(7);
    await expect.poll(() => row('Token bucket (Lua)').innerText()).toMatch(/most within any 10 s\s*7/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('rate-limiting-1024') });
    await h.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('the counter without a TTL: PTTL -1 beside the script’s counter, which expires', async () => {
    await h.app.openPattern('Rate limiting: a counter that never expires');
    await h.app.steps(4);
    const panel = h.page.getByRole('region', { name: 'The counter, two ways' });
    await expect.poll(() => panel.getByLabel('INCR, then EXPIRE').innerText()).toMatch(/TTL\s+PTTL -1 \(no expiry\)[\s\S]*denied\s+4/);
    await expect.poll(() => panel.getByLabel('INCR and EXPIRE in one script').innerText()).toMatch(/TTL\s+PTTL [\d,]+ ms/);
    await h.page.screenshot({ path: screenshotPath('rate-limiting-ttl') });
    expect(h.errors).toEqual([]);
  });
});
