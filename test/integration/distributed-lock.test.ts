import { describe, expect, it } from 'vitest';
import type { CountersPanel, LanesPanel, RedisTrace, StepResult } from '../../shared/model';
import { exploreVariant, runSchedule, type ExploreEnv } from '../../electron/core/explorer/explore';
import { findRace } from '../../electron/core/explorer/races';
import { replayChooser } from '../../electron/core/explorer/strategies';
import { distributedLock, distributedLockFencing } from '../../electron/core/patterns/distributed-lock';
import { findPattern } from '../../electron/core/patterns';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

const redisOf = (r: StepResult) => r.trace.filter((t): t is RedisTrace => t.kind === 'redis');
const reply = (r: StepResult, command: string, actor?: string) => redisOf(r).filter((t) => t.command === command && (!actor || t.actor === actor)).map((t) => t.reply);

describe('distributed lock on a real redis-server', () => {
  const h = patternHarness('dlk:');

  it('a plain DEL after the lock expired deletes the next holder’s lock: two clients inside at once; compare-and-delete refuses', async () => {
    const session = await h.open(distributedLock, { lockTtlMs: 30_000 });

    const aTakes = await session.step();
    expect(reply(aTakes, 'SET', 'clientA')).toEqual(['"OK"']);
    expect(reply(aTakes, 'INCRBY', 'clientA')).toEqual(['(integer) 1']);
    const setArgs = redisOf(aTakes).find((t) => t.command === 'SET')!.args;
    expect(setArgs.slice(2)).toEqual(['NX', 'PX', '30000']);
    expect(setArgs[1]).toMatch(/^[0-9a-f]{16}$/);

    const bTries = await session.step();
    expect(reply(bTries, 'SET', 'clientB')).toEqual(['(nil)']);
    expect(fmt(bTries.narrative)).toContain('holds client A’s token');

    // The expiry is a step: the admin's PEXPIRE, then PTTL until -2, told from the replies.
    const outlives = await session.step();
    expect(reply(outlives, 'DECRBY', 'clientA')).toEqual(['(integer) 0']);
    expect(reply(outlives, 'PEXPIRE', 'admin')).toEqual(['(integer) 1']);
    expect(reply(outlives, 'PTTL', 'admin').at(-1)).toBe('(integer) -2');
    expect(await h.check.exists('dlk:lock:job:1')).toBe(0);

    const bTakes = await session.step();
    expect(reply(bTakes, 'SET', 'clientB')).toEqual(['"OK"']);
    const bToken = await h.check.get('dlk:lock:job:1');
    expect(bToken).toBe(redisOf(bTakes).find((t) => t.command === 'SET')!.args[1]);

    // A's plain DEL removes B's lock.
    const aDel = await session.step();
    expect(reply(aDel, 'DEL', 'clientA')).toEqual(['(integer) 1']);
    expect(aDel.outcome).toBe('wrong-release');
    expect(fmt(aDel.narrative)).toContain('it held client B’s token, not A’s');
    expect(await h.check.exists('dlk:lock:job:1')).toBe(0);

    // C gets the lock while B is inside: the INCR reply counts two.
    const cTakes = await session.step();
    expect(reply(cTakes, 'SET', 'clientC')).toEqual(['"OK"']);
    expect(reply(cTakes, 'INCRBY', 'clientC')).toEqual(['(integer) 2']);
    expect(cTakes.outcome).toBe('two-holders');
    expect(await h.check.get('dlk:inside:job:1')).toBe('2');

    const [safeA, safeB] = await h.steps(session, 2);
    expect(reply(safeA, 'PTTL', 'admin').at(-1)).toBe('(integer) -2');
    expect(reply(safeB, 'SET', 'clientB')).toEqual(['"OK"']);
    const bSafeToken = await h.check.get('dlk:lock:job:2');
    const safeRelease = await session.step();
    expect(safeRelease.trace.some((t) => t.kind === 'redis' && (t.command === 'EVALSHA' || t.command === 'EVAL') && t.reply === '(integer) 0')).toBe(true);
    expect(safeRelease.outcome).toBe('safe');
    expect(await h.check.get('dlk:lock:job:2')).toBe(bSafeToken);
    const safeC = await session.step();
    expect(reply(safeC, 'SET', 'clientC')).toEqual(['(nil)']);
    expect(reply(safeC, 'INCRBY')).toEqual([]);
    expect(safeC.outcome).toBe('safe');
    expect(await h.check.get('dlk:inside:job:2')).toBe('1');

    const panels = await session.inspect();
    const [naive, safe] = english(panels.slice(0, 2) as LanesPanel[]);
    const counters = english(panels[2] as CountersPanel);
    expect(naive.kind).toBe('lanes');
    expect(naive.overlaps).toHaveLength(1);
    expect(naive.overlaps[0]).toMatchObject({ count: 2, label: '2 inside at once' });
    // The overlap is B's and C's: A had left before B entered.
    const inside = (actor: string) => naive.lanes.find((l) => l.actor === actor)!.spans.filter((s) => s.style === 'solid');
    expect(inside('clientA')[0].to).toBeLessThan(inside('clientB')[0].from);
    expect(inside('clientB')[0].to).toBeNull();
    expect(inside('clientC')[0].from).toBe(naive.overlaps[0].from);
    expect(naive.lanes.find((l) => l.actor === 'clientA')!.marks.map((m) => m.label)).toEqual(['lock expired', 'DEL’d client B’s lock']);
    expect(safe.overlaps).toEqual([]);
    const value = (col: number, label: string) => counters.columns[col].items.find((i) => i.label === label)!.value;
    expect(value(0, 'most clients inside at once')).toBe(2);
    expect(value(0, 'locks deleted by a client that did not hold them')).toBe(1);
    expect(value(1, 'most clients inside at once')).toBe(1);
    expect(value(1, 'locks deleted by a client that did not hold them')).toBe(0);
    expect(value(1, 'releases refused (not the owner)')).toBe(1);

    // Every narrative formats in Korean too.
    for (const r of session.snapshot().history) expect(fmt(r.narrative, 'ko')).not.toMatch(/\{|undefined|NaN/);
  });

  it('a pause longer than the TTL: the database takes the expired holder’s write over the next one’s; with a fence it refuses it', async () => {
    const session = await h.open(distributedLockFencing, { lockTtlMs: 30_000, dbLatencyMs: 0 });
    const [aPauses, expires, bWrites, aResumes] = await h.steps(session, 4);
    expect(reply(aPauses, 'SET', 'clientA')).toEqual(['"OK"']);
    expect(aPauses.trace.filter((t) => t.kind === 'db')).toEqual([]);
    expect(reply(expires, 'PTTL', 'admin').at(-1)).toBe('(integer) -2');
    expect(reply(bWrites, 'SET', 'clientB')).toEqual(['"OK"']);
    expect(bWrites.trace.filter((t) => t.kind === 'db' && t.op === 'write')).toHaveLength(1);
    expect(aResumes.trace.filter((t) => t.kind === 'db' && t.op === 'write' && t.actor === 'clientA')).toMatchObject([{ rows: 1 }]);
    expect(aResumes.outcome).toBe('stale-write');
    expect(h.db.allUsers().find((u) => u.id === 1)!.name).toBe('Written by A');
    expect(fmt(aResumes.narrative)).toContain('B’s write is lost');

    const [fencedA, , fencedB, fencedResume] = await h.steps(session, 4);
    const scriptReplies = (r: StepResult, actor: string) => redisOf(r).filter((t) => (t.command === 'EVALSHA' || t.command === 'EVAL') && !t.error && t.actor === actor).map((t) => t.reply);
    expect(scriptReplies(fencedA, 'clientA')).toEqual(['(integer) 1']);
    expect(scriptReplies(fencedB, 'clientB')[0]).toBe('(integer) 2');
    expect(await h.check.get('dlk:fence:user:2')).toBe('2');
    // The refused write is in the trace: a database write that changed no row.
    const refused = fencedResume.trace.filter((t) => t.kind === 'db' && t.op === 'write' && t.actor === 'clientA');
    expect(refused).toMatchObject([{ rows: 0 }]);
    expect(fencedResume.outcome).toBe('safe');
    expect(fmt(fencedResume.narrative)).toBe('The database refused A’s write: fence 1 is older than fence 2, which it already accepted. User 2 still says "Written by B".');
    expect(h.db.allUsers().find((u) => u.id === 2)!.name).toBe('Written by B');

    const panels = await session.inspect();
    const [naive, fenced] = english(panels.slice(0, 2) as LanesPanel[]);
    const counters = english(panels[2] as CountersPanel);
    expect(naive.overlaps.length).toBeGreaterThan(0);
    expect(naive.lanes[0].marks.map((m) => m.label)).toContain('write accepted');
    expect(fenced.lanes[0].marks.map((m) => m.label)).toContain('refused: fence 1 < 2');
    const value = (col: number, label: string) => counters.columns[col].items.find((i) => i.label === label)!.value;
    expect(value(0, 'accepted from an expired holder')).toBe(1);
    expect(value(1, 'accepted from an expired holder')).toBe(0);
    expect(value(1, 'writes refused (older fence)')).toBe(1);
    for (const r of session.snapshot().history) expect(fmt(r.narrative, 'ko')).not.toMatch(/\{|undefined|NaN/);
  });

  async function env(patternId: string, params: Record<string, number>): Promise<ExploreEnv> {
    const def = findPattern(patternId)!;
    await h.open(def, params);
    h.db.latencyMs = 0;
    return { connection: h.connection, db: h.db, def, params };
  }

  async function explore(patternId: string, params: Record<string, number>) {
    const e = await env(patternId, params);
    const [article, fix] = findRace(patternId)!.variants;
    const started = performance.now();
    const a = await exploreVariant(e, { variant: article, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(a.stuck).toBe(0);
    expect(a.violations).toBeGreaterThan(0);
    const replay = await runSchedule(e, article, replayChooser(a.shortest!.schedule));
    expect(replay).toMatchObject({ ok: false, measure: a.shortest!.measure });
    const f = await exploreVariant(e, { variant: fix, strategy: 'auto', schedules: 1000, seed: 1 });
    expect(f.stuck).toBe(0);
    expect(f.violations).toBe(0);
    expect(f.complete ? f.tried === f.distinct : f.tried === 1000).toBe(true);
    console.log(
      `${patternId}: ${article.id} ${a.violations}/${a.tried} (${a.strategy}, space ${a.space}${a.complete ? ', complete' : ''}) measures ${JSON.stringify(a.measures)}, shortest ${a.shortest!.switches} switches [${a.shortest!.steps.map((s) => `${s.actor}:${s.what}`).join(' ')}]; ${fix.id} ${f.violations}/${f.tried} (${f.strategy}, space ${f.space}${f.complete ? ', complete' : ''}) measures ${JSON.stringify(f.measures)}; ${Math.round(performance.now() - started)} ms`,
    );
    return { a, f };
  }

  it('explorer: with a plain DEL some schedule puts two clients inside; compare-and-delete never does', async () => {
    const { a, f } = await explore('distributed-lock', { lockTtlMs: 30_000 });
    expect(Object.keys(a.measures).map(Number)).toContain(2);
    expect(Object.keys(f.measures).map(Number).every((m) => m <= 1)).toBe(true);
  }, 60_000);

  it('explorer: without a fence the database takes the expired holder’s late write; with the fence it never does', async () => {
    const { a, f } = await explore('distributed-lock-fencing', { lockTtlMs: 30_000, dbLatencyMs: 0 });
    expect(Object.keys(a.measures).map(Number)).toContain(1);
    expect(Object.keys(f.measures).map(Number)).toEqual([0]);
    expect(f.complete).toBe(true);
  }, 60_000);
});
