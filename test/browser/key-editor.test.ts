import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { overlappingText, seriousA11yViolations } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

const FIELDS = 1_000;

/**
 * Serious axe violations in the value pane or an open dialog: the audit runs
 * on the whole page, and the list beside the pane is checked by its own test.
 */
async function paneViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const v of await seriousA11yViolations(page)) {
    const mine = await page.evaluate((targets) => targets.filter((t) => document.querySelector(t)?.closest('.value-pane, [role=dialog]')), v.targets);
    if (mine.length) out.push(JSON.stringify({ ...v, targets: mine }));
    else console.log(`outside the value pane: ${JSON.stringify(v)}`);
  }
  return out;
}
const ENTRIES = 300;

describe('web mode in Chromium: the value pane pages a hash and a stream, edits a value in the sandbox and undoes it', () => {
  const h = webModeHarness();
  let redis: Redis | undefined;
  afterAll(() => redis?.disconnect());

  const pane = () => h.page.getByRole('region', { name: 'Value' });
  const range = () => h.page.getByTestId('value-range').innerText();
  const open = async (key: string) => {
    await h.page.getByLabel('Match pattern').fill(key);
    await h.page.getByRole('button', { name: 'Scan' }).click();
    const option = h.page.getByRole('listbox', { name: 'All keys' }).getByRole('option').first();
    await expect.poll(() => option.innerText()).toContain(key);
    await option.click();
    await expect.poll(() => pane().locator('.value-key').innerText()).toBe(key);
  };

  it('seeds the sandbox through its own port and opens the key browser', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    const label = await h.page.getByLabel('Connection status').innerText();
    const port = Number(/sandbox 127\.0\.0\.1:(\d+)/.exec(label)![1]);
    redis = new Redis({ port, host: '127.0.0.1' });
    const pipe = redis.pipeline();
    for (let i = 0; i < FIELDS; i++) pipe.hset('shop:cart', `item:${String(i).padStart(4, '0')}`, JSON.stringify({ qty: i % 7, sku: `SKU-${i}` }));
    for (let i = 1; i <= ENTRIES; i++) pipe.xadd('shop:orders', `${i}-0`, 'order', String(i), 'status', i % 3 ? 'paid' : 'new');
    pipe.set('shop:banner', 'Welcome back', 'EX', 3600);
    await pipe.exec();
    await redis.xgroup('CREATE', 'shop:orders', 'shipping', '0');
    await redis.xreadgroup('GROUP', 'shipping', 'worker-1', 'COUNT', 25, 'STREAMS', 'shop:orders', '>');
    await h.page.getByRole('tab', { name: 'Key browser' }).click();
  });

  it('pages a 1,000-field hash by SCAN cursor: Next, Previous, and every field once', async () => {
    await open('shop:cart');
    await expect.poll(() => pane().innerText()).toMatch(/hash[\s\S]*1,000 elements/);
    await expect.poll(range).toMatch(/^page 1: \d+ of 1,000/);
    const fields = new Set<string>();
    const readPage = async () => {
      for (const cell of await pane().locator('.value-rows tbody tr td:first-child').allInnerTexts()) fields.add(cell);
    };
    await readPage();
    const firstPage = await pane().locator('.value-rows tbody tr').first().innerText();
    for (let page = 2; ; page++) {
      const next = pane().getByRole('button', { name: 'Next' });
      if (await next.isDisabled()) break;
      await next.click();
      await expect.poll(range).toMatch(new RegExp(`^page ${page}:`));
      await readPage();
    }
    expect(fields.size).toBe(FIELDS);
    expect(await range()).toMatch(/end/);
    // Back to the first page through the kept cursors.
    for (let i = 0; i < 30 && !(await range()).startsWith('page 1:'); i++) {
      await pane().getByRole('button', { name: 'Previous' }).click();
      await h.page.waitForTimeout(20);
    }
    await expect.poll(range).toMatch(/^page 1:/);
    expect(await pane().locator('.value-rows tbody tr').first().innerText()).toBe(firstPage);
    await h.page.setViewportSize({ width: 1440, height: 900 });
    await h.page.screenshot({ path: screenshotPath('key-editor-hash') });
  });

  it('pages a stream by entry ID, jumps to an ID, and shows its consumer group with pending entries', async () => {
    await open('shop:orders');
    await expect.poll(range).toMatch(/^page 1: 100 of 300/);
    expect(await pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^1-0\s+order=1\s*status=paid/);
    await pane().getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^101-0/);
    await pane().getByLabel('entry ID').fill('250-0');
    await pane().getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^250-0/);
    expect(await pane().locator('.value-rows tbody tr').count()).toBe(51);
    await pane().getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => pane().locator('.value-rows tbody tr').last().innerText()).toMatch(/^249-0/);

    // Fewer rows a page: the walk starts again from the first entry.
    await pane().getByLabel('Rows per page').selectOption('50');
    await expect.poll(range).toMatch(/^page 1: 50 of 300/);
    expect(await pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^1-0/);
    await pane().getByLabel('Rows per page').selectOption('100');

    await pane().getByRole('tab', { name: 'Consumer groups' }).click();
    const groups = pane().getByRole('region', { name: 'Consumer groups' });
    await expect.poll(() => groups.innerText()).toMatch(/shipping\s+1\s+25\s+25-0/);
    await expect.poll(() => groups.innerText()).toMatch(/Pending in shipping: 25[\s\S]*worker-1: 25/);
    expect(await groups.getByRole('table', { name: 'Pending entries' }).locator('tbody tr').count()).toBe(20);
    await h.page.screenshot({ path: screenshotPath('key-editor-stream-groups') });
    // Another key opened while the groups tab is chosen shows its value (the pane once stayed blank: no groups tab, none selected).
    await open('shop:banner');
    await expect.poll(() => pane().locator('.value-text').innerText()).toBe('Welcome back');
    expect(await pane().getByRole('tab', { name: 'Value' }).getAttribute('aria-selected')).toBe('true');
    // First and last byte, both inclusive: 12 bytes are 0–11 (the pager once said 0–12).
    expect(await range()).toBe('bytes 0–11 of 12');
    // A jump the value cannot take is said, not clamped or ignored (found by the independent tester).
    const offset = pane().getByLabel('byte offset');
    for (const [typed, said] of [
      ['abc', 'Type a byte offset: a whole number from 0 to 11.'],
      ['-5', 'Type a byte offset: a whole number from 0 to 11.'],
      ['99999999999', 'That is past the end: the value has 12 bytes, so the last offset is 11.'],
    ] as const) {
      await offset.fill(typed);
      await pane().getByRole('button', { name: 'Go' }).click();
      await expect.poll(() => pane().getByRole('alert').innerText()).toBe(said);
      expect(await offset.getAttribute('aria-invalid')).toBe('true');
    }
    await offset.fill('8');
    await pane().getByRole('button', { name: 'Go' }).click();
    await expect.poll(range).toBe('bytes 8–11 of 12');
    expect(await pane().getByRole('alert').count()).toBe(0);
    await offset.fill('0');
    await pane().getByRole('button', { name: 'Go' }).click();
    await expect.poll(range).toBe('bytes 0–11 of 12');
  });

  it('edits a string in one confirmed dialog, sees it in the history, and undoes it exactly', async () => {
    await open('shop:banner');
    await expect.poll(() => pane().locator('.value-text').innerText()).toBe('Welcome back');
    // Copy value puts the value itself on the clipboard, and says what it copied.
    await h.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.host.url).origin });
    await pane().getByTestId('copy-value').click();
    await expect.poll(() => pane().getByRole('status').filter({ hasText: 'Copied' }).innerText()).toBe('Copied the value (12 bytes).');
    expect(await h.page.evaluate(() => navigator.clipboard.readText())).toBe('Welcome back');
    await pane().getByRole('button', { name: 'Edit value' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Edit the value' });
    await dialog.getByLabel('Value').fill('Welcome back — 20% off today');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => pane().locator('.value-text').innerText()).toBe('Welcome back — 20% off today');
    expect(await redis!.get('shop:banner')).toBe('Welcome back — 20% off today');
    expect(await redis!.ttl('shop:banner')).toBeGreaterThan(3500);

    // Someone else changes the value: an edit of what the pane showed is refused, and said in the dialog.
    await redis!.set('shop:banner', 'changed elsewhere', 'KEEPTTL');
    await pane().getByRole('button', { name: 'Edit value' }).click();
    await dialog.getByLabel('Value').fill('mine');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/another client changed it/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await redis!.get('shop:banner')).toBe('changed elsewhere');
    await redis!.set('shop:banner', 'Welcome back — 20% off today', 'KEEPTTL');

    await pane().getByRole('tab', { name: /History/ }).click();
    const history = pane().getByRole('region', { name: 'Edit history' });
    await expect.poll(() => history.innerText()).toMatch(/shop:banner value set to Welcome back — 20% off today\s+done/);
    await expect.poll(() => history.innerText()).toMatch(/refused/);
    await h.page.screenshot({ path: screenshotPath('key-editor-history') });
    await history.getByRole('button', { name: 'Undo: value set to Welcome back — 20% off today' }).click();
    await expect.poll(() => redis!.get('shop:banner')).toBe('Welcome back');
    expect(await redis!.ttl('shop:banner')).toBeGreaterThan(3500);
    await expect.poll(() => history.innerText()).toMatch(/value set to Welcome back — 20% off today\s+undone/);
    await pane().getByRole('tab', { name: 'Value' }).click();
    await expect.poll(() => pane().locator('.value-text').innerText()).toBe('Welcome back');
    // The key's row in the list shows the undone value too, not the edited one (found by a new user).
    const row = h.page.getByRole('listbox', { name: 'All keys' }).getByRole('option').first();
    await expect.poll(() => row.innerText()).toMatch(/Welcome back(?! —)/);
    await expect.poll(() => row.innerText()).toMatch(/\b12\b/);
  });

  it('edits a hash field from its row and adds a field, each confirmed', async () => {
    await open('shop:cart');
    const row = pane().locator('.value-rows tbody tr').first();
    const field = await row.locator('td').first().innerText();
    await row.getByRole('button', { name: `Edit ${field}` }).click();
    const dialog = h.page.getByRole('dialog', { name: `Edit field ${field}` });
    await dialog.getByLabel('Value').fill('{"qty":99}');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => redis!.hget('shop:cart', field)).toBe('{"qty":99}');
    await pane().getByRole('button', { name: 'Add field' }).click();
    const add = h.page.getByRole('dialog', { name: 'Add a field' });
    await add.getByLabel('Field').fill('coupon');
    await add.getByLabel('Value').fill('SPRING');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => redis!.hget('shop:cart', 'coupon')).toBe('SPRING');
    await expect.poll(() => pane().innerText()).toMatch(/1,001 elements/);
  });

  it('edits a list element, a set member and a sorted-set score from their rows', async () => {
    await redis!.rpush('shop:queue', 'first', 'second', 'third');
    await redis!.sadd('shop:tags', 'red');
    await redis!.zadd('shop:rank', 10, 'alice', 20, 'bob');

    await open('shop:queue');
    // Indexes of the first and last row shown, both inclusive.
    await expect.poll(range).toBe('0–2 of 3 · end');
    await pane().getByRole('button', { name: 'Edit 1' }).click();
    let dialog = h.page.getByRole('dialog', { name: 'Edit element 1' });
    expect(await dialog.getByLabel('Value').inputValue()).toBe('second');
    await dialog.getByLabel('Value').fill('2nd');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => redis!.lrange('shop:queue', 0, -1)).toEqual(['first', '2nd', 'third']);
    await pane().getByRole('button', { name: 'Remove 0' }).click();
    await h.page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => redis!.lrange('shop:queue', 0, -1)).toEqual(['2nd', 'third']);

    await open('shop:tags');
    await pane().getByRole('button', { name: 'Edit red' }).click();
    dialog = h.page.getByRole('dialog', { name: 'Edit member' });
    await dialog.getByLabel('Member').fill('blue');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => redis!.smembers('shop:tags')).toEqual(['blue']);

    await open('shop:rank');
    await pane().getByRole('button', { name: 'Edit bob' }).click();
    dialog = h.page.getByRole('dialog', { name: 'Edit member' });
    await dialog.getByLabel('Score').fill('5');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => redis!.zscore('shop:rank', 'bob')).toBe('5');
    // The page is read again: bob now ranks first.
    await expect.poll(() => pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^0\s+bob\s+5/);
  });

  it('makes a new key of any type, deletes it after a confirmation, and brings it back from the history', async () => {
    await pane().getByRole('button', { name: 'New key' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'New key' });
    await dialog.getByLabel('Key name').fill('shop:board');
    await dialog.getByLabel('Type').selectOption('zset');
    await dialog.getByLabel('Value, element or member').fill('alice');
    await dialog.getByLabel('Score (sorted set only)').fill('1500');
    await dialog.getByRole('button', { name: 'Create' }).click();
    // The list hears of the new key and selects it; the pane reads it.
    await expect.poll(() => pane().locator('.value-key').innerText()).toBe('shop:board');
    await expect.poll(() => pane().locator('.value-rows tbody tr').first().innerText()).toMatch(/^0\s+alice\s+1500/);
    expect(await redis!.zscore('shop:board', 'alice')).toBe('1500');

    await pane().getByRole('button', { name: 'Delete' }).click();
    const confirm = h.page.getByRole('alertdialog', { name: 'Delete shop:board?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => redis!.exists('shop:board')).toBe(0);
    await pane().getByRole('tab', { name: /History/ }).click();
    const history = pane().getByRole('region', { name: 'Edit history' });
    await history.getByRole('button', { name: 'Undo: key deleted' }).click();
    await expect.poll(() => redis!.zscore('shop:board', 'alice')).toBe('1500');
    await pane().getByRole('tab', { name: 'Value' }).click();
    await expect.poll(() => pane().locator('.value-key').innerText()).toBe('shop:board');
  });

  it('a key that expires while it is shown: the pane reads it again when its TTL runs out and says it is gone', async () => {
    await redis!.set('shop:flash-sale', 'ends soon', 'PX', 2500);
    await open('shop:flash-sale');
    await expect.poll(() => pane().innerText()).toContain('ends soon');
    expect(await pane().getByRole('button', { name: 'Delete' }).count()).toBe(1);
    // No click: the countdown reaching zero is what reads the key again.
    await expect.poll(() => pane().innerText(), { timeout: 8000 }).toContain('This key no longer exists.');
    expect(await pane().getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await redis!.exists('shop:flash-sale')).toBe(0);
  });

  it('fits and reads at 1024×640 and 1440×900, in English and Korean, dark and light, with no serious accessibility violation', async () => {
    const problems: string[] = [];
    await open('shop:orders');
    for (const language of ['en', 'ko'] as const) {
      await h.page.getByTestId('language-pick').selectOption(language);
      for (const theme of ['dark', 'light'] as const) {
        await h.page.emulateMedia({ colorScheme: theme });
        for (const [width, height] of [
          [1024, 640],
          [1440, 900],
        ] as const) {
          await h.page.setViewportSize({ width, height });
          await h.page.waitForTimeout(100);
          for (const o of await overlappingText(h.page, '.value-pane')) problems.push(`${language} ${theme} ${width}: ${JSON.stringify(o)}`);
          await h.page.screenshot({ path: screenshotPath(`key-editor-${language}-${theme}-${width}`) });
        }
      }
      for (const v of await paneViolations(h.page)) problems.push(`${language} axe: ${v}`);
    }
    // The history in Korean, and an edit dialog open, looked at too.
    await h.page.setViewportSize({ width: 1024, height: 640 });
    // The pane's accessible name is in Korean now.
    const koPane = h.page.getByRole('region', { name: '값', exact: true });
    const historyTab = koPane.getByRole('tab', { name: /기록/ });
    await historyTab.click();
    await h.page.screenshot({ path: screenshotPath('key-editor-ko-history-1024') });
    // Taller: the pane takes most of the height while a long value is read.
    await koPane.getByRole('button', { name: '크게 보기' }).click();
    for (const o of await overlappingText(h.page, '.value-pane')) problems.push(`tall: ${JSON.stringify(o)}`);
    await h.page.screenshot({ path: screenshotPath('key-editor-ko-tall-1024') });
    await koPane.getByRole('button', { name: '작게 보기' }).click();
    await koPane.getByRole('tab', { name: '값' }).click();
    await koPane.getByRole('button', { name: '엔트리 추가' }).click();
    await h.page.getByRole('dialog').waitFor();
    for (const v of await paneViolations(h.page)) problems.push(`dialog axe: ${v}`);
    await h.page.screenshot({ path: screenshotPath('key-editor-ko-dialog-1024') });
    await h.page.keyboard.press('Escape');
    await h.page.getByTestId('language-pick').selectOption('en');
    expect(problems).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 180_000);
});
