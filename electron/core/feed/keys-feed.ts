import type { Redis } from 'ioredis';
import type { KeysSnapshot } from '../../../shared/model';
import type { LiveConnection } from '../redis/live-connection';
import { globEscape, scanNamespace } from '../redis/namespace';
import { readKeyDetails } from './key-details';

/** The Keys panel reads at most this many keys; beyond it the snapshot says it is truncated. */
const PANEL_LIMIT = 1000;
/** Notifications arrive per command; one refresh serves a burst of them. */
const COALESCE_MS = 30;

export interface KeysFeedOptions {
  /** How often to rescan when notifications cannot be enabled. */
  pollIntervalMs?: number;
}

/**
 * Tells the Keys panel whenever a key under the namespace changes, whoever
 * changed it: keyspace notifications where the server lets us enable them
 * (the previous setting is restored on stop), a periodic SCAN where it does
 * not (e.g. an ACL user without CONFIG).
 */
export class KeysFeed {
  mode: 'notifications' | 'polling' = 'polling';
  private subscriber?: Redis;
  private previousConfig?: string;
  private timer?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly connection: LiveConnection,
    private readonly onSnapshot: (snapshot: KeysSnapshot) => void,
    private readonly options: KeysFeedOptions = {},
  ) {}

  /** A restarted server forgets CONFIG SET: turn notifications back on when the control client reconnects. */
  private readonly onReconnect = () => {
    if (this.mode !== 'notifications' || this.stopped) return;
    void this.enableNotifications()
      .then(() => this.schedule())
      .catch(() => undefined);
  };

  private async enableNotifications(): Promise<string> {
    const { control } = this.connection;
    const [, current] = (await control.config('GET', 'notify-keyspace-events')) as [string, string];
    const wanted = mergeFlags(current);
    if (wanted !== current) await control.config('SET', 'notify-keyspace-events', wanted);
    return current;
  }

  async start(): Promise<void> {
    const { control, namespace, endpoint } = this.connection;
    try {
      this.previousConfig = await this.enableNotifications();
      control.on('ready', this.onReconnect);
      this.subscriber = this.connection.subscriber('keys-feed');
      this.subscriber.on('pmessage', () => this.schedule());
      await this.subscriber.psubscribe(`__keyspace@${endpoint.db}__:${globEscape(namespace)}*`);
      this.mode = 'notifications';
    } catch {
      // CONFIG refused (ACL, managed Redis): fall back to scanning.
      this.subscriber?.disconnect();
      this.subscriber = undefined;
      this.mode = 'polling';
      this.poller = setInterval(() => this.schedule(), this.options.pollIntervalMs ?? 1000);
    }
    await this.refresh();
  }

  /** Rereads the namespace soon; bursts of changes share one read. */
  schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, COALESCE_MS);
  }

  /** Reads the namespace now and pushes a snapshot. */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        const snapshot = await this.read();
        if (!this.stopped) this.onSnapshot(snapshot);
      } catch {
        // The connection is down; the status bar says so and the next change triggers a read.
      } finally {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      }
    })();
    return this.refreshing;
  }

  async read(): Promise<KeysSnapshot> {
    const { control, namespace } = this.connection;
    const keys: Buffer[] = [];
    let truncated = false;
    for await (const batch of scanNamespace(control, namespace)) {
      keys.push(...batch);
      if (keys.length >= PANEL_LIMIT) {
        truncated = true;
        break;
      }
    }
    const infos = (await readKeyDetails(control, keys.slice(0, PANEL_LIMIT))).filter((k) => k !== null);
    infos.sort((a, b) => a.key.localeCompare(b.key));
    return { namespace, keys: infos, truncated, at: Date.now() };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connection.control.off('ready', this.onReconnect);
    clearTimeout(this.timer);
    clearInterval(this.poller);
    if (this.subscriber) {
      this.subscriber.disconnect();
      this.subscriber = undefined;
    }
    if (this.previousConfig !== undefined) {
      await this.connection.control.config('SET', 'notify-keyspace-events', this.previousConfig).catch(() => undefined);
      this.previousConfig = undefined;
    }
  }
}

/** Adds keyspace events for every type to whatever the server already publishes. */
export function mergeFlags(current: string): string {
  const flags = new Set(current.split(''));
  flags.add('K');
  flags.add('A');
  return [...flags].join('');
}
