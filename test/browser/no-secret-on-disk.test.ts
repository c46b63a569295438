import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './pages/app-page';
import { launchBrowser } from '../helpers/browser';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';

const PASSWORD = 'Zq7-profile-canary-Wx91';

/** Every file under a directory, read whole: the browser profile is small. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(file) : [file];
  });
}

describe('web mode in Chromium: no secret reaches the browser profile', () => {
  let redis: TestRedis;
  let host: WebHostProcess;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rpi-profile-'));

  beforeAll(async () => {
    redis = await startTestRedis(['--requirepass', PASSWORD]);
    host = await startWebHostProcess();
  });
  afterAll(async () => {
    await host?.stop();
    await redis?.stop();
  });

  it('a password typed in the URL moves to the masked field, and neither it nor the URL is kept on disk', async () => {
    const browser = await launchBrowser(profile);
    const page = await browser.newPage();
    const app = new AppPage(page);
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Existing Redis' }).click();

    const urlField = page.getByLabel('URL', { exact: true });
    expect(await urlField.getAttribute('type')).toBe('password');
    expect(await urlField.getAttribute('autocomplete')).toBe('off');
    await urlField.fill(`redis://default:${PASSWORD}@127.0.0.1:${redis.port}/0`);
    await urlField.press('Enter');
    await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('tab', { name: 'Existing Redis' }).click();
    // What the form remembers is the server, with the password taken out of the URL.
    expect(await urlField.inputValue()).toBe(`redis://default@127.0.0.1:${redis.port}/0`);
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    // And once more through the Password field itself.
    await urlField.fill('');
    await app.connectExisting({ port: redis.port, password: PASSWORD });
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await browser.close();

    const needles = [Buffer.from(PASSWORD, 'utf8'), Buffer.from(PASSWORD, 'utf16le'), Buffer.from(encodeURIComponent(PASSWORD))];
    const files = filesUnder(profile);
    expect(files.length).toBeGreaterThan(10);
    const leaks = files.filter((file) => {
      const bytes = readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    });
    expect(leaks).toEqual([]);
  });
});
