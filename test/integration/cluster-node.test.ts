import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';
import { english } from '../helpers/format-message';
import type { Message } from '../../shared/i18n/message';

const run = promisify(execFile);

/** A local 3-master Redis Cluster, made the way an operator would: three nodes, then redis-cli --cluster create. */
async function startCluster(): Promise<TestRedis[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rpi-cluster-'));
  const nodes: TestRedis[] = [];
  for (let i = 0; i < 3; i++) {
    nodes.push(await startTestRedis(['--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${i}.conf`), '--dir', dir]));
  }
  await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
  const probe = nodes[0].client();
  await eventually(async () => expect(await probe.call('CLUSTER', 'INFO')).toMatch(/cluster_state:ok/), 15_000);
  return nodes;
}

describe('one node of a Redis Cluster is recognised, not mistaken for a standalone server', () => {
  let nodes: TestRedis[] = [];
  let core: AppCore;

  beforeAll(async () => {
    nodes = await startCluster();
    core = new AppCore({ dataDir: os.tmpdir(), transport: 'web', version: 'test' });
  }, 60_000);
  afterAll(async () => {
    await core?.shutdown();
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('says at connect what works and what does not, refuses patterns plainly, and never shows a raw MOVED', async () => {
    const connected = await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: nodes[0].port, namespace: 'cl:' });
    expect(connected).toMatchObject({ ok: true, value: { state: 'connected', mode: 'cluster' } });
    const limits = english(connected as { value: { limits: Message[] } }).value.limits.join('\n');
    expect(limits).toMatch(/one node of a Redis Cluster\. The key browser shows this node’s keys only, and patterns are not run here/);

    for (const patternId of ['cache-aside', 'lua-withdraw', 'write-behind-lost-update']) {
      const open = await dispatch(core.handlers, 'session.open', { patternId });
      expect(open).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/one node of a Redis Cluster/) } });
      expect(JSON.stringify(open)).not.toMatch(/MOVED \d+|ASK \d+|CROSSSLOT Keys/);
    }

    // The key browser still reads this node; a key that lives elsewhere is said plainly, not as MOVED.
    const scan = await dispatch(core.handlers, 'browser.list.start', { match: '*', toEnd: true });
    expect(scan).toMatchObject({ ok: true });
  });

  it('turns a redirection that reaches the app into plain words', async () => {
    const { toErrorData } = await import('../../electron/core/app-error');
    const client = nodes[0].client();
    // Find a key that hashes to another node, and let the real server refuse it.
    let refused: unknown;
    for (let i = 0; i < 50 && !refused; i++) await client.get(`k${i}`).catch((err) => (refused = err));
    expect(String(refused)).toMatch(/MOVED/);
    const data = toErrorData(refused);
    expect(data.code).toBe('unsupported');
    expect(data.message).toMatch(/one node of a cluster, and the key lives on another node \(MOVED\)/);
    expect(data.message).not.toMatch(/MOVED \d+/);
  });
});
