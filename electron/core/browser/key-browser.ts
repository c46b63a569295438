import type { Redis } from 'ioredis';
import type { BrowserDetails, KeyInfo } from '../../../shared/model';
import { readKeyDetails } from '../feed/key-details';
import { handlesFor } from './key-handles';
import { nameBatches } from './name-batches';

/** Details for up to 200 rows fit this much JSON. */
const DETAILS_BUDGET = 192 * 1024;
/** The browser already shows each row's name; the details carry only a short one. */
const DETAILS_LABEL_BYTES = 64;

/** Type, TTL, size and preview for the rows on screen, by id; an id whose key is gone or no longer held says so. */
export async function keyDetails(control: Redis, ids: string[]): Promise<BrowserDetails[]> {
  const handles = handlesFor(control);
  const keys = ids.map((id) => handles.keyOf(id));
  const known = ids.flatMap((id, i) => (keys[i] ? [i] : []));
  const named = known.map((i) => keys[i]!);
  const infos: (KeyInfo | null)[] = [];
  // TYPE, PTTL, STRLEN and GETRANGE each name the key: long names are read a few at a time (see name-batches.ts), each run with its share of the budget.
  for (const batch of nameBatches(named, 4)) {
    const budget = Math.floor((DETAILS_BUDGET * batch.length) / named.length);
    infos.push(...(await readKeyDetails(control, batch, { budget, labelBytes: DETAILS_LABEL_BYTES })));
  }
  const byIndex = new Map(known.map((i, j) => [i, infos[j]]));
  return ids.map((id, i): BrowserDetails => {
    if (!keys[i]) return { id, missing: 'forgotten' };
    const info = byIndex.get(i);
    return info ? { ...info, id } : { id, missing: 'deleted' };
  });
}
