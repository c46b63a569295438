import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeysFeed } from '../../electron/core/feed/keys-feed';
import { LiveConnection } from '../../electron/core/redis/live-connection';
import { keysPanelModel } from '../helpers/keys-updates';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'feed:';

async function openFeed(port: number, extra: { username?: string; password?: string } = {}) {
  const connection = await LiveConnection.open({ kind: 'existing', port, namespace: NS, ...extra }, { dataDir: '/tmp' });
  const panel = keysPanelModel(() => feed.read());
  const feed: KeysFeed = new KeysFeed(connection, panel.push, { pollIntervalMs: 200 });
  await feed.start();
  return { connection, feed, panel, latest: panel.latest };
}

describe('live keys feed', () => {
  let redis: TestRedis;
  let admin: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    await admin.call('ACL', 'SETUSER', 'viewer', 'on', '>viewer-pw', '~*', '&*', '+@all', '-config');
  });
  afterAll(() => redis.stop());

  it('enables keyspace notifications, sees changes made by anyone, and restores the setting on stop', async () => {
    await admin.config('SET', 'notify-keyspace-events', 'Ex');
    const { connection, feed, latest } = await openFeed(redis.port);
    expect(feed.mode).toBe('notifications');
    expect(((await admin.config('GET', 'notify-keyspace-events')) as string[])[1]).toMatch(/K/);

    // Another client, not the app, writes under the namespace.
    await admin.set('feed:greeting', 'hello', 'EX', 120);
    const info = await eventually(() => {
      const key = latest().keys.find((k) => k.key === 'feed:greeting');
      expect(key).toBeDefined();
      return key!;
    });
    expect(info).toMatchObject({ type: 'string', preview: 'hello', size: 5 });
    expect(info.pttl).toBeGreaterThan(115_000);
    expect(info.pttl).toBeLessThanOrEqual(120_000);
    expect(Math.abs(info.readAt - Date.now())).toBeLessThan(5000);

    await admin.zadd('feed:board', 1800, 'charlie', 1500, 'alice');
    await admin.set('outside', 'not in the panel');
    await eventually(() => expect(latest().keys.map((k) => k.key)).toEqual(['feed:board', 'feed:greeting']));
    expect(latest().keys[0]).toMatchObject({ type: 'zset', size: 2, preview: 'charlie: 1800, alice: 1500', pttl: -1 });

    await admin.del('feed:greeting');
    await eventually(() => expect(latest().keys.map((k) => k.key)).toEqual(['feed:board']));

    await feed.stop();
    await connection.close();
    expect(((await admin.config('GET', 'notify-keyspace-events')) as string[])[1]).toBe('xE');
  });

  it('falls back to polling SCAN when the user may not run CONFIG', async () => {
    await admin.config('SET', 'notify-keyspace-events', '');
    const { connection, feed, latest } = await openFeed(redis.port, { username: 'viewer', password: 'viewer-pw' });
    expect(feed.mode).toBe('polling');
    expect(connection.status({ keyspaceFeed: feed.mode }).keyspaceFeed).toBe('polling');
    await admin.rpush('feed:queue', 'job-1', 'job-2');
    await eventually(() => expect(latest().keys.find((k) => k.key === 'feed:queue')).toMatchObject({ type: 'list', size: 2, preview: 'job-1, job-2' }));
    await feed.stop();
    await connection.close();
    expect(((await admin.config('GET', 'notify-keyspace-events')) as string[])[1]).toBe('');
  });

  it('previews huge values and binary keys without reading them whole', async () => {
    await admin.set('feed:huge', 'x'.repeat(20 * 1024 * 1024));
    await admin.set(Buffer.concat([Buffer.from('feed:'), Buffer.from([0xff, 0xfe, 0x00])]), Buffer.from([0xc3, 0x28]));
    const { connection, feed } = await openFeed(redis.port);
    const snapshot = await feed.read();
    const huge = snapshot.keys.find((k) => k.key === 'feed:huge')!;
    expect(huge.size).toBe(20 * 1024 * 1024);
    expect(huge.preview.length).toBeLessThanOrEqual(202);
    expect(snapshot.keys.find((k) => k.key === 'feed:\\xff\\xfe\\x00')).toMatchObject({ preview: '\\xc3(' });
    await feed.stop();
    await connection.close();
  });
});
