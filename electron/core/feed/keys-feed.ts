import type { SettingsJournal } from './settings-journal';
import type { Redis } from 'ioredis';
import type { KeyChange, KeyInfo, KeyRef, KeysSnapshot, KeysUpdate } from '../../../shared/model';
import type { LiveConnection } from '../redis/live-connection';
import { globEscape } from '../redis/namespace';
import { readKeyDetails } from './key-details';
import { FEED_WALK_KEEP, PANEL_LIMIT, TRACK_LIMIT, takeRecentWalk, walkNamespace, type NamespaceWalk } from './namespace-walk';

export { PANEL_LIMIT };

/** Notifications arrive per command; the keys notified within one frame share one read and one update. */
const FRAME_MS = 30;
/** Keys read per frame: a burst of changes is spread over frames instead of one huge pipeline. */
const READ_BATCH = 500;
/** More keys waiting than this and the feed stops tracking them one by one: it rescans instead. */
const MAX_PENDING = 10_000;
/** Events after which the key is gone: no read needed. UNLINK notifies `del`. */
const REMOVED = new Set(['del', 'expired', 'evicted', 'rename_from', 'move_from']);
/** Polling walks the namespace at most this share of the time: an expensive walk is done less often. */
const WALK_BUDGET = 0.05;
const MAX_WALK_INTERVAL_MS = 60_000;
/**
 * JSON bytes each key's details may take. Fixed, not shared out per batch,
 * so a key's label (its row's identity on the panel) is the same whichever
 * batch read it: a delta names rows by label. 1,000 keys stay under 256 KiB.
 */
const PER_KEY_BYTES = 240;

export interface KeysFeedOptions {
  /** Polling mode: how often the keys on screen are reread, and the shortest interval between walks. */
  pollIntervalMs?: number;
  /** Where the notification setting the feed changes is noted until it is put back (see SettingsJournal). */
  journal?: SettingsJournal;
}

const NOTIFY = 'notify-keyspace-events';

/** What the feed has done, for tests and the bench: every figure is counted, not estimated. */
export interface KeysFeedStats {
  /** Whole-namespace walks (connect, reconnect, lost notifications, polling). */
  walks: number;
  /** Wall time those walks spent scanning, in ms: the cost the polling walk budget paces. */
  walkMs: number;
  /** Notifications received for keys under the namespace. */
  notifications: number;
  /** Times the feed knew it had missed notifications (subscriber dropped, pending set overflowed). */
  lostTrack: number;
  /** Pipelines of TYPE/PTTL/size reads. */
  reads: number;
  /** Updates pushed (full snapshots and deltas). */
  snapshots: number;
  /** Of those, full snapshots: at start, after a walk. Every other update is a delta. */
  fullSnapshots: number;
}

const collator = new Intl.Collator();
/** A key's bytes as a map key: latin1 maps every byte to one char, so binary keys stay distinct. */
const idOf = (key: Buffer) => key.toString('latin1');
const refOf = ({ key, keyBytes }: KeyInfo): KeyRef => (keyBytes === undefined ? { key } : { key, keyBytes });
/** Shared by every feed, so no two feeds (one per connection) ever hand out the same change mark. */
let lastMark = 0;

/**
 * Tells the Keys panel whenever a key under the namespace changes, whoever
 * changed it. With keyspace notifications (enabled here, the previous setting
 * restored on stop) it keeps a snapshot and updates it from the notified key
 * names: it walks the namespace only when it starts, after a reconnect, or
 * when it knows it missed notifications. Where CONFIG is refused (ACL,
 * managed Redis) it polls: the keys on screen are reread often, and the
 * namespace is walked at an interval that grows with what a walk costs.
 *
 * The panel is told in updates numbered by `seq`: a full snapshot after a
 * walk (start, reconnect, lost notifications, polling), otherwise a delta of
 * the keys that changed, came or went since the last update, so what the
 * renderer does per update grows with the changes, not with the panel.
 */
export class KeysFeed {
  mode: 'notifications' | 'polling' = 'polling';
  readonly stats: KeysFeedStats = { walks: 0, walkMs: 0, notifications: 0, lostTrack: 0, reads: 0, snapshots: 0, fullSnapshots: 0 };
  private subscriber?: Redis;
  private previousConfig?: string;
  /** Keys on the panel, by their bytes. */
  private shown = new Map<string, KeyInfo>();
  /** The panel's keys in display order; undefined once a key came or went. */
  private order?: string[];
  /** Keys under the namespace beyond the panel: names only, never read. */
  private hidden = new Set<string>();
  /** More keys exist than `hidden` could remember: "more" is a lower bound until the next walk. */
  private hiddenOverflow = false;
  /** Keys notified since the last frame: true to read, false when the event removed it. */
  private pending = new Map<string, boolean>();
  /** False until start: notifications that arrive while it starts are kept, not dropped. */
  private needWalk = false;
  private started = false;
  private stopped = false;
  private frame?: NodeJS.Timeout;
  private working?: Promise<void>;
  private rerun = false;
  /** Something to tell: a key, or only the count of keys beyond the panel, changed. */
  private dirty = false;
  /** The number of the last update pushed. */
  private seq = 0;
  /** The next update must be a full snapshot (nothing sent yet, or the panel was rebuilt by a walk). */
  private needFull = true;
  /** The panel's keys as of the last update pushed, with the label the renderer knows each by. */
  private sent = new Map<string, KeyRef>();
  /** Keys whose row changed, came or went since the last update, in the order of their latest change; the label each had. */
  private changes = new Map<string, KeyRef>();
  private lastWalk?: { at: number; ms: number };
  /** performance.now() when the last frame's work began. */
  private lastRunAt = -Infinity;
  private detailsPoller?: NodeJS.Timeout;
  private walkPoller?: NodeJS.Timeout;
  private subscriberDropped = false;
  private pattern = '';
  /** Renumbered on every notification for the namespace and every time notifications were lost. */
  private mark = ++lastMark;
  /** From the subscriber's close until its subscription is confirmed again: notifications may go unheard. */
  private deaf = false;

  constructor(
    private readonly connection: LiveConnection,
    private readonly onUpdate: (update: KeysUpdate) => void,
    private readonly options: KeysFeedOptions = {},
  ) {}

  /**
   * Subscribes, then walks the namespace once. A walk made moments before
   * (the connect-time count, or one handed in) is used instead.
   */
  async start(initialWalk?: NamespaceWalk): Promise<void> {
    const { control, namespace, endpoint } = this.connection;
    try {
      this.previousConfig = await this.enableNotifications();
      control.on('ready', this.onControlReady);
      const subscriber = (this.subscriber = this.connection.subscriber('keys-feed'));
      const prefixLength = Buffer.byteLength(`__keyspace@${endpoint.db}__:`);
      subscriber.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, event: Buffer) => this.notified(channel.subarray(prefixLength), event.toString()));
      subscriber.on('close', this.onSubscriberClose);
      subscriber.on('ready', this.onSubscriberReady);
      this.pattern = `__keyspace@${endpoint.db}__:${globEscape(namespace)}*`;
      await subscriber.psubscribe(this.pattern);
      this.mode = 'notifications';
    } catch {
      // CONFIG refused (ACL, managed Redis): fall back to polling.
      this.subscriber?.disconnect();
      this.subscriber = undefined;
      this.mode = 'polling';
    }
    this.started = true;
    // Subscribed first, walked second: a change made during the walk is notified and applied after it.
    // The walk made at connect (consent survey) is reused when fresh: connecting walks the namespace once.
    const earlier = initialWalk ?? takeRecentWalk(control, namespace);
    this.needWalk = !earlier;
    await this.run(earlier);
    if (this.mode === 'polling') {
      this.detailsPoller = setInterval(() => this.refreshShown(), this.pollMs);
      this.scheduleWalk();
    }
  }

  private get pollMs(): number {
    return this.options.pollIntervalMs ?? 1000;
  }

  /** The server's host:port: notify-keyspace-events is one setting for all its databases. */
  private get server(): string {
    const { host, port } = this.connection.endpoint;
    return `${host}:${port}`;
  }

  /**
   * Turns on keyspace events for every type, noting first what the server
   * had. A value this app itself left behind (a run that died before putting
   * it back, found in the journal) is not taken for the server's own: what
   * the server had before that run is what is put back.
   */
  private async enableNotifications(): Promise<string> {
    const { control } = this.connection;
    const [, current] = (await control.config('GET', NOTIFY)) as [string, string];
    const leftover = this.options.journal?.leftover(this.server, NOTIFY);
    const previous = leftover && sameFlags(leftover.set, current) ? leftover.previous : current;
    const wanted = mergeFlags(current);
    if (wanted !== previous) this.options.journal?.record({ server: this.server, setting: NOTIFY, previous, set: wanted });
    else this.options.journal?.clear(this.server, NOTIFY);
    if (wanted !== current) await control.config('SET', NOTIFY, wanted);
    return previous;
  }

  /** A restarted server forgets CONFIG SET and everything changed while it was away: re-enable, rewalk. */
  private readonly onControlReady = () => {
    if (this.stopped) return;
    void (async () => {
      if (this.mode === 'notifications') await this.enableNotifications().catch(() => undefined);
      this.lostTrack();
    })();
  };

  private readonly onSubscriberClose = () => {
    // Whatever was notified while the subscriber is away is lost; Redis keeps no copy.
    if (!this.stopped) this.subscriberDropped = true;
    this.deaf = true;
  };

  /** ioredis re-subscribes by itself after a reconnect; confirm it, then rewalk what was missed meanwhile. */
  private readonly onSubscriberReady = () => {
    if (this.stopped || !this.subscriberDropped) return;
    this.subscriberDropped = false;
    void this.subscriber
      ?.psubscribe(this.pattern)
      .then(() => {
        this.deaf = false;
        this.lostTrack();
      })
      .catch(() => undefined);
  };

  /**
   * A number that changes whenever a key under the namespace may have
   * changed: a notification came, or some may have been lost. Undefined
   * while the feed could miss one unknowingly (polling, not subscribed yet,
   * the subscriber away), so only an unchanged defined mark says nothing
   * was notified in between.
   */
  changeMark(): number | undefined {
    return this.mode === 'notifications' && this.started && !this.stopped && !this.deaf ? this.mark : undefined;
  }

  private lostTrack(): void {
    this.mark = ++lastMark;
    this.stats.lostTrack++;
    this.needWalk = true;
    this.kick();
  }

  private notified(key: Buffer, event: string): void {
    if (this.stopped) return;
    this.mark = ++lastMark;
    this.stats.notifications++;
    if (this.needWalk) {
      this.scheduleFrame(); // a walk is due and will see this key as it is; make sure it runs
      return;
    }
    const id = idOf(key);
    this.pending.delete(id); // re-insert so the newest event wins and the key keeps its place in line
    this.pending.set(id, !REMOVED.has(event));
    if (this.pending.size > MAX_PENDING) {
      this.pending.clear();
      this.lostTrack();
      return;
    }
    this.scheduleFrame();
  }

  /**
   * At most one read and one snapshot per frame. The first change after a
   * quiet frame goes at once (next macrotask, so the rest of the same socket
   * read joins it); changes that follow wait for the frame's end.
   */
  private scheduleFrame(): void {
    if (this.frame || this.stopped) return;
    const wait = Math.max(0, this.lastRunAt + FRAME_MS - performance.now());
    this.frame = setTimeout(() => {
      this.frame = undefined;
      this.kick();
    }, wait);
  }

  /**
   * Something may have changed (the app's own step): with notifications the
   * feed will hear of it; when polling, reread what is on screen and walk if
   * the walk budget allows.
   */
  schedule(): void {
    if (this.stopped || !this.started || this.mode === 'notifications') return;
    this.refreshShown();
    const due = !this.lastWalk || Date.now() - this.lastWalk.at >= this.walkInterval();
    if (due) {
      this.needWalk = true;
      this.kick();
    }
  }

  /** Runs the pending work unless it is already running; then it runs once more. */
  private kick(): void {
    if (this.stopped || !this.started) return;
    if (this.working) {
      this.rerun = true;
      return;
    }
    void this.run();
  }

  private run(walk?: NamespaceWalk): Promise<void> {
    this.lastRunAt = performance.now();
    // Settled in a `then`, never inside the work: a run with nothing to await finishes synchronously, and
    // clearing `working` there came before this assignment, so the feed thought a run was under way forever
    // and went silent (a rerun after a walk that had absorbed the pending rereads did exactly that).
    const work = this.work(walk).then((failed) => {
      if (this.working === work) this.working = undefined;
      // After a failure only a kick that came during the run (a reconnect's rewalk) runs it again: dropping
      // that kick left the feed silent after a Redis restart whenever the reconnect landed mid-run.
      if (this.rerun || (!failed && (this.pending.size || this.needWalk))) {
        this.rerun = false;
        // Leftovers of a big burst go in the next frame, not in a tight loop.
        this.scheduleFrame();
      }
    });
    this.working = work;
    return work;
  }

  /** One run's work; true when the connection failed under it. */
  private async work(walk?: NamespaceWalk): Promise<boolean> {
    try {
      if (this.needWalk || walk) {
        this.needWalk = false;
        // A fresh walk sees everything pending now; what arrives during it is applied after. A walk
        // made before the subscription (at connect) did not: what was notified since is kept.
        if (!walk) this.pending.clear();
        await this.walk(walk);
      }
      if (this.pending.size) await this.applyPending();
      if (this.dirty && !this.stopped) this.push();
      return false;
    } catch {
      // The connection is down: the status bar says so, and its reconnect triggers a walk
      // (retrying here would spin while it is down).
      this.needWalk = true;
      return true;
    }
  }

  private async walk(given?: NamespaceWalk): Promise<void> {
    const { control, namespace } = this.connection;
    const walk = given ?? (await walkNamespace(control, namespace, FEED_WALK_KEEP));
    if (!given) {
      this.stats.walks++;
      this.stats.walkMs += walk.ms;
    }
    this.lastWalk = { at: walk.at, ms: walk.ms };
    const head = walk.names.slice(0, PANEL_LIMIT);
    const shown = new Map<string, KeyInfo>();
    for (let i = 0; i < head.length; i += READ_BATCH) {
      const batch = head.slice(i, i + READ_BATCH);
      const infos = await this.readDetails(batch);
      infos.forEach((info, j) => info && shown.set(idOf(batch[j]), info));
    }
    this.shown = shown;
    this.order = undefined;
    this.needFull = true;
    this.hidden = new Set(walk.names.slice(PANEL_LIMIT).map(idOf));
    this.hiddenOverflow = walk.count > walk.names.length;
    this.fillFromHidden();
    this.dirty = true;
  }

  private async readDetails(keys: Buffer[]): Promise<(KeyInfo | null)[]> {
    if (keys.length === 0) return [];
    this.stats.reads++;
    return readKeyDetails(this.connection.control, keys, { perKey: PER_KEY_BYTES });
  }

  /** Applies one frame's worth of notified keys: removals at once, the rest read in one batch. */
  private async applyPending(): Promise<void> {
    const toRead: Buffer[] = [];
    for (const [id, exists] of this.pending) {
      if (toRead.length >= READ_BATCH) break;
      this.pending.delete(id);
      if (!exists) this.remove(id);
      else if (this.shown.has(id) || this.shown.size + toRead.length < PANEL_LIMIT) toRead.push(Buffer.from(id, 'latin1'));
      else this.hide(id); // not on screen: counted, never read
    }
    const infos = await this.readDetails(toRead);
    infos.forEach((info, i) => {
      const id = idOf(toRead[i]);
      if (!info) this.remove(id);
      else if (this.shown.has(id) || this.shown.size < PANEL_LIMIT) {
        if (!this.shown.has(id)) this.order = undefined;
        this.shown.set(id, info);
        this.changed(id, info);
        this.hidden.delete(id);
        this.dirty = true;
      } else this.hide(id);
    });
    this.fillFromHidden();
  }

  private remove(id: string): void {
    const info = this.shown.get(id);
    if (info) {
      this.shown.delete(id);
      this.order = undefined;
      this.changed(id, info);
    } else if (!this.hidden.delete(id)) return;
    this.dirty = true;
  }

  private hide(id: string): void {
    if (this.hidden.has(id)) return;
    if (this.hidden.size < TRACK_LIMIT) this.hidden.add(id);
    else this.hiddenOverflow = true;
    this.dirty = true;
  }

  /** Re-inserted, so the map's order is the order of the latest changes. */
  private changed(id: string, info: KeyInfo): void {
    this.changes.delete(id);
    this.changes.set(id, refOf(info));
  }

  /** Tells the panel what changed: everything after a walk, otherwise a delta. */
  private push(): void {
    this.dirty = false;
    this.seq++;
    this.stats.snapshots++;
    if (this.needFull) {
      this.needFull = false;
      this.stats.fullSnapshots++;
      this.changes.clear();
      const snapshot = this.snapshot();
      this.sent = new Map([...this.shown].map(([id, info]) => [id, refOf(info)]));
      this.onUpdate({ ...snapshot, kind: 'full', seq: this.seq });
      return;
    }
    this.onUpdate({ ...this.summary(), kind: 'delta', seq: this.seq, ...this.takeChanges() });
  }

  /**
   * The changes since the last update, in the order they were seen. A key
   * the renderer does not have yet carries its place in the new order; a key
   * gone from the panel is named by the label the renderer knows it by.
   */
  private takeChanges(): { changed: KeyChange[]; removed: KeyRef[] } {
    const changed: KeyChange[] = [];
    const removed: KeyRef[] = [];
    let index: Map<string, number> | undefined;
    for (const [id, last] of this.changes) {
      const info = this.shown.get(id);
      if (!info) {
        // Named even if the renderer may not have it (a snapshot read in between can): removing nothing is harmless.
        removed.push(this.sent.get(id) ?? last);
        this.sent.delete(id);
      } else if (this.sent.has(id)) {
        changed.push({ info });
      } else {
        index ??= new Map(this.sortedIds().map((sid, i) => [sid, i]));
        changed.push({ info, index: index.get(id) });
        this.sent.set(id, refOf(info));
      }
    }
    this.changes.clear();
    return { changed, removed };
  }

  /** The panel's ids in display order. A value or TTL change keeps the order: sort only when keys come or go. */
  private sortedIds(): string[] {
    this.order ??= [...this.shown].sort(([, a], [, b]) => collator.compare(a.key, b.key)).map(([id]) => id);
    return this.order;
  }

  /** A key left the panel: the next hidden ones take its place (read in the next frame). */
  private fillFromHidden(): void {
    let room = PANEL_LIMIT - this.shown.size - [...this.pending.values()].filter(Boolean).length;
    if (room <= 0) return;
    for (const id of this.hidden) {
      if (room-- <= 0) break;
      this.hidden.delete(id);
      this.pending.set(id, true);
    }
    // Room left, nothing remembered, but more keys exist: only a walk can find their names.
    if (room > 0 && this.hidden.size === 0 && this.hiddenOverflow) this.needWalk = true;
    if (this.pending.size || this.needWalk) this.scheduleFrame();
  }

  /** Polling: an expensive walk (a big keyspace) is done less often, so it never costs more than its budget. */
  private walkInterval(): number {
    const cost = this.lastWalk?.ms ?? 0;
    return Math.min(MAX_WALK_INTERVAL_MS, Math.max(this.pollMs, cost / WALK_BUDGET));
  }

  private scheduleWalk(): void {
    if (this.stopped) return;
    clearTimeout(this.walkPoller);
    this.walkPoller = setTimeout(() => {
      this.needWalk = true;
      this.kick();
      void this.working?.finally(() => this.scheduleWalk());
    }, this.walkInterval());
  }

  /** Polling: rereads only the keys on screen (no SCAN), so TTLs and values stay current between walks. */
  private refreshShown(): void {
    if (this.stopped || this.working) return;
    for (const id of this.shown.keys()) this.pending.set(id, true);
    this.kick();
  }

  /**
   * The panel's view now: the first keys, sorted, and how many more there
   * are; `seq` is the last update pushed. It may hold changes the next delta
   * will also carry: applying a change twice leaves the same panel.
   */
  snapshot(): KeysSnapshot {
    const keys = this.sortedIds().map((id) => this.shown.get(id)!);
    return { ...this.summary(), keys, seq: this.seq };
  }

  private summary() {
    const more = this.hidden.size;
    return {
      namespace: this.connection.namespace,
      truncated: more > 0 || this.hiddenOverflow,
      more,
      moreIsLowerBound: this.hiddenOverflow,
      at: Date.now(),
    };
  }

  /** The current snapshot; before start (no feed running) one walk of the namespace. */
  async read(): Promise<KeysSnapshot> {
    if (!this.started || this.stopped) {
      await this.walk();
      return this.snapshot();
    }
    await this.working;
    return this.snapshot();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connection.control.off('ready', this.onControlReady);
    clearTimeout(this.frame);
    clearInterval(this.detailsPoller);
    clearTimeout(this.walkPoller);
    if (this.subscriber) {
      this.subscriber.disconnect();
      this.subscriber = undefined;
    }
    if (this.previousConfig !== undefined) {
      const restored = await this.connection.control.config('SET', NOTIFY, this.previousConfig).then(
        () => true,
        () => false,
      );
      // Noted as put back only once it is: a restore that failed (Redis away) stays in the journal for the next connection.
      if (restored) this.options.journal?.clear(this.server, NOTIFY);
      this.previousConfig = undefined;
    }
  }
}

/** The event classes a flag string turns on: Redis answers "AKE" for the "xEKA" it was given ('A' is "g$lshzxetd"). */
function sameFlags(a: string, b: string): boolean {
  const classes = (flags: string) => [...new Set(flags.replace(/A/g, 'g$lshzxetd'))].sort().join('');
  return classes(a) === classes(b);
}

/** Adds keyspace events for every type to whatever the server already publishes. */
export function mergeFlags(current: string): string {
  const flags = new Set(current.split(''));
  flags.add('K');
  flags.add('A');
  return [...flags].join('');
}
