/** A literal "\xff" typed into a value and the byte 0xff never look alike in a row's preview or a value cell (found by a new user). */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownText } from '../../renderer/src/components/value-bytes';
import { consoleCore } from '../helpers/console-core';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const id = (key: string) => Buffer.from(key).toString('base64');

describe('escapes in compact cells', () => {
  let redis: TestRedis;
  let admin: Redis;
  let app: ReturnType<typeof consoleCore>;
  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    app = consoleCore();
    await app.call('connection.connect', { kind: 'existing', port: redis.port, namespace: 'ce:' });
  });
  afterAll(async () => {
    await app.core.shutdown();
    admin.disconnect();
    await redis.stop();
  });

  it('a row preview doubles a literal backslash, as redis-cli quotes it, so it differs from an escaped byte', async () => {
    await admin.set('ce:literal', 'Y\\xff');
    await admin.set('ce:bytes', Buffer.from([0x59, 0xff]));
    const [literal, bytes] = await app.call<{ preview: string }[]>('browser.details', { ids: [id('ce:literal'), id('ce:bytes')] });
    expect(literal.preview).toBe('Y\\\\xff');
    expect(bytes.preview).toBe('Y\\xff');
  });

  it('a value cell does the same', () => {
    expect(shownText({ text: 'Y\\xff' })).toBe('Y\\\\xff');
    expect(shownText({ text: Buffer.from([0x59, 0xff]).toString('base64'), enc: 'base64' })).toBe('Y\\xff');
    expect(shownText({ text: 'tab\there\u0001' })).toBe('tab\there\\x01');
  });
});
