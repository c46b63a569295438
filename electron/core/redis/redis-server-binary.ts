import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatMessage } from '../../../shared/i18n/format';
import { msg, type Message } from '../../../shared/i18n/message';

const run = promisify(execFile);

/** Where redis-server usually lives when it is not on PATH (Homebrew, MacPorts). */
const EXTRA_DIRS = ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin', '/usr/bin', '/usr/sbin'];

export interface RedisServerBinary {
  found: boolean;
  path?: string;
  version?: string;
  /** In English (logs, the command line). */
  installHint: string;
  /** The same, shown in the user's language. */
  installHintMsg: Message;
}

/** The os-release file that names a Linux distribution (systemd's standard; /usr/lib is its fallback). */
function readOsRelease(): string {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return readFileSync(file, 'utf8');
    } catch {}
  }
  return '';
}

/** The install command per Linux family, matched against os-release's ID, then its ID_LIKE. */
const LINUX_INSTALL: { ids: string[]; command: string }[] = [
  { ids: ['debian', 'ubuntu'], command: 'sudo apt install redis-server' },
  { ids: ['fedora', 'rhel', 'centos'], command: 'sudo dnf install redis' },
  { ids: ['arch'], command: 'sudo pacman -S redis' },
  { ids: ['opensuse', 'suse'], command: 'sudo zypper install redis' },
  { ids: ['alpine'], command: 'sudo apk add redis' },
];

function linuxInstallCommand(osRelease: string): string | undefined {
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\n]*)`, 'm').exec(osRelease)?.[1].toLowerCase() ?? '';
  const ids = [field('ID'), ...field('ID_LIKE').split(/\s+/)].filter(Boolean);
  for (const id of ids) {
    const family = LINUX_INSTALL.find((entry) => entry.ids.some((known) => id === known || id.startsWith(`${known}-`)));
    if (family) return family.command;
  }
  return undefined;
}

/**
 * How to install redis-server on this platform, in one line. On Linux the
 * distribution's own command, read from /etc/os-release (or the osRelease
 * text given, for tests).
 */
export function installHint(platform: NodeJS.Platform = process.platform, osRelease?: string): string {
  return formatMessage(installHintMessage(platform, osRelease));
}

/** The same hint as a message, for the connect screen in the user's language. */
export function installHintMessage(platform: NodeJS.Platform = process.platform, osRelease?: string): Message {
  switch (platform) {
    case 'darwin':
      return msg('hint.install.command', { how: 'Homebrew', command: 'brew install redis' });
    case 'win32':
      return msg('hint.install.windows');
    case 'freebsd':
      return msg('hint.install.plain', { command: 'sudo pkg install redis' });
    case 'linux': {
      const command = linuxInstallCommand(osRelease ?? readOsRelease());
      if (command) return msg('hint.install.plain', { command });
      return msg('hint.install.generic');
    }
    default:
      return msg('hint.install.generic');
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
  const hintMsg = installHintMessage();
  const hint = formatMessage(hintMsg);
  const found = dirs.map((dir) => path.join(dir, exe)).find(isExecutable);
  if (!found) return { found: false, installHint: hint, installHintMsg: hintMsg };
  try {
    const { stdout } = await run(found, ['--version'], { timeout: 5000 });
    const version = /v=(\S+)/.exec(stdout)?.[1];
    return { found: true, path: found, version, installHint: hint, installHintMsg: hintMsg };
  } catch {
    return { found: false, installHint: hint, installHintMsg: hintMsg };
  }
}
