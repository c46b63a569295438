import { describe, expect, it } from 'vitest';
import type { CountersPanel, PendingPanel } from '../../shared/model';
import type { ActorContext } from '../../electron/core/engine/pattern';
import { realSleep } from '../../electron/core/engine/step-context';
import { writeBehind } from '../../electron/core/patterns/write-behind';
import { writeBehindCrash } from '../../electron/core/patterns/write-behind-crash';
import { writeBehindLostUpdate } from '../../electron/core/patterns/write-behind-lost-update';
import { flushSafely, incrementUserScore, recoverProcessing } from '../../electron/core/patterns/write-behind-flush';
import { tracedClient } from '../../electron/core/redis/traced-client';
import { patternHarness } from '../helpers/pattern-harness';
import { english } from '../helpers/format-message';

const NS = 'wb:';

describe('write-behind on a real redis-server', () => {
  const h = patternHarness('wb:');

  it("the article's flush loses the racing increment; the atomic take does not", async () => {
    const session = await h.open(writeBehindLostUpdate, { first: 10, second: 5, dbLatencyMs: 5 });

    english(await h.steps(session, 2));
    // The worker is inside its race window: it has read 10, the key is still there.
    expect(await h.check.get('wb:user:score:1')).toBe('10');
    await session.step();
    expect(await h.check.get('wb:user:score:1')).toBe('15');
    expect(await h.check.smembers('wb:pending_writes')).toEqual(['1']);
    const lost = await session.step();
    expect(lost.outcome).toBe('lost');
    expect(h.db.allScores().get(1)).toBe(10);
    expect(await h.check.exists('wb:user:score:1')).toBe(0);
    expect(await h.check.smembers('wb:pending_writes')).toEqual([]);
    const traceCommands = lost.trace.filter((t) => t.kind === 'redis').map((t) => (t.kind === 'redis' ? t.command : ''));
    expect(traceCommands).toEqual(['DEL', 'SREM']);

    english(await h.steps(session, 2));
    // The safe worker took user 2 atomically: key gone, points parked under a token.
    expect(await h.check.exists('wb:user:score:2')).toBe(0);
    expect(Object.values(await h.check.hgetall('wb:processing'))).toEqual(['2:10']);
    expect(await h.check.smembers('wb:pending_writes')).toEqual([]);
    await session.step();
    expect(await h.check.get('wb:user:score:2')).toBe('5');
    expect(await h.check.smembers('wb:pending_writes')).toEqual(['2']);
    const safe = await session.step();
    expect(safe.outcome).toBe('safe');
    expect(h.db.allScores().get(2)).toBe(15);
    expect(await h.check.hlen('wb:processing')).toBe(0);
    expect(await h.check.exists('wb:user:score:2')).toBe(0);

    const [counters] = english((await session.inspect()) as [CountersPanel]);
    const lostOf = (col: number) => counters.columns[col].items.find((i) => i.label === 'points lost')!.value;
    expect(lostOf(0)).toBe(5);
    expect(lostOf(1)).toBe(0);
  });

  it('a worker crash between take and commit loses nothing: the parked points are replayed once', async () => {
    const session = await h.open(writeBehindCrash, { first: 40, second: 2, dbLatencyMs: 5 });
    english(await h.steps(session, 2));
    expect(await h.check.exists('wb:user:score:3')).toBe(0);
    expect(await h.check.smembers('wb:pending_writes')).toEqual([]);
    expect(Object.values(await h.check.hgetall('wb:processing'))).toEqual(['3:40']);
    expect(h.db.allScores().get(3)).toBeUndefined();
    const [, pending] = (await session.inspect()) as [CountersPanel, PendingPanel];
    expect(pending.worker.state).toBe('crashed');
    expect(pending.items).toEqual([{ id: '3', cached: 40, inDb: null, processing: true }]);

    english(await h.steps(session, 2));
    expect(h.db.allScores().get(3)).toBe(42);
    expect(await h.check.hlen('wb:processing')).toBe(0);
    expect(await h.check.smembers('wb:pending_writes')).toEqual([]);
  });

  it('replaying a token the database already applied does not count it twice', async () => {
    const sink = () => {};
    const worker: ActorContext = {
      redis: tracedClient(h.connection.clientFor('worker'), 'worker', NS, sink),
      db: h.db.traced('worker', sink),
      key: (n) => NS + n,
      params: {},
      note: sink,
      connection: h.connection.clientFor('worker'),
      ready: async () => {},
      sleep: realSleep,
    };
    h.db.reset();
    await h.check.del('wb:processing');
    expect(await h.db.traced('worker', sink).applyFlush('t-1', 9, 7)).toBe(true);
    // Crash after the commit, before the HDEL: the entry is still parked.
    await h.check.hset('wb:processing', 't-1', '9:7');
    expect(await recoverProcessing(worker)).toBe(1);
    expect(h.db.allScores().get(9)).toBe(7);
    expect(await h.check.hlen('wb:processing')).toBe(0);
  });

  it('the timer-driven worker flushes in the background and the panel shows it', async () => {
    const session = await h.open(writeBehind, { intervalSec: 1, points: 10, dbLatencyMs: 0 });
    await session.step();
    let [pending] = (await session.inspect()) as [PendingPanel];
    expect(pending.worker).toMatchObject({ state: 'idle', intervalMs: 1000 });
    expect(pending.worker.nextRunAt! - Date.now()).toBeLessThanOrEqual(1000);
    english(await h.steps(session, 3));
    [pending] = (await session.inspect()) as [PendingPanel];
    expect(pending.items.map((i) => [i.id, i.cached])).toEqual([
      ['1', 20],
      ['2', 20],
    ]);
    expect(pending.oldestAgeMs).toBeGreaterThanOrEqual(0);
    const waited = await session.step();
    expect(waited.outcome).toBe('safe');
    expect(h.db.allScores().get(1)).toBe(20);
    expect(h.db.allScores().get(2)).toBe(20);
    expect(session.snapshot().background.some((t) => t.kind === 'db' && t.actor === 'worker')).toBe(true);
    [pending] = (await session.inspect()) as [PendingPanel];
    expect(pending.items).toEqual([]);
    expect(pending.worker.flushes).toBeGreaterThanOrEqual(1);
    await session.reset();
    expect(((await session.inspect()) as [PendingPanel])[0].worker.state).toBe('stopped');
  });

  it('stress: 8 writers × 10,000 increments while the safe worker flushes every 10 ms — the database sum is exact', async () => {
    h.db.reset();
    h.db.latencyMs = 0;
    await h.check.del('wb:pending_writes', 'wb:processing');
    const sink = () => {};
    const actor = (id: 'clientA' | 'worker', lane?: number): ActorContext => {
      const c = h.connection.clientFor(id, lane);
      return { redis: tracedClient(c, id, NS, sink, lane), db: h.db.traced(id, sink, lane), key: (n) => NS + n, params: {}, note: sink, connection: c, ready: async () => {}, sleep: realSleep };
    };
    const worker = actor('worker');
    let sent = 0;
    let writing = true;
    const flusher = (async () => {
      while (writing) {
        await flushSafely(worker);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        const writer = actor('clientA', lane);
        for (let i = 0; i < 10_000; i++) {
          const points = 1 + ((i * 7 + lane) % 5);
          await incrementUserScore(writer, 1 + (i % 4), points);
          sent += points;
        }
      }),
    );
    writing = false;
    await flusher;
    while ((await h.check.scard('wb:pending_writes')) > 0) await flushSafely(worker);
    const stored = [...h.db.allScores().values()].reduce((a, b) => a + b, 0);
    expect(stored).toBe(sent);
    expect(await h.check.hlen('wb:processing')).toBe(0);
  }, 120_000);
});
