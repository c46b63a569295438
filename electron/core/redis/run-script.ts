import { createHash } from 'node:crypto';
import type { TracedClient } from './traced-client';

type Arg = string | number;

const shas = new Map<string, string>();

/** The SHA1 Redis files a script under, computed here so EVALSHA needs no SCRIPT LOAD round trip. */
export function scriptSha(script: string): string {
  let sha = shas.get(script);
  if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  return sha;
}

/**
 * Runs a Lua script by its SHA, sending the body only when the server does
 * not have it yet (NOSCRIPT: a fresh or restarted server, or SCRIPT FLUSH).
 */
export async function runScript(redis: TracedClient, script: string, keys: string[], args: Arg[]) {
  try {
    return await redis.evalsha(scriptSha(script), keys.length, ...keys, ...args);
  } catch (err) {
    if (!/NOSCRIPT/.test((err as Error).message)) throw err;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
