/**
 * The write-behind pattern's code, as the steps run it: the writer, the
 * article's flush, and a flush that cannot lose an increment.
 */
import source from './write-behind-flush.ts?raw';
import { sourceRegion, type ActorContext } from '../engine/pattern';
import { runScript } from '../redis/run-script';

// #region increment
/** As in the article: count in Redis now, remember who needs flushing, return at once. */
export async function incrementUserScore({ redis, key }: ActorContext, userId: number, points: number) {
  const total = await redis.incrby(key(`user:score:${userId}`), points);
  const added = await redis.sadd(key('pending_writes'), userId); // 0: the id was already pending
  return { total, added };
}
// #endregion

// #region flush-article
/** The article's flush. Between its GET and its DEL, an INCRBY from a writer is lost. */
export async function flushAsInArticle({ redis, db, key }: ActorContext, raceWindow = async () => {}) {
  let written = 0;
  for (const userId of await redis.smembers(key('pending_writes'))) {
    const cacheKey = key(`user:score:${userId}`);
    const newScore = await redis.get(cacheKey);
    await raceWindow(); // nothing stops a writer here
    if (newScore) {
      await db.addScore(Number(userId), Number(newScore));
      await redis.del(cacheKey); // deletes increments that arrived after the GET
      written++;
    }
    await redis.srem(key('pending_writes'), userId);
  }
  return written;
}
// #endregion

// #region take-script
/**
 * Atomically takes a user's points and parks them under a flush token in
 * the "processing" hash, so they survive a worker crash until committed.
 * Inside a script GET and DEL are one atomic step, so this needs no
 * GETDEL (Redis 6.2) and runs on any server the app supports.
 * KEYS: pending set, score key, processing hash. ARGV: user id, token.
 */
export const TAKE_SCRIPT = `
local points = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[1], ARGV[1])
if not points then return false end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1] .. ':' .. points)
return points`;
// #endregion

let tokenSeq = 0;
const runId = Math.random().toString(36).slice(2, 8);

// #region flush-safe
/**
 * A flush that loses nothing: take each value atomically (new increments
 * start a fresh key and re-add the id), commit it to the database under a
 * token the database applies once, and only then drop it from "processing".
 */
export async function flushSafely({ redis, db, key }: ActorContext, beforeCommit = async () => {}) {
  let flushed = 0;
  for (const userId of await redis.smembers(key('pending_writes'))) {
    const token = `${runId}-${++tokenSeq}`;
    const keys = [key('pending_writes'), key(`user:score:${userId}`), key('processing')];
    const points = await runScript(redis, TAKE_SCRIPT, keys, [userId, token]);
    if (points === null) continue;
    await beforeCommit(); // a crash here leaves the points in "processing", not lost
    await db.applyFlush(token, Number(userId), Number(points));
    await redis.call('HDEL', key('processing'), token);
    flushed++;
  }
  return flushed;
}
// #endregion

// #region recover
/** On worker start: commit whatever a crashed worker had taken. The database ignores tokens it already has. */
export async function recoverProcessing({ redis, db, key }: ActorContext) {
  const parked = Object.entries(await redis.hgetall(key('processing')));
  for (const [token, entry] of parked) {
    const [userId, points] = entry.split(':').map(Number);
    await db.applyFlush(token, userId, points);
    await redis.call('HDEL', key('processing'), token);
  }
  return parked.length;
}
// #endregion

export const CODE = {
  increment: sourceRegion(source, 'increment'),
  flushArticle: sourceRegion(source, 'flush-article'),
  flushSafe: `${sourceRegion(source, 'take-script')}\n\n${sourceRegion(source, 'flush-safe')}`,
  recover: sourceRegion(source, 'recover'),
};
