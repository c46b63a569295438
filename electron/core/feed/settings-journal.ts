import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One server-wide setting the app changed and has not put back yet. */
export interface ChangedSetting {
  /** host:port: the setting is the server's, whichever database was chosen. */
  server: string;
  setting: string;
  /** What the server had before the app changed it. */
  previous: string;
  /** What the app set. */
  set: string;
}

const MAX_ENTRIES = 64;

/**
 * A file in the app's data folder listing the server settings the app has
 * changed and not yet put back (notify-keyspace-events, for the live Keys
 * feed). Written before the change and cleared after the restore, so a host
 * that died in between (a crash, a killed terminal) leaves the truth behind:
 * the next connection to that server finds its own leftover there and puts
 * back what the server had before the first change, instead of taking the
 * leftover for the server's own setting and "restoring" it forever.
 */
export class SettingsJournal {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'server-settings-journal.json');
  }

  /** The change a previous run left on this server, if any. */
  leftover(server: string, setting: string): ChangedSetting | undefined {
    return this.read().find((e) => e.server === server && e.setting === setting);
  }

  record(change: ChangedSetting): void {
    this.write([...this.read().filter((e) => !(e.server === change.server && e.setting === change.setting)), change].slice(-MAX_ENTRIES));
  }

  clear(server: string, setting: string): void {
    const entries = this.read();
    const kept = entries.filter((e) => !(e.server === server && e.setting === setting));
    if (kept.length !== entries.length) this.write(kept);
  }

  private read(): ChangedSetting[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isChange) : [];
    } catch {
      return [];
    }
  }

  /** Written whole to a temporary file and renamed over the old one: a crash mid-write leaves the old list, never half of one. */
  private write(entries: ChangedSetting[]): void {
    try {
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(entries));
      renameSync(tmp, this.file);
    } catch {
      // A read-only data folder: the change is still restored on a clean disconnect, only a crash's leftover goes unknown.
    }
  }
}

function isChange(v: unknown): v is ChangedSetting {
  const e = v as ChangedSetting;
  return typeof e === 'object' && e !== null && typeof e.server === 'string' && typeof e.setting === 'string' && typeof e.previous === 'string' && typeof e.set === 'string';
}
