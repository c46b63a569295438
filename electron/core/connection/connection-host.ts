import { SettingsJournal } from '../feed/settings-journal';
import type { z } from 'zod';
import type { ConnectInput } from '../../../shared/contract';
import type { ConnectionStatus } from '../../../shared/model';
import { AppError } from '../app-error';
import { UserDatabase } from '../db/user-database';
import type { EventHub } from '../feed/event-hub';
import { KeysFeed } from '../feed/keys-feed';
import type { HandlerGroup } from '../handlers';
import { LiveConnection } from '../redis/live-connection';
import { describeNoPerm, parseNoPerm } from '../redis/permissions';
import type { AppCoreOptions } from '../app-core-options';
import { msg } from '../../../shared/i18n/message';

export interface ConnectionHooks {
  /** The Keys feed saw a change: an open pattern may want to reread its panels. */
  onKeysChanged(): void;
  /** Runs before the connection goes, so a pattern run can stop its actors first. */
  beforeDisconnect(): Promise<void>;
}

/**
 * The one Redis the app is connected to, with its live Keys feed and the
 * embedded database that plays the pattern's system of record. Registers
 * the connection.* requests.
 */
export class ConnectionHost {
  connection?: LiveConnection;
  feed?: KeysFeed;
  db?: UserDatabase;
  private connecting?: { cancelled: boolean };
  /** Server settings changed and not yet put back, kept across runs of the app (see SettingsJournal). */
  private readonly journal: SettingsJournal;

  constructor(
    private readonly options: AppCoreOptions,
    private readonly events: EventHub,
    private readonly hooks: ConnectionHooks,
  ) {
    this.journal = new SettingsJournal(options.dataDir);
  }

  handlers(): HandlerGroup<'connection.connect' | 'connection.disconnect' | 'connection.status'> {
    return {
      'connection.connect': (input) => this.connect(input),
      'connection.disconnect': async () => {
        await this.disconnect();
        return this.status();
      },
      'connection.status': async () => this.status(),
    };
  }

  status(): ConnectionStatus {
    if (!this.connection) return { state: this.connecting ? 'connecting' : 'disconnected' };
    return this.connection.status({ keyspaceFeed: this.feed?.mode });
  }

  require(): { connection: LiveConnection; db: UserDatabase } {
    if (!this.connection || !this.db) throw new AppError('not_connected', msg('errors.connect.notConnected'));
    return { connection: this.connection, db: this.db };
  }

  /** The open connection, refused at once while it is down and reconnecting (for requests that must talk to Redis). */
  requireReachable(): { connection: LiveConnection; db: UserDatabase } {
    const open = this.require();
    open.connection.assertReachable();
    return open;
  }

  private async connect(input: z.output<typeof ConnectInput>): Promise<ConnectionStatus> {
    if (this.connecting) throw new AppError('busy', msg('errors.connect.already'));
    const attempt = { cancelled: false };
    this.connecting = attempt;
    try {
      await this.closeCurrent();
      this.events.emit('connection', this.status());
      const connection = await LiveConnection.open(input, {
        dataDir: this.options.dataDir,
        tether: this.options.sandboxTether,
        searchPath: this.options.redisSearchPath,
      });
      // A disconnect sent while this connect was in flight wins: the new connection is closed, not kept.
      if (attempt.cancelled) {
        await connection.close();
        throw new AppError('cancelled', msg('errors.connect.cancelled'));
      }
      if (!this.db) {
        this.db = await UserDatabase.create();
        this.db.onChange(() => this.events.emit('db', { table: 'users' }));
      }
      this.db.reset();
      this.connection = connection;
      this.feed = new KeysFeed(
        connection,
        (snapshot) => {
          this.events.emit('keys', snapshot);
          this.hooks.onKeysChanged();
        },
        // The sandbox is the app's own server, gone with the app: only someone else's Redis needs its setting kept track of.
        { pollIntervalMs: this.options.pollIntervalMs, journal: connection.kind === 'existing' ? this.journal : undefined },
      );
      await this.startFeed(connection);
      connection.onStatus(() => {
        this.events.emit('connection', this.status());
        if (connection.status().state === 'connected') this.feed?.schedule();
      });
      return this.status();
    } finally {
      if (this.connecting === attempt) this.connecting = undefined;
      this.events.emit('connection', this.status());
    }
  }

  /** The Keys panel's feed; an ACL user without SCAN gets no panel, and the status says why, instead of no connection. */
  private async startFeed(connection: LiveConnection): Promise<void> {
    try {
      await this.feed?.start();
    } catch (err) {
      const denied = parseNoPerm(err, 'scan');
      if (!denied) throw err;
      await this.feed?.stop();
      this.feed = undefined;
      connection.facts.limits.push(msg('limits.keysPanel', { denied: describeNoPerm(denied) }));
    }
  }

  /** Tells every listener the connection's status changed (e.g. the namespace was cleared with consent). */
  announce(): void {
    this.events.emit('connection', this.status());
  }

  /** Closes the connection, and cancels one still being opened. */
  async disconnect(): Promise<void> {
    if (this.connecting) this.connecting.cancelled = true;
    this.connecting = undefined;
    await this.closeCurrent();
  }

  private async closeCurrent(): Promise<void> {
    const { connection, feed } = this;
    this.connection = undefined;
    this.feed = undefined;
    await this.hooks.beforeDisconnect().catch(() => undefined);
    await feed?.stop();
    await connection?.close();
  }

  async shutdown(): Promise<void> {
    await this.disconnect();
    this.db?.close();
  }
}
