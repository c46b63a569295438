import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/i18n/catalog';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { overlappingText, starvedCells } from '../helpers/layout-checks';
import { webModeHarness } from '../helpers/web-mode-harness';

const ko = CATALOGS.ko;
const HANGUL = /[\uac00-\ud7a3]/;
const SIZES = [
  [1024, 640],
  [1440, 900],
] as const;

describe('web mode in Chromium: 한국어 and English, switched mid-run from the status bar', () => {
  const h = webModeHarness();
  const lang = () => h.page.evaluate(() => document.documentElement.lang);
  const languagePick = () => h.page.getByTestId('language-pick');
  const timelineStep = (n: number) => h.page.locator('.timeline li').nth(n - 1);

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
  });

  it('switching to 한국어 mid-run keeps the run and re-renders past steps, the controls and the panels in Korean', async () => {
    expect(await lang()).toBe('en');
    await h.app.openPattern('Cache-aside');
    await h.app.steps(2);
    expect(await h.app.progress()).toBe('Step 2 of 4');
    await timelineStep(1).getByRole('button').click();
    const englishNarrative = await h.app.narrative().innerText();
    expect(englishNarrative).toMatch(/^Cache MISS for user 1/);

    await languagePick().selectOption('ko');

    await expect.poll(lang).toBe('ko');
    // The run is the same run: two steps done, step 1 still on display, now told in Korean.
    await expect.poll(() => h.app.progress()).toBe('2/4단계');
    expect(await h.page.locator('.timeline li[data-state="done"]').count()).toBe(2);
    const narrative = h.page.getByLabel('설명');
    await expect.poll(() => narrative.innerText()).toMatch(/^사용자 1 캐시 미스: DB에서 읽어 3600초 동안 캐시했습니다/);
    await timelineStep(2).getByRole('button').click();
    await expect.poll(() => narrative.innerText()).toMatch(/^사용자 1 캐시 히트/);
    // The renderer's own words: controls, timeline tags, panels, status bar.
    expect(await h.page.getByRole('button', { name: ko['ui.controls.step'], exact: true }).isVisible()).toBe(true);
    expect(await timelineStep(1).innerText()).toContain(ko['ui.outcome.miss']);
    expect(await timelineStep(2).innerText()).toContain(ko['ui.outcome.hit']);
    expect(await h.page.getByRole('heading', { name: ko['ui.db.title'] }).isVisible()).toBe(true);
    expect(await h.page.getByTestId('connection-state').innerText()).toBe(ko['ui.status.state.connected']);
    expect(await h.page.getByRole('table', { name: ko['ui.detail.trace'] }).locator('thead').innerText()).toMatch(/^액터\s+명령\s/);
    // And stepping on works in Korean.
    await h.page.getByRole('button', { name: ko['ui.controls.step'], exact: true }).click();
    // A step is database and Redis round trips after the click: on a loaded machine that can outlast the default 1 s poll.
    await expect.poll(() => h.app.progress(), { timeout: 10_000 }).toBe('3/4단계');

    for (const [width, height] of SIZES) {
      await h.page.setViewportSize({ width, height });
      await h.page.waitForTimeout(100);
      await h.page.screenshot({ path: screenshotPath(`ko-workspace-${width}`) });
      expect(await overlappingText(h.page, '.workspace'), `${width}x${height}`).toEqual([]);
      expect(await starvedCells(h.page, '.workspace'), `${width}x${height}`).toEqual([]);
    }
    await h.page.getByRole('tab', { name: ko['ui.workspace.browser'] }).click();
    await expect.poll(() => h.page.getByTestId('browser-count').innerText()).toMatch(/^키 \d+개 찾음\s+스캔 완료/);
    for (const [width, height] of SIZES) {
      await h.page.setViewportSize({ width, height });
      await h.page.waitForTimeout(100);
      await h.page.screenshot({ path: screenshotPath(`ko-browser-${width}`) });
      expect(await overlappingText(h.page, '.workspace'), `browser ${width}x${height}`).toEqual([]);
    }
    await h.page.getByRole('tab', { name: ko['ui.workspace.pattern'] }).click();

    // Leaving the run asks in Korean too; keeping it keeps it.
    await h.page.getByRole('navigation', { name: ko['ui.patterns.sidebar'], exact: true }).getByRole('button').nth(1).click();
    const dialog = h.page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/4단계 중 3단계까지 진행됐습니다/);
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath('ko-discard-dialog-1024') });
    await dialog.getByRole('button', { name: ko['ui.keepRun'] }).click();
    await expect.poll(() => h.app.progress()).toBe('3/4단계');
    await h.page.setViewportSize({ width: 1440, height: 900 });
    expect(h.errors).toEqual([]);
  });

  it('the choice survives a reload, and English comes back the same way', async () => {
    await h.page.reload();
    await h.page.getByTestId('connection-state').and(h.page.locator('[data-state="connected"]')).waitFor();
    expect(await lang()).toBe('ko');
    expect(await languagePick().inputValue()).toBe('ko');
    expect(await h.page.getByTestId('connection-state').innerText()).toBe(ko['ui.status.state.connected']);

    await languagePick().selectOption('en');
    await expect.poll(lang).toBe('en');
    expect(await h.page.getByTestId('connection-state').innerText()).toBe('connected');
    await h.page.reload();
    await h.page.getByTestId('connection-state').and(h.page.locator('[data-state="connected"]')).waitFor();
    expect(await lang()).toBe('en');
  });
});

describe('web mode in Chromium: a browser whose language is Korean', () => {
  const h = webModeHarness();
  let korean: BrowserContext;

  beforeAll(async () => {
    // A fresh profile: no choice remembered, so the app follows the browser's (the OS's) language.
    korean = await launchBrowser(undefined, { locale: 'ko-KR' });
  });
  afterAll(async () => {
    await korean?.close();
  });

  it('starts in Korean, with the picker on "system"', async () => {
    const page = await korean.newPage();
    await page.goto(h.host.url);
    await page.getByRole('button', { name: ko['ui.connect.startSandbox'] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await page.getByRole('tab', { name: ko['ui.connect.existing'] }).isVisible()).toBe(true);
    expect(await page.locator('.lede').innerText()).toMatch(HANGUL);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(100);
      await page.screenshot({ path: screenshotPath(`ko-connect-${width}`) });
      expect(await overlappingText(page), `${width}x${height}`).toEqual([]);
    }
    await page.getByRole('tab', { name: ko['ui.connect.existing'] }).click();
    await page.screenshot({ path: screenshotPath('ko-connect-existing') });
    expect(await overlappingText(page)).toEqual([]);

    await page.getByRole('tab', { name: ko['ui.connect.sandbox'] }).click();
    await page.getByRole('button', { name: ko['ui.connect.startSandbox'] }).click();
    await page.getByTestId('connection-state').and(page.locator('[data-state="connected"]')).waitFor();
    expect(await page.getByTestId('language-pick').inputValue()).toBe('system');
    expect(await page.getByTestId('language-pick').locator('option[value="system"]').innerText()).toBe('시스템 (한국어)');
    await page.getByRole('navigation', { name: ko['ui.patterns.all'] }).waitFor();
    await page.screenshot({ path: screenshotPath('ko-welcome-1440') });
    expect(await page.getByRole('heading', { name: ko['ui.workspace.pick'] }).isVisible()).toBe(true);
  });
});
