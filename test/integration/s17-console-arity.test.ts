import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../shared/i18n/format';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { consoleCore } from '../helpers/console-core';

/**
 * Found typing short commands into the console on an existing Redis. A bare
 * `SET` read "SET undefined is outside the namespace"; worse, `MSET qa:x`
 * passed the namespace guard (its one key is inside) and ioredis, which
 * spreads a lone object argument into field/value pairs, sent
 * `MSET 0 113 1 97 2 58 3 120`: four keys written outside the namespace.
 * `HSET qa:h f` wrote field "0" = "102".
 */
describe('console: a command typed with an argument count it does not take', () => {
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

  it.each([
    ['MSET qa:x', { name: 'MSET', exact: 'no', n: 2, given: 1 }],
    ['MSETNX qa:x', { name: 'MSETNX', exact: 'no', n: 2, given: 1 }],
    ['HSET qa:h f', { name: 'HSET', exact: 'no', n: 3, given: 2 }],
    ['HMSET qa:h f', { name: 'HMSET', exact: 'no', n: 3, given: 2 }],
    ['SET', { name: 'SET', exact: 'no', n: 2, given: 0 }],
    ['GET qa:a qa:b', { name: 'GET', exact: 'yes', n: 1, given: 2 }],
  ])('%s is refused with the count it takes, and nothing is written', async (line, values) => {
    const reply = await app.run(line);
    expect(reply.refused).toEqual({ id: 'console.refuse.arity', values });
    const admin = redis.client();
    expect(await admin.keys('*')).toEqual([]);
    admin.disconnect();
  });

  it('says so in words, in English and Korean', async () => {
    const refused = (await app.run('MSET qa:x')).refused!;
    expect(formatMessage(refused)).toBe('MSET takes at least 2 arguments after its name, and 1 was typed; Redis would answer “wrong number of arguments”.');
    expect(formatMessage(refused, 'ko')).toBe('MSET 뒤에는 인자가 2개 이상 와야 하는데 1개를 입력했습니다. Redis라면 “wrong number of arguments”로 거절합니다.');
  });

  it('with the right count the command runs as typed, and the namespace guard still names a key outside', async () => {
    expect(await app.run('MSET qa:x 1 qa:y 2')).toMatchObject({ error: false, text: 'OK' });
    expect(await app.run('HSET qa:h f v')).toMatchObject({ error: false, text: '(integer) 1' });
    expect((await app.run('MSET qa:z 1 other 2')).refused).toMatchObject({ id: 'errors.namespace.outside', values: { key: 'other', namespace: 'qa:' } });
    const admin = redis.client();
    expect((await admin.keys('*')).sort()).toEqual(['qa:h', 'qa:x', 'qa:y']);
    expect(await admin.hgetall('qa:h')).toEqual({ f: 'v' });
    admin.disconnect();
  });
});
