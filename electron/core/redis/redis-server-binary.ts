import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where redis-server usually lives when it is not on PATH (Homebrew, MacPorts). */
const EXTRA_DIRS = ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin', '/usr/bin', '/usr/sbin'];

export interface RedisServerBinary {
  found: boolean;
  path?: string;
  version?: string;
  installHint: string;
}

/** How to install redis-server on this platform, in one line. */
export function installHint(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install it with Homebrew: brew install redis';
    case 'win32':
      return 'Redis has no native Windows build: run it in WSL (sudo apt install redis-server) or Memurai, then connect to it as an existing Redis.';
    default:
      return 'Install it with your package manager, e.g. sudo apt-get install redis-server (Debian/Ubuntu) or sudo dnf install redis (Fedora).';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds redis-server on PATH (or the usual install dirs, which a desktop
 * app launched from a dock does not have on PATH) and reads its version.
 * A given searchPath replaces both.
 */
export async function findRedisServer(searchPath?: string): Promise<RedisServerBinary> {
  const exe = process.platform === 'win32' ? 'redis-server.exe' : 'redis-server';
  const dirs = searchPath !== undefined ? searchPath.split(path.delimiter).filter(Boolean) : [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...EXTRA_DIRS];
  const hint = installHint();
  const found = dirs.map((dir) => path.join(dir, exe)).find(isExecutable);
  if (!found) return { found: false, installHint: hint };
  try {
    const { stdout } = await run(found, ['--version'], { timeout: 5000 });
    const version = /v=(\S+)/.exec(stdout)?.[1];
    return { found: true, path: found, version, installHint: hint };
  } catch {
    return { found: false, installHint: hint };
  }
}
