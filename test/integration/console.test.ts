import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleCommands } from '../../shared/server-console';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { consoleCore } from '../helpers/console-core';

const NS = 'con:';

describe('console on an existing Redis: the namespace guard and the refusals, on a real redis-server', () => {
  let redis: TestRedis;
  let admin: Redis;
  let app: ReturnType<typeof consoleCore>;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    await admin.set('outside', 'keep me');
    await admin.call('ACL', 'SETUSER', 'nocommand', 'reset', 'on', '>pw', '~*', '&*', '+@all', '-command');
    app = consoleCore();
    await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
  });
  afterAll(async () => {
    await app.core.shutdown();
    admin.disconnect();
    await redis.stop();
  });

  it('runs a typed line and prints the reply as redis-cli does', async () => {
    expect(await app.run('SET con:greeting "hello world"')).toMatchObject({ text: 'OK', error: false });
    expect(await app.run('GET con:greeting')).toMatchObject({ text: '"hello world"', error: false });
    expect(await admin.get('con:greeting')).toBe('hello world');
    await app.run('RPUSH con:list a b "c d"');
    expect((await app.run('LRANGE con:list 0 -1')).text).toBe('1) "a"\n2) "b"\n3) "c d"');
    expect((await app.run('INCR con:n')).text).toBe('(integer) 1');
    expect((await app.run('GET con:none')).text).toBe('(nil)');
    expect((await app.run('TYPE con:list')).text).toBe('list');
    expect(await app.run('INCR con:greeting')).toMatchObject({ text: '(error) ERR value is not an integer or out of range', error: true });
    await app.run('SET con:bin "\\xff\\x00a"');
    expect(await admin.getBuffer('con:bin')).toEqual(Buffer.from([0xff, 0x00, 0x61]));
    expect((await app.run('GET con:bin')).text).toBe('"\\xff\\x00a"');
  });

  it('refuses keys outside the namespace and the dangerous commands with the reason, and sends nothing', async () => {
    const before = await admin.info('commandstats');
    const outside = await app.run('SET outside overwritten');
    expect(outside).toMatchObject({ error: true, text: '', refused: { id: 'errors.namespace.outside', values: { key: 'outside', namespace: NS } } });
    expect(await admin.get('outside')).toBe('keep me');
    for (const [line, id] of [
      ['FLUSHALL', 'console.refuse.flush'],
      ['FLUSHDB', 'console.refuse.flush'],
      ['KEYS *', 'console.refuse.keys'],
      ['CONFIG SET maxmemory 1mb', 'console.refuse.configSet'],
      ['SHUTDOWN NOSAVE', 'console.refuse.shutdown'],
      ['DEBUG SLEEP 1', 'console.refuse.debug'],
      ['MONITOR', 'console.refuse.monitor'],
      ['SUBSCRIBE news', 'console.refuse.subscribe'],
      ['BLPOP con:q 0', 'console.refuse.blocking'],
      ['DEL con:a outside', 'errors.namespace.outside'],
    ] as const) {
      expect((await app.run(line)).refused?.id, line).toBe(id);
    }
    const after = await admin.info('commandstats');
    for (const cmd of ['flushall', 'flushdb', 'keys', 'shutdown', 'debug', 'monitor', 'subscribe', 'blpop', 'del']) {
      expect(new RegExp(`cmdstat_${cmd}:`).test(after), cmd).toBe(new RegExp(`cmdstat_${cmd}:`).test(before));
    }
    expect(await admin.dbsize()).toBeGreaterThan(0);
    expect((await app.run('CONFIG GET maxmemory')).text).toBe('1) "maxmemory"\n2) "0"');
  });

  it('a line redis-cli cannot split is refused before anything is sent', async () => {
    expect((await app.run('SET con:a "open')).refused?.id).toBe('console.parse.unbalanced');
    expect((await app.run('SET con:a "x"y')).refused?.id).toBe('console.parse.quoteNotFollowedBySpace');
  });

  it('a reply larger than 64 KB is cut, with its full size', async () => {
    await admin.set('con:big', 'z'.repeat(100_000));
    const reply = await app.run('GET con:big');
    // One big element shows its first 64 KB, not nothing.
    expect(reply.text).toBe(`"${'z'.repeat(64 * 1024 - 1)}`);
    expect(reply.cutFrom).toBe(100_002);
    const members = Array.from({ length: 9_000 }, (_, i) => `member-with-a-longer-name-${i}`);
    await admin.sadd('con:set', ...members);
    const cut = await app.run('SMEMBERS con:set');
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(64 * 1024);
    expect(cut.cutFrom).toBeGreaterThan(64 * 1024);
  });

  it('a whole big value is refused before it is read, naming the paged form; slices and small ones go through', async () => {
    await admin.set('con:huge', Buffer.alloc(2 * 1024 * 1024, 0x41));
    const get = await app.run('GET con:huge');
    expect(get.refused).toMatchObject({ id: 'console.refuse.tooLarge', values: { name: 'GET', key: 'con:huge', bytes: 2 * 1024 * 1024 } });
    expect((await app.run('GETRANGE con:huge 0 3')).text).toBe('"AAAA"');
    const fields: Record<string, string> = {};
    for (let i = 0; i <= 10_000; i++) fields[`f${i}`] = 'v';
    await admin.hset('con:wide', fields);
    expect((await app.run('HGETALL con:wide')).refused).toMatchObject({ id: 'console.refuse.tooManyElements', values: { n: 10_001, instead: 'HSCAN' } });
    expect((await app.run('HLEN con:wide')).text).toBe('(integer) 10001');
    await admin.rpush('con:long', ...Array.from({ length: 10_001 }, (_, i) => String(i)));
    expect((await app.run('LRANGE con:long 0 -1')).refused?.id).toBe('console.refuse.tooManyElements');
    expect((await app.run('LRANGE con:long 0 2')).text).toBe('1) "0"\n2) "1"\n3) "2"');
    expect((await app.run('LRANGE con:long -3 -1')).text).toBe('1) "9998"\n2) "9999"\n3) "10000"');
  });

  it('completes from the server’s COMMAND DOCS, with summaries, syntax and subcommands', async () => {
    const docs = await app.call<ConsoleCommands>('console.commands');
    expect(docs.source).toBe('server');
    const get = docs.commands.find((c) => c.name === 'GET');
    expect(get).toMatchObject({ syntax: 'key', group: 'string' });
    expect(get!.summary.length).toBeGreaterThan(5);
    expect(docs.commands.find((c) => c.name === 'SET')!.syntax).toContain('[NX | XX]');
    expect(docs.commands.some((c) => c.name === 'CONFIG GET')).toBe(true);
  });

  it('a user refused COMMAND completes from the client’s table, told why', async () => {
    const other = consoleCore();
    await other.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS, username: 'nocommand', password: 'pw' });
    const docs = await other.call<ConsoleCommands>('console.commands');
    expect(docs.source).toBe('client');
    expect(docs.reason).toMatchObject({ id: 'console.docs.denied' });
    expect(docs.commands.some((c) => c.name === 'HGETALL')).toBe(true);
    // A command the ACL refuses: redis-cli's line, and the right named.
    await admin.call('ACL', 'SETUSER', 'nocommand', '-hgetall');
    const refused = await other.run('HGETALL con:h');
    expect(refused.text).toMatch(/^\(error\) NOPERM/);
    expect(refused.hint).toMatchObject({ id: 'errors.noperm.command', values: { name: 'HGETALL', command: 'hgetall' } });
    await other.core.shutdown();
  });
});

describe('console in the sandbox: anything goes but what would break its connection', () => {
  let app: ReturnType<typeof consoleCore>;
  beforeAll(async () => {
    app = consoleCore();
    await app.call('connection.connect', { kind: 'sandbox', namespace: NS });
  });
  afterAll(() => app.core.shutdown());

  it('writes outside the namespace, KEYS, CONFIG SET and FLUSHALL run', async () => {
    expect((await app.run('SET elsewhere 1')).text).toBe('OK');
    expect((await app.run('KEYS *')).text).toBe('1) "elsewhere"');
    expect((await app.run('CONFIG SET latency-monitor-threshold 100')).text).toBe('OK');
    expect((await app.run('FLUSHALL')).text).toBe('OK');
    expect((await app.run('DBSIZE')).text).toBe('(integer) 0');
    expect((await app.run('PING')).text).toBe('PONG');
  });

  it('MONITOR, SUBSCRIBE and blocking commands are refused even here, saying why', async () => {
    expect((await app.run('MONITOR')).refused?.id).toBe('console.refuse.monitor');
    expect((await app.run('PSUBSCRIBE *')).refused?.id).toBe('console.refuse.subscribe');
    expect((await app.run('BRPOP q 0')).refused?.id).toBe('console.refuse.blocking');
    // And the console still answers after them.
    expect((await app.run('ECHO still-here')).text).toBe('"still-here"');
  });
});
