import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { StepResult } from '../../shared/model';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

describe('a step that holds an actor at its race window, when the actor never gets there', () => {
  let redis: TestRedis;
  let core: AppCore;

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    expect(await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'rt:' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  it('finishes and says the worker ran through, instead of waiting forever for it (someone emptied the pending set)', async () => {
    expect(await dispatch(core.handlers, 'session.open', { patternId: 'write-behind-lost-update', params: { first: 7, second: 3, dbLatencyMs: 0 } })).toMatchObject({ ok: true });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { outcome: 'write' } });
    // Someone else removes the pending set between the steps.
    await redis.client().del('rt:pending_writes');
    const step = (await Promise.race([
      dispatch(core.handlers, 'session.step', {}),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
    ])) as { ok: true; value: StepResult } | 'hung';
    expect(step).not.toBe('hung');
    const result = (step as { ok: true; value: StepResult }).value;
    expect(result).toMatchObject({ outcome: 'info', narrative: { id: 'engine.ranThrough', values: { actor: { id: 'ui.actor.worker' } } } });
    // What the worker did is in the trace as the server answered it: SMEMBERS, empty; no GET was sent.
    const commands = result.trace.flatMap((e) => (e.kind === 'redis' ? [`${e.command} ${e.reply}`] : []));
    expect(commands).toEqual(['SMEMBERS (empty array)']);
    // The run goes on: the next steps run, and the "resume" step hands back the flush's result.
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { stepIndex: 2 } });
    expect(await dispatch(core.handlers, 'session.step', {})).toMatchObject({ ok: true, value: { stepIndex: 3 } });
  });
});
