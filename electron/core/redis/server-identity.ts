import type { Redis } from 'ioredis';
import { runIdOf } from './server-facts';

/** Where a run began, as far as the connection can tell: how many times it had reconnected, and the server's run_id then. */
export interface ServerMark {
  reconnects: number;
  runId?: string;
}

/** What happened to the server since a mark: nothing seen, a restart (another run_id), or a reconnect whose cause cannot be told (INFO refused). */
export type ServerChange = 'none' | 'restarted' | 'reconnected';

/**
 * Tells whether the server behind a connection restarted since a moment:
 * every reconnect of the control connection reads INFO's run_id again (one
 * command, only then), and a new run_id means a new server process. A step
 * compares only a counter until a reconnect happens, so stepping pays
 * nothing for it.
 */
export class ServerIdentity {
  private reconnects = 0;
  private runId: Promise<string | undefined>;
  private readonly listeners = new Set<(change: Exclude<ServerChange, 'none'>) => void>();

  constructor(control: Redis, runId: string | undefined) {
    this.runId = Promise.resolve(runId);
    // Every 'ready' after the connection was opened is a reconnect.
    control.on('ready', () => {
      this.reconnects++;
      const before = this.runId;
      this.runId = control.info('server').then(runIdOf, () => undefined);
      void Promise.all([before, this.runId]).then(([was, now]) => {
        if (was && now && was === now) return;
        for (const listener of this.listeners) listener(was && now ? 'restarted' : 'reconnected');
      });
    });
  }

  /** Called after a reconnect to another server process, or to one that cannot be told apart (INFO refused). */
  onChange(listener: (change: Exclude<ServerChange, 'none'>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Now, to compare with later; the run_id as last read (a reconnect's read may still be on its way). */
  async mark(): Promise<ServerMark> {
    return { reconnects: this.reconnects, runId: await this.runId };
  }

  /** Whether the connection reconnected since `mark` (then `since` tells why); a counter compared, nothing read. */
  reconnectedSince(mark: ServerMark): boolean {
    return this.reconnects !== mark.reconnects;
  }

  /** What changed since `mark`; reads nothing unless the connection reconnected since. */
  async since(mark: ServerMark): Promise<ServerChange> {
    if (this.reconnects === mark.reconnects) return 'none';
    const now = await this.runId;
    if (now && mark.runId) return now === mark.runId ? 'none' : 'restarted';
    return 'reconnected';
  }
}
