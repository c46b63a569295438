/**
 * The article's defect (d), run on a real server: read on its own, the
 * write-behind section's client has no decode_responses, so redis-py hands
 * the flush each pending id as bytes, and f'user:score:{user_id}' becomes
 * user:score:b'1'. This sends exactly what that flush sends.
 */
import source from './write-behind-bytes.ts?raw';
import { msg } from '../../../shared/i18n/message';
import type { ActionDef, ActorContext } from '../engine/pattern';
import { sourceRegion } from '../engine/pattern';
import type { WriteBehindState } from './write-behind-state';

// #region flush-bytes
/** The article's flush as a client without decode_responses runs it: every id is b'…'. */
export async function flushWithByteIds({ redis, db, key }: ActorContext) {
  const removed: { userId: string; cacheKey: string; srem: number }[] = [];
  for (const userId of await redis.smembers(key('pending_writes'))) {
    const asPythonSees = `b'${userId}'`; // str(b'1') in an f-string
    const cacheKey = key(`user:score:${asPythonSees}`);
    const newScore = await redis.get(cacheKey); // nil: no such key
    if (newScore) {
      await db.addScore(Number(userId), Number(newScore));
      await redis.del(cacheKey);
    }
    const srem = await redis.srem(key('pending_writes'), userId); // the id goes anyway
    removed.push({ userId, cacheKey, srem });
  }
  return removed;
}
// #endregion

export const BYTES_CODE = sourceRegion(source, 'flush-bytes');

export const bytesFlushAction: ActionDef<WriteBehindState> = {
  id: 'article-bytes-flush',
  label: msg('article.bytes.action'),
  fields: [],
  run: async (ctx) => {
    const title = msg('article.bytes.title');
    const removed = await flushWithByteIds(ctx.as('worker'));
    if (!removed.length) return { title, narrative: msg('article.bytes.none'), outcome: 'info' };
    let stranded = 0;
    for (const { userId } of removed) stranded += Number((await ctx.peekKey(ctx.key(`user:score:${userId}`))).value ?? 0);
    const first = removed[0];
    const narrative = msg('article.bytes.done', {
      key: first.cacheKey,
      removed: removed.reduce((t, r) => t + r.srem, 0),
      stranded,
      scoreKey: ctx.key(`user:score:${first.userId}`),
    });
    return { title, narrative, outcome: stranded > 0 ? 'stuck' : 'info' };
  },
};
