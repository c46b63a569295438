/**
 * Key names one pipeline sends to Redis, at most (a single longer name goes
 * alone). The rows on screen may all be held names of a megabyte or more; in
 * one pipeline of TYPE + PTTL they would make hundreds of megabytes that the
 * host builds at once and that every other request on the connection waits
 * behind. Split, each pipeline stays small and other requests slip between.
 */
export const PIPELINE_NAME_BYTES = 1024 * 1024;

/**
 * Splits `keys` (in order) into runs whose names, each sent `sends` times,
 * stay within `limit` bytes; a name longer than the limit is a run of its
 * own. Splitting rather than refusing: a user scrolling past a long name
 * expects its row's type and TTL like any other's, and the whole request is
 * already bounded by what the host holds (key-handles.ts: 32 MiB of names).
 */
export function nameBatches(keys: Buffer[], sends: number, limit = PIPELINE_NAME_BYTES): Buffer[][] {
  const batches: Buffer[][] = [];
  let batch: Buffer[] = [];
  let bytes = 0;
  for (const key of keys) {
    const cost = key.length * sends;
    if (batch.length > 0 && bytes + cost > limit) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(key);
    bytes += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
