import type { ServerEvent } from '../../../shared/server-console';
import type { ConnectionHost } from '../connection/connection-host';
import type { EventHub } from '../feed/event-hub';
import type { HandlerGroup } from '../handlers';
import type { LiveConnection } from '../redis/live-connection';
import { aclCategories, describeNoPerm, parseNoPerm } from '../redis/permissions';
import { readServerDetails } from './server-details';
import { countersOf, deriveSample, parseInfo, type InfoCounters } from './server-info';

/** One INFO a second, while someone looks. */
export const SAMPLE_MS = 1000;
/** A watch lapses unless renewed within this time: a renderer that vanished stops the sampling. */
export const LEASE_MS = 12_000;

/**
 * Samples INFO once a second only while the Server panel is on screen: the
 * renderer starts a watch when the tab shows, renews it every few seconds
 * and ends it when the tab hides; a watch not renewed lapses. Nobody
 * looking, nothing sent. Each reading goes out as one 'server' event
 * carrying one sample (bounded); the renderer keeps the last 10 minutes.
 */
export class ServerSampler {
  private timer?: NodeJS.Timeout;
  private before?: InfoCounters;
  private connection?: LiveConnection;
  private leaseUntil = 0;
  private reading = false;
  private last: ServerEvent | null = null;
  /** INFO commands sent so far (tests check nothing is sent unwatched). */
  infoSent = 0;

  constructor(
    private readonly events: EventHub,
    private readonly connections: ConnectionHost,
    private readonly timing = { sampleMs: SAMPLE_MS, leaseMs: LEASE_MS },
  ) {}

  get sampling(): boolean {
    return !!this.timer;
  }

  async watch(on: boolean): Promise<ServerEvent | null> {
    if (!on) {
      this.stop();
      return null;
    }
    const { connection } = this.connections.require();
    if (connection !== this.connection) {
      this.stop();
      this.connection = connection;
      this.before = undefined;
      this.last = null;
    }
    this.leaseUntil = Date.now() + this.timing.leaseMs;
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.timing.sampleMs);
      await this.tick();
    }
    return this.last;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    const connection = this.connection;
    if (Date.now() > this.leaseUntil || !connection || this.connections.connection !== connection) {
      this.stop();
      return;
    }
    if (this.reading) return;
    this.reading = true;
    try {
      this.infoSent++;
      const text = await connection.control.info();
      const at = Date.now();
      const fields = parseInfo(text);
      const now = countersOf(fields, at);
      this.last = { sample: deriveSample(fields, now, this.before) };
      this.before = now;
    } catch (err) {
      const denied = parseNoPerm(err, 'info');
      if (!denied) return; // A dropped connection: the status bar says so; the next tick tries again.
      this.last = { denied: describeNoPerm(denied, await aclCategories(connection.control, 'info')) };
      // Refused stays refused: ask once, not every second.
      this.stop();
    } finally {
      this.reading = false;
    }
    if (this.last && this.connections.connection === connection) this.events.emit('server', this.last);
  }
}

/** The Server panel's requests: start/renew/stop the INFO sampling, and the facts, SLOWLOG and LATENCY beside it. */
export function setupServer(events: EventHub, connections: ConnectionHost, sampler = new ServerSampler(events, connections)): HandlerGroup<'server.watch' | 'server.details'> {
  return {
    'server.watch': async ({ on }) => sampler.watch(on),
    'server.details': async ({ slowlog }) => {
      const { connection } = connections.require();
      return readServerDetails(connection.control, connection.facts, slowlog);
    },
  };
}
