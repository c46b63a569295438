import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the network chatter turned off; never a
 * downloaded browser. The browser's language is English unless a test asks
 * for another (`locale: 'ko-KR'`), so the app's own language, which follows
 * it, does not depend on the machine's.
 */
export async function launchBrowser(userDataDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-chromium-')), { locale = 'en-US' }: { locale?: string } = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale,
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
}

/** Where browser tests leave their screenshots. */
export function screenshotPath(name: string): string {
  const dir = path.resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
