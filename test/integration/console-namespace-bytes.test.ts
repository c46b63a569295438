import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertInNamespace } from '../../electron/core/redis/namespace';
import { consoleCore } from '../helpers/console-core';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * Namespaces beyond ASCII: keys are compared with the namespace as bytes
 * (ioredis sends it as UTF-8). Comparing latin1-decoded keys with the
 * namespace's text let "\xe9:victim" pass as inside "é:" — an independent
 * tester overwrote it from the console — and refused every key of "키:".
 */
describe('the console on an existing Redis with a namespace that is not ASCII', () => {
  let redis: TestRedis;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    admin = redis.client();
  });
  afterAll(async () => {
    admin?.disconnect();
    await redis?.stop();
  });

  async function consoleOn(namespace: string) {
    const { core, call, run: line } = consoleCore();
    await call('connection.connect', { kind: 'existing', port: redis.port, namespace });
    /** What the console answered: refused (with the message's id), or run. */
    const run = async (text: string) => {
      const reply = await line(text);
      return { ran: !reply.refused && !reply.error, refused: reply.refused?.id, reply };
    };
    return { core, run };
  }

  it('"é:" refuses the latin1 byte é outside it and leaves that key as it was; its own UTF-8 keys work', async () => {
    const victim = Buffer.from([0xe9, ...Buffer.from(':victim')]);
    await admin.set(victim, 'original');
    const { core, run } = await consoleOn('é:');
    try {
      for (const line of ['GET "\\xe9:victim"', 'SET "\\xe9:victim" OVERWRITTEN', 'SORT é:l STORE "\\xe9:victim"', 'SORT é:l BY "\\xe9:*"']) {
        const said = await run(line);
        expect(said.refused, `${line}: ${JSON.stringify(said.reply)}`).toMatch(/^errors\.namespace\.(outside|pattern)$/);
      }
      expect((await admin.getBuffer(victim))?.toString()).toBe('original');
      expect((await run('SET é:inside 1')).ran).toBe(true);
      expect(await admin.get('é:inside')).toBe('1');
    } finally {
      await core.shutdown();
    }
  });

  it('"키:" accepts its own keys and refuses a key that shares only its first byte', async () => {
    const { core, run } = await consoleOn('키:');
    try {
      expect((await run('SET 키:a 1')).ran).toBe(true);
      expect(await admin.get('키:a')).toBe('1');
      const near = Buffer.from('키:');
      near[2] ^= 1;
      await admin.set(near, 'theirs');
      const hex = [...near].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
      expect((await run(`SET "${hex}" mine`)).refused).toBe('errors.namespace.outside');
      expect((await admin.getBuffer(near))?.toString()).toBe('theirs');
    } finally {
      await core.shutdown();
    }
  });

  it('the traced clients use the same byte rule', () => {
    expect(() => assertInNamespace('é:', 'SET', [Buffer.from([0xe9, 0x3a, 0x78]), 'v'])).toThrow();
    expect(() => assertInNamespace('é:', 'SET', ['é:x', 'v'])).not.toThrow();
    expect(() => assertInNamespace('키:', 'SET', [Buffer.from('키:x'), 'v'])).not.toThrow();
  });
});
