import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/i18n/catalog';
import { screenshotPath } from '../helpers/browser';
import { overlappingText } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

/** A reader whose system is set to English finds 한국어 on the connect screen, before connecting (the status bar comes only after). */
describe('web mode in Chromium: the language is chosen on the connect screen', () => {
  const h = webModeHarness();

  it('switches the connect form to Korean and back, and the namespace refusal follows', async () => {
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.goto(h.host.url);
    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await expect.poll(() => h.page.getByRole('tab', { name: CATALOGS.ko['ui.connect.existing'] }).count()).toBe(1);
    await h.page.getByRole('tab', { name: CATALOGS.ko['ui.connect.existing'] }).click();
    const namespace = h.page.getByLabel(CATALOGS.ko['ui.connect.namespace'], { exact: true });
    await namespace.fill('rpi');
    await h.page.getByLabel('포트').fill('1');
    await h.page.locator('form').getByRole('button').last().click();
    await expect.poll(() => h.page.locator('.field-error').innerText(), { timeout: 10_000 }).toMatch(/^네임스페이스는 구분자\(: \/ \. - _ \| #\)로 끝나야 합니다\. 예: "rpi:"/);
    expect(await overlappingText(h.page)).toEqual([]);
    await h.page.screenshot({ path: screenshotPath('connect-ko-1024') });
    await h.page.getByTestId('language-pick').selectOption('en');
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(h.errors).toEqual([]);
  });
});
