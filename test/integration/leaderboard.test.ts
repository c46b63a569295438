import { describe, expect, it } from 'vitest';
import type { ZsetPanel } from '../../shared/model';
import { leaderboard } from '../../electron/core/patterns/leaderboard';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

describe('leaderboard on a real redis-server', () => {
  const h = patternHarness('lb:');

  it('runs the article step by step, with real replies', async () => {
    const s = await h.open(leaderboard, { topN: 3, rangeMin: 1500, bonus: 700 });
    await s.step();
    expect(await h.check.zrange('lb:game_leaderboard', 0, -1, 'WITHSCORES')).toEqual(['bob', '1200', 'alice', '1500', 'charlie', '1800']);
    expect(await h.check.type('lb:game_leaderboard')).toBe('zset');

    const top = await s.step();
    expect(english(top).narrative).toBe('Top 3, highest first: charlie 1800, alice 1500, bob 1200.');
    // The same step in Korean, from the same message: a language switch re-renders it.
    expect(fmt(top.narrative, 'ko')).toBe('점수 높은 순 상위 3명: charlie 1800, alice 1500, bob 1200.');
    const rank = await s.step();
    expect(english(rank).narrative).toMatch(/rank is 1 \+ 1 = 2/);
    expect(fmt(rank.narrative, 'ko')).toBe('ZREVRANK가 1을 돌려줬습니다. 0부터 세므로 alice의 순위는 1 + 1 = 2위입니다.');
    // The article prints this range highest first; Redis answers lowest first.
    expect(english(await s.step()).narrative).toMatch(/lowest score first: alice 1500, charlie 1800\./);

    const moved = english(await s.step());
    expect(moved.narrative).toBe('ZINCRBY 700 replied 1900: bob moves from #3 to #1.');
    expect(await h.check.zscore('lb:game_leaderboard', 'bob')).toBe('1900');

    const tie = english(await s.step());
    expect(tie.narrative).toMatch(/dave \(#3\) above alice \(#4\)/);
    expect(await h.check.zrevrank('lb:game_leaderboard', 'dave')).toBe(2);

    expect(english(await s.step()).narrative).toMatch(/the rank is 0/);

    const [panel] = (await s.inspect()) as [ZsetPanel];
    expect(panel.entries).toEqual([
      { member: 'bob', score: 1900 },
      { member: 'charlie', score: 1800 },
      { member: 'dave', score: 1500 },
      { member: 'alice', score: 1500 },
    ]);
  });

  it('lets the user add players and scores, validating them first', async () => {
    const s = await h.open(leaderboard, {});
    english(await s.step());
    const added = english(await s.action('record-score', { player: 'erin', score: 2000 }));
    expect(added).toMatchObject({ stepIndex: -1, narrative: 'ZADD replied 1: erin is new on the board, with 2000, ranked #1.' });
    expect(english(s.snapshot()).cursor).toBe(1);
    await expect(s.action('record-score', { player: 'bad name!', score: 1 })).rejects.toThrow(/Player is not valid/);
    await expect(s.action('record-score', { player: 'x', score: 'lots' })).rejects.toThrow(/Score must be a number/);
    await expect(s.action('nope', {})).rejects.toThrow(/no action/);
    // A Korean reader's player name is a name (found by the independent tester: 민준 was refused), told with the right particle.
    const korean = await s.action('record-score', { player: '민준', score: 1500 });
    expect(fmt(korean.narrative, 'ko')).toBe('ZADD가 1을 돌려줬습니다: 민준이 1500점으로 순위판에 새로 올라 3위입니다.');
    expect(await h.check.zscore('lb:game_leaderboard', '민준')).toBe('1500');
    expect(await h.check.zcard('lb:game_leaderboard')).toBe(5);
  });
});
