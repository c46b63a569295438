import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDetails } from '../../electron/core/browser/key-browser';
import { KeyList } from '../../electron/core/browser/key-list';
import { readValuePage } from '../../electron/core/key-editor/value-page';
import type { ValuePage } from '../../shared/key-editor-contract';
import { readKeyDetails } from '../../electron/core/feed/key-details';
import type { ServerFacts } from '../../electron/core/redis/open-client';
import type { KeyInfo } from '../../shared/model';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const facts: ServerFacts = { version: '7.0.15', role: 'master', major: 7, minor: 0, mode: 'standalone', limits: [] };
const id = (key: string) => Buffer.from(key).toString('base64');

/** No reply may carry the placeholders the issue saw: NaN (null in JSON), undefined, or an empty cell. */
/** The value pane's page of a key, as the renderer reads it (keyEditor.page). */
async function readKeyValue(client: Redis, keyId: string): Promise<ValuePage | null> {
  const connection = { kind: 'sandbox' as const, namespace: 'rpi:', facts: { role: 'master' }, control: client };
  return (await readValuePage(connection, keyId, { count: 100, view: 'auto' })) as ValuePage | null;
}

/** Rows as [index or id, cell texts…]. */
const texts = (page: ValuePage | null) => page!.rows!.map((r) => [String(r.entryId ?? r.index), ...r.cells.map((c) => c.text)]);

/** Every name the list holds after scanning to the end, and the list's progress. */
async function scanAll(client: Redis) {
  const list = new KeyList(client, facts, () => undefined);
  await list.start({ match: '*' }, true);
  await list.idle();
  const p = list.progress()!;
  const win = list.window(p.scanId, { view: 'flat', start: 0, count: 200, delimiter: ':', expanded: [], text: '' });
  return { progress: p, keys: win.rows.flatMap((r) => (r.kind === 'key' ? [{ id: r.id, label: r.label }] : [])) };
}

function expectNoBlanks(value: unknown) {
  const json = JSON.stringify(value);
  expect(json).not.toMatch(/NaN|undefined|null/);
}

describe('least privilege: the key browser names what a real ACL user may not read', () => {
  let redis: TestRedis;
  let admin: Redis;
  const as = (user: string) => redis.client({ username: user, password: 'pw' });

  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
    await admin.set('allowed:greeting', 'hello', 'EX', 300);
    await admin.rpush('allowed:small', 'a', 'b', 'c');
    await admin.eval("for i = 1, 10 do redis.call('RPUSH', KEYS[1], string.rep('x', 100 * 1024)) end", 1, 'allowed:large');
    await admin.hset('secret:profile', { name: 'Ada' });
    await admin.set('ro:config', 'read me');
    await admin.set('wo:inbox', 'write only');
    const user = (name: string, ...rules: string[]) => admin.call('ACL', 'SETUSER', name, 'reset', 'on', '>pw', ...rules);
    // SCAN lists every key name whatever the key patterns; reading needs the key to match one.
    await user('reader', '~allowed:*', '%R~ro:*', '%W~wo:*', '+@all', '-@dangerous');
    await user('noscript', '~*', '+@all', '-@scripting');
    await user('nottl', '~*', '+@all', '-pttl', '-dbsize');
    await user('nolrange', '~*', '+@all', '-lrange');
    await user('noscan', '~*', '+@all', '-scan');
    await user('noscriptnolen', '~*', '+@all', '-@scripting', '-llen');
  });
  afterAll(() => redis.stop());

  it('a key the user may scan but not read: every part names the NOPERM, no "0 elements", NaN or undefined', async () => {
    const reader = as('reader');
    const page = await scanAll(reader);
    expect(page.keys.map((k) => k.label).sort()).toEqual(['allowed:greeting', 'allowed:large', 'allowed:small', 'ro:config', 'secret:profile', 'wo:inbox']);
    const details = (await keyDetails(
      reader,
      page.keys.map((k) => k.id),
    )) as (KeyInfo & { id: string })[];
    expectNoBlanks(details);
    const by = (key: string) => details.find((d) => d.id === id(key))!;

    const noRead = { kind: 'key', command: 'type' };
    expect(by('secret:profile').denied).toEqual({ type: noRead, size: noRead, value: noRead, ttl: { kind: 'key', command: 'pttl' } });
    expect(by('allowed:greeting')).toMatchObject({ type: 'string', preview: 'hello', size: 5 });
    expect(by('allowed:greeting').denied).toBeUndefined();
    expect(by('allowed:small')).toMatchObject({ type: 'list', preview: 'a, b, c', size: 3 });
    expect(by('ro:config')).toMatchObject({ type: 'string', preview: 'read me' });
    // Write-only (%W~): Redis 7.0 answers TYPE and STRLEN but refuses PTTL and GETRANGE.
    expect(by('wo:inbox')).toMatchObject({ type: 'string', size: 10, denied: { ttl: { kind: 'key', command: 'pttl' }, value: { kind: 'key', command: 'getrange' } } });
    expect(by('wo:inbox').denied!.size).toBeUndefined();

    const secret = await readKeyValue(reader, id('secret:profile'));
    expectNoBlanks(secret);
    expect(secret).toMatchObject({ key: 'secret:profile', denied: { value: noRead, ttl: { kind: 'key', command: 'pttl' } } });
    expect(secret!.rows).toBeUndefined();
  });

  it('without EVAL: small collections are read with plain commands, large ones are left unread and say why', async () => {
    const noscript = as('noscript');
    const small = await readKeyValue(noscript, id('allowed:small'));
    expect(small).toMatchObject({ type: 'list', size: 3 });
    expect(texts(small)).toEqual([['0', 'a'], ['1', 'b'], ['2', 'c']]);
    expect(small!.next).toBeUndefined();
    const large = await readKeyValue(noscript, id('allowed:large'));
    expectNoBlanks(large);
    // Left unread, but still counted: never "0 elements".
    expect(large).toMatchObject({ type: 'list', size: 10, unread: { denial: { kind: 'command', command: 'eval' } } });
    expect(large!.rows).toBeUndefined();
    expect(large!.unread!.memoryBytes).toBeGreaterThan(1024 * 1024);
    const [preview] = await readKeyDetails(noscript, [Buffer.from('allowed:large')]);
    expect(preview).toMatchObject({ size: 10, denied: { value: { kind: 'command', command: 'eval' } } });

    // Counting runs on its own then: a refused LLEN is named, not shown as "0 elements".
    const uncounted = await readKeyValue(as('noscriptnolen'), id('allowed:small'));
    expectNoBlanks(uncounted);
    expect(uncounted).toMatchObject({ denied: { size: { kind: 'command', command: 'llen' } } });
    expect(texts(uncounted)).toEqual([['0', 'a'], ['1', 'b'], ['2', 'c']]);
  });

  it('names a refused command: PTTL in the TTL cell, DBSIZE in the total, LRANGE inside the script', async () => {
    const nottl = as('nottl');
    const [info] = await readKeyDetails(nottl, [Buffer.from('allowed:greeting')]);
    expectNoBlanks(info);
    expect(info).toMatchObject({ type: 'string', preview: 'hello', denied: { ttl: { kind: 'command', command: 'pttl' } } });
    const { progress } = await scanAll(nottl);
    expect(progress.dbsize).toBeUndefined();
    expect(progress.dbsizeDenied).toEqual({ kind: 'command', command: 'dbsize' });

    const view = await readKeyValue(as('nolrange'), id('allowed:small'));
    expectNoBlanks(view);
    expect(view).toMatchObject({ size: 0, denied: { value: { kind: 'command', command: 'lrange' } } });
  });

  it('a user without SCAN is told the browser cannot list keys, by name', async () => {
    await expect(new KeyList(as('noscan'), facts, () => undefined).start({ match: '*' }, false)).rejects.toThrow('Your Redis user may not run SCAN (Redis answered NOPERM), so the key browser cannot list keys.');
  });
});
