import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

/** 100,000 keys in folders whose sizes the tree must count back. */
const FOLDERS = { 'app:users': 60_000, 'app:sessions': 30_000, 'cache:page': 9_990 } as const;
const HASHES = 10;
const KEYS = 100_000;
const SIZES = [
  [1024, 640],
  [1440, 900],
] as const;

describe('web mode in Chromium: the key browser scans 100,000 keys to the end in the background', () => {
  const h = webModeHarness();
  let redis: Redis | undefined;
  afterAll(() => redis?.disconnect());

  const count = () => h.page.getByTestId('browser-count').innerText();
  const found = async () => Number(/^([\d,]+)/.exec(await count())![1].replace(/,/g, ''));
  const flat = () => h.page.getByRole('listbox', { name: 'All keys' });
  const tree = () => h.page.getByRole('tree', { name: 'Keys by folder' });
  const row = (list: ReturnType<typeof flat>, label: string) => list.locator(`[data-folder="${label}"], [data-key="${label}"]`).first();
  const problems: string[] = [];
  const check = async (what: string) => {
    for (const o of await overlappingText(h.page, '.workspace')) problems.push(`${what}: ${JSON.stringify(o)}`);
    for (const v of await seriousA11yViolations(h.page)) problems.push(`${what}: ${JSON.stringify(v)}`);
  };
  const shoot = async (name: string) => {
    for (const [width, height] of SIZES) {
      await h.page.setViewportSize({ width, height });
      await h.page.waitForTimeout(150);
      await h.page.screenshot({ path: screenshotPath(`${name}-${width}`) });
      await check(`${name} ${width}x${height}`);
    }
  };

  it('seeds the sandbox, scans to the end with progress while the list stays usable, and counts 100,000', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    const label = await h.page.getByLabel('Connection status').innerText();
    const port = Number(/sandbox 127\.0\.0\.1:(\d+)/.exec(label)![1]);
    redis = new Redis({ port, host: '127.0.0.1' });
    let n = 0;
    for (const [folder, size] of Object.entries(FOLDERS)) {
      for (let start = 0; start < size; start += 10_000) {
        const pipe = redis.pipeline();
        for (let i = start; i < Math.min(size, start + 10_000); i++) {
          if (i % 3 === 0) pipe.set(`${folder}:${i}`, `v${i}`, 'EX', 3600);
          else pipe.set(`${folder}:${i}`, `v${i}`);
        }
        await pipe.exec();
        n += Math.min(size, start + 10_000) - start;
      }
    }
    const pipe = redis.pipeline();
    for (let i = 0; i < HASHES; i++) pipe.hset(`profile:${i}`, { name: `user ${i}`, plan: 'pro' });
    await pipe.exec();
    expect(n + HASHES).toBe(KEYS);
    expect(await redis.dbsize()).toBe(KEYS);

    await h.page.getByRole('tab', { name: 'Key browser' }).click();
    // The first page only: a few hundred keys, the total beside them, not complete.
    await expect.poll(count).toMatch(/paused: more keys may exist/);
    expect(await count()).toContain('100,000 in the database');
    const first = await found();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(KEYS);
    expect(await flat().getByRole('option').count()).toBeLessThan(60);
    await expect.poll(() => flat().getByRole('option').first().innerText()).toMatch(/(string|hash)/);

    await h.page.getByRole('button', { name: 'Scan to the end' }).click();
    // While it runs, the count only grows, and the list answers the keyboard.
    const seen: number[] = [];
    await flat().focus();
    for (let i = 0; i < 200 && !(await count()).includes('scan complete'); i++) {
      seen.push(await found());
      await h.page.keyboard.press('ArrowDown');
      await h.page.waitForTimeout(20);
    }
    await expect.poll(count, { timeout: 30_000 }).toMatch(/^100,000 keys found\s+scan complete/);
    seen.push(await found());
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Number(await flat().locator('.kb-row.active').getAttribute('aria-posinset'))).toBeGreaterThan(1);
    expect(await h.page.getByRole('progressbar', { name: 'Keys found out of the database size' }).getAttribute('value')).toBe('100000');
    await shoot('key-browser-scale-flat');
  }, 120_000);

  it('the tree counts every folder as seeded, opens and closes with the keyboard', async () => {
    await h.page.getByRole('button', { name: 'Tree' }).click();
    // The first Tree sorts the 100,000 scanned keys into folders in short steps, counting 'so far' meanwhile;
    // on a loaded machine that takes seconds, past the default 1 s poll.
    await expect.poll(() => row(tree(), 'app').innerText(), { timeout: 15_000 }).toMatch(/^▸\s*app\s+90,000 keys$/);
    expect(await row(tree(), 'cache').innerText()).toMatch(/cache\s+9,990 keys/);
    expect(await row(tree(), 'profile').innerText()).toMatch(/profile\s+10 keys/);

    // Keyboard: focus the tree, Home, Right opens "app", Down to "sessions", Right opens it.
    await tree().focus();
    await h.page.keyboard.press('Home');
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => row(tree(), 'app').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => row(tree(), 'sessions').innerText()).toMatch(/sessions\s+30,000 keys/);
    expect(await row(tree(), 'users').innerText()).toMatch(/users\s+60,000 keys/);
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => row(tree(), 'sessions').getAttribute('aria-expanded')).toBe('true');
    await h.page.keyboard.press('ArrowDown');
    // A key under app:sessions: its label is the part after the folders; Enter opens its value.
    const active = tree().locator('.kb-row.active');
    await expect.poll(() => active.getAttribute('data-key')).toMatch(/^\d+$/);
    const keyLabel = (await active.getAttribute('data-key'))!;
    await h.page.keyboard.press('Enter');
    const pane = h.page.getByRole('region', { name: 'Value' });
    await expect.poll(() => pane.innerText()).toContain(`app:sessions:${keyLabel}`);
    // Left goes up to the folder, and Left again closes it.
    await h.page.keyboard.press('ArrowLeft');
    await expect.poll(() => active.getAttribute('data-folder')).toBe('sessions');
    await h.page.keyboard.press('ArrowLeft');
    await expect.poll(() => row(tree(), 'sessions').getAttribute('aria-expanded')).toBe('false');
    await shoot('key-browser-scale-tree');

    // Another delimiter: nothing has "/" in it, so every key is at the top.
    await h.page.getByLabel('Delimiter').fill('/');
    // The host rebuilds the tree of 100,000 keys in short steps: on a loaded machine that takes seconds (the default poll is 1 s).
    await expect.poll(() => h.page.getByText('of 100,000', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await h.page.getByLabel('Delimiter').fill(':');
    await expect.poll(() => row(tree(), 'app').isVisible(), { timeout: 15_000 }).toBe(true);
  }, 60_000);

  it('jumps to a far row, reaches the last with End, and filters by text saying what it matched', async () => {
    await h.page.getByRole('button', { name: 'Flat' }).click();
    await h.page.getByLabel('Go to row').fill('90000');
    await h.page.locator('.kb-jump').getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => flat().locator('.kb-row.active').getAttribute('aria-posinset')).toBe('90000');
    await expect.poll(() => flat().locator('.kb-row.active').innerText()).toMatch(/^(app|cache|profile):/);
    await h.page.keyboard.press('End');
    await expect.poll(() => flat().locator('.kb-row.active').getAttribute('aria-posinset')).toBe('100000');
    await expect.poll(() => flat().locator('.kb-row.active').innerText()).toMatch(/(string|hash)/);
    // Ctrl+C copies the active key's name, and says what it copied.
    await h.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.host.url).origin });
    const last = (await flat().locator('.kb-row.active').getAttribute('data-key'))!;
    await h.page.keyboard.press('Control+c');
    await expect.poll(() => h.page.getByRole('status').filter({ hasText: 'Copied' }).innerText()).toBe(`Copied: ${last}`);
    expect(await h.page.evaluate(() => navigator.clipboard.readText())).toBe(last);
    // Memory and encoding, on demand, for the rows on screen.
    await h.page.getByLabel('Memory and encoding').check();
    await expect.poll(() => flat().locator('.kb-row.active').innerText()).toMatch(/\d+ bytes · (embstr|int|raw|listpack|ziplist)/);
    await h.page.getByLabel('Memory and encoding').uncheck();

    // Refresh rows re-reads the rows on screen; auto-refresh re-reads their type and TTL by itself.
    const activeRow = flat().locator('.kb-row.active');
    await redis!.set(last, 'refreshed!', 'EX', 7200);
    await h.page.getByRole('button', { name: 'Refresh rows' }).click();
    await expect.poll(() => activeRow.innerText()).toMatch(/refreshed![\s\S]*(1:59:\d\d|2:00:00)/);
    await h.page.getByLabel('Auto-refresh type and TTL').check();
    await redis!.expire(last, 100_000);
    await expect.poll(() => activeRow.innerText(), { timeout: 12_000 }).toMatch(/27:46:\d\d|27:46:40/);
    await h.page.getByLabel('Auto-refresh type and TTL').uncheck();
    await flat().focus();
    await h.page.keyboard.press('PageUp');
    expect(Number(await flat().locator('.kb-row.active').getAttribute('aria-posinset'))).toBeLessThan(100_000);
    // Only a screenful is in the DOM, whatever the position.
    expect(await flat().getByRole('option').count()).toBeLessThan(60);

    await h.page.getByLabel('Filter scanned keys').fill('cache:page:99');
    // The host searches the 100,000 names in short steps too.
    await expect.poll(() => h.page.getByTestId('browser-matching').innerText(), { timeout: 15_000 }).toBe('101 of 100,000 scanned keys contain “cache:page:99”') // 99, 990–999, 9900–9989;
    await shoot('key-browser-scale-filter');
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('reads the same in Korean and in the light theme', async () => {
    await h.page.getByLabel('Filter scanned keys').fill('');
    await h.page.getByRole('button', { name: 'Tree' }).click();
    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(count).toMatch(/^키 100,000개 찾음\s+스캔 완료/);
    await expect.poll(() => h.page.getByRole('tree', { name: '폴더별 키' }).locator('[data-folder="app"]').innerText(), { timeout: 15_000 }).toMatch(/키 90,000개/);
    await shoot('key-browser-scale-ko');
    await h.page.emulateMedia({ colorScheme: 'light' });
    await shoot('key-browser-scale-ko-light');
    await h.page.getByTestId('language-pick').selectOption('en');
    await shoot('key-browser-scale-light');
    await h.page.emulateMedia({ colorScheme: 'dark' });
    expect(problems).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 90_000);
});
