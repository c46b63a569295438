import type { RequestName, RequestResult } from '../../shared/contract';
import { ConnectInput, requests } from '../../shared/contract';
import type { z } from 'zod';
import type { AppInfo, ConnectionStatus, DbRowView } from '../../shared/model';
import { AppError } from './app-error';
import { keyDetails, scanPage } from './browser/key-browser';
import { readKeyValue } from './browser/key-value';
import { UserDatabase } from './db/user-database';
import type { PatternDef } from './engine/pattern';
import { PatternSession } from './engine/pattern-session';
import { EventHub } from './feed/event-hub';
import { KeysFeed } from './feed/keys-feed';
import { findPattern, PATTERNS, summarize } from './patterns';
import { LiveConnection } from './redis/live-connection';
import type { ServerFacts } from './redis/open-client';
import { findRedisServer } from './redis/redis-server-binary';

/** Refuses a pattern whose commands the connected server is too old for, naming both versions. */
function assertServerSupports(def: PatternDef, facts: ServerFacts): void {
  const needs = def.requires;
  if (!needs || facts.major > needs.major || (facts.major === needs.major && facts.minor >= needs.minor)) return;
  throw new AppError('redis_error', `${def.title} needs Redis ${needs.major}.${needs.minor} or newer for ${needs.feature}; this server runs ${facts.version}.`);
}

export type Handlers = {
  [N in RequestName]: (input: z.output<(typeof requests)[N]['input']>) => Promise<RequestResult<N>>;
};

export interface AppCoreOptions {
  dataDir: string;
  transport: AppInfo['transport'];
  version: string;
  pollIntervalMs?: number;
  /** How the sandbox server is tied to the app's life (default: setpriv on Linux, a watchdog elsewhere). */
  sandboxTether?: 'setpriv' | 'watchdog';
  /** Where to look for redis-server instead of PATH and the usual install dirs. */
  redisSearchPath?: string;
}

/**
 * Everything the app does, behind the contract: one connection at a time,
 * its live keys feed, the embedded database and the open pattern session.
 * Knows nothing of Electron or WebSockets.
 */
export class AppCore {
  readonly events = new EventHub();
  private connection?: LiveConnection;
  private feed?: KeysFeed;
  private session?: PatternSession;
  private db?: UserDatabase;
  private connecting = false;

  constructor(private readonly options: AppCoreOptions) {}

  readonly handlers: Handlers = {
    'app.info': async () => ({
      version: this.options.version,
      transport: this.options.transport,
      redisServer: await findRedisServer(this.options.redisSearchPath),
    }),
    'connection.connect': (input) => this.connect(input),
    'connection.disconnect': async () => {
      await this.disconnect();
      return this.status();
    },
    'connection.status': async () => this.status(),
    'patterns.list': async () => PATTERNS.map((def) => summarize(def)),
    'session.open': async ({ patternId, params }) => {
      const def = findPattern(patternId);
      if (!def) throw new AppError('invalid_input', `There is no pattern "${patternId}".`, { field: 'patternId' });
      const { connection, db } = this.requireConnection();
      assertServerSupports(def, connection.facts);
      // No session while the new one resets: a step sent meanwhile is refused, not run half-built.
      const previous = this.session;
      this.session = undefined;
      await previous?.dispose();
      const session = new PatternSession(def, params, connection, db, () => this.pushSession());
      const state = await session.reset();
      this.session = session;
      this.events.emit('session', state);
      return state;
    },
    'session.current': async () => this.session?.snapshot() ?? null,
    'session.step': async () => {
      const session = this.requireSession();
      try {
        return await session.step();
      } finally {
        await this.afterSessionChange(session);
      }
    },
    'session.action': async ({ actionId, values }) => {
      const session = this.requireSession();
      try {
        return await session.action(actionId, values);
      } finally {
        await this.afterSessionChange(session);
      }
    },
    'session.reset': async ({ params }) => {
      const state = await this.requireSession().reset(params);
      this.events.emit('session', state);
      this.feed?.schedule();
      return state;
    },
    'keys.snapshot': async () => {
      const { connection } = this.requireConnection();
      return (this.feed ?? new KeysFeed(connection, () => {})).read();
    },
    'db.rows': async () => this.dbRows(),
    'browser.scan': async (input) => {
      const { connection } = this.requireConnection();
      return scanPage(connection.control, connection.facts, input);
    },
    'browser.value': async ({ id }) => readKeyValue(this.requireConnection().connection.control, id),
    'browser.details': async ({ ids }) => keyDetails(this.requireConnection().connection.control, ids),
  };

  private pushTimer?: NodeJS.Timeout;

  /** After our own step or action, panels should not wait for a notification round trip. */
  private async afterSessionChange(session: PatternSession): Promise<void> {
    await session.inspect().catch(() => undefined);
    this.events.emit('session', session.snapshot());
    this.feed?.schedule();
  }

  /** Rereads the open pattern's panels and pushes its state; bursts of changes share one read. */
  private pushSession(): void {
    if (this.pushTimer) return;
    this.pushTimer = setTimeout(async () => {
      this.pushTimer = undefined;
      const session = this.session;
      if (!session) return;
      await session.inspect().catch(() => undefined);
      if (session === this.session) this.events.emit('session', session.snapshot());
    }, 50);
  }

  status(): ConnectionStatus {
    if (!this.connection) return { state: this.connecting ? 'connecting' : 'disconnected' };
    return this.connection.status({ keyspaceFeed: this.feed?.mode });
  }

  private async connect(input: z.output<typeof ConnectInput>): Promise<ConnectionStatus> {
    if (this.connecting) throw new AppError('busy', 'Already connecting.');
    this.connecting = true;
    try {
      await this.disconnect();
      this.events.emit('connection', this.status());
      const connection = await LiveConnection.open(input, {
        dataDir: this.options.dataDir,
        tether: this.options.sandboxTether,
        searchPath: this.options.redisSearchPath,
      });
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
          if (this.session) this.pushSession();
        },
        { pollIntervalMs: this.options.pollIntervalMs },
      );
      await this.feed.start();
      connection.onStatus(() => {
        this.events.emit('connection', this.status());
        if (connection.status().state === 'connected') this.feed?.schedule();
      });
      return this.status();
    } finally {
      this.connecting = false;
      this.events.emit('connection', this.status());
    }
  }

  async disconnect(): Promise<void> {
    const { connection, feed, session } = this;
    this.connection = undefined;
    this.feed = undefined;
    this.session = undefined;
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    await session?.dispose().catch(() => undefined);
    await feed?.stop();
    await connection?.close();
  }

  /** The database rows beside what Redis holds for each, so staleness is shown, not claimed. */
  private async dbRows(): Promise<DbRowView[]> {
    const { connection, db } = this.requireConnection();
    const rows = db.allUsers();
    const keys = rows.map((row) => `${connection.namespace}user:${row.id}`);
    const pipe = connection.control.pipeline();
    for (const key of keys) pipe.get(key).pttl(key);
    const replies = (await pipe.exec()) ?? [];
    const readAt = Date.now();
    return rows.map((row, i) => {
      const cached = (replies[i * 2]?.[1] as string | null) ?? null;
      const cachedPttl = Number(replies[i * 2 + 1]?.[1] ?? -2);
      const state = cached === null ? 'absent' : cached === JSON.stringify(row) ? 'fresh' : 'stale';
      return { row, cacheKey: keys[i], cached, cachedPttl, readAt, state };
    });
  }

  private requireConnection(): { connection: LiveConnection; db: UserDatabase } {
    if (!this.connection || !this.db) throw new AppError('not_connected', 'Connect to a Redis first.');
    return { connection: this.connection, db: this.db };
  }

  private requireSession(): PatternSession {
    if (!this.session) throw new AppError('no_session', 'Open a pattern first.');
    return this.session;
  }

  async shutdown(): Promise<void> {
    await this.disconnect();
    this.db?.close();
    this.events.close();
  }
}
