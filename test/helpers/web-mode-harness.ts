import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { AppPage } from '../browser/pages/app-page';
import { launchBrowser } from './browser';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

export interface WebModeHarness {
  host: WebHostProcess;
  browser: BrowserContext;
  page: Page;
  app: AppPage;
  /** Uncaught errors the page threw; a test ends by expecting none. */
  errors: string[];
}

/** For one browser test file: the built web host as a separate process, Chromium, and one page on it. */
export function webModeHarness(env: Record<string, string> = {}): WebModeHarness {
  const h = { errors: [] as string[] } as WebModeHarness;
  beforeAll(async () => {
    h.host = await startWebHostProcess(env);
    h.browser = await launchBrowser();
    h.page = await h.browser.newPage();
    h.page.on('pageerror', (err) => h.errors.push(err.message));
    h.app = new AppPage(h.page);
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.host?.stop();
  });
  return h;
}
