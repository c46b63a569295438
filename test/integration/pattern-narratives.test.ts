import { describe, expect, it } from 'vitest';
import type { PendingPanel, PanelData } from '../../shared/model';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { cacheAsideStaleRefill } from '../../electron/core/patterns/cache-aside-stale-refill';
import { cacheAsideStampede } from '../../electron/core/patterns/cache-aside-stampede';
import { leaderboard } from '../../electron/core/patterns/leaderboard';
import { luaWithdraw } from '../../electron/core/patterns/lua-withdraw';
import { writeBehindCrash } from '../../electron/core/patterns/write-behind-crash';
import { writeBehindLostUpdate } from '../../electron/core/patterns/write-behind-lost-update';
import { patternHarness } from '../helpers/pattern-harness';
import { english, fmt } from '../helpers/format-message';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pending = (panels: PanelData[]) => panels.find((p): p is PendingPanel => p.kind === 'pending')!;

/**
 * Every pattern run with parameters other than its defaults, and with faults
 * injected from the test's own client: the titles must follow the
 * parameters, and the narratives what Redis replied.
 */
describe('titles follow the parameters and narratives the replies, on a real redis-server', () => {
  const h = patternHarness('nr:');

  it('cache-aside: titles name the user; a copy that expired between reads is told as an expiry', async () => {
    const s = await h.open(cacheAside, { userId: 3, ttlSeconds: 1, dbLatencyMs: 0 });
    expect(english(s.snapshot()).stepTitles.slice(0, 2)).toEqual(['First read of user 3', 'Read user 3 again']);
    const first = english(await s.step());
    expect(first).toMatchObject({ title: 'First read of user 3', outcome: 'miss' });
    expect(first.narrative).toMatch(/^Cache MISS for user 3: read the database and cached it for 1 s/);
    // The lesson here is the TTL: let it run out, and the next read must say so.
    await sleep(1100);
    const again = english(await s.step());
    expect(again.outcome).toBe('miss');
    expect(again.narrative).toMatch(/^Cache MISS for user 3: the copy cached [1-9] s ago had expired \(TTL 1 s\)/);
    const update = english(await s.step());
    expect(update.narrative).toMatch(/^The row now says "User 3 \(renamed\)", but the cached copy still says "User 3" for 1 more second \(its TTL\)/);
  });

  it('stale refill: a lease that expired before the writer came is told as expired, not as revoked', async () => {
    const leaseSeconds = 1;
    const s = await h.open(cacheAsideStaleRefill, { ttlSeconds: 600, dbLatencyMs: 0, leaseSeconds });
    const [, write] = english(await h.steps(s, 3));
    expect(write.narrative).toBe("The database has the new name; B's DEL replied 0: there was no cached key to delete yet.");
    const leased = english(await s.step());
    expect(leased.narrative).toBe(`SET NX replied OK: A holds lease:user:2 (it expires in ${leaseSeconds} s), read "User 2", and stalls.`);
    await sleep(leaseSeconds * 1000 + 200);
    expect(await h.check.exists('nr:lease:user:2')).toBe(0);
    const revoke = english(await s.step());
    expect(revoke.trace.find((t) => t.kind === 'redis' && t.command === 'DEL')).toMatchObject({ reply: '(integer) 0' });
    expect(revoke.narrative).toBe(`B's DEL replied 0: the lease A took had already expired (its TTL is ${leaseSeconds} s), so there was no lease to revoke.`);
    const refused = english(await s.step());
    expect(refused.outcome).toBe('safe');
    expect(refused.narrative).toMatch(/^The script replied 0: the lease was no longer A's \(it had expired before B wrote\)/);
    expect(refused.narrative).not.toMatch(/revoked/);
  });

  it('stale refill: with the default lease, reading slowly changes nothing; the revoke is credited from the DEL reply', async () => {
    const s = await h.open(cacheAsideStaleRefill, { dbLatencyMs: 0 });
    english(await h.steps(s, 4));
    expect(await h.check.ttl('nr:lease:user:2')).toBeGreaterThan(590);
    const revoke = english(await s.step());
    expect(revoke.narrative).toBe("B's DEL replied 1: it removed the lease A is holding.");
    expect((english(await s.step())).narrative).toMatch(/lease was no longer A's \(B's DEL had revoked it\)/);
  });

  it('stampede: 50 readers are counted as 50, and the outcome is extra database reads, not a loss', async () => {
    const readers = 50;
    const s = await h.open(cacheAsideStampede, { readers, dbLatencyMs: 50, ttlSeconds: 600 });
    expect(english(s.snapshot()).stepTitles[2]).toBe(`${readers} readers ask at once`);
    const [, expired, naive, , locked] = english(await h.steps(s, 5));
    expect(expired.narrative).toBe('PEXPIRE replied 1: user:1 expired.');
    expect(naive.title).toBe(`${readers} readers ask at once`);
    expect(naive.outcome).toBe('extra-db-reads');
    const dbReads = naive.trace.filter((t) => t.kind === 'db').length;
    expect(naive.narrative).toMatch(new RegExp(`^${readers} of ${readers} readers missed, and the database was read ${dbReads} times for one row`));
    expect(locked.title).toBe(`${readers} readers ask at once, with a lock`);
    expect(locked.outcome).toBe('safe');
    expect(locked.narrative).toMatch(new RegExp(`^\\d+ of ${readers} readers missed; 1 won SET NX PX and read the database \\(1 database read\\); the other ${readers - 1} waited`));
  });

  it('leaderboard: Top N and the bonus in titles and narratives; the set orders by score', async () => {
    const s = await h.open(leaderboard, { topN: 10, rangeMin: 1300, bonus: 5 });
    expect(english(s.snapshot()).stepTitles).toEqual(expect.arrayContaining(['Top 10', 'Everyone from 1300 up', 'Bob scores 5 more']));
    expect(fmt(leaderboard.summary)).toMatch(/O\(log N \+ M\)/);
    const [recorded, top, , range, bonus] = english(await h.steps(s, 5));
    expect(recorded.narrative).toMatch(/orders them by score, not by arrival: ZRANGE … REV reads charlie 1800, alice 1500, bob 1200\./);
    expect(recorded.narrative).not.toMatch(/as they arrive/);
    expect(top).toMatchObject({ title: 'Top 10', narrative: 'Top 10, highest first: only 3 on the board — charlie 1800, alice 1500, bob 1200.' });
    expect(range.narrative).toMatch(/^ZRANGEBYSCORE 1300 \+inf replies lowest score first: alice 1500, charlie 1800\./);
    expect(bonus).toMatchObject({ title: 'Bob scores 5 more', narrative: 'ZINCRBY 5 replied 1205: bob stays at #3.' });
  });

  it('withdraw: 50 clients taking 70 from 1000 are named as such, and counted from the replies', async () => {
    const p = { initial: 1000, amount: 70, clients: 50 };
    const s = await h.open(luaWithdraw, p);
    expect(english(s.snapshot()).stepTitles).toEqual([
      'Balance starts at 1,000',
      '50 clients withdraw 70 with GET, check, DECRBY',
      'Balance back to 1,000; register the script',
      '50 clients withdraw 70 with the script',
    ]);
    const [, naive, , atomic] = english(await h.steps(s, 4));
    const affordable = Math.floor(p.initial / p.amount);
    const naiveFinal = p.initial - p.clients * p.amount;
    expect(naive.outcome).toBe('overdraft');
    expect(naive.narrative).toBe(`Every client's GET replied ${p.initial} and ${p.clients} went ahead with DECRBY: ${p.clients - affordable} more than the balance allowed, final balance ${naiveFinal}.`);
    expect(await h.check.get('nr:balance:1')).toBe(String(p.initial - affordable * p.amount));
    expect(atomic.outcome).toBe('safe');
    expect(atomic.narrative).toMatch(new RegExp(`${affordable} accepted, ${p.clients - affordable} refused; final balance ${p.initial - affordable * p.amount}, never below zero\\.$`));
  });

  it('withdraw at balance 0: nobody "went ahead", and nothing is called an overdraft', async () => {
    const s = await h.open(luaWithdraw, { initial: 0, amount: 30, clients: 5 });
    const [deposit, naive, , atomic] = english(await h.steps(s, 4));
    expect(deposit.narrative).toBe('balance:1 = 0: room for 0 withdrawals of 30.');
    expect(naive.outcome).toBe('info');
    expect(naive.narrative).toBe("Every client's GET replied 0, less than 30: all 5 refused; balance 0.");
    expect(naive.trace.some((t) => t.kind === 'redis' && t.command === 'DECRBY')).toBe(false);
    expect(atomic.outcome).toBe('info');
    expect(atomic.narrative).toMatch(/^The script replied 0 times with 1 and 5 times with 0 .*: 0 accepted, 5 refused; final balance 0, never below zero\.$/);
  });

  it('write-behind lost increment: the points come from INCRBY, GET and DEL replies; every committing flush is counted', async () => {
    const p = { first: 7, second: 3, dbLatencyMs: 0 };
    const s = await h.open(writeBehindLostUpdate, p);
    expect(english(s.snapshot()).stepTitles).toEqual(expect.arrayContaining([`User 1 scores ${p.first}`, `Meanwhile user 1 scores ${p.second}`, `Same race, safe flush: user 2 scores ${p.first}`]));
    const results = english(await h.steps(s, 8));
    const [scored, read, racing, articleFlush, , take, , safeFlush] = results;
    expect(scored.narrative).toBe(`INCRBY replied ${p.first}; SADD replied 1: user 1 is now pending.`);
    expect(read.narrative).toBe(`The worker's GET replied ${p.first}; it is on its way to the database. Its DEL will come later.`);
    expect(racing.narrative).toBe(`INCRBY makes it ${p.first + p.second}; SADD replied 0 because user 1 is still pending.`);
    expect(articleFlush.outcome).toBe('lost');
    expect(articleFlush.narrative).toMatch(new RegExp(`^The database got ${p.first} of the ${p.first + p.second} points sent; .* ${p.second} points are in neither the database nor Redis`));
    expect(take.narrative).toMatch(new RegExp(`which replied ${p.first}: the key is gone and ${p.first} points sit in "processing"`));
    expect(safeFlush.outcome).toBe('safe');
    expect(safeFlush.narrative).toBe(`The database has ${p.first + p.second} of the ${p.first + p.second} points sent. Same interleaving, nothing lost.`);
    // "0 flushes" while the steps flushed: the count now follows the worker's database writes, whoever ran the flush.
    const workerWrites = results.flatMap((r) => r.trace).filter((t) => t.kind === 'db' && t.op === 'write' && t.actor === 'worker').length;
    expect(workerWrites).toBeGreaterThan(0);
    expect(pending(await s.inspect()).worker.flushes).toBe(workerWrites);
  });

  it('write-behind crash: what was parked and replayed is read back, not assumed', async () => {
    const p = { first: 11, second: 4, dbLatencyMs: 0 };
    const s = await h.open(writeBehindCrash, p);
    expect(english(s.snapshot()).stepTitles).toEqual(expect.arrayContaining([`User 3 scores ${p.first}`, `User 3 scores ${p.second} while the worker is down`]));
    const [, crash, down, restart] = english(await h.steps(s, 4));
    expect(crash.narrative).toMatch(new RegExp(`^The take script replied ${p.first}: .* the database has 0 — and ${p.first} points are parked`));
    expect(down.narrative).toBe(`Writers never wait for the worker: INCRBY replied ${p.second}; SADD replied 1: user 3 is now pending.`);
    expect(restart.outcome).toBe('safe');
    expect(restart.narrative).toMatch(new RegExp(`^Replayed 1 parked flush, then flushed what was pending: the database has ${p.first + p.second} of the ${p.first + p.second} points sent\\.`));
    expect(pending(await s.inspect()).worker.flushes).toBeGreaterThan(0);
  });
});
