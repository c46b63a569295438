import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { consoleCore } from '../helpers/console-core';

describe('console transactions: the read-bound probes stay out of the user’s MULTI', () => {
  let redis: TestRedis;
  let admin: Redis;
  let app: ReturnType<typeof consoleCore>;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    app = consoleCore();
    await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: 'rpi:' });
  });
  afterAll(async () => {
    await app.core.shutdown();
    admin.disconnect();
    await redis.stop();
  });

  it('EXEC replies once per queued command, and a big read inside MULTI is still refused', async () => {
    expect((await app.run('SET rpi:a 1')).text).toBe('OK');
    expect((await app.run('MULTI')).text).toBe('OK');
    expect((await app.run('GET rpi:a')).error).toBe(false);
    expect((await app.run('INCR rpi:a')).text).toBe('QUEUED');
    expect((await app.run('EXEC')).text).toBe('1) "1"\n2) (integer) 2');

    await admin.set('rpi:huge', 'z'.repeat(2 * 1024 * 1024));
    await app.run('MULTI');
    expect((await app.run('GET rpi:huge')).refused?.id).toBe('console.refuse.tooLarge');
    await app.run('GET rpi:a');
    expect((await app.run('DISCARD')).text).toBe('OK');
    // Out of the transaction again: the probe goes on the console's own connection and the command runs.
    expect((await app.run('GET rpi:a')).text).toBe('"2"');
  });
});

describe('console transactions in the sandbox after SELECT', () => {
  let app: ReturnType<typeof consoleCore>;
  beforeAll(async () => {
    app = consoleCore();
    await app.call('connection.connect', { kind: 'sandbox', namespace: 'rpi:' });
  });
  afterAll(() => app.core.shutdown());

  it('another database: no probe is queued, and EXEC replies once per command', async () => {
    expect((await app.run('SELECT 2')).text).toBe('OK');
    await app.run('SET a 5');
    await app.run('MULTI');
    await app.run('GET a');
    expect((await app.run('EXEC')).text).toBe('1) "5"');
  });
});
