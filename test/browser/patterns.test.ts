import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

describe('web mode in Chromium: the patterns and the ways they break', () => {
  const h = webModeHarness();

  beforeAll(async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.page.getByRole('navigation', { name: 'All patterns' }).waitFor();
    await h.page.screenshot({ path: screenshotPath('pattern-picker') });
  });

  it('leaderboard: ranked bars reorder as scores change, and the user adds a player', async () => {
    await h.app.openPattern('Leaderboard');
    const ranking = h.page.getByRole('list', { name: 'Ranking' });
    const ranks = () => ranking.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
    await h.app.step();
    await expect.poll(ranks).toEqual(['#1 charlie 1800', '#2 alice 1500', '#3 bob 1200']);
    await h.app.steps(3);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/lowest (score )?first: alice 1500, charlie 1800/);
    await h.app.step();
    await expect.poll(ranks).toEqual(['#1 bob 1900', '#2 charlie 1800', '#3 alice 1500']);

    const form = h.page.getByRole('form', { name: 'Record a score' });
    await form.getByLabel('Player').fill('erin');
    await form.getByLabel('Score').fill('2500');
    await form.getByRole('button', { name: 'Run' }).click();
    await expect.poll(ranks).toEqual(['#1 erin 2500', '#2 bob 1900', '#3 charlie 1800', '#4 alice 1500']);
    // The narrative's wording belongs to the pattern; the facts it must carry are checked here.
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/erin[\s\S]*2500[\s\S]*#1/);

    await form.getByLabel('Player').fill('not ok!');
    await form.getByRole('button', { name: 'Run' }).click();
    // Checked before sending, with the host's own checker: the message sits under the field, nothing ran.
    await expect.poll(() => form.locator('.field-error').innerText()).toBe('Player is not valid: "not ok!" is not allowed here (e.g. erin).');
    expect(await form.getByLabel('Player').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(ranks).toEqual(['#1 erin 2500', '#2 bob 1900', '#3 charlie 1800', '#4 alice 1500']);
    await h.page.screenshot({ path: screenshotPath('leaderboard') });
  });

  it('write-behind race: the panel counts the points the article’s flush lost, and none for the safe one', async () => {
    await h.app.openPattern('Write-behind: the lost increment');
    const naive = h.page.getByRole('region', { name: 'Same race, two flushes' }).getByLabel("article's flush (user 1)");
    const safe = h.page.getByRole('region', { name: 'Same race, two flushes' }).getByLabel('atomic take (user 2)');
    await h.app.steps(3);
    await expect.poll(() => h.page.getByRole('table', { name: 'Pending writes' }).innerText()).toMatch(/1\s+15/);
    await h.app.step();
    await expect.poll(() => naive.innerText()).toMatch(/points sent by writers\s+15[\s\S]*points in the database\s+10[\s\S]*points lost\s+5/);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/10 of the 15 points[\s\S]*5 points/);
    await h.page.screenshot({ path: screenshotPath('write-behind-lost') });

    await h.app.steps(4);
    await expect.poll(() => safe.innerText()).toMatch(/points sent by writers\s+15[\s\S]*points in the database\s+15[\s\S]*points lost\s+0/);
    await expect.poll(() => h.page.getByTestId('worker-state').innerText()).toMatch(/stopped/);
    await h.page.screenshot({ path: screenshotPath('write-behind-safe') });
  });

  it('pub/sub: receipt counts per subscriber, and the message a disconnected subscriber missed', async () => {
    await h.app.openPattern('Pub/Sub: the missed message');
    await h.app.steps(2);
    await expect.poll(() => h.page.getByTestId('received-subscriberB').innerText()).toBe('1 / 1');
    await h.app.steps(2);
    await expect.poll(() => h.app.narrative().innerText()).toMatch(/PUBLISH replied 2\b[\s\S]*subscriber B did not/);
    await h.app.step();
    await expect.poll(() => h.page.getByTestId('received-subscriber').innerText()).toBe('2 / 2');
    await expect.poll(() => h.page.getByTestId('received-psubscriber').innerText()).toBe('2 / 2');
    await expect.poll(() => h.page.getByTestId('received-subscriberB').innerText()).toBe('1 / 2');
    await expect.poll(() => h.page.getByRole('list', { name: 'Message log' }).innerText()).toMatch(/missed\s+user_registered user124@example.com/);
    await h.page.screenshot({ path: screenshotPath('pubsub-missed') });
  });

  it('atomic withdraw: the crowd overdraws without the script and never with it', async () => {
    await h.app.openPattern('Atomic withdraw (Lua)');
    await h.app.steps(4);
    const panel = h.page.getByRole('region', { name: 'Same crowd, two ways' });
    await expect.poll(() => panel.getByLabel('GET, check, DECRBY').innerText()).toMatch(/final balance\s+-200/);
    await expect.poll(() => panel.getByLabel('Lua script').innerText()).toMatch(/final balance\s+10/);
    await h.page.screenshot({ path: screenshotPath('lua-withdraw') });
    expect(h.errors).toEqual([]);
  });
});
