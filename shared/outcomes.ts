import type { Tone } from './model';

/**
 * The one outcome vocabulary: what a step's result was, in the words the
 * timeline tag shows and the tone its colour (and any counter that counts
 * it) uses. A pattern picks an outcome from what Redis replied and what it
 * measured, never from what it expected to happen.
 */
export const OUTCOMES = {
  hit: { tag: 'HIT', tone: 'ok', meaning: 'The value came from Redis; the database was not read.' },
  miss: { tag: 'MISS', tone: 'warn', meaning: 'Redis did not have the value; it was read from the database.' },
  stale: { tag: 'STALE', tone: 'bad', meaning: 'The cache now serves a value the database no longer has.' },
  lost: { tag: 'LOST', tone: 'bad', meaning: 'Data a writer sent is gone: in neither Redis nor the database.' },
  overdraft: { tag: 'OVERDRAFT', tone: 'bad', meaning: 'A balance went below zero because a check and its write were not atomic.' },
  'extra-db-reads': { tag: 'EXTRA DB READS', tone: 'bad', meaning: 'The database was read more than once for the same row.' },
  missed: { tag: 'MISSED MESSAGE', tone: 'bad', meaning: 'A subscriber did not get a message that was published.' },
  stuck: { tag: 'STUCK', tone: 'bad', meaning: 'Messages a consumer took wait in the pending entries list, and nobody will process them.' },
  'two-holders': { tag: 'TWO HOLDERS', tone: 'bad', meaning: 'Two clients were inside the critical section of one lock at the same time.' },
  'wrong-release': { tag: 'WRONG RELEASE', tone: 'bad', meaning: 'A client deleted a lock that another client held.' },
  'stale-write': { tag: 'STALE WRITE', tone: 'bad', meaning: 'The database accepted a write from a client whose lock had expired and been taken by another.' },
  oom: { tag: 'OOM', tone: 'bad', meaning: 'Redis refused a write because used memory is over maxmemory and its policy evicts nothing (noeviction).' },
  'over-limit': { tag: 'OVER LIMIT', tone: 'bad', meaning: 'A rate limiter allowed more requests within one window than its limit.' },
  'no-ttl': { tag: 'NO TTL', tone: 'bad', meaning: 'A key that should expire has no TTL (PTTL -1): it stays until someone deletes it.' },
  'logged-out': { tag: 'LOGGED OUT', tone: 'bad', meaning: 'A user who was still making requests found their session gone: its TTL ran out while they worked.' },
  'dead-tokens': { tag: 'DEAD TOKENS', tone: 'bad', meaning: 'A set of session tokens lists sessions that no longer exist: it grows with every login and never shrinks.' },
  safe: { tag: 'SAFE', tone: 'ok', meaning: 'The race ran and the fix held: nothing lost, stale or overdrawn.' },
  write: { tag: 'WRITE', tone: 'neutral', meaning: 'Something was written; nothing went wrong or right yet.' },
  info: { tag: 'INFO', tone: 'neutral', meaning: 'Nothing was read or written that decides the lesson.' },
} as const satisfies Record<string, { tag: string; tone: Tone; meaning: string }>;

export type StepOutcome = keyof typeof OUTCOMES;

/** The tone of an outcome, for counters that count it: a counter of lost points is coloured as a LOST tag is. */
export function outcomeTone(outcome: StepOutcome): Tone {
  return OUTCOMES[outcome].tone;
}
