import type { Redis } from 'ioredis';
import type { ListProgress } from '../../../shared/browser-list';
import type { Denial, RedisType } from '../../../shared/model';
import { msg } from '../../../shared/i18n/message';
import { AppError, toErrorData } from '../app-error';
import type { ServerFacts } from '../redis/open-client';
import { denialOf } from './denial';
import { KeyIndex, type IndexCaps } from './key-index';

/**
 * SCAN's COUNT per call. 1000 is what the peers and the benchmark's raw loop
 * use; each reply is about 1000 names, a few tens of KB the host keeps
 * (the renderer only ever gets windows of rows).
 */
export const SCAN_COUNT = 1000;
/**
 * COUNT when scanning to the end in the background (which the user asks
 * for, and can stop): fewer round trips for the same total work on the
 * server. The price is a longer single call, about five times as long as
 * at 1000. Measured on 1M keys: INFO commandstats gave 1.4–3.2 ms per call
 * at 1000 and 11–18 ms at 5000 on this 2-core machine under a load of 8;
 * a whole raw COUNT 1000 walk (1,000 calls with their round trips) took
 * 1.1 s when it was quieter. The walk at 1000 cost 1.3–1.5× a raw COUNT
 * 1000 loop, at 5000 about 1.1×.
 * Only the app's own sandbox gets 5000: on an existing Redis, where other
 * clients wait behind each call, a walk goes at SCAN_COUNT (a call over the
 * default SLOWLOG threshold of 10 ms would be the app loading someone's
 * server more than a scan needs). See keyListFor's callers.
 */
export const WALK_COUNT = 5000;
/** A page (the first one, or "more" on scroll) ends once this many new keys are found… */
export const PAGE_KEYS = 500;
/** …or after this many calls, so a sparse MATCH does not become a whole walk the user did not ask for. */
const PAGE_CALLS = 50;

export interface ScanParams {
  match: string;
  type?: RedisType;
}

function scanRefused(err: unknown): never {
  const denial = denialOf(err, 'scan');
  if (!denial) throw err;
  throw new AppError('redis_error', msg('errors.browser.scanRefused', { command: denial.command.toUpperCase() }), { cause: err });
}

/** A failed scan as the progress reports it: a lost connection in words, as every request's failure is (toErrorData). */
const errorData = (err: unknown) => toErrorData(err);

type ScanReply = [Buffer, Buffer[]];

/**
 * One scan of the keyspace into a KeyIndex, run by the host: a page at a
 * time when the user scrolls, or to the end in the background while the
 * user reads. Every key present for the whole scan is found (SCAN's
 * guarantee); repeats are dropped by the index. The next SCAN is sent as
 * soon as a reply arrives, before that reply's names are indexed, so the
 * host's work overlaps the server's and a walk costs what SCAN costs.
 */
export class KeyScan {
  readonly index: KeyIndex;
  private cursor = '0';
  private calls = 0;
  private done = false;
  private toEnd = false;
  private running?: Promise<void>;
  private stopAsked = false;
  private error?: ListProgress['error'];
  /** The server restarted since this scan's keys were read (markStale). */
  private stale = false;
  private dbsize?: number;
  private dbsizeDenied?: Denial;
  private elapsedMs = 0;
  private firstPage?: { resolve(): void; reject(err: unknown): void };
  private presized = false;
  private readonly pageArgs: (string | number)[];
  private readonly walkArgs: (string | number)[];
  /**
   * Entries a later read of their row (TYPE, MEMORY USAGE, details) found
   * missing: expired or deleted after the scan found them. They stay in the
   * list (their rows say "deleted") and in `keys`, and are counted apart, so
   * "found" never passes for what the database holds now.
   */
  private readonly seenGone = new Set<number>();

  constructor(
    private readonly client: Redis,
    facts: ServerFacts,
    readonly params: ScanParams,
    readonly scanId: number,
    private readonly onProgress: (progress: ListProgress) => void = () => undefined,
    caps?: IndexCaps,
    walkCount = WALK_COUNT,
  ) {
    this.index = new KeyIndex(caps);
    if (params.type && facts.major < 6) {
      throw new AppError('invalid_input', msg('errors.browser.typeFilter', { version: facts.version }), { field: 'type' });
    }
    const typeArgs = params.type ? ['TYPE', params.type] : [];
    this.pageArgs = ['MATCH', params.match || '*', 'COUNT', SCAN_COUNT, ...typeArgs];
    this.walkArgs = ['MATCH', params.match || '*', 'COUNT', walkCount, ...typeArgs];
  }

  /**
   * What reads of rows found: each name present (Redis answered its type)
   * or gone (TYPE 'none', MEMORY USAGE nil). Names not in this scan are
   * ignored. True when the count of gone keys changed.
   */
  noteRead(seen: { name: Buffer; present: boolean }[]): boolean {
    const before = this.goneCount();
    for (const { name, present } of seen) {
      const e = this.index.find(name);
      if (e < 0) continue;
      if (present) this.seenGone.delete(e);
      else this.seenGone.add(e);
    }
    return this.goneCount() !== before;
  }

  /** Gone keys still in the list (one the value side removed has left `keys` already). */
  private goneCount(): number {
    let n = 0;
    for (const e of this.seenGone) if (!this.index.isRemoved(e)) n++;
    return n;
  }

  /**
   * The server behind the connection restarted (another run_id) or cannot be
   * told apart: the keys listed were read from the old one, and its cursor
   * means nothing to the new one. The list stays, said to be from before;
   * it does not walk on, and Scan starts a fresh one.
   */
  markStale(): void {
    if (this.stale) return;
    this.stale = true;
    this.toEnd = false;
    this.stopAsked = true;
    this.error = new AppError('redis_unavailable', msg('browserList.error.restarted')).toData();
    this.onProgress(this.progress());
  }

  progress(): ListProgress {
    const p: ListProgress = {
      scanId: this.scanId,
      match: this.params.match,
      keys: this.index.live,
      calls: this.calls,
      // Capped means names were dropped: the cursor's end then does not mean every key was seen.
      done: this.done && !this.index.full,
      running: !!this.running,
      toEnd: this.toEnd,
      cap: this.index.caps.maxKeys,
      capped: this.index.full,
      elapsedMs: Math.round(this.elapsedMs),
    };
    if (this.params.type) p.type = this.params.type;
    const gone = this.goneCount();
    if (gone > 0) p.gone = gone;
    if (this.dbsize !== undefined) p.dbsize = this.dbsize;
    if (this.dbsizeDenied) p.dbsizeDenied = this.dbsizeDenied;
    if (this.error) p.error = this.error;
    return p;
  }

  /**
   * Scans one more page, or (toEnd) until the cursor comes back to 0, in
   * the background. The first call answers once its first page is indexed,
   * so a refusal (NOPERM on SCAN) is the request's error; everything after
   * reports through `onProgress`. Returns the progress as of now.
   */
  async start(toEnd: boolean): Promise<ListProgress> {
    // Its cursor belongs to a server that has gone: a new scan reads the one there now.
    if (this.stale) throw new AppError('redis_unavailable', msg('browserList.error.restarted'));
    // A page still being read finishes first (one reply at most); then the walk starts from its cursor.
    if (this.running && toEnd && !this.toEnd) await this.running;
    if (this.done || this.index.full) return this.progress();
    if (toEnd) this.toEnd = true;
    this.stopAsked = false;
    if (this.error) {
      // The server may have restarted (another hash seed, another table): its old cursor would
      // then skip keys. Starting over is always complete, and the index drops the repeats.
      this.cursor = '0';
      this.error = undefined;
    }
    if (!this.running) {
      const first = this.calls === 0;
      // The first call answers once its first page is indexed (or refused); the rest runs on.
      const firstPage = first ? new Promise<void>((resolve, reject) => (this.firstPage = { resolve, reject })) : undefined;
      const loop = this.loop(first);
      // A failing first page is the caller's error (through firstPage); later ones are said in the progress.
      this.running = loop.catch(() => undefined).finally(() => {
        this.running = undefined;
        this.firstPage?.resolve();
        this.firstPage = undefined;
        this.onProgress(this.progress());
      });
      await firstPage;
    }
    return this.progress();
  }

  /** Asks the loop to pause after the reply in flight (its keys are kept); Continue resumes at the cursor. */
  async stop(): Promise<ListProgress> {
    this.stopAsked = true;
    this.toEnd = false;
    await this.running;
    return this.progress();
  }

  /** Resolves when the loop pauses (tests, and Stop). */
  async idle(): Promise<void> {
    await this.running;
  }

  private send(cursor: string): Promise<ScanReply> {
    this.calls++;
    const args = this.toEnd ? this.walkArgs : this.pageArgs;
    return this.client.scanBuffer(cursor, ...(args as ['MATCH', string, 'COUNT', number])) as Promise<ScanReply>;
  }

  /**
   * On a walk of the whole keyspace, DBSIZE says how many names are coming:
   * the index makes room for them once (names sized like those seen so far).
   * Not with a MATCH or TYPE, where DBSIZE would overstate what is kept.
   */
  private presize(): void {
    if (this.presized || !this.toEnd || this.dbsize === undefined || this.params.type || (this.params.match || '*') !== '*' || this.index.count === 0) return;
    this.presized = true;
    this.index.expect(this.dbsize, this.index.bytes / this.index.count);
  }

  private async readDbsize(): Promise<void> {
    try {
      this.dbsize = await this.client.dbsize();
      this.dbsizeDenied = undefined;
    } catch (err) {
      const denial = denialOf(err, 'dbsize');
      if (!denial) return;
      this.dbsizeDenied = denial;
    }
  }

  private async loop(first: boolean): Promise<void> {
    const began = performance.now();
    const before = this.elapsedMs;
    const startKeys = this.index.live;
    const startCalls = this.calls;
    // `coming`: keys in a reply not indexed yet (an upper bound: some may be repeats).
    const pageDone = (coming = 0) => !this.toEnd && (this.index.live + coming - startKeys >= PAGE_KEYS || this.calls - startCalls >= PAGE_CALLS);
    try {
      const size = first ? this.readDbsize() : undefined;
      let pending: Promise<ScanReply> | undefined = this.send(this.cursor);
      while (pending) {
        let reply: ScanReply;
        try {
          reply = await pending;
        } catch (err) {
          scanRefused(err);
        }
        const [next, batch] = reply;
        this.cursor = next.toString();
        this.done = this.cursor === '0';
        // Ask for the next batch before indexing this one: Redis works while we do.
        const more = !this.done && !this.stopAsked && !pageDone(batch.length) && this.index.count + batch.length < this.index.caps.maxKeys;
        pending = more ? this.send(this.cursor) : undefined;
        this.index.addAll(batch);
        this.presize();
        if (this.index.full) {
          // Past the cap nothing more is held; the reply in flight is left unread.
          pending?.catch(() => undefined);
          pending = undefined;
        } else if (!pending && !this.done && !this.stopAsked && !pageDone()) pending = this.send(this.cursor);
        this.elapsedMs = before + performance.now() - began;
        if (this.firstPage) {
          await size;
          this.firstPage.resolve();
          this.firstPage = undefined;
        }
        this.onProgress(this.progress());
      }
      await size;
      if (!first || this.done) await this.readDbsize();
    } catch (err) {
      if (this.firstPage) {
        this.firstPage.reject(err);
        this.firstPage = undefined;
        throw err;
      }
      this.error = errorData(err);
    } finally {
      this.toEnd = this.toEnd && !this.done && !this.error && !this.index.full && !this.stopAsked;
    }
  }
}
