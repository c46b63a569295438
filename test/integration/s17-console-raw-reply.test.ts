import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { consoleCore } from '../helpers/console-core';

/**
 * Found typing HGETALL into the console: it printed "[object Object]".
 * ioredis turns HGETALL's reply into an object for its own API; the console
 * prints what Redis sent, as redis-cli does.
 */
describe('console: replies as Redis sent them', () => {
  let redis: TestRedis;
  const app = consoleCore();

  beforeAll(async () => {
    redis = await startTestRedis();
    await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: 'qa:' });
  });
  afterAll(async () => {
    await app.core.shutdown();
    await redis?.stop();
  });

  it('HGETALL prints each field and value in the order Redis sent them, binary and __proto__ fields included', async () => {
    const admin = redis.client();
    await admin.hset('qa:h', 'b', '2', 'a', '1', '__proto__', 'x');
    await admin.hset(Buffer.from('qa:h'), Buffer.from([0xff, 0x00]), 'bin');
    admin.disconnect();
    expect(await app.run('HGETALL qa:h')).toMatchObject({ error: false, text: '1) "b"\n2) "2"\n3) "a"\n4) "1"\n5) "__proto__"\n6) "x"\n7) "\\xff\\x00"\n8) "bin"' });
    expect(await app.run('HGETALL qa:none')).toMatchObject({ error: false, text: '(empty array)' });
  });
});
