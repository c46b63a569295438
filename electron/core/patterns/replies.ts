/** Reading what Redis replied to an actor, from the running step's trace, so narratives tell replies rather than expectations. */
import type { ActorId, RedisTrace, TraceEntry } from '../../../shared/model';

/** The traced commands of one name (and, when given, one actor) in the order the app saw them. */
export function commandsNamed(trace: readonly TraceEntry[], command: string, actor?: ActorId): RedisTrace[] {
  return trace.filter((t): t is RedisTrace => t.kind === 'redis' && t.command === command && (actor === undefined || t.actor === actor));
}

/** The last reply to a command of that name, as the trace shows it ("(integer) 1", "\"OK\"", "(nil)"); undefined when none was sent. */
export function lastReply(trace: readonly TraceEntry[], command: string, actor?: ActorId): string | undefined {
  return commandsNamed(trace, command, actor).at(-1)?.reply;
}

/** An integer reply as a number; undefined for anything else (nil, an error, a string). */
export function integerReply(reply: string | undefined): number | undefined {
  const match = reply === undefined ? null : /^\(integer\) (-?\d+)$/.exec(reply);
  return match ? Number(match[1]) : undefined;
}

/** A bulk-string reply's text ("\"10\"" → "10"); null for nil; undefined when there was no such reply or it was cut for the trace. */
export function stringReply(reply: string | undefined): string | null | undefined {
  if (reply === '(nil)') return null;
  const match = reply === undefined ? null : /^"(.*)"$/s.exec(reply);
  return match ? match[1] : undefined;
}

/** The reply of the last script an actor ran: EVALSHA, or the EVAL sent after a NOSCRIPT. */
export function scriptReply(trace: readonly TraceEntry[], actor?: ActorId): string | undefined {
  const scripts = trace.filter((t): t is RedisTrace => t.kind === 'redis' && !t.error && (t.command === 'EVALSHA' || t.command === 'EVAL') && (actor === undefined || t.actor === actor));
  return scripts.at(-1)?.reply;
}
