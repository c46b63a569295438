import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { AppPage } from './pages/app-page';

describe('web mode in Chromium: the patterns and the ways they break', () => {
  let host: WebHostProcess;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startWebHostProcess();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    app = new AppPage(page);
    await page.goto(host.url);
    await app.startSandbox();
    await page.getByRole('navigation', { name: 'All patterns' }).waitFor();
    await page.screenshot({ path: screenshotPath('pattern-picker') });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('leaderboard: ranked bars reorder as scores change, and the user adds a player', async () => {
    await app.openPattern('Leaderboard');
    const ranking = page.getByRole('list', { name: 'Ranking' });
    const ranks = () => ranking.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
    await app.step();
    await expect.poll(ranks).toEqual(['#1 charlie 1800', '#2 alice 1500', '#3 bob 1200']);
    await app.steps(3);
    await expect.poll(() => app.narrative().innerText()).toMatch(/lowest first: alice 1500, charlie 1800/);
    await app.step();
    await expect.poll(ranks).toEqual(['#1 bob 1900', '#2 charlie 1800', '#3 alice 1500']);

    const form = page.getByRole('form', { name: 'Record a score' });
    await form.getByLabel('Player').fill('erin');
    await form.getByLabel('Score').fill('2500');
    await form.getByRole('button', { name: 'Run' }).click();
    await expect.poll(ranks).toEqual(['#1 erin 2500', '#2 bob 1900', '#3 charlie 1800', '#4 alice 1500']);
    await expect.poll(() => app.narrative().innerText()).toBe('erin now has 2500 and ranks #1.');

    await form.getByLabel('Player').fill('not ok!');
    await form.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Player is not valid/);
    await page.screenshot({ path: screenshotPath('leaderboard') });
  });

  it('write-behind race: the panel counts the points the article’s flush lost, and none for the safe one', async () => {
    await app.openPattern('Write-behind: the lost increment');
    const naive = page.getByRole('region', { name: 'Same race, two flushes' }).getByLabel("article's flush (user 1)");
    const safe = page.getByRole('region', { name: 'Same race, two flushes' }).getByLabel('atomic take (user 2)');
    await app.steps(3);
    await expect.poll(() => page.getByRole('table', { name: 'Pending writes' }).innerText()).toMatch(/1\s+15/);
    await app.step();
    await expect.poll(() => naive.innerText()).toMatch(/points sent by writers\s+15[\s\S]*points in the database\s+10[\s\S]*points lost\s+5/);
    await expect.poll(() => app.narrative().innerText()).toMatch(/5 points are gone/);
    await page.screenshot({ path: screenshotPath('write-behind-lost') });

    await app.steps(4);
    await expect.poll(() => safe.innerText()).toMatch(/points sent by writers\s+15[\s\S]*points in the database\s+15[\s\S]*points lost\s+0/);
    await expect.poll(() => page.getByTestId('worker-state').innerText()).toMatch(/stopped/);
    await page.screenshot({ path: screenshotPath('write-behind-safe') });
  });

  it('pub/sub: receipt counts per subscriber, and the message a disconnected subscriber missed', async () => {
    await app.openPattern('Pub/Sub: the missed message');
    await app.steps(2);
    await expect.poll(() => page.getByTestId('received-subscriberB').innerText()).toBe('1 / 1');
    await app.steps(2);
    await expect.poll(() => app.narrative().innerText()).toMatch(/PUBLISH replied 2: subscriber B was not connected/);
    await app.step();
    await expect.poll(() => page.getByTestId('received-subscriber').innerText()).toBe('2 / 2');
    await expect.poll(() => page.getByTestId('received-psubscriber').innerText()).toBe('2 / 2');
    await expect.poll(() => page.getByTestId('received-subscriberB').innerText()).toBe('1 / 2');
    await expect.poll(() => page.getByRole('list', { name: 'Message log' }).innerText()).toMatch(/missed\s+user_registered user124@example.com/);
    await page.screenshot({ path: screenshotPath('pubsub-missed') });
  });

  it('atomic withdraw: the crowd overdraws without the script and never with it', async () => {
    await app.openPattern('Atomic withdraw (Lua)');
    await app.steps(4);
    const panel = page.getByRole('region', { name: 'Same crowd, two ways' });
    await expect.poll(() => panel.getByLabel('GET, check, DECRBY').innerText()).toMatch(/final balance\s+-200/);
    await expect.poll(() => panel.getByLabel('Lua script').innerText()).toMatch(/final balance\s+10/);
    await page.screenshot({ path: screenshotPath('lua-withdraw') });
    expect(errors).toEqual([]);
  });
});
