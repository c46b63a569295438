/**
 * The console's reads stay bounded however the big reply is asked for, on a
 * real redis-server: counts and ranges checked before sending (the server
 * is not made to build the reply), and any reply over the read limit cut at
 * the socket, its connection closed, the next command on a fresh one.
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_READ_LIMIT } from '../../electron/core/console/setup-console';
import { consoleCore, consoleOnTestRedis } from '../helpers/console-core';
import { startTestRedis } from '../helpers/redis-server';

const NS = 'rb:';

describe('console read bounds on an existing Redis', () => {
  // Seeded before the app connects: the Keys feed's reads of these keys are over before a test counts commands.
  const h = consoleOnTestRedis(NS, async (admin) => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) fields[`f${i}`] = 'v';
    const members = Array.from({ length: 6_000 }, (_, i) => `m${i}`);
    const p = admin.pipeline();
    p.hset('rb:hash', fields);
    p.sadd('rb:a', ...members);
    p.sadd('rb:b', ...members.map((m) => `${m}x`));
    p.zadd('rb:z', ...Array.from({ length: 20_000 }, (_, i) => [i, `z${i}`]).flat());
    p.set('rb:huge', Buffer.alloc(2 * 1024 * 1024, 0x41));
    p.set('rb:half1', Buffer.alloc(600 * 1024, 0x42));
    p.set('rb:half2', Buffer.alloc(600 * 1024, 0x43));
    for (let i = 0; i < 20_000; i++) p.xadd('rb:stream', '*', 'n', String(i));
    await p.exec();
  });

  it('refuses a count, range or COUNT that asks for more than the limit, before sending it; smaller ones run', async () => {
    const before = await h.admin.info('commandstats');
    for (const [line, id] of [
      ['HRANDFIELD rb:hash -20000 WITHVALUES', 'console.refuse.tooManyElements'],
      ['HRANDFIELD rb:hash 15000', 'console.refuse.tooManyElements'],
      ['SRANDMEMBER rb:a -10001', 'console.refuse.tooManyElements'],
      ['ZRANGEBYSCORE rb:z -inf +inf LIMIT 0 -1', 'console.refuse.tooManyElements'],
      ['ZRANGE rb:z 0 +inf BYSCORE LIMIT 5 15000', 'console.refuse.tooManyElements'],
      ['GETRANGE rb:huge 0 -1', 'console.refuse.rangeTooLarge'],
      ['SUBSTR rb:huge 0 -1', 'console.refuse.rangeTooLarge'],
      ['MGET rb:half1 rb:half2', 'console.refuse.manyValues'],
      ['SUNION rb:a rb:b', 'console.refuse.setOperation'],
      ['XRANGE rb:stream - + COUNT 100000000', 'console.refuse.tooManyElements'],
      ['XREAD STREAMS rb:stream 0', 'console.refuse.tooManyElements'],
      ['SCAN 0 COUNT 100000000', 'console.refuse.scanCount'],
      ['SCAN 0 MATCH rb:* COUNT 20000', 'console.refuse.scanCount'],
      ['HSCAN rb:hash 0 COUNT 1000000', 'console.refuse.scanCount'],
      ['LPOP rb:none 20000', undefined],
      ['SET rb:huge x GET', 'console.refuse.tooLarge'],
      ['XINFO STREAM rb:stream FULL COUNT 0', 'console.refuse.tooManyElements'],
    ] as const) {
      expect((await h.app.run(line)).refused?.id, line).toBe(id);
    }
    const after = await h.admin.info('commandstats');
    for (const cmd of ['hrandfield', 'srandmember', 'zrangebyscore', 'zrange', 'getrange', 'substr', 'mget', 'sunion', 'xrange', 'xread', 'scan', 'hscan']) {
      expect(new RegExp(`cmdstat_${cmd}:`).test(after), cmd).toBe(new RegExp(`cmdstat_${cmd}:`).test(before));
    }
    expect((await h.app.run('HRANDFIELD rb:hash -3')).text.split('\n')).toHaveLength(3);
    expect((await h.app.run('ZRANGEBYSCORE rb:z 0 1 LIMIT 0 10')).text).toBe('1) "z0"\n2) "z1"');
    expect((await h.app.run('GETRANGE rb:huge 0 3')).text).toBe('"AAAA"');
    expect((await h.app.run('SINTER rb:a rb:b')).text).toBe('(empty array)');
    expect((await h.app.run('XREAD COUNT 2 STREAMS rb:stream 0')).error).toBe(false);
    expect((await h.app.run('SCAN 0 MATCH count COUNT 100')).error).toBe(false);
    expect((await h.app.run('XINFO STREAM rb:stream FULL COUNT 2')).error).toBe(false);
  });

  it('cuts a reply over the read limit at the socket, says so, and runs the next command on a fresh connection', async () => {
    // HGET of one field is small by every count: only its bytes are big.
    await h.admin.hset('rb:fat', 'f', Buffer.alloc(CONSOLE_READ_LIMIT + 1024 * 1024, 0x44));
    await h.app.run('SET rb:before-multi 1');
    expect((await h.app.run('MULTI')).text).toBe('OK');
    expect((await h.app.run('HGET rb:fat f')).text).toBe('QUEUED');
    const cut = await h.app.run('EXEC');
    expect(cut).toMatchObject({ text: '', error: true, connectionReset: true, hint: { id: 'console.replyTooLarge' } });
    expect(Number(cut.hint?.values?.received)).toBeLessThan(CONSOLE_READ_LIMIT + 512 * 1024);
    // A new connection, outside the old transaction: commands run at once.
    expect((await h.app.run('GET rb:before-multi')).text).toBe('"1"');
    expect((await h.app.run('HGET rb:fat f')).hint?.id).toBe('console.replyTooLarge');
    expect((await h.app.run('PING')).text).toBe('PONG');
  });

  it('refuses RESTORE-ASKING as RESTORE, and the self-test and replication-internal commands', async () => {
    for (const [line, id] of [
      ['RESTORE-ASKING rb:r 0 "x"', 'console.refuse.restore'],
      ['PFSELFTEST', 'console.refuse.debug'],
      ['PFDEBUG GETREG rb:hll', 'console.refuse.debug'],
      ['REPLCONF listening-port 1', 'console.refuse.admin'],
    ] as const) {
      expect((await h.app.run(line)).refused?.id, line).toBe(id);
    }
  });
});

describe('console when the connection drops under a command', () => {
  it('says the reply never came and whether it ran is unknown, in words, and does not send it again', async () => {
    const redis = await startTestRedis();
    const admin = redis.client();
    const app = consoleCore();
    let killed = false;
    try {
      await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
      expect((await app.run('PING')).text).toBe('PONG');
      // A busy script holds the server, so the console's INCR waits for its reply; then the server dies.
      void admin.eval('local t = redis.call("TIME") while true do local n = redis.call("TIME") if n[1] - t[1] > 3 then break end end return 1', 0).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pending = app.run('INCR rb:counter');
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(redis.pid, 'SIGKILL');
      killed = true;
      const reply = await pending;
      expect(reply).toMatchObject({ text: '', error: true, connectionReset: true, hint: { id: 'console.connectionLost', values: { name: 'INCR' } } });
    } finally {
      await app.core.shutdown();
      admin.disconnect();
      // A killed server has exited already: stop() would wait for an exit that came.
      if (!killed) await redis.stop();
    }
  });
});

describe('console reports printed as redis-cli prints them', () => {
  it('INFO and CLIENT LIST print as raw lines, not one quoted string', async () => {
    const redis = await startTestRedis();
    const app = consoleCore();
    try {
      await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
      const info = await app.run('INFO server');
      expect(info.text.startsWith('# Server\nredis_version:')).toBe(true);
      expect(info.text).not.toContain('\r');
      expect((await app.run('CLIENT LIST')).text).toMatch(/^id=\d+ addr=/);
      // Other bulk replies stay quoted.
      expect((await app.run('ECHO "a b"')).text).toBe('"a b"');
    } finally {
      await app.core.shutdown();
      await redis.stop();
    }
  });
});
