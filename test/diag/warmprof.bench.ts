import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { Redis } from 'ioredis';
import { it } from 'vitest';
import { UserDatabase } from '../../electron/core/db/user-database';
import type { PatternDef } from '../../electron/core/engine/pattern';
import { PatternSession } from '../../electron/core/engine/pattern-session';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { LiveConnection } from '../../electron/core/redis/live-connection';

const hits = (n: number): PatternDef => ({ ...cacheAside, steps: [cacheAside.steps[0], ...Array<PatternDef['steps'][number]>(n).fill(cacheAside.steps[1])] });

it('warm profile', async () => {
  const sandbox = await LiveConnection.open({ kind: 'sandbox' }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-p-')) });
  const port = sandbox.endpoint.port;
  const connection = await LiveConnection.open({ kind: 'existing', port, namespace: 'bench:', serverOrder: true }, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-p-')) });
  const db = await UserDatabase.create(0);
  const raw = new Redis({ host: '127.0.0.1', port });
  const warm = new PatternSession(hits(Number(process.env.PER ?? 21)), { dbLatencyMs: 0 }, connection, db, () => {}, { snapshots: false });
  const key = `${connection.namespace}user:1`;
  const block = async () => { await warm.reset(); await warm.step(); };
  const mode = process.env.PROFMODE ?? 'warm';
  const one = mode === 'raw' ? () => raw.get(key) : () => warm.step();
  for (let i = 0; i < 600; i++) { if (i % 20 === 0) await block(); await one(); }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  let steps = 0; let stepMs = 0;
  const per = Number(process.env.PER ?? 21) - 1;
  for (let r = 0; r < 6000 / per; r++) {
    await block();
    const t = performance.now();
    for (let i = 0; i < per; i++) await one();
    stepMs += performance.now() - t; steps += per;
  }
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(`/tmp/prof/${mode}.cpuprofile`, JSON.stringify(profile));
  console.log(mode, 'µs/op', ((stepMs / steps) * 1000).toFixed(1));
  raw.disconnect(); await warm.dispose(); await connection.close(); await sandbox.close(); db.close();
}, 300_000);
