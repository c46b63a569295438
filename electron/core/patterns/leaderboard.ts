import source from './leaderboard.ts?raw';
import type { ZsetPanel } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { definePattern, sourceRegion, type ActorContext } from '../engine/pattern';
import { players as show } from './phrases';

const BOARD = 'game_leaderboard';

// #region record
/** As in the article: the score is the sort key; ZADD replaces a player's previous score. */
async function recordGameScore({ redis, key }: ActorContext, player: string, score: number) {
  return redis.zadd(key('game_leaderboard'), score, player); // 1: a new player, 0: a score replaced
}
// #endregion

// #region top
/** Top N, highest first: ZRANGE … REV WITHSCORES returns [member, score, member, score, …]. */
async function getLeaderboard({ redis, key }: ActorContext, limit: number) {
  const flat = (await redis.call('ZRANGE', key('game_leaderboard'), 0, limit - 1, 'REV', 'WITHSCORES')) as string[];
  const board: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) board.push([flat[i], Number(flat[i + 1])]);
  return board;
}
// #endregion

// #region rank
/** 1-based rank, highest score first; 0 when the player is not on the board. */
async function getPlayerRank({ redis, key }: ActorContext, player: string) {
  const rank = await redis.zrevrank(key('game_leaderboard'), player);
  return rank === null ? 0 : rank + 1;
}
// #endregion

// #region range
/** Everyone at or above a score. Redis returns this range lowest score first. */
async function scoresFrom({ redis, key }: ActorContext, min: number) {
  const flat = (await redis.call('ZRANGEBYSCORE', key('game_leaderboard'), min, '+inf', 'WITHSCORES')) as string[];
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], Number(flat[i + 1])]);
  return out;
}
// #endregion

// #region increment
/** A player scores more points; ZINCRBY returns the new score and the board reorders itself. */
async function addPoints({ redis, key }: ActorContext, player: string, points: number) {
  return Number(await redis.zincrby(key('game_leaderboard'), points, player));
}
// #endregion


/** The article's seed scores. */
const SEED: [string, number][] = [
  ['alice', 1500],
  ['bob', 1200],
  ['charlie', 1800],
];

function recordedNarrative(added: number, board: [string, number][]): Message {
  return msg('leaderboard.recorded', { added, seed: show(SEED), board: show(board) });
}

const topNarrative = (limit: number, board: [string, number][]) =>
  board.length < limit ? msg('leaderboard.top.short', { limit, count: board.length, board: show(board) }) : msg('leaderboard.top', { limit, board: show(board) });

const rankNarrative = (player: string, rank: number) => (rank === 0 ? msg('leaderboard.rank.none', { player }) : msg('leaderboard.rank', { reply: rank - 1, player, rank }));

const rangeNarrative = (min: number, range: [string, number][]) => msg('leaderboard.range', { min, range: show(range) });

const bonusNarrative = (player: string, points: number, score: number, before: number, after: number) =>
  before === after ? msg('leaderboard.bonus.stays', { points, score, player, after }) : msg('leaderboard.bonus.moves', { points, score, player, before, after });

function tieNarrative(score: number, daveRank: number, aliceRank: number): Message {
  return msg('leaderboard.tie', { score, daveFirst: daveRank < aliceRank ? 'yes' : 'no', daveRank, aliceRank });
}

const neverPlayedNarrative = (rank: number) => (rank === 0 ? msg('leaderboard.neverPlayed.none') : msg('leaderboard.neverPlayed.found', { rank }));

export const leaderboard = definePattern({
  id: 'leaderboard',
  title: msg('leaderboard.title'),
  group: 'Data structures',
  summary: msg('leaderboard.summary'),
  params: [
    { name: 'topN', label: msg('leaderboard.param.topN'), min: 1, max: 50, default: 3 },
    { name: 'rangeMin', label: msg('leaderboard.param.rangeMin'), min: 0, max: 1_000_000, default: 1500 },
    { name: 'bonus', label: msg('leaderboard.param.bonus'), min: 1, max: 100_000, default: 700 },
  ],
  actors: ['client'],
  panels: ['keys'],
  // The app's own command: the article's zrange(rev=True) is not a redis-py call and never reaches Redis (defect c).
  requires: { major: 6, minor: 2, feature: msg('article.leaderboard.requires') },
  steps: [
    {
      title: msg('leaderboard.step.record'),
      code: `${sourceRegion(source, 'record')}\n\n${sourceRegion(source, 'top')}`,
      actors: ['client'],
      run: async (ctx) => {
        const client = ctx.as('client');
        let added = 0;
        for (const [player, score] of SEED) added += await recordGameScore(client, player, score);
        // Read back in the order Redis keeps them, so the narrative shows that order rather than asserting it.
        return { narrative: recordedNarrative(added, await getLeaderboard(client, SEED.length)), outcome: 'write' };
      },
    },
    {
      title: (p) => msg('leaderboard.step.top', { topN: p.topN }),
      code: sourceRegion(source, 'top'),
      actors: ['client'],
      run: async (ctx) => {
        const board = await getLeaderboard(ctx.as('client'), ctx.params.topN);
        return { narrative: topNarrative(ctx.params.topN, board), outcome: 'info' };
      },
    },
    {
      title: msg('leaderboard.step.rank'),
      code: sourceRegion(source, 'rank'),
      actors: ['client'],
      run: async (ctx) => {
        const rank = await getPlayerRank(ctx.as('client'), 'alice');
        return { narrative: rankNarrative('alice', rank), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('leaderboard.step.range', { rangeMin: p.rangeMin }),
      code: sourceRegion(source, 'range'),
      actors: ['client'],
      run: async (ctx) => {
        const range = await scoresFrom(ctx.as('client'), ctx.params.rangeMin);
        return { narrative: rangeNarrative(ctx.params.rangeMin, range), outcome: 'info' };
      },
    },
    {
      title: (p) => msg('leaderboard.step.bonus', { bonus: p.bonus }),
      code: sourceRegion(source, 'increment'),
      actors: ['client'],
      run: async (ctx) => {
        const client = ctx.as('client');
        const before = await getPlayerRank(client, 'bob');
        const score = await addPoints(client, 'bob', ctx.params.bonus);
        const after = await getPlayerRank(client, 'bob');
        return { narrative: bonusNarrative('bob', ctx.params.bonus, score, before, after), outcome: 'write' };
      },
    },
    {
      title: msg('leaderboard.step.tie'),
      code: sourceRegion(source, 'record'),
      actors: ['client'],
      run: async (ctx) => {
        const client = ctx.as('client');
        const alice = Number(await client.redis.zscore(ctx.key(BOARD), 'alice'));
        await recordGameScore(client, 'dave', alice);
        const [a, d] = [await getPlayerRank(client, 'alice'), await getPlayerRank(client, 'dave')];
        return { narrative: tieNarrative(alice, d, a), outcome: 'write' };
      },
    },
    {
      title: msg('leaderboard.step.neverPlayed'),
      code: sourceRegion(source, 'rank'),
      actors: ['client'],
      run: async (ctx) => {
        const rank = await getPlayerRank(ctx.as('client'), 'zoe');
        return { narrative: neverPlayedNarrative(rank), outcome: 'info' };
      },
    },
  ],
  actions: [
    {
      id: 'record-score',
      label: msg('leaderboard.action.record'),
      fields: [
        // Letters of any script (a Korean reader types 민준), digits, _ and -: one short word in a trace line.
        { name: 'player', label: msg('field.player'), kind: 'text', pattern: '[\\p{L}\\p{N}_-]{1,32}', placeholder: msg('field.player.placeholder') },
        { name: 'score', label: msg('field.score'), kind: 'number', min: -1e12, max: 1e12, placeholder: msg('field.score.placeholder') },
      ],
      run: async (ctx, values) => {
        const client = ctx.as('client');
        const player = String(values.player);
        const added = await recordGameScore(client, player, Number(values.score));
        const rank = await getPlayerRank(client, player);
        const score = String(values.score);
        const narrative = added ? msg('leaderboard.action.new', { player, score, rank }) : msg('leaderboard.action.replaced', { player, score, rank });
        return { title: msg('leaderboard.action.title', { player, score }), narrative, outcome: 'write' };
      },
    },
  ],
  inspect: async ({ control, key }): Promise<ZsetPanel[]> => {
    const flat = await control.zrevrange(key(BOARD), 0, 49, 'WITHSCORES');
    const entries: ZsetPanel['entries'] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i], score: Number(flat[i + 1]) });
    return [{ kind: 'zset', key: key(BOARD), entries }];
  },
});

