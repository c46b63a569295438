import type { Denial } from '../../../shared/model';

/**
 * Reads what an ACL refusal was about, so the UI can name it instead of
 * showing a blank: Redis 6/7.0 say "no permissions to run the 'pttl'
 * command" or "…to access one of the keys used as arguments"; 7.2 says
 * "User x has no permissions to run…" and "No permissions to access a key";
 * inside a script, 7.0 says "The user executing the script can't access at
 * least one of the keys" (the peek script adds which command). `sent` is the command we sent, named when the
 * refusal is about a key rather than the command itself.
 */
export function denialOf(err: unknown, sent: string): Denial | undefined {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const command = /permissions? to run the '([^']+)' command/i.exec(message);
  if (command) return { kind: 'command', command: command[1].toLowerCase() };
  // The element-cutting script (elements-script.ts) adds "(while running lrange)" to a refusal raised inside it.
  const inner = /\(while running (\w+)\)/.exec(message)?.[1];
  if (inner && /can't run this command/i.test(message)) return { kind: 'command', command: inner };
  if (inner && /can't access|permissions to access/i.test(message)) return { kind: 'key', command: inner };
  if (/^NOPERM\b/.test(message) && /key/i.test(message)) return { kind: 'key', command: sent };
  if (/can't access at least one of the keys/i.test(message)) return { kind: 'key', command: sent };
  if (/^NOPERM\b/.test(message)) return { kind: 'command', command: sent };
  return undefined;
}

/** The same, for a pipeline reply: its error if it is a refusal. */
export function pipelineDenial(entry: [Error | null, unknown] | undefined, sent: string): Denial | undefined {
  return entry?.[0] ? denialOf(entry[0], sent) : undefined;
}
