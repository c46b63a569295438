import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerOrder } from '../../electron/core/trace/server-order';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * MONITOR resumed while another client is busy: the monitor's lines then
 * share a packet with MONITOR's OK. ioredis' own monitor() heard errors
 * once and marked the connection monitoring a tick late, so the second
 * such line threw out of the process (the web host died mid-exploration).
 */
describe('the monitor connection opened under traffic', () => {
  let redis: TestRedis;
  let control: Redis;
  let busy: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    control = redis.client();
    busy = redis.client();
  });
  afterAll(async () => {
    control?.disconnect();
    busy?.disconnect();
    await redis?.stop();
  });

  it('pauses and resumes 40 times beside a client sending without pause, throws nothing, and orders a step afterwards', async () => {
    const thrown: unknown[] = [];
    const onUncaught = (err: unknown) => thrown.push(err);
    process.on('uncaughtException', onUncaught);
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        const p = busy.pipeline();
        for (let i = 0; i < 200; i++) p.type(`flood:${i}`);
        await p.exec();
      }
    })();
    try {
      const order = await ServerOrder.open(control);
      if (!(order instanceof ServerOrder)) throw new Error('MONITOR refused');
      for (let i = 0; i < 40; i++) {
        order.pause();
        await order.resume();
      }
      flooding = false;
      await flood;
      // The resumed monitor still reads the server's lines: a SET is seen.
      const from = order.mark;
      await control.set('resumed:probe', '1');
      await expect.poll(() => order.mark > from, { timeout: 2000 }).toBe(true);
      order.close();
    } finally {
      flooding = false;
      process.off('uncaughtException', onUncaught);
    }
    expect(thrown).toEqual([]);
  });
});
