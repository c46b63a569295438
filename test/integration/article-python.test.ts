import { describe, expect, it } from 'vitest';
import { ARTICLE_PATTERNS, collapseRepeats, pythonCommands, typescriptCommands } from '../../shared/article/article';
import { PATTERNS } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';

/** Whether `part` appears in `whole` in order (not necessarily adjacent). */
function inOrder(part: string[], whole: string[]): boolean {
  let i = 0;
  for (const c of whole) if (c === part[i]) i++;
  return i === part.length;
}

describe('the Python beside each article step sends what the TypeScript sends', () => {
  const h = patternHarness('py:');

  it('maps redis-py calls to commands, and refuses the article’s zrange(rev=True)', () => {
    expect(pythonCommands("x = r.get('k')  # r.setex(ignored)\nr.setex('k', 1, v)\nr.delete('k')")).toEqual(['GET', 'SETEX', 'DEL']);
    expect(pythonCommands("r.zrange('game_leaderboard', 0, 9, desc=True, withscores=True)")).toEqual(['ZREVRANGE']);
    expect(() => pythonCommands("r.zrange('game_leaderboard', 0, limit - 1, rev=True, withscores=True)")).toThrow(/not a redis-py call/);
    expect(pythonCommands('S = """\nredis.call(\'GET\', KEYS[1])\n"""\nr.script_load(S)')).toEqual(['SCRIPT']);
    expect(typescriptCommands('const S = `redis.call(\'GET\', KEYS[1])`;\nawait redis.set(k, 1)')).toEqual(['SET']);
    expect(typescriptCommands("await redis.call('ZRANGE', k, 0, 1, 'REV') // redis.get(x)\nawait runScript(redis, S, [], [])")).toEqual(['ZRANGE', 'EVALSHA']);
  });

  for (const [patternId, link] of Object.entries(ARTICLE_PATTERNS)) {
    const indices = Object.keys(link.steps).map(Number);
    if (!indices.length) continue;
    it(`${patternId}: Python, TypeScript and the real trace agree, step by step`, async () => {
      const def = PATTERNS.find((p) => p.id === patternId);
      expect(def, patternId).toBeDefined();
      // A 1 s flush timer: the write-behind worker flushes within the wait step (the scores' own traces never hold its commands).
      const session = await h.open(def!, { intervalSec: 1, dbLatencyMs: 0 });
      try {
        const last = Math.max(...indices);
        for (let i = 0; i <= last; i++) {
          const result = await session.step();
          const entry = link.steps[i];
          if (!entry) continue;
          const where = `${patternId} step ${i + 1}`;
          const declared = collapseRepeats(entry.commands);
          expect(collapseRepeats(pythonCommands(entry.python)), `${where}: Python`).toEqual(declared);
          expect(collapseRepeats(typescriptCommands(def!.steps[i].code)), `${where}: TypeScript`).toEqual(declared);
          const sends = collapseRepeats(entry.sends ?? entry.commands);
          expect(inOrder(sends, declared), `${where}: sends is a path through the code`).toBe(true);
          if (entry.background) {
            // A timer-driven worker: its commands are in the background log, between other flushes' and the recovery's.
            const worker = session.snapshot().background.flatMap((t) => (t.kind === 'redis' && t.actor === 'worker' ? [t.command.toUpperCase()] : []));
            expect(inOrder(sends, worker), `${where}: background trace ${worker.join(' ')}`).toBe(true);
            continue;
          }
          const traced = collapseRepeats(result.trace.flatMap((t) => (t.kind === 'redis' ? [t.command.toUpperCase()] : [])));
          expect(traced, `${where}: trace on redis-server`).toEqual(sends);
        }
      } finally {
        await session.dispose();
      }
    });
  }
});
