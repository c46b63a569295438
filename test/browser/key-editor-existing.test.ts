import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: on an existing Redis the value pane edits only the namespace and says why elsewhere', () => {
  const h = webModeHarness();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    const client = redis.client();
    await client.set('theirs:config', 'do not touch');
    await client.hset('app:cart', 'apple', '3');
    await client.set('app:blob', gzipSync(JSON.stringify({ order: 42, items: ['apple', 'pear'] })));
    await client.set('app:bytes', Buffer.from([0x00, 0xff, 0x10, 0x41]));
  });
  afterAll(() => redis?.stop());

  const pane = () => h.page.locator('section.value-pane');
  const open = async (key: string) => {
    await h.page.getByLabel(/Match pattern|패턴/).fill(key);
    await h.page.getByRole('button', { name: /^(Scan|스캔)$/ }).click();
    const option = h.page.getByRole('listbox').getByRole('option').first();
    await expect.poll(() => option.innerText()).toContain(key);
    await option.click();
    await expect.poll(() => pane().locator('.value-key').innerText()).toBe(key);
  };

  it('a key outside the namespace is read-only, with the reason in English and Korean; inside, the edit buttons are there', async () => {
    await h.page.goto(h.host.url);
    await h.app.connectExisting({ port: redis.port, namespace: 'app:' });
    await h.page.getByRole('tab', { name: 'Key browser' }).click();

    await open('theirs:config');
    await expect.poll(() => pane().getByTestId('read-only').innerText()).toBe('Read-only: on an existing Redis the app only changes keys under its namespace "app:".');
    expect(await pane().getByRole('button', { name: 'Edit value' }).count()).toBe(0);
    expect(await pane().getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await h.page.screenshot({ path: screenshotPath('key-editor-existing-read-only') });
    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => pane().getByTestId('read-only').innerText()).toBe('읽기 전용: 기존 Redis에서는 네임스페이스 "app:" 아래의 키만 변경합니다.');
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('key-editor-existing-read-only-ko-1024') });
    await h.page.getByTestId('language-pick').selectOption('en');
    await h.page.setViewportSize({ width: 1440, height: 900 });

    await open('app:cart');
    await expect.poll(() => pane().getByRole('button', { name: 'Edit apple' }).count()).toBe(1);
    expect(await pane().getByTestId('read-only').count()).toBe(0);
  });

  it('a gzip value is decoded and shown as indented JSON; hex and bytes that are not UTF-8 show as they are', async () => {
    await open('app:blob');
    await expect.poll(() => pane().locator('.value-text').innerText()).toBe(JSON.stringify({ order: 42, items: ['apple', 'pear'] }, null, 2));
    await expect.poll(() => pane().innerText()).toMatch(/gzip: \d+ bytes read, 37 bytes after decompression/);
    await pane().getByLabel('View').selectOption('hex');
    await expect.poll(() => pane().locator('.value-text').innerText()).toMatch(/^00000000 {2}1f 8b 08/);
    await h.page.screenshot({ path: screenshotPath('key-editor-existing-gzip-hex') });
    await open('app:bytes');
    await expect.poll(() => pane().locator('.value-text').innerText()).toMatch(/^00000000 {2}00 ff 10 41 +\|\.\.\.A\|$/);
    // Editing bytes that are not UTF-8: typed as \xNN escapes, sent as base64, stored exactly.
    await pane().getByRole('button', { name: 'Edit value' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Edit the value' });
    expect(await dialog.getByLabel('Value').inputValue()).toBe('\\x00\\xff\\x10A');
    await dialog.getByLabel('Value').fill('\\x00\\xfe\\x10AB');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await redis.client().getBuffer('app:bytes'))?.toString('hex')).toBe('00fe104142');
    // The dialog's switch starts on for these bytes; turned off, it says they have no text form and keeps them.
    await pane().getByRole('button', { name: 'Edit value' }).click();
    const escapes = dialog.getByLabel(/Enter bytes as \\xNN escapes/);
    expect(await escapes.isChecked()).toBe(true);
    await escapes.click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/these bytes are not UTF-8 text/);
    expect(await dialog.getByLabel('Value').inputValue()).toBe('\\x00\\xfe\\x10AB');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // A new key can hold bytes that are not UTF-8 too (found by a new user: the escapes were stored as typed): the switch on, stored exactly.
    await pane().getByRole('button', { name: 'New key' }).click();
    const create = h.page.getByRole('dialog', { name: 'New key' });
    await create.getByLabel('Key name').fill('app:made-binary');
    await create.getByLabel(/Enter bytes as \\xNN escapes/).check();
    await create.getByLabel('Value, element or member').fill('\\xff\\x00hi');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect.poll(async () => (await redis.client().getBuffer('app:made-binary'))?.toString('hex')).toBe('ff006869');
    // Typed first and switched after: the same characters are kept, rewritten as escapes, and the dialog says so (found by a re-tester).
    await pane().getByRole('button', { name: 'New key' }).click();
    await create.getByLabel('Key name').fill('app:typed-first');
    await create.getByLabel('Value, element or member').fill('\\xff');
    await create.getByLabel(/Enter bytes as \\xNN escapes/).check();
    await expect.poll(() => create.innerText()).toMatch(/kept as the same characters/);
    expect(await create.getByLabel('Value, element or member').inputValue()).toBe('\\\\xff');
    await create.getByRole('button', { name: 'Cancel' }).click();
    // Left off, what is typed is text: the same escapes are stored as the characters typed.
    await pane().getByRole('button', { name: 'New key' }).click();
    await create.getByLabel('Key name').fill('app:made-text');
    await create.getByLabel('Value, element or member').fill('\\xff');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => redis.client().get('app:made-text')).toBe('\\xff');
    expect(h.errors).toEqual([]);
  });
});
