import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations } from '../helpers/layout-checks';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

const KEYS = 20_000;

describe('web mode in Chromium: the key browser on 20,000 keys', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const client = redis.client();
    const pipe = client.pipeline();
    for (let i = 0; i < KEYS; i++) pipe.set(`session:${String(i).padStart(5, '0')}`, `token-${i}`, 'EX', 3600);
    pipe.hset('user:42', { name: 'Ada', plan: 'pro' });
    await pipe.exec();
  });
  afterAll(() => redis?.stop());

  const count = () => h.page.getByTestId('browser-count').innerText();
  const loaded = async () => Number((await count()).match(/^([\d,]+) keys? found/)![1].replace(/,/g, ''));

  it('pages through the keyspace as the user scrolls, reading details only for visible rows', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();

    await expect.poll(count).toMatch(/in the database/);
    expect(await count()).toContain(`${(KEYS + 1).toLocaleString('en-US')} in the database`);
    const first = await loaded();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(KEYS);
    // Only what is on screen is in the DOM.
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    expect(await list.getByRole('option').count()).toBeLessThan(100);
    await expect.poll(() => list.getByRole('option').first().innerText()).toMatch(/string|hash/);

    // Scrolling to the end of what was scanned scans the next page, as long as the user scrolls.
    for (let i = 0; i < 300 && !(await count()).includes('scan complete'); i++) {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await h.page.waitForTimeout(30);
    }
    await expect.poll(count, { timeout: 20_000 }).toMatch(/^20,001 keys found\s+scan complete/);
    // Rows scrolled into view get their type, size, value and TTL read then.
    await expect.poll(() => list.getByRole('option').last().innerText()).toMatch(/(string|hash)[\s\S]*(token-|name)/);
    await h.page.screenshot({ path: screenshotPath('key-browser') });

    await h.page.getByLabel('Match pattern').fill('user:*');
    await h.page.getByRole('button', { name: 'Scan' }).click();
    await expect.poll(count).toMatch(/^1 key found\s+scan complete/);
    await expect.poll(() => list.getByRole('option').first().innerText()).toMatch(/user:42[\s\S]*hash[\s\S]*name: Ada/);

    // Selecting a key reads its value (bounded) into the value pane.
    await list.getByRole('option').first().click();
    const pane = h.page.getByRole('region', { name: 'Value' });
    await expect.poll(() => pane.innerText()).toMatch(/user:42[\s\S]*hash[\s\S]*2 elements[\s\S]*name\s+Ada[\s\S]*plan\s+pro/);
    await h.page.screenshot({ path: screenshotPath('key-browser-value') });
  });

  it('passes the accessibility audit with a key selected, in both themes', async () => {
    // The selected row's tint once took muted text (the TTL's 'no TTL', the size) under 4.5:1 in the light theme.
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    await expect.poll(() => list.locator('.kb-row.selected').count()).toBe(1);
    for (const theme of ['light', 'dark'] as const) {
      await h.page.emulateMedia({ colorScheme: theme });
      expect(await seriousA11yViolations(h.page), theme).toEqual([]);
      expect(await overlappingText(h.page, '.workspace'), theme).toEqual([]);
    }
    expect(h.errors).toEqual([]);
  });

  it('a double click on Scan shows one scan, with no error from the one it replaced', async () => {
    await h.page.getByLabel('Match pattern').fill('session:0000*');
    await h.page.getByRole('button', { name: 'Scan' }).dblclick();
    await expect.poll(count).toMatch(/^10 keys found\s+scan complete/);
    // The host refuses the overtaken start as replaced; the renderer keeps only the latest answer.
    await h.page.waitForTimeout(300);
    expect(await h.page.getByText('replaced by a newer one').count()).toBe(0);

    // A text filter matching nothing says so above the empty list, not under 160 px of blank rows.
    await h.page.getByLabel('Filter scanned keys').fill('nothing-is-named-this');
    const none = h.page.getByText('No key matches.');
    await expect.poll(() => none.count()).toBe(1);
    const list = h.page.getByRole('listbox', { name: 'All keys' });
    expect((await none.boundingBox())!.y).toBeLessThan((await list.boundingBox())!.y);
    await h.page.getByLabel('Filter scanned keys').fill('');
    expect(h.errors).toEqual([]);
  });
});
