import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

/**
 * Found on a developer's Redis with 100,000 keys: typing big:* and pressing
 * the highlighted "Scan to the end" walked the whole keyspace with the
 * previous MATCH *, so the rows and the count disagreed with the field.
 */
describe('web mode in Chromium: Scan to the end after typing a new filter', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const admin = redis.client();
    const pipe = admin.pipeline();
    for (let i = 0; i < 5000; i++) pipe.set(`k:${i}`, 'x');
    for (let i = 0; i < 3; i++) pipe.set(`big:${i}`, 'y');
    await pipe.exec();
    admin.disconnect();
  });
  afterAll(() => redis?.stop());

  it('walks the filter the field shows', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port, namespace: 'qa:' });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    const count = h.page.getByTestId('browser-count');
    // The first page of MATCH * stops before the end: 5,003 keys.
    await expect.poll(() => count.innerText()).toMatch(/paused/);
    await h.page.getByLabel('Match pattern').fill('big:*');
    await h.page.getByRole('button', { name: 'Scan to the end' }).click();
    await expect.poll(() => count.innerText(), { timeout: 15_000 }).toMatch(/^3 keys found\s+scan complete/);
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    await expect.poll(async () => (await list.getByRole('option').allInnerTexts()).map((row) => row.split('\n')[0]).sort()).toEqual(['big:0', 'big:1', 'big:2']);
    expect(await h.page.getByLabel('Match pattern').inputValue()).toBe('big:*');
    expect(h.errors).toEqual([]);
  });
});
