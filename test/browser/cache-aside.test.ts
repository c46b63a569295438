import { describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: cache-aside from connect to a HIT', () => {
  const h = webModeHarness();

  it('connects to a sandbox, steps to a HIT and shows trace, keys and TTL', async () => {
    await h.page.goto(h.host.url);
    await h.page.getByRole('tab', { name: 'Sandbox' }).waitFor();
    await h.page.screenshot({ path: screenshotPath('connect') });
    await h.app.startSandbox();
    await expect.poll(() => h.page.getByLabel('Connection status').innerText()).toMatch(/sandbox 127\.0\.0\.1:\d+[\s\S]*Redis 7\.[\s\S]*keyspace notifications/);

    await h.app.openPattern('Cache-aside');
    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/Cache MISS for user 1: read the database and cached it for 3600 s \(\d+ ms\)/);
    await expect.poll(() => h.app.traceRows().count()).toBe(3);
    expect(await h.app.traceRows().nth(1).innerText()).toMatch(/SQL read[\s\S]*SELECT/);

    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/Cache HIT for user 1: served from Redis in [\d.]+ ms/);
    await expect.poll(() => h.app.traceRows().count()).toBe(1);
    const get = await h.app.traceRows().first().innerText();
    expect(get).toMatch(/client[\s\S]*GET rpi:user:1[\s\S]*"name":"User 1"/);

    const key = h.app.keyRow('rpi:user:1');
    await key.waitFor();
    expect(await key.innerText()).toMatch(/string[\s\S]*"id":1/);
    const ttl = key.getByRole('meter', { name: 'Time to live' });
    const seconds = Number(await ttl.getAttribute('aria-valuenow'));
    expect(seconds).toBeGreaterThan(3590);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(await ttl.getAttribute('aria-valuetext')).toMatch(/^(59:\d\d|1:00:00)$/);
    // The countdown runs in the renderer from one PTTL reading.
    await expect.poll(async () => Number(await ttl.getAttribute('aria-valuenow')), { timeout: 4000 }).toBeLessThan(seconds);

    await expect.poll(() => h.app.dbRow(1).innerText()).toMatch(/User 1[\s\S]*cache = db/);
    await h.app.expectNoAlert();
    await h.page.screenshot({ path: screenshotPath('cache-aside-hit') });

    await h.app.step();
    await h.app.step();
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/stale/);
    await expect.poll(() => h.app.dbRow(1).innerText()).toMatch(/User 1 \(renamed\)[\s\S]*STALE/);
    await h.page.screenshot({ path: screenshotPath('cache-aside-stale') });

    await h.page.keyboard.press('r');
    await expect.poll(() => h.app.progress()).toBe('Step 0 of 4');
    await expect.poll(() => h.app.keyRow('rpi:user:1').count()).toBe(0);

    // Keyboard first: N steps, Space runs the rest, and the tooltips say so.
    await h.page.keyboard.press('n');
    await expect.poll(() => h.app.progress()).toBe('Step 1 of 4');
    await h.page.getByRole('button', { name: 'Run', exact: true }).hover();
    await expect.poll(() => h.page.getByRole('tooltip').innerText()).toMatch(/Run the remaining steps \(Space\)/);
    await h.page.keyboard.press('Space');
    await expect.poll(() => h.app.progress(), { timeout: 10_000 }).toBe('Step 4 of 4 — finished');

    // A reload finds main still connected and picks the run up where it was.
    await h.page.reload();
    await expect.poll(() => h.app.progress()).toBe('Step 4 of 4 — finished');
    await h.app.keyRow('rpi:user:1').waitFor();
    await expect.poll(() => h.app.dbRow(1).innerText()).toMatch(/STALE/);
    expect(h.errors).toEqual([]);
  });

  it('shows a clear message on the form for a refused connection', async () => {
    await h.page.getByRole('button', { name: 'Disconnect' }).click();
    await h.page.getByRole('tab', { name: 'Existing Redis' }).click();
    await h.page.getByLabel('Port').fill('1');
    await h.page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => h.page.locator('#port-error').innerText()).toMatch(/Nothing is listening on 127\.0\.0\.1:1\/0/);
    expect(await h.page.getByLabel('Port').getAttribute('aria-invalid')).toBe('true');
    await h.page.screenshot({ path: screenshotPath('connect-error') });

    // Out-of-range and non-numeric fields are said in the app's words, not zod's ("db: Too big: expected number to be <=65535").
    // Any index a server may have is taken (its "databases" setting decides, and the connect says so); past 65,535 is refused here.
    await h.page.getByLabel('Port').fill('6379');
    await h.page.getByLabel('DB', { exact: true }).fill('70000');
    await h.page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => h.page.locator('#db-error').innerText()).toBe('DB must be a whole number from 0 to 65535.');
    await h.page.getByLabel('DB', { exact: true }).fill('0');
    await h.page.getByLabel('Port').fill('abc');
    await h.page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => h.page.locator('#port-error').innerText()).toBe('Port must be a whole number from 1 to 65535.');
  });
});
