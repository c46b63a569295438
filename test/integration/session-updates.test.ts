import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import type { SessionState, SessionUpdate, StepResult } from '../../shared/model';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import { applySessionDelta, expandReply, isSessionDelta } from '../../renderer/src/stores/session-delta';
import { eventually, startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * The 'session' event as the renderer receives it: the whole state when a
 * run opens or resets, then numbered deltas that never repeat a history
 * entry (the step's reply carried it). Replies and events, applied as the
 * session store applies them, must give exactly what session.current says.
 */
describe("the 'session' event: a whole state, then deltas", () => {
  let redis: TestRedis;
  let core: AppCore;
  const updates: SessionUpdate[] = [];
  const bytes: number[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    core = new AppCore({ dataDir: '/tmp', transport: 'web', version: 'test' });
    core.events.subscribe((batch: AppEvent[]) => {
      for (const e of batch) {
        if (e.type !== 'session') continue;
        updates.push(e.payload);
        bytes.push(JSON.stringify(e.payload).length);
      }
    });
    await dispatch(core.handlers, 'connection.connect', { kind: 'existing', port: redis.port, namespace: 'upd:' });
  });
  afterAll(async () => {
    await core.shutdown();
    await redis.stop();
  });

  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  /** Lets the hub deliver what is pending (it sends at most once per 16 ms frame). */
  const delivered = () => new Promise((resolve) => setTimeout(resolve, 40));

  /** The renderer's side: replies append entries, events apply in order; undefined where it would have to resync. */
  class Renderer {
    state?: SessionState;
    resyncs = 0;
    reply(reply: StepResult) {
      const result = expandReply(this.state, reply);
      if (!result) this.resyncs++;
      else if (this.state) this.state = { ...this.state, cursor: result.stepIndex >= 0 ? result.stepIndex + 1 : this.state.cursor, history: [...this.state.history, result] };
    }
    event(update: SessionUpdate) {
      if (!isSessionDelta(update)) {
        if (this.state?.seq === undefined || update.seq === undefined || update.seq > this.state.seq) this.state = update;
        return;
      }
      if (this.state?.seq !== undefined && update.seq <= this.state.seq) return;
      const next = this.state && this.state.seq === update.seq - 1 ? applySessionDelta(this.state, update) : undefined;
      if (next) this.state = next;
      else this.resyncs++;
    }
  }

  it('cache-aside: steps send small deltas, never the history again; replies + deltas rebuild the run exactly', async () => {
    const renderer = new Renderer();
    updates.length = 0;
    renderer.state = await call<SessionState>('session.open', { patternId: 'cache-aside', params: { dbLatencyMs: 0 } });
    expect(renderer.state.seq).toEqual(expect.any(Number));
    const replies: StepResult[] = [];
    for (let i = 0; i < 3; i++) {
      replies.push(await call<StepResult>('session.step'));
      renderer.reply(replies.at(-1)!);
      await delivered();
      while (updates.length) renderer.event(updates.shift()!);
    }
    expect(renderer.resyncs).toBe(0);
    const current = await call<SessionState>('session.current');
    expect(JSON.parse(JSON.stringify(renderer.state))).toEqual(JSON.parse(JSON.stringify(current)));
    expect(current.history).toHaveLength(3);
    // The HIT carried the miss's reads: its reply names them by that entry instead of sending them again; the history holds them.
    expect(replies[1].after).toMatchObject({ readsOf: { stepIndex: 0, startedAt: replies[0].startedAt } });
    expect(replies[1].after?.keys).toBeUndefined();
    expect(current.history[1].after?.keys).toEqual(replies[0].after?.keys);
    expect(current.history[1].after?.readsOf).toBeUndefined();
    // A step's delta counts the entry its reply carried, and names the panels as that entry's snapshot's.
    const before = bytes.length;
    renderer.reply(await call<StepResult>('session.step'));
    await delivered();
    const [delta] = updates.splice(0);
    expect(delta).toMatchObject({ kind: 'delta', history: 4, cursor: 4, panels: 'newest-step', background: [] });
    expect(bytes[before]).toBeLessThan(400);
  });

  it('a missed delta is a gap: the renderer resyncs from session.current and goes on from there', async () => {
    const renderer = new Renderer();
    renderer.state = await call<SessionState>('session.reset', {});
    await delivered();
    updates.length = 0;
    renderer.reply(await call<StepResult>('session.step'));
    await delivered();
    updates.splice(0); // lost on the way
    renderer.reply(await call<StepResult>('session.step'));
    await delivered();
    while (updates.length) renderer.event(updates.shift()!);
    expect(renderer.resyncs).toBe(1);
    renderer.event(await call<SessionState>('session.current'));
    renderer.reply(await call<StepResult>('session.step'));
    await delivered();
    while (updates.length) renderer.event(updates.shift()!);
    expect(renderer.resyncs).toBe(1);
    expect(JSON.parse(JSON.stringify(renderer.state))).toEqual(JSON.parse(JSON.stringify(await call<SessionState>('session.current'))));
  });

  it('a window that did not ask for the step lacks its entry: it resyncs rather than count what it never had', async () => {
    const other = new Renderer();
    other.state = await call<SessionState>('session.current');
    updates.length = 0;
    await call<StepResult>('session.step'); // asked by another window: this one never sees the reply
    await delivered();
    while (updates.length) other.event(updates.shift()!);
    expect(other.resyncs).toBe(1);
  });

  it('write-behind: what the background worker logs between steps arrives as deltas too', async () => {
    const renderer = new Renderer();
    renderer.state = await call<SessionState>('session.open', { patternId: 'write-behind', params: { intervalSec: 1, dbLatencyMs: 0 } });
    await delivered();
    updates.length = 0;
    for (let i = 0; i < 3; i++) renderer.reply(await call<StepResult>('session.step'));
    // The worker flushes on its own within a second or two: its commands are background entries.
    await eventually(async () => {
      await delivered();
      while (updates.length) renderer.event(updates.shift()!);
      expect(renderer.state!.background.length).toBeGreaterThan(0);
    }, 5000);
    const current = await call<SessionState>('session.current');
    await delivered();
    while (updates.length) renderer.event(updates.shift()!);
    expect(renderer.resyncs).toBe(0);
    // The worker may have logged more since session.current answered: compare what both had then.
    expect(renderer.state!.background.slice(0, current.background.length)).toEqual(current.background);
    expect(renderer.state!.history).toEqual(current.history);
    await call('session.open', { patternId: 'cache-aside' });
  });
});
