import { describe, expect, it } from 'vitest';
import type { CountersPanel, RedisTrace } from '../../shared/model';
import { luaWithdraw } from '../../electron/core/patterns/lua-withdraw';
import { patternHarness } from '../helpers/pattern-harness';
import { english } from '../helpers/format-message';

describe('atomic withdraw on a real redis-server', () => {
  const h = patternHarness('lua:');

  it('GET-check-DECRBY overdraws; the script never does', async () => {
    const session = await h.open(luaWithdraw, { initial: 100, amount: 30, clients: 10 });
    await session.step();
    expect(await h.check.get('lua:balance:1')).toBe('100');

    const naive = await session.step();
    expect(naive.outcome).toBe('overdraft');
    expect(Number(await h.check.get('lua:balance:1'))).toBe(100 - 10 * 30);
    const lanes = new Set(naive.trace.map((t) => t.lane));
    expect([...lanes].filter((l) => l !== undefined)).toHaveLength(10);

    await session.step();
    const atomic = await session.step();
    expect(atomic.outcome).toBe('safe');
    expect(await h.check.get('lua:balance:1')).toBe('10');
    const scripts = atomic.trace.filter((t): t is RedisTrace => t.kind === 'redis');
    // Registered once in the step before, so every client sends the SHA alone.
    expect(scripts.map((t) => t.command)).toEqual(Array(10).fill('EVALSHA'));
    expect(scripts.some((t) => t.error)).toBe(false);

    const [counters] = english((await session.inspect()) as [CountersPanel]);
    const value = (col: number, label: string) => counters.columns[col].items.find((i) => i.label === label)!.value;
    expect(value(0, 'withdrawals accepted')).toBe(10);
    expect(value(0, 'overshooting withdrawals')).toBe(7);
    expect(value(0, 'final balance')).toBe(-200);
    expect(value(1, 'withdrawals accepted')).toBe(3);
    expect(value(1, 'refused')).toBe(7);
    expect(value(1, 'overshooting withdrawals')).toBe(0);
    expect(value(1, 'final balance')).toBe(10);
  });

  it('a server without the script answers NOSCRIPT once per client, which then sends the body', async () => {
    const session = await h.open(luaWithdraw, { initial: 50, amount: 50, clients: 2 });
    english(await h.steps(session, 3));
    await h.check.script('FLUSH');
    const atomic = await session.step();
    const commands = atomic.trace.map((t) => (t.kind === 'redis' ? `${t.command}${t.error ? ' NOSCRIPT' : ''}` : t.kind));
    expect(commands.filter((c) => c === 'EVALSHA NOSCRIPT')).toHaveLength(2);
    expect(commands.filter((c) => c === 'EVAL')).toHaveLength(2);
    expect(await h.check.get('lua:balance:1')).toBe('0');
  });

  it('once loaded, the script is sent by SHA alone', async () => {
    const session = await h.open(luaWithdraw, { initial: 50, amount: 50, clients: 2 });
    await session.step();
    await session.step();
    await session.step();
    const atomic = await session.step();
    const commands = atomic.trace.map((t) => (t.kind === 'redis' ? `${t.command}${t.error ? '!' : ''}` : t.kind));
    expect(commands.filter((c) => c === 'EVALSHA')).toHaveLength(2);
    expect(commands).not.toContain('EVAL');
    expect(await h.check.get('lua:balance:1')).toBe('0');
  });
});
