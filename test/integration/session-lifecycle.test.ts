import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { english } from '../helpers/format-message';

describe('opening, stepping and switching runs', () => {
  let redis: TestRedis;
  let core: AppCore;

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'life:' });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('a step sent while a pattern is still opening is refused, and the run starts clean', async () => {
    await dispatch(core.handlers, 'session.open', { patternId: 'leaderboard' });
    await dispatch(core.handlers, 'session.step', {});

    const opening = dispatch(core.handlers, 'session.open', { patternId: 'write-behind-lost-update', params: { dbLatencyMs: 0 } });
    const early = await dispatch(core.handlers, 'session.step', {});
    expect(early).toMatchObject({ ok: false, error: { code: expect.stringMatching(/no_session|busy/) } });
    expect(await opening).toMatchObject({ ok: true, value: { patternId: 'write-behind-lost-update', cursor: 0 } });

    for (let i = 0; i < 4; i++) expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true });
    const current = english(await dispatch(core.handlers, 'session.current', {})) as { value: { panels: { kind: string; columns?: { items: { label: string; value: unknown }[] }[] }[] } };
    const naive = current.value.panels.find((p) => p.kind === 'counters')!.columns![0];
    const value = (label: string) => naive.items.find((i) => i.label === label)!.value;
    expect([value('points sent by writers'), value('points in the database'), value('points lost')]).toEqual([15, 10, 5]);
  });

  it('switching patterns stops the old one’s background worker', async () => {
    await dispatch(core.handlers, 'session.open', { patternId: 'write-behind', params: { intervalSec: 1 } });
    expect(english(await dispatch(core.handlers, 'session.step', {}))).toMatchObject({ ok: true, value: { narrative: expect.stringMatching(/worker is running/) } });
    await dispatch(core.handlers, 'session.open', { patternId: 'cache-aside' });
    const client = redis.client();
    await client.sadd('life:pending_writes', '7');
    await client.set('life:user:score:7', '3');
    await new Promise((r) => setTimeout(r, 1500));
    // Nobody flushed: the old worker is gone with its run.
    expect(await client.smembers('life:pending_writes')).toEqual(['7']);
  });
});
