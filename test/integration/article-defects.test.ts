import { describe, expect, it } from 'vitest';
import type { RedisTrace } from '../../shared/model';
import { formatMessage } from '../../shared/i18n/format';
import { writeBehind } from '../../electron/core/patterns/write-behind';
import { leaderboard } from '../../electron/core/patterns/leaderboard';
import { pubsub } from '../../electron/core/patterns/pubsub';
import { patternHarness } from '../helpers/pattern-harness';

const redisOf = (trace: { kind: string }[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');

describe('the article’s defects and data, on a real redis-server', () => {
  const h = patternHarness('ad:');

  it('(d) a flush without decode_responses looks for user:score:b\'1\', reads nil, SREMs the id anyway: the points are stranded', async () => {
    const session = await h.open(writeBehind, { intervalSec: 120, points: 10, dbLatencyMs: 0 });
    await h.steps(session, 2); // worker started (flushes in 120 s), user 1 scored 10
    const result = await session.action('article-bytes-flush', {});
    const sent = redisOf(result.trace).map((t) => [t.command.toUpperCase(), t.args[0], t.reply]);
    expect(sent).toEqual([
      ['SMEMBERS', 'ad:pending_writes', expect.anything()],
      ['GET', "ad:user:score:b'1'", expect.stringMatching(/nil|null/i)],
      ['SREM', 'ad:pending_writes', '(integer) 1'],
    ]);
    expect(result.trace.some((t) => t.kind === 'db')).toBe(false);
    // Stranded: still in user:score:1, no longer pending, not in the database.
    expect(await h.check.get('ad:user:score:1')).toBe('10');
    expect(await h.check.smembers('ad:pending_writes')).toEqual([]);
    expect(h.db.allScores().get(1) ?? 0).toBe(0);
    expect(result.outcome).toBe('stuck');
    expect(formatMessage(result.narrative)).toMatch(/looked for ad:user:score:b'1'.*SREM replied 1.*10 points are stranded in ad:user:score:1/);
    expect(formatMessage(result.narrative, 'ko')).toMatch(/10점이 ad:user:score:1에 갇혔습니다/);
    await session.dispose();
  });

  for (const [flush, commands] of [
    [0, ['SMEMBERS', 'GET', 'DEL', 'SREM']],
    [1, ['SMEMBERS', 'EVALSHA', 'HDEL']],
  ] as const) {
    it(`the main write-behind page runs the ${flush === 0 ? 'article’s flush as written' : 'safe flush'} when flush=${flush}, and says the database adds it`, async () => {
      const session = await h.open(writeBehind, { intervalSec: 1, points: 10, dbLatencyMs: 0, flush });
      expect(session.snapshot().params.flush).toBe(flush);
      await h.steps(session, 4);
      const waited = await session.step();
      expect(waited.outcome).toBe('safe');
      expect(h.db.allScores().get(1)).toBe(20);
      expect(h.db.allScores().get(2)).toBe(20);
      const worker = redisOf(session.snapshot().background).filter((t) => t.actor === 'worker').map((t) => t.command.toUpperCase());
      const firstFlush = worker.slice(worker.indexOf('SMEMBERS'));
      for (const c of commands) expect(firstFlush).toContain(c);
      if (flush === 0) expect(firstFlush).not.toContain('EVALSHA');
      else expect(firstFlush).not.toContain('DEL');
      const text = formatMessage(waited.narrative);
      expect(text).toMatch(flush === 0 ? /the article’s flush as written \(GET … DEL/ : /the safe flush/);
      expect(text).toMatch(/The database adds each flushed value to the stored score, because the key is deleted after each flush/);
      await session.dispose();
    });
  }

  it('(c) the version gate names ZRANGE … REV as the app’s own command, not the article’s', () => {
    expect(formatMessage(leaderboard.requires!.feature)).toMatch(/the app’s own top-N command — the article’s zrange\(rev=True\) line is not a redis-py call/);
  });

  it('the notification is the article’s: user_registered, user_id 123, newuser@example.com, an ISO timestamp', async () => {
    const session = await h.open(pubsub);
    const [, published] = await h.steps(session, 2);
    const pub = redisOf(published.trace).find((t) => t.command.toUpperCase() === 'PUBLISH')!;
    const data = JSON.parse(pub.args[1]);
    expect(Object.keys(data)).toEqual(['type', 'user_id', 'email', 'timestamp']);
    expect(data).toMatchObject({ type: 'user_registered', user_id: 123, email: 'newuser@example.com' });
    expect(new Date(data.timestamp).toISOString()).toBe(data.timestamp);
    await session.dispose();
  });
});
