import { describe, expect, it } from 'vitest';
import type { CountersPanel, RedisTrace } from '../../shared/model';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { findRace } from '../../electron/core/explorer/races';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

const redisCalls = (trace: { kind: string }[]) => trace.filter((t): t is RedisTrace => t.kind === 'redis');
const int = (reply: string) => Number(reply.replace('(integer) ', ''));

describe('sessions on a real redis-server', () => {
  const h = patternHarness('ss:');

  it('a TTL fixed at login logs out a user mid-work, the sliding TTL keeps them; the token set keeps every expired token until the cleanup; log out everywhere ends the rest', async () => {
    const session = await h.open(findPattern('sessions')!, { ttlSeconds: 2, requests: 3, intervalMs: 700, logins: 3 });

    // Step 1: both log in, then three requests 0.7 s apart against a 2 s TTL (timers only run late: the third comes after the expiry).
    const work = await session.step();
    expect(work.outcome).toBe('logged-out');
    const calls = redisCalls(work.trace);
    const a = calls.filter((c) => c.actor === 'clientA');
    const b = calls.filter((c) => c.actor === 'clientB');
    // A: HSET PEXPIRE SADD, then HGETALL + HSET twice, then an HGETALL that finds nothing.
    expect(a.map((c) => c.command)).toEqual(['HSET', 'PEXPIRE', 'SADD', 'HGETALL', 'HSET', 'HGETALL', 'HSET', 'HGETALL']);
    expect(a.at(-1)!.reply).toBe('(empty hash)');
    // B refreshes on each request: three PEXPIREs after login's, every HGETALL found the hash.
    expect(b.filter((c) => c.command === 'PEXPIRE')).toHaveLength(4);
    expect(b.filter((c) => c.command === 'HGETALL').every((c) => c.reply !== '(empty hash)')).toBe(true);
    // The admin's PTTL readings: A's last is -2, B's each close to the full 2,000 ms.
    const pttls = calls.filter((c) => c.actor === 'admin' && c.command === 'PTTL').map((c) => int(c.reply));
    expect(pttls).toHaveLength(6);
    expect(pttls[4]).toBe(-2);
    for (const p of [pttls[1], pttls[3], pttls[5]]) expect(p).toBeGreaterThan(1800);
    expect(fmt(work.narrative)).toMatch(/answered 2 of 3 requests, then request 3 at 2\.\d s found no session \(HGETALL empty, PTTL -2 \(no such key\)\) — user 1 was logged out/);
    expect(fmt(work.narrative)).toContain('answered 3 of 3');
    expect(fmt(work.narrative, 'ko')).toContain('작업 도중에 로그아웃');

    let [active, sets] = english((await session.inspect()) as [CountersPanel, CountersPanel]);
    const item = (p: typeof active, col: number, label: string) => p.columns[col].items.find((i) => i.label === label)!.value;
    expect(item(active, 0, 'requests that found the session')).toBe(2);
    expect(item(active, 0, 'requests logged out')).toBe(1);
    expect(item(active, 0, 'last PTTL')).toBe('PTTL -2 (no such key)');
    expect(item(active, 1, 'requests logged out')).toBe(0);
    expect(active.columns[0].tone).toBe('bad');
    expect(active.columns[1].tone).toBe('ok');
    // user:1:sessions already lists a dead token.
    expect(sets.columns.map((c) => c.title)).toEqual(['user:2:sessions (server B)', 'user:1:sessions (server A)']);
    expect(item(sets, 1, 'dead tokens')).toBe(1);

    // Step 2: three more logins (SCARD 2, 3, 4), out of the first: 3 tokens, 3 live.
    const devices = await session.step();
    expect(devices.outcome).toBe('write');
    expect(fmt(devices.narrative)).toContain('took SCARD of user:2:sessions to 2, 3, 4');
    expect(fmt(devices.narrative)).toContain('DEL replied 1, SREM 1. Now the set has 3 tokens and 3 of their sessions exist');
    expect(await h.check.scard('ss:user:2:sessions')).toBe(3);

    // Step 3: wait out the TTL: 3 tokens, 0 sessions.
    const idle = await session.step();
    expect(idle.outcome).toBe('dead-tokens');
    expect(fmt(idle.narrative)).toContain('still has SCARD 3, but only 0 of those sessions exist');
    expect(fmt(idle.narrative)).toContain('3 dead tokens');
    expect(await h.check.scard('ss:user:2:sessions')).toBe(3);
    expect((await h.check.keys('ss:session:*')).length).toBe(0);
    [active, sets] = english((await session.inspect()) as [CountersPanel, CountersPanel]);
    expect(item(sets, 0, 'tokens (SCARD)')).toBe(3);
    expect(item(sets, 0, 'live sessions (EXISTS)')).toBe(0);
    expect(item(sets, 0, 'dead tokens')).toBe(3);
    expect(sets.columns[0].tone).toBe('bad');

    // Step 4: the cleanup removes the 3 dead tokens; the script ends both new sessions.
    const cleanup = await session.step();
    expect(cleanup.outcome).toBe('safe');
    const srem = redisCalls(cleanup.trace).filter((c) => c.command === 'SREM');
    expect(srem.map((c) => int(c.reply))).toEqual([3]);
    expect(fmt(cleanup.narrative)).toContain('checked 3 tokens with EXISTS and removed 3 dead ones');
    expect(fmt(cleanup.narrative)).toContain('the set has 2 tokens and 2 live sessions');
    expect(fmt(cleanup.narrative)).toContain('listed 2 tokens and deleted 2 sessions; SCARD now 0');
    expect(redisCalls(cleanup.trace).some((c) => c.command === 'EVALSHA' || c.command === 'EVAL')).toBe(true);
    expect(await h.check.exists('ss:user:2:sessions')).toBe(0);
    [active, sets] = english((await session.inspect()) as [CountersPanel, CountersPanel]);
    expect(item(sets, 0, 'removed by the cleanup')).toBe(3);
    expect(item(sets, 0, 'dead tokens')).toBe(0);
  }, 20_000);

  it('work that ends before the TTL does keeps both sessions, and the narrative says so from the replies', async () => {
    const session = await h.open(findPattern('sessions')!, { ttlSeconds: 3, requests: 1, intervalMs: 200, logins: 1 });
    const work = await session.step();
    expect(work.outcome).toBe('safe');
    expect(fmt(work.narrative)).toMatch(/answered 1 of 1 requests and its session is still there \(PTTL [\d,]+ ms\)/);
    expect(session.snapshot().stepTitles.map((t) => fmt(t))[0]).toContain('1 requests, one every 200 ms, with a 3 s TTL');
  });

  async function env(params: Record<string, number>): Promise<ExploreEnv> {
    const def = findPattern('sessions')!;
    await h.open(def, params);
    h.db.latencyMs = 0;
    return { connection: h.connection, db: h.db, def, params };
  }

  it('explorer: log out everywhere as three commands leaves a live session outside the set when a login races it; the script never does (every interleaving)', async () => {
    const e = await env({ ttlSeconds: 10, requests: 1, intervalMs: 200, logins: 1 });
    const [naive, script] = findRace('sessions')!.variants;
    const n = await exploreVariant(e, { variant: naive, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(n.stuck).toBe(0);
    expect(n.complete).toBe(true);
    expect(n.violations).toBeGreaterThan(0);
    expect(Object.keys(n.measures).map(Number).sort()).toEqual([0, 1]);
    const whats = n.shortest!.steps.map((x) => `${x.actor}:${x.what}`);
    const replay = await runSchedule(e, naive, replayChooser(n.shortest!.schedule));
    expect(replay).toMatchObject({ ok: false, measure: 1 });
    // The login's SADD lands between SMEMBERS and the DEL of the set.
    expect(whats.indexOf('clientB:SADD')).toBeGreaterThan(whats.indexOf('clientA:SMEMBERS'));

    const s = await exploreVariant(e, { variant: script, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(s.stuck).toBe(0);
    expect(s.complete).toBe(true);
    expect(s.violations).toBe(0);
    expect(s.tried).toBe(s.distinct);
    console.log(`sessions: naive ${n.violations}/${n.tried} (space ${n.space}), shortest [${whats.join(' ')}]; script ${s.violations}/${s.tried} (space ${s.space})`);
  }, 30_000);
});
