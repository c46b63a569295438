import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { redactFields, redactString, type LogFields } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  readonly dir: string;
  readonly file: string;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface RotatingLogOptions {
  dir: string;
  /** Default main.log. */
  fileName?: string;
  /** Rotate before a line would take the file past this size. Default 1 MB. */
  maxBytes?: number;
  /** Rotated files kept beside the live one (main.log.1 … main.log.N). Default 3. */
  keep?: number;
  now?: () => Date;
}

/**
 * The main process's log: one line per event, `time LEVEL event k=v …`,
 * every field passed through the redactor. Writes are synchronous: the main
 * process logs a handful of lifecycle events, and a line written before a
 * crash must be on disk. A failing disk never takes the app down with it.
 */
export function createRotatingLog(options: RotatingLogOptions): Logger {
  const dir = options.dir;
  const file = path.join(dir, options.fileName ?? 'main.log');
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  let size: number | undefined;

  function currentSize(): number {
    if (size === undefined) {
      mkdirSync(dir, { recursive: true });
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
    }
    return size;
  }

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      try {
        renameSync(`${file}.${n}`, `${file}.${n + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    if (keep > 0) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    size = 0;
  }

  function write(level: LogLevel, event: string, fields: LogFields = {}): void {
    const parts = Object.entries(redactFields(fields)).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
    const line = `${now().toISOString()} ${level.toUpperCase()} ${redactString(event).replace(/\s+/g, '_')}${parts.length ? ` ${parts.join(' ')}` : ''}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size = currentSize() + bytes;
    } catch {
      // Logging is best effort; forget the cached size so the next write re-reads it.
      size = undefined;
    }
  }

  return {
    dir,
    file,
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
