import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

const FRAME = 256 * 1024;
const MB = 1024 * 1024;

describe('web mode in Chromium: the key browser on huge values, long names and an ACL user', () => {
  const h = webModeHarness();
  let redis: TestRedis;
  const frames: number[] = [];

  beforeAll(async () => {
    // The app connects as the default user, which may scan everything but read only some keys; `admin` arranges.
    redis = await startTestRedis(['--user', 'default', 'reset', 'on', 'nopass', '~rpi:*', '~n:*', '~long:*', '~big:*', '+@all', '-@dangerous', '+info', '--user', 'admin', 'on', '>admin-pw', '~*', '+@all']);
    const admin = redis.client({ username: 'admin', password: 'admin-pw' });
    await admin.eval("redis.call('XADD', KEYS[1], '1-1', 'type', 'upload', 'payload', string.rep('s', 10 * 1024 * 1024))", 1, 'big:stream');
    await admin.eval("for i = 1, 100 do redis.call('RPUSH', KEYS[1], string.rep('l', 2 * 1024 * 1024)) end", 1, 'big:list');
    await admin.set(Buffer.concat([Buffer.from('long:mega:'), Buffer.alloc(MB - 10, 'k')]), 'under a 1 MB name', 'EX', 600);
    await admin.set(Buffer.concat([Buffer.from('long:4k:'), Buffer.alloc(4000 - 8, 'q')]), 'under a 4,000-byte name');
    await admin.hset('secret:profile', { name: 'Ada' });
    for (let i = 0; i < 12; i++) await admin.set(`n:${i}`, `value ${i}`, 'EX', 3600);
    h.page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length)));
  }, 60_000);
  afterAll(() => redis?.stop());

  const list = () => h.page.getByRole('listbox', { name: 'All keys' });
  const row = (start: string) => list().locator(`[data-key^="${start}"]`);
  const pane = () => h.page.getByRole('region', { name: 'Value' });

  it('every row gets its details, long names show their length, reads stay under a frame, and what the user may not read is named', async () => {
    // Tall enough that all 17 rows are on screen at once (the list is virtual: only rows on screen are in the DOM).
    await h.page.setViewportSize({ width: 1440, height: 1400 });
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    await expect.poll(() => h.page.getByTestId('browser-count').innerText(), { timeout: 15_000 }).toMatch(/^17 keys found\s+scan complete/);

    // No row is left on "reading…": a 4,000-byte name no longer fails its whole batch.
    // Details come after type and TTL, one pipeline per screenful: give a loaded machine time (the default poll is 1 s).
    // All 17 rows first: the count is said before the rows are drawn, and an empty list holds no "reading…" either.
    const settled = async () => (await list().locator('[data-key]').count()) === 17 && !(await list().innerText()).includes('reading…');
    await expect.poll(settled, { timeout: 15_000 }).toBe(true);
    expect(await row('long:mega:').innerText()).toMatch(/\(1,048,576 bytes\)[\s\S]*string[\s\S]*under a 1 MB name/);
    expect(await row('long:4k:').innerText()).toMatch(/\(4,000 bytes\)[\s\S]*under a 4,000-byte name/);
    expect(await row('big:list').innerText()).toMatch(/list\s+100\s+l+…/);
    const secret = await row('secret:profile').innerText();
    expect(secret).toMatch(/no access[\s\S]*your Redis user may not read this key \(NOPERM on TYPE\)[\s\S]*TTL: no access/);
    expect(await list().innerText()).not.toMatch(/NaN|undefined/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('key-browser-limits-1024') });
    await h.page.setViewportSize({ width: 1440, height: 1400 });

    await row('long:mega:').click();
    await expect.poll(() => pane().innerText(), { timeout: 15_000 }).toMatch(/\(1,048,576 bytes\)[\s\S]*string[\s\S]*17 bytes[\s\S]*under a 1 MB name/);

    await row('big:stream').click();
    // How the value pane pages and cuts each type is the value side's to test (test/browser/key-editor*.test.ts); here, that the list opens it.
    await expect.poll(() => pane().innerText(), { timeout: 15_000 }).toMatch(/big:stream[\s\S]*stream[\s\S]*1-1/);

    await row('big:list').click();
    await expect.poll(() => pane().innerText(), { timeout: 20_000 }).toMatch(/big:list[\s\S]*list[\s\S]*100 elements/);
    await h.page.screenshot({ path: screenshotPath('key-browser-limits-1440') });

    await row('secret:profile').click();
    await expect.poll(() => pane().innerText(), { timeout: 15_000 }).toMatch(/secret:profile\s+no access[\s\S]*Nothing about this key can be read: your Redis user may not read this key \(NOPERM on TYPE\)\./);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('key-browser-limits-denied-1024') });

    console.log(`key browser limits: ${frames.length} frames, largest ${(Math.max(...frames) / 1024).toFixed(1)} KiB`);
    expect(Math.max(...frames)).toBeLessThan(FRAME);
    expect(h.errors).toEqual([]);
  });
});
