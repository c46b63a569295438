import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { startWebHost, type WebHost } from '../../electron/core/transport/web-host';
import { formatMessage } from '../../shared/i18n/format';
import type { Message } from '../../shared/i18n/message';
import { contractSocket } from '../helpers/contract-socket';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

type Reply = { id: number; result: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; consent?: Record<string, unknown> } } };

async function socketClient(host: WebHost) {
  const socket = await contractSocket<Reply['result']>(host);
  return { ws: socket.ws, send: socket.send };
}

describe('keys that existed before the app are deleted only with consent the host checks', () => {
  let redis: TestRedis;
  let check: Redis;
  let core: AppCore;
  let host: WebHost;
  let client: Awaited<ReturnType<typeof socketClient>>;

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-consent-')), transport: 'web', version: 'test' });
    host = await startWebHost(core, { rendererDir });
    client = await socketClient(host);
  });
  afterAll(async () => {
    client?.ws.close();
    await host?.close();
    await core?.shutdown();
    await redis?.stop();
  });
  beforeEach(async () => {
    await client.send('connection.disconnect', {});
    await check.flushdb();
    await check.set('user:1', 'not the app’s');
  });

  const existing = (namespace: string) => ({ kind: 'existing', port: redis.port, namespace });

  it('refuses session.open sent straight over the socket, deletes nothing, and says what it found', async () => {
    await check.set('a:one', '1');
    await check.set('a:two\xff', '2');
    const connected = await client.send('connection.connect', existing('a:'));
    expect(connected.result.value).toMatchObject({ existingKeys: 2 });

    const refused = await client.send('session.open', { patternId: 'cache-aside' });
    expect(refused.result.ok).toBe(false);
    expect(refused.result.error).toMatchObject({ code: 'consent_required', consent: { server: `127.0.0.1:${redis.port}/0`, namespace: 'a:', keys: 2 } });
    // Named as the key browser names them: UTF-8 as text (a Korean user must recognise their keys in a dialog about deleting them).
    expect((refused.result.error?.consent?.sample as string[]).sort()).toEqual(['a:one', 'a:twoÿ']);
    expect(await check.exists('a:one', 'a:two\xff', 'user:1')).toBe(3);

    // Consent for another namespace, another server, or fewer keys than exist covers nothing.
    for (const consent of [
      { server: `127.0.0.1:${redis.port}/0`, namespace: 'b:', keys: 2 },
      { server: `127.0.0.1:${redis.port}/1`, namespace: 'a:', keys: 2 },
      { server: `127.0.0.1:${redis.port}/0`, namespace: 'a:', keys: 1 },
    ]) {
      expect((await client.send('session.open', { patternId: 'cache-aside', consent })).result.error?.code).toBe('consent_required');
    }
    expect(await check.exists('a:one', 'a:two\xff')).toBe(2);

    const agreed = await client.send('session.open', { patternId: 'cache-aside', consent: { server: `127.0.0.1:${redis.port}/0`, namespace: 'a:', keys: 2 } });
    expect(agreed.result.ok).toBe(true);
    expect(await check.exists('a:one', 'a:two\xff')).toBe(0);
    expect(await check.get('user:1')).toBe('not the app’s');
    expect((await client.send('connection.status', {})).result.value).toMatchObject({ existingKeys: 0 });

    // From then on the namespace is the app's for this connection: switching patterns and resetting need no consent.
    expect((await client.send('session.open', { patternId: 'leaderboard' })).result.ok).toBe(true);
    expect((await client.send('session.reset', {})).result.ok).toBe(true);
  });

  it('forgets consent on disconnect: a reconnect to another namespace asks again (the reported reproduction)', async () => {
    await check.set('a:x', '1');
    await client.send('connection.connect', existing('a:'));
    expect((await client.send('session.open', { patternId: 'cache-aside', consent: { server: `127.0.0.1:${redis.port}/0`, namespace: 'a:', keys: 1 } })).result.ok).toBe(true);
    await client.send('connection.disconnect', {});

    await check.set('b:mine', 'precious');
    await client.send('connection.connect', existing('b:'));
    const reply = await client.send('session.open', { patternId: 'cache-aside' });
    expect(reply.result.error?.code).toBe('consent_required');
    expect(await check.get('b:mine')).toBe('precious');

    // The same namespace again, after a disconnect: keys written meanwhile by someone else are theirs until agreed.
    await client.send('connection.disconnect', {});
    await check.set('a:later', 'someone else’s');
    await client.send('connection.connect', existing('a:'));
    expect((await client.send('session.reset', {})).result.error?.code).toBe('no_session');
    expect((await client.send('session.open', { patternId: 'leaderboard' })).result.error?.code).toBe('consent_required');
    expect(await check.get('a:later')).toBe('someone else’s');
  });

  it('an empty namespace needs no consent; keys that appear later under it are covered only if the app got there first', async () => {
    await client.send('connection.connect', existing('c:'));
    expect((await client.send('session.open', { patternId: 'leaderboard' })).result.ok).toBe(true);
    await check.set('c:written-after', 'x');
    // The app owns c: since its first clear; a reset clears what is there now.
    expect((await client.send('session.reset', {})).result.ok).toBe(true);
    expect(await check.exists('c:written-after')).toBe(0);
  });

  it('never needs consent on the private sandbox', async () => {
    const connected = await client.send('connection.connect', { kind: 'sandbox', namespace: 'rpi:' });
    expect(connected.result.ok).toBe(true);
    expect((await client.send('session.open', { patternId: 'leaderboard' })).result.ok).toBe(true);
  });

  it('refuses a namespace without a final separator and says what else it would match', async () => {
    const reply = await client.send('connection.connect', existing('rpi'));
    expect(reply.result.error?.code).toBe('invalid_input');
    expect(reply.result.error?.message).toMatch(/End the namespace with a separator \(: \/ \. - _ \| #\), e\.g\. "rpi:"\. As typed, "rpi" would also match keys such as "rpix", "rpi;1" and "rpi" itself\./);
    // Carried as a message, so the connect form says it in Korean too, naming what was typed.
    const said = (reply.result.error as { msg?: Message } | undefined)?.msg;
    expect(said?.id).toBe('issue.namespace.separator');
    expect(formatMessage(said!, 'ko')).toBe('네임스페이스는 구분자(: / . - _ | #)로 끝나야 합니다. 예: "rpi:". 지금처럼 "rpi"(으)로 쓰면 "rpix", "rpi;1", "rpi" 자신 같은 키까지 가리키게 됩니다.');
    for (const [ns, id] of [['', 'issue.namespace.required'], ['a b:', 'issue.namespace.chars'], [`${'n'.repeat(101)}:`, 'issue.namespace.long']]) {
      const refused = await client.send('connection.connect', existing(ns));
      expect((refused.result.error as { msg?: Message }).msg?.id, ns).toBe(id);
    }
    expect((await client.send('connection.status', {})).result.value).toMatchObject({ state: 'disconnected' });
  });
});
