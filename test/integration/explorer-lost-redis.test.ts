import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, RequestName } from '../../shared/contract';
import type { ExplorationProgress } from '../../shared/exploration';
import { formatMessage } from '../../shared/i18n/format';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * Redis going away in the middle of an exploration: the stop reason is a
 * message in the user's language that counts the schedules that ran (the
 * library's words kept as the detail), and the outcomes of the schedules
 * that broke the invariant are marked as such although nothing was shrunk.
 */
describe('the explorer when Redis goes away mid-exploration', () => {
  let redis: TestRedis;
  let core: AppCore;
  const events: ExplorationProgress[] = [];

  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  async function until<T>(find: () => T | undefined, timeout = 60_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() - start > timeout) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-explorer-lost-')), transport: 'web', version: 'test' });
    core.events.subscribe((batch: AppEvent[]) => {
      for (const e of batch) if (e.type === 'explore') events.push(e.payload);
    });
    await call('connection.connect', { kind: 'existing', port: redis.port, namespace: 'lost:' });
  });
  afterAll(async () => {
    await core?.shutdown();
    await redis?.stop();
  });

  it('says “Lost the connection to Redis after N schedules” (en and ko), keeps the raw detail, and still marks the lost points as failing', { timeout: 90_000 }, async () => {
    await call('session.open', { patternId: 'write-behind-lost-update' });
    const started = await call<ExplorationProgress>('explore.start', { strategy: 'random', schedules: 100_000, seed: 5, variants: ['article'] });
    // Running, with some schedules that lost points already counted.
    await until(() => events.find((p) => p.id === started.id && p.running && p.variants[0].violations > 0));
    await redis.stop();
    const ended = await until(() => events.find((p) => p.id === started.id && !p.running));

    const n = ended.variants[0].tried;
    expect(n).toBeGreaterThan(0);
    expect(ended.error).toEqual({ id: 'explorer.error.lostRedis', values: { n } });
    expect(ended.errorDetail).toEqual(expect.any(String));
    expect(ended.errorDetail!.length).toBeGreaterThan(0);
    expect(formatMessage(ended.error!, 'en')).toBe(`Lost the connection to Redis after ${n.toLocaleString('en')} schedule${n === 1 ? '' : 's'}: the exploration stopped. The results below are of the schedules that ran.`);
    expect(formatMessage(ended.error!, 'ko')).toMatch(/^스케줄 [\d,]+개를 실행한 뒤 Redis와의 연결이 끊겨/);

    // Not shrunk (Redis was gone), yet the measured loss is known to break the invariant: the chart draws it as a loss.
    expect(ended.variants[0].shortest).toBeUndefined();
    const failing = ended.variants[0].failingMeasures ?? [];
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((value) => value > 0)).toBe(true);
    expect(failing.reduce((sum, value) => sum + (ended.variants[0].measures[value] ?? 0), 0)).toBe(ended.variants[0].violations);
  });
});
