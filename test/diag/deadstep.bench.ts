import { it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis } from '../helpers/redis-server';

it('step timing with redis dead', async () => {
  const redis = await startTestRedis();
  const core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
  await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'rs:' });
  for (const patternId of ['cache-aside', 'write-behind-lost-update', 'pubsub-missed-message', 'leaderboard']) {
    const o = await dispatch(core.handlers, 'session.open', { patternId, params: { dbLatencyMs: 0 } });
    console.log(patternId, 'open', o.ok);
  }
  await dispatch(core.handlers, 'session.open', { patternId: 'cache-aside', params: { dbLatencyMs: 0 } });
  await dispatch(core.handlers, 'session.step', {});
  await redis.stop();
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const r = await dispatch(core.handlers, 'session.step', {});
    console.log('step', i, Math.round(performance.now() - t), 'ms', JSON.stringify(r).slice(0, 160));
  }
  for (const patternId of ['cache-aside', 'write-behind-lost-update', 'leaderboard']) {
    let t = performance.now();
    const o = await dispatch(core.handlers, 'session.open', { patternId, params: { dbLatencyMs: 0 } });
    console.log(patternId, 'open dead', Math.round(performance.now() - t), 'ms', JSON.stringify(o).slice(0, 120));
    t = performance.now();
    const r = await dispatch(core.handlers, 'session.step', {});
    console.log(patternId, 'step dead', Math.round(performance.now() - t), 'ms', JSON.stringify(r).slice(0, 120));
  }
  await core.shutdown();
}, 120_000);
