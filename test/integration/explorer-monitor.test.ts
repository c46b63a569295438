import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName } from '../../shared/contract';
import type { ExplorationProgress } from '../../shared/exploration';
import type { StepResult } from '../../shared/model';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/** The monitor connections the server has now (CLIENT LIST marks them with flag O). */
async function monitors(check: Redis): Promise<number> {
  const list = (await check.call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => /\bflags=\S*O/.test(line)).length;
}

describe('MONITOR rests while the explorer runs and is back for the step-through after it', () => {
  let redis: TestRedis;
  let check: Redis;
  let core: AppCore;
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    check = redis.client();
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-explorer-monitor-')), transport: 'web', version: 'test' });
    await call('connection.connect', { kind: 'existing', port: redis.port, namespace: 'exm:', serverOrder: true });
  });
  afterAll(async () => {
    await core?.shutdown();
    check?.disconnect();
    await redis?.stop();
  });

  it('no monitor connection during the exploration; afterwards a step’s trace is in server order again', async () => {
    const opened = await call<{ stepTitles: unknown[] }>('session.open', { patternId: 'write-behind-lost-update' });
    // Every step's trace order (a step whose actor's connection opens during it says it has no address yet).
    const orders = async () => {
      const all: string[] = [];
      for (let i = 0; i < opened.stepTitles.length; i++) all.push((await call<StepResult>('session.step')).traceOrder?.order ?? 'none');
      await call('session.reset', {});
      return all;
    };
    const before = await orders();
    expect(before).toContain('server');
    expect(await monitors(check)).toBe(1);

    const started = await call<ExplorationProgress>('explore.start', { strategy: 'random', schedules: 100_000, seed: 1 });
    await expect.poll(async () => (await call<ExplorationProgress>('explore.current')).variants[0].tried, { interval: 10 }).toBeGreaterThan(20);
    expect(await monitors(check)).toBe(0);
    const stopped = await call<ExplorationProgress>('explore.stop');
    expect(stopped).toMatchObject({ id: started.id, running: false });

    expect(await monitors(check)).toBe(1);
    expect(await orders()).toEqual(before);
  });
});
