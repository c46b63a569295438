import { describe, expect, it } from 'vitest';
import type { RedisTrace } from '../../shared/model';
import { luaWithdraw } from '../../electron/core/patterns/lua-withdraw';
import { patternHarness } from '../helpers/pattern-harness';
import { english } from '../helpers/format-message';

const redisEntries = (trace: { kind: string }[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');

describe('traces list what the server executed, in the server’s order (MONITOR)', () => {
  const h = patternHarness('so:', { serverOrder: true });

  it('the naive crowd’s DECRBY replies fall strictly in server order, and the timeline can tell where reply order differed', async () => {
    // Non-default parameters: 25 clients withdrawing 70 from 1000.
    const session = await h.open(luaWithdraw, { initial: 1000, amount: 70, clients: 25 });
    await session.step();
    const naive = await session.step();
    expect(naive.traceOrder).toEqual({ order: 'server' });
    const decrs = redisEntries(naive.trace).filter((t) => t.command === 'DECRBY');
    expect(decrs).toHaveLength(25);
    const balances = decrs.map((t) => Number(/\(integer\) (-?\d+)/.exec(t.reply)![1]));
    for (let i = 1; i < balances.length; i++) expect(balances[i]).toBeLessThan(balances[i - 1]);
    expect(balances.at(-1)).toBe(1000 - 25 * 70);
    // Every command carries its place in the server's log, strictly increasing down the trace.
    const seqs = redisEntries(naive.trace).map((t) => t.server!.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    // Where the app saw a reply earlier or later than the server ran it, the entry says so.
    for (const t of redisEntries(naive.trace)) if (t.replyIndex !== undefined) expect(t.replyIndex).not.toBe(redisEntries(naive.trace).indexOf(t));
  });

  it('a script’s inner GET and DECRBY are nested under its EVALSHA', async () => {
    const session = await h.open(luaWithdraw, { initial: 100, amount: 30, clients: 5 });
    await h.steps(session, 3);
    const atomic = await session.step();
    expect(atomic.traceOrder).toEqual({ order: 'server' });
    const scripts = redisEntries(atomic.trace).filter((t) => t.command === 'EVALSHA');
    expect(scripts).toHaveLength(5);
    // Each script reads the balance; the ones that accept also take from it.
    for (const script of scripts) {
      expect(script.inner?.[0]).toMatchObject({ command: 'GET', args: ['so:balance:1'] });
      const accepted = !/\(integer\) -1|refused/i.test(script.reply) && script.inner!.length > 1;
      if (accepted) expect(script.inner![1]).toMatchObject({ command: 'DECRBY', args: ['so:balance:1', '30'] });
    }
    expect(scripts.filter((s) => s.inner!.some((c) => c.command === 'DECRBY'))).toHaveLength(3);
  });

  it('without MONITOR the trace says it shows reply order', async () => {
    const plain = await import('../../electron/core/redis/live-connection');
    const connection = await plain.LiveConnection.open({ kind: 'existing', port: h.redis.port, namespace: 'so2:' }, { dataDir: '/tmp' });
    try {
      expect(english(connection.status().traceOrder)).toMatchObject({ order: 'reply', reason: expect.stringMatching(/turn on "Server order \(MONITOR\)" when connecting/) });
    } finally {
      await connection.close();
    }
  });
});
