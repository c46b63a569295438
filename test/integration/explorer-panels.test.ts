import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName } from '../../shared/contract';
import type { ExplorationProgress, ExploredSchedule } from '../../shared/exploration';
import type { CountersPanel, PanelData, PendingPanel } from '../../shared/model';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

const NS = 'exp:';
const PATTERN = 'write-behind-lost-update';

/** The article column's figures (sent, stored, waiting, lost) and the pending set's users, from one captured panel set. */
function read(panels: PanelData[]) {
  const counters = panels.find((p): p is CountersPanel => p.kind === 'counters')!;
  const pending = panels.find((p): p is PendingPanel => p.kind === 'pending')!;
  const [sent, stored, waiting, last] = counters.columns[0].items;
  // The fourth figure is the loss, or (while a flush has written the points and not yet deleted them) what is counted twice.
  const lost = last.label.id === 'writeBehind.panel.lost' ? last.value : undefined;
  const countedTwice = last.label.id === 'writeBehind.panel.countedTwice' ? { value: last.value, tone: last.tone, column: counters.columns[0].tone } : undefined;
  return { sent: sent.value, stored: stored.value, waiting: waiting.value, lost, countedTwice, pending: pending.items.map((i) => i.id) };
}

describe('the shortest failing schedule, stepped with its panels (time travel), on a real redis-server', () => {
  let redis: TestRedis;
  let core: AppCore;
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-explorer-panels-')), transport: 'web', version: 'test-1.2.3' });
    await call('connection.connect', { kind: 'existing', port: redis.port, namespace: NS });
    await call('session.open', { patternId: PATTERN });
  });
  afterAll(async () => {
    await core?.shutdown();
    await redis?.stop();
  });

  it('replaying the lost increment’s shortest schedule captures one panel set per decision; after the worker’s DEL the counters show the lost points', async () => {
    const started = await call<ExplorationProgress>('explore.start', {});
    let done: ExplorationProgress | undefined;
    for (const until = Date.now() + 60_000; !done && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const now = await call<ExplorationProgress>('explore.current');
      if (now && now.id === started.id && !now.running) done = now;
    }
    const found = done!.variants[0].shortest!;
    // The exploration's own shortest schedule already carries its panels (one viewing replay after shrinking).
    expect(found.panels?.length).toBe(found.steps.length);

    const replayed = await call<ExploredSchedule>('explore.replay', { variantId: 'article', schedule: found.schedule });
    expect(replayed).toMatchObject({ ok: false, measure: 5, diverged: 0 });
    expect(replayed.panels).toHaveLength(replayed.steps.length);
    const at = (what: string) => replayed.steps.findIndex((s) => s.what === what);
    const steps = replayed.panels!.map(read);

    // After the client's INCRBY (acknowledged, so sent): its 5 points wait in the cache beside the 10 the worker read, none lost.
    expect(steps[at('INCRBY')]).toMatchObject({ sent: 15, waiting: 15, stored: 0, lost: 0 });
    expect(steps[at('SADD')]).toMatchObject({ sent: 15, waiting: 15, lost: 0 });
    // After the SQL write the database holds the 10 the worker read, and Redis still does: counted twice, said so in a warning tone, not a negative loss.
    expect(steps[at('SQL write')]).toMatchObject({ stored: 10, waiting: 15, lost: undefined, countedTwice: { value: 10, tone: 'warn', column: 'warn' } });
    // Never a negative loss at any decision.
    for (const step of steps) if (typeof step.lost === 'number') expect(step.lost).toBeGreaterThanOrEqual(0);
    // After the worker's DEL: the client's 5 points were neither stored nor waiting — lost; the pending set still names the user until SREM.
    const del = at('DEL');
    expect(steps[del].lost).toBe(5);
    expect(steps[del].pending.length).toBeGreaterThan(0);
    expect(steps.at(-1)!.pending).toEqual([]);
    expect(steps.at(-1)!.lost).toBe(5);
  });
});
