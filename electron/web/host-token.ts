/**
 * The web host's access token. By default a new one per launch, so an
 * address copied yesterday opens nothing. When the user pins the port
 * (RPI_PORT), a restarted host is meant to be found again at the same
 * address by the page still open on it, which reconnects by itself; so the
 * token for that port is kept in the data directory, readable by this user
 * only, the same protection as the rest of that directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The token kept for a pinned port, made on first use. */
export function tokenForPinnedPort(dataDir: string, port: number): string {
  const file = path.join(dataDir, `web-token-${port}`);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (TOKEN.test(kept)) return kept;
  } catch {
    // None kept yet: make one below.
  }
  const token = newToken();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}
