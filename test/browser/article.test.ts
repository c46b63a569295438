import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/i18n/catalog';
import { screenshotPath } from '../helpers/browser';
import { webModeHarness } from '../helpers/web-mode-harness';

const ko = CATALOGS.ko;

describe('web mode in Chromium: the article beside the code, in English and 한국어', () => {
  const h = webModeHarness();
  const tab = (name: string) => h.page.getByRole('tab', { name, exact: true });
  const code = () => h.page.getByLabel(/^(Step code|단계 코드)$/);
  const shots = async (name: string) => {
    await h.page.screenshot({ path: screenshotPath(`${name}-1440`) });
    await h.page.setViewportSize({ width: 1024, height: 640 });
    await h.page.screenshot({ path: screenshotPath(`${name}-1024`) });
    await h.page.setViewportSize({ width: 1440, height: 900 });
  };

  it('names the article and its section, says what the run measured, and shows the step in Python', async () => {
    await h.page.goto(h.host.url);
    await h.app.startSandbox();
    await h.app.openPattern('Cache-aside');
    await h.app.steps(2);
    const source = h.page.locator('.detail-header .article-source');
    expect(await source.innerText()).toBe('From the article “Redis 캐시 전략 실전 — 단순 TTL을 넘어서”, section “캐싱 패턴 1: Cache-Aside (Lazy Loading)”');

    await tab('Article').click();
    const panel = h.page.getByRole('region', { name: 'Article' });
    await expect.poll(() => panel.innerText()).toMatch(/Pros\s+Simple, and only what is actually read gets cached\.[\s\S]*Cons\s+The first read/);
    // Measured, not written down: the MISS read the database (100 ms by default), the HIT did not.
    const measured = await panel.getByRole('list', { name: 'What this run showed' }).innerText();
    const [, miss, hit] = /The MISS took ([\d.]+) ms, the HIT ([\d.]+) ms/.exec(measured)!.map(Number);
    expect(miss).toBeGreaterThanOrEqual(100);
    expect(hit).toBeLessThan(miss);

    await tab('Code').click();
    expect(await code().innerText()).toContain('await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user));');
    await h.page.getByRole('radio', { name: 'Python' }).click();
    await expect.poll(() => code().innerText()).toContain("r.setex(cache_key, 3600, json.dumps(user))");
    expect(await h.page.locator('.code-toolbar').innerText()).toMatch(/sends the same commands as the TypeScript, in the same order/);
    await shots('article-python-en');

    await tab('Article').click();
    await shots('article-panel-en');

    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => source.innerText()).toBe('원문 “Redis 캐시 전략 실전 — 단순 TTL을 넘어서”의 “캐싱 패턴 1: Cache-Aside (Lazy Loading)” 절');
    const koPanel = h.page.getByRole('region', { name: ko['article.tab'] });
    await expect.poll(() => koPanel.innerText()).toMatch(/장점\s+단순하고[\s\S]*캐시 미스는 [\d.]+ ms, 캐시 히트는 [\d.]+ ms 걸렸습니다/);
    await shots('article-panel-ko');
    await tab(ko['ui.detail.code']).click();
    await expect.poll(() => h.page.locator('.code-toolbar').innerText()).toMatch(/같은 명령을 같은 순서로 보냅니다/);
    expect(await code().innerText()).toContain('r.setex(cache_key, 3600, json.dumps(user))');
    await h.page.getByRole('radio', { name: 'TypeScript' }).click();
    await expect.poll(() => code().innerText()).toContain('await redis.setex(');
    await h.page.getByRole('radio', { name: 'Python' }).click();
    await shots('article-python-ko');

    // The leaderboard names defects (b) and (c), with the fix; the version gate credits the app, not the article.
    await h.page.getByTestId('language-pick').selectOption('en');
    await h.app.openPattern('Leaderboard');
    await h.app.steps(1);
    await tab('Article').click();
    await expect.poll(() => panel.innerText()).toMatch(/Defect \(b\)[\s\S]*Defect \(c\): zrange\(…, rev=True\) is not a redis-py call[\s\S]*sends ZREVRANGE/);
    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => koPanel.innerText()).toMatch(/결함 \(b\)[\s\S]*결함 \(c\): zrange\(…, rev=True\)는 redis-py 호출이 아님[\s\S]*ZREVRANGE/);
    await shots('article-leaderboard-ko');
    expect(h.errors).toEqual([]);
  });

  it('write-behind: defect (d) run on the page strands the points; the flush parameter is on the form', async () => {
    await h.page.getByTestId('language-pick').selectOption('en');
    await h.app.openPattern('Write-behind');
    expect(await h.page.getByLabel('Flush: 0 = the article’s as written (defect a), 1 = safe').inputValue()).toBe('1');
    await h.app.steps(2);
    const form = h.page.getByRole('form', { name: 'Flush as the article’s client would, without decode_responses (defect d)' });
    await form.getByRole('button', { name: 'Run' }).click();
    // The form's flush is several round trips after the click: on a loaded machine that can outlast the default 1 s poll.
    await expect.poll(() => h.app.narrative().innerText(), { timeout: 10_000 }).toMatch(/looked for rpi:user:score:b'1': GET replied nil[\s\S]*SREM replied 1[\s\S]*10 points are stranded in rpi:user:score:1/);
    await tab('Article').click();
    await expect.poll(() => h.page.getByRole('region', { name: 'Article' }).innerText()).toMatch(/Defect \(a\)[\s\S]*Defect \(d\): the write-behind client has no decode_responses[\s\S]*user:score:b'1'/);
    await h.page.getByTestId('language-pick').selectOption('ko');
    await expect.poll(() => h.page.getByLabel(ko['ui.detail.narrative']).innerText()).toMatch(/10점이 rpi:user:score:1에 갇혔습니다/);
    await shots('article-write-behind-ko');
    expect(h.errors).toEqual([]);
  });
});
