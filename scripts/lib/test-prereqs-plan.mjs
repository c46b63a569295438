// Decides how `npm test` gets the system tools its tests need — redis-server
// (integration tests start their own), Chromium (browser tests) and openssl
// (the TLS test makes a certificate) — on the machine it runs on: install them
// itself where that is safe and unattended (apt-get on Debian/Ubuntu, as root
// or through passwordless sudo), otherwise stop at once with the exact
// commands to run. Pure: scripts/test-prereqs.mjs supplies the facts.

export const TOOLS = ['redis-server', 'chromium', 'openssl'];

/** Where the browser tests look for Chromium unless CHROMIUM_PATH says otherwise (test/helpers/browser.ts). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The ID and ID_LIKE fields of an os-release file. */
export function parseOsRelease(text = '') {
  const fields = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields[match[1]] = match[2].replace(/^["']|["']$/g, '');
  }
  return { id: (fields.ID ?? '').toLowerCase(), idLike: (fields.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean) };
}

/**
 * Package managers by Linux family: the packages providing each tool, and
 * where that family's Chromium puts its executable. Only apt is run
 * unattended; the others are named.
 */
const LINUX_FAMILIES = {
  debian: { install: 'apt-get install -y', packages: { 'redis-server': 'redis-server', chromium: 'chromium', openssl: 'openssl' }, chromiumPath: '/usr/bin/chromium', unattended: true },
  fedora: { install: 'dnf install -y', packages: { 'redis-server': 'redis', chromium: 'chromium', openssl: 'openssl' }, chromiumPath: '/usr/bin/chromium-browser' },
  arch: { install: 'pacman -S --needed', packages: { 'redis-server': 'redis', chromium: 'chromium', openssl: 'openssl' }, chromiumPath: '/usr/bin/chromium' },
  suse: { install: 'zypper install -y', packages: { 'redis-server': 'redis', chromium: 'chromium', openssl: 'openssl' }, chromiumPath: '/usr/bin/chromium' },
};

/** Which family's packages fit this Linux: its own ID first, then what it says it is like. */
export function linuxFamily(osRelease) {
  const { id, idLike } = parseOsRelease(osRelease);
  for (const name of [id, ...idLike]) {
    if (name === 'debian' || name === 'ubuntu') return 'debian';
    if (name === 'fedora' || name === 'rhel' || name === 'centos') return 'fedora';
    if (name === 'arch') return 'arch';
    if (name === 'suse' || name.startsWith('opensuse')) return 'suse';
  }
  return undefined;
}

function isUbuntu(osRelease) {
  const { id, idLike } = parseOsRelease(osRelease);
  return id === 'ubuntu' || (id !== 'debian' && idLike.includes('ubuntu'));
}

/** Chromium found, but not where the tests look: telling them is the user's one step. */
function chromiumPathStep(path) {
  return `export CHROMIUM_PATH=${path}`;
}

/**
 * @param {object} situation
 * @param {NodeJS.Platform} situation.platform
 * @param {string} [situation.osRelease] the text of /etc/os-release (Linux)
 * @param {string[]} situation.missing tools from TOOLS that were not found
 * @param {string} [situation.chromiumElsewhere] a Chromium found outside DEFAULT_CHROMIUM and CHROMIUM_PATH
 * @param {boolean} situation.isRoot
 * @param {boolean} situation.canSudo sudo works without a password prompt
 * @returns {{ kind: 'ready' } | { kind: 'install', commands: string[][], env: Record<string, string> } | { kind: 'stop', reason: string, commands: string[] }}
 */
export function planPrerequisites({ platform, osRelease, missing, chromiumElsewhere, isRoot, canSudo }) {
  if (missing.length === 0) return { kind: 'ready' };
  const reason = `the tests need ${missing.join(', ')}, not found on this machine`;

  if (platform === 'win32') {
    return { kind: 'stop', reason: `${reason}; redis-server has no native Windows build, so run the tests inside WSL (Ubuntu), where npm test installs them`, commands: ['wsl --install -d Ubuntu'] };
  }

  if (platform === 'darwin') {
    const commands = [];
    const formulas = missing.filter((tool) => tool !== 'chromium').map((tool) => (tool === 'redis-server' ? 'redis' : tool));
    if (formulas.length) commands.push(`brew install ${formulas.join(' ')}`);
    if (missing.includes('chromium')) {
      if (!chromiumElsewhere) commands.push('brew install --cask chromium');
      commands.push(chromiumPathStep(chromiumElsewhere ?? '/Applications/Chromium.app/Contents/MacOS/Chromium'));
    }
    return { kind: 'stop', reason: `${reason}; install them with Homebrew (https://brew.sh)`, commands };
  }

  const familyName = platform === 'linux' ? linuxFamily(osRelease) : undefined;
  const family = familyName && LINUX_FAMILIES[familyName];
  if (!family) {
    return { kind: 'stop', reason: `${reason}; install them with your system's package manager (the package is usually called redis or redis-server), then set CHROMIUM_PATH to Chromium's executable unless it is ${DEFAULT_CHROMIUM}`, commands: [] };
  }

  // A Chromium already installed under another name only needs pointing at.
  const pointAt = missing.includes('chromium') && chromiumElsewhere ? chromiumElsewhere : undefined;
  // Ubuntu's chromium package is only a doorway to the snap, which does not install in containers; say so rather than try.
  const snapChromium = missing.includes('chromium') && !pointAt && isUbuntu(osRelease);
  const toInstall = missing.filter((tool) => !(tool === 'chromium' && (pointAt || snapChromium)));
  const packages = toInstall.map((tool) => family.packages[tool]);
  const chromiumNeedsPath = toInstall.includes('chromium') && family.chromiumPath !== DEFAULT_CHROMIUM;

  const unattended = family.unattended && !pointAt && !snapChromium && !chromiumNeedsPath && (isRoot || canSudo);
  if (unattended) {
    const prefix = isRoot ? [] : ['sudo', '-n'];
    return {
      kind: 'install',
      commands: [
        [...prefix, 'apt-get', 'update'],
        [...prefix, 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
      ],
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    };
  }

  const sudo = isRoot ? '' : 'sudo ';
  const commands = [];
  if (packages.length) {
    if (familyName === 'debian') commands.push(`${sudo}apt-get update`);
    commands.push(`${sudo}${family.install} ${packages.join(' ')}`);
  }
  if (snapChromium) commands.push(`${sudo}snap install chromium`, chromiumPathStep('/snap/bin/chromium'));
  if (pointAt) commands.push(chromiumPathStep(pointAt));
  if (chromiumNeedsPath) commands.push(chromiumPathStep(family.chromiumPath));
  const why = family.unattended && !isRoot && !canSudo ? `${reason}; installing them needs root, and sudo asks for a password` : reason;
  return { kind: 'stop', reason: why, commands };
}
