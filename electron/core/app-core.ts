import { setupBrowser } from './browser/setup-browser';
import { setupConsole } from './console/setup-console';
import { setupKeyEditor } from './key-editor/setup-key-editor';
import { ConnectionHost } from './connection/connection-host';
import { setupDatabase } from './db/setup-database';
import { setupExplorer } from './explorer/setup-explorer';
import { EventHub } from './feed/event-hub';
import { setupKeys } from './feed/setup-keys';
import type { Handlers } from './handlers';
import { SessionHost } from './session/session-host';
import { setupServer } from './server/setup-server';
import { setupLanguage } from './i18n/setup-language';
import { findRedisServer } from './redis/redis-server-binary';
import type { AppCoreOptions } from './app-core-options';

export type { Handlers } from './handlers';
export type { AppCoreOptions } from './app-core-options';

/**
 * Everything the app does, behind the contract. Each capability lives in
 * its own folder and registers its own requests; AppCore only composes
 * them. Knows nothing of Electron or WebSockets.
 */
export class AppCore {
  readonly events = new EventHub();
  readonly handlers: Handlers;
  private readonly connections: ConnectionHost;
  private readonly sessions: SessionHost;

  constructor(private readonly options: AppCoreOptions) {
    this.connections = new ConnectionHost(options, this.events, {
      onKeysChanged: () => this.sessions.pushSoon(),
      beforeDisconnect: () => this.sessions.close(),
    });
    this.sessions = new SessionHost(this.events, this.connections);
    this.handlers = {
      'app.info': async () => ({
        version: this.options.version,
        transport: this.options.transport,
        redisServer: await findRedisServer(this.options.redisSearchPath),
      }),
      ...this.connections.handlers(),
      ...this.sessions.handlers(),
      // After the session's: exploring guards session.open/step/action/reset (busy) and adds explore.*.
      ...setupExplorer(this.events, this.connections, this.sessions, this.options.version),
      ...setupKeys(this.connections),
      ...setupDatabase(this.connections),
      ...setupBrowser(this.events, this.connections),
      ...setupServer(this.events, this.connections),
      ...setupConsole(this.connections),
      ...setupKeyEditor(this.connections),
      ...setupLanguage(this.options.onLanguage),
    };
  }

  status() {
    return this.connections.status();
  }

  async disconnect(): Promise<void> {
    await this.connections.disconnect();
  }

  async shutdown(): Promise<void> {
    await this.connections.shutdown();
    this.events.close();
  }
}
