import type { Redis } from 'ioredis';
import type { BrowserDetails, BrowserKey, Denial, KeyInfo, RedisType, ScanPage } from '../../../shared/model';
import { AppError } from '../app-error';
import { readKeyDetails } from '../feed/key-details';
import type { ServerFacts } from '../redis/open-client';
import { denialOf } from './denial';
import { fitDisplay, jsonBytes } from './display-cut';
import { handlesFor } from './key-handles';
import { nameBatches } from './name-batches';
import { msg } from '../../../shared/i18n/message';

/** A page ends once it holds this many keys, or after this many SCAN calls (sparse matches must not stall the UI). */
const PAGE_KEYS = 500;
const PAGE_CALLS = 25;
/**
 * SCAN's COUNT per call, adapted to how many keys a call has been matching:
 * a call returns about COUNT keys when everything matches, so COUNT starts at
 * the room left on the page and grows (to 1000) only when few keys match.
 * That keeps a page near PAGE_KEYS keys, which the frame budget relies on.
 */
const MIN_COUNT = 100;
const MAX_COUNT = 1000;
/** A key name is shown up to 1 KiB, then cut with its full length beside it. */
const LABEL_BYTES = 1024;
/** One page's JSON stays under this (a frame is at most 256 KiB). */
const PAGE_BUDGET = 200 * 1024;

function scanRefused(err: unknown): never {
  const denial = denialOf(err, 'scan');
  if (!denial) throw err;
  throw new AppError('redis_error', msg('errors.browser.scanRefused', { command: denial.command.toUpperCase() }), { cause: err });
}

/**
 * Labels and ids for one page of names, within PAGE_BUDGET whatever the
 * names: each name shown up to LABEL_BYTES; when the page would still be too
 * large (thousands of long binary names) labels are cut shorter, the longest
 * first, and short names switch to held ids too.
 */
function labelPage(client: object, keys: Buffer[]): BrowserKey[] {
  const handles = handlesFor(client);
  let labelBytes = LABEL_BYTES;
  let forceHandles = false;
  for (;;) {
    const page = keys.map((key): BrowserKey => {
      const label = fitDisplay(key, labelBytes, labelBytes * 5);
      return { id: handles.idOf(key, forceHandles), label: label.text, ...(label.cut ? { bytes: key.length } : {}) };
    });
    if (jsonBytes(page) <= PAGE_BUDGET || (forceHandles && labelBytes <= 8)) return page;
    if (labelBytes > 64) labelBytes = Math.floor(labelBytes / 2);
    else if (!forceHandles) forceHandles = true;
    else labelBytes = Math.floor(labelBytes / 2);
  }
}

/**
 * One page of the whole keyspace, read-only: SCAN from a cursor, never KEYS.
 * The renderer asks for the next page as the user scrolls, so a database of
 * millions of keys is walked lazily and nothing is held that is not shown.
 */
export async function scanPage(control: Redis, facts: ServerFacts, input: { cursor: string; match?: string; type?: RedisType }): Promise<ScanPage> {
  if (input.type && facts.major < 6) {
    throw new AppError('invalid_input', msg('errors.browser.typeFilter', { version: facts.version }), { field: 'type' });
  }
  let cursor = input.cursor;
  const keys: Buffer[] = [];
  let visited = 0;
  for (let calls = 0; calls < PAGE_CALLS; calls++) {
    const room = PAGE_KEYS - keys.length;
    // Estimated share of visited keys that match so far; optimistic (1) before the first call.
    const rate = visited === 0 ? 1 : Math.max(keys.length, 1) / visited;
    const count = Math.round(Math.min(MAX_COUNT, Math.max(MIN_COUNT, room / rate)));
    const args: (string | number)[] = ['MATCH', input.match || '*', 'COUNT', count];
    if (input.type) args.push('TYPE', input.type);
    const [next, batch] = (await control.scanBuffer(cursor, ...(args as ['MATCH', string, 'COUNT', number])).catch(scanRefused)) as [Buffer, Buffer[]];
    cursor = next.toString();
    visited += count;
    keys.push(...batch);
    if (cursor === '0' || keys.length >= PAGE_KEYS) break;
  }
  const page: ScanPage = { cursor, keys: labelPage(control, keys) };
  try {
    page.total = await control.dbsize();
  } catch (err) {
    const denial: Denial | undefined = denialOf(err, 'dbsize');
    if (!denial) throw err;
    page.totalDenied = denial;
  }
  return page;
}

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
