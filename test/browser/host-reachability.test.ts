/**
 * The page and its host in web mode: a page opened without the right token
 * says so plainly; a host that stops or dies is named in the status bar
 * within 2 s; a host that comes back is reconnected to without a reload and
 * the page reads its state again. Real host processes, real Chromium.
 */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { AppPage } from './pages/app-page';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Milliseconds from now until the locator is visible. */
async function msUntilVisible(page: Page, testId: string): Promise<number> {
  const start = Date.now();
  await page.getByTestId(testId).waitFor({ timeout: 10_000 });
  return Date.now() - start;
}

describe('web mode in Chromium: the page knows whether its host is there', () => {
  let browser: BrowserContext;
  const hosts: WebHostProcess[] = [];
  const errors: string[] = [];

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
  });

  it('an address without its token, or with an old one, says to open the address the host printed', async () => {
    const host = await startWebHostProcess();
    hosts.push(host);
    const page = await newPage();

    await page.goto(`http://127.0.0.1:${host.port}/`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/This address has no access token/);
    expect(await alert.innerText()).toContain(`http://127.0.0.1:${host.port}/?token=…`);
    expect(await page.getByRole('heading', { name: 'Open the address with its token' }).count()).toBe(1);
    // Not the connect screen, which could only fail later.
    expect(await page.getByRole('button', { name: 'Start sandbox' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('token-missing') });

    await page.goto(`http://127.0.0.1:${host.port}/?token=from-an-earlier-run`);
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not the one the inspector is using/);

    await page.goto(host.url);
    await page.getByRole('button', { name: 'Start sandbox' }).waitFor();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a stopped host is named within 2 s, a killed one at once; back on its port, the page reconnects and reads its state again', async () => {
    const port = await freePort();
    const env = { RPI_PORT: String(port), RPI_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'rpi-web-pinned-')) };
    const host = await startWebHostProcess(env);
    hosts.push(host);
    const page = await newPage();
    const app = new AppPage(page);
    await page.goto(host.url);
    await app.startSandbox();

    // Stopped (SIGSTOP): the socket stays open, only the heartbeat can tell.
    host.child.kill('SIGSTOP');
    const stoppedMs = await msUntilVisible(page, 'host-state');
    expect(await page.getByTestId('host-state').innerText()).toMatch(/The inspector host is not answering/);
    host.child.kill('SIGCONT');
    await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();

    // Killed: the socket closes, the status bar says so, and the page keeps trying.
    host.child.kill('SIGKILL');
    const killedMs = await msUntilVisible(page, 'host-state');
    expect(await page.getByTestId('host-state').innerText()).toMatch(/Lost the connection to the inspector host/);
    await page.screenshot({ path: screenshotPath('host-lost') });
    console.log(`host named gone: stopped after ${stoppedMs} ms, killed after ${killedMs} ms`);
    expect(stoppedMs).toBeLessThan(2_500);
    expect(killedMs).toBeLessThan(2_000);

    // The same port and data directory: the same token, so the open page gets in again by itself.
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
    const again = await startWebHostProcess(env);
    hosts.push(again);
    expect(again.token).toBe(host.token);
    // The new host never ran a sandbox: only reading its state again can show the connect screen.
    await page.getByRole('button', { name: 'Start sandbox' }).waitFor({ timeout: 15_000 });
    expect(sent.some((frame) => frame.includes('"connection.status"'))).toBe(true);
    expect(await page.getByTestId('host-state').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
