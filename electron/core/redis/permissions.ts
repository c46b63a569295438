import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';

/** What an ACL refused, read from Redis' NOPERM reply. */
export interface NoPerm {
  /** 'command': the user may not run it; 'key' / 'channel': not on those arguments. */
  kind: 'command' | 'key' | 'channel';
  /** The refused command, lower case, when the reply (or the caller) names it. */
  command?: string;
}

/**
 * Reads a NOPERM reply. Redis 7.0 says "this user has no permissions to run
 * the 'info' command"; 7.2+ names the user ("User bob has no permissions…");
 * key and channel refusals say "to access one of the keys/channels".
 */
export function parseNoPerm(err: unknown, command?: string): NoPerm | undefined {
  const message = err instanceof Error ? err.message : String(err ?? '');
  if (!/^NOPERM\b/.test(message)) return undefined;
  const named = /to run the '([^']+)' command/.exec(message)?.[1]?.toLowerCase();
  if (named) return { kind: 'command', command: named };
  if (/channel/i.test(message)) return { kind: 'channel', command: command?.toLowerCase() };
  return { kind: 'key', command: command?.toLowerCase() };
}

/**
 * The ACL categories a command belongs to, from COMMAND INFO (Redis 7 puts
 * them at index 6). Best effort: an older server or a user without COMMAND
 * gets no categories, and the message names the command alone.
 */
export async function aclCategories(client: Redis, command: string): Promise<string[]> {
  try {
    const [info] = (await client.call('COMMAND', 'INFO', command)) as unknown[][];
    const categories = Array.isArray(info?.[6]) ? (info[6] as unknown[]).map(String) : [];
    return categories.filter((c) => c.startsWith('@'));
  } catch {
    return [];
  }
}

/** One sentence a developer can act on: what was refused, and the ACL rule that would allow it. */
export function describeNoPerm(denied: NoPerm, categories: string[] = []): Message {
  const name = denied.command?.toUpperCase();
  if (denied.kind === 'command') {
    return msg('errors.noperm.command', { name: String(name), categories: categories.length ? categories.join(' ') : 'none', command: String(denied.command) });
  }
  return msg('errors.noperm.target', { name: name ?? 'none', what: denied.kind === 'channel' ? 'channel' : 'key' });
}
