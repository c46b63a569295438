import { describe, expect, it } from 'vitest';
import { linuxFamily, parseOsRelease, planPrerequisites, type PrerequisiteSituation } from '../../scripts/lib/test-prereqs-plan.mjs';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=40\n';
const ROCKY = 'ID="rocky"\nID_LIKE="rhel centos fedora"\n';
const ARCH = 'NAME="Arch Linux"\nID=arch\n';
const TUMBLEWEED = 'ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n';
const ALPINE = 'ID=alpine\n';

function on(overrides: Partial<PrerequisiteSituation>): PrerequisiteSituation {
  return { platform: 'linux', osRelease: DEBIAN, missing: ['redis-server', 'chromium', 'openssl'], isRoot: false, canSudo: false, ...overrides };
}

describe('os-release', () => {
  it('reads ID and ID_LIKE, quoted or not', () => {
    expect(parseOsRelease(MINT)).toEqual({ id: 'linuxmint', idLike: ['ubuntu', 'debian'] });
    expect(parseOsRelease('')).toEqual({ id: '', idLike: [] });
  });

  it('maps derivatives to the family whose packages they use', () => {
    expect(linuxFamily(DEBIAN)).toBe('debian');
    expect(linuxFamily(MINT)).toBe('debian');
    expect(linuxFamily(FEDORA)).toBe('fedora');
    expect(linuxFamily(ROCKY)).toBe('fedora');
    expect(linuxFamily(ARCH)).toBe('arch');
    expect(linuxFamily(TUMBLEWEED)).toBe('suse');
    expect(linuxFamily(ALPINE)).toBeUndefined();
  });
});

describe('what npm test does about missing tools', () => {
  it('does nothing when everything is there', () => {
    expect(planPrerequisites(on({ missing: [] }))).toEqual({ kind: 'ready' });
  });

  it('installs with apt-get itself on Debian as root, only what is missing', () => {
    expect(planPrerequisites(on({ isRoot: true, missing: ['redis-server', 'openssl'] }))).toEqual({
      kind: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'redis-server', 'openssl'],
      ],
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
  });

  it('installs through sudo -n when sudo needs no password', () => {
    const plan = planPrerequisites(on({ canSudo: true, missing: ['chromium'] }));
    expect(plan).toMatchObject({ kind: 'install', commands: [['sudo', '-n', 'apt-get', 'update'], ['sudo', '-n', 'apt-get', 'install', '-y', '--no-install-recommends', 'chromium']] });
  });

  it('stops with the sudo commands when sudo would ask for a password', () => {
    expect(planPrerequisites(on({}))).toEqual({
      kind: 'stop',
      reason: 'the tests need redis-server, chromium, openssl, not found on this machine; installing them needs root, and sudo asks for a password',
      commands: ['sudo apt-get update', 'sudo apt-get install -y redis-server chromium openssl'],
    });
  });

  it('on Ubuntu installs redis-server with apt but names the snap and CHROMIUM_PATH for Chromium', () => {
    expect(planPrerequisites(on({ osRelease: UBUNTU, isRoot: true, missing: ['redis-server'] }))).toMatchObject({ kind: 'install' });
    const plan = planPrerequisites(on({ osRelease: UBUNTU, isRoot: true, missing: ['redis-server', 'chromium'] }));
    expect(plan).toEqual({
      kind: 'stop',
      reason: 'the tests need redis-server, chromium, not found on this machine',
      commands: ['apt-get update', 'apt-get install -y redis-server', 'snap install chromium', 'export CHROMIUM_PATH=/snap/bin/chromium'],
    });
  });

  it('points at a Chromium installed under another name instead of installing a second one', () => {
    const plan = planPrerequisites(on({ isRoot: true, missing: ['chromium'], chromiumElsewhere: '/usr/bin/chromium-browser' }));
    expect(plan).toEqual({ kind: 'stop', reason: 'the tests need chromium, not found on this machine', commands: ['export CHROMIUM_PATH=/usr/bin/chromium-browser'] });
  });

  it('names dnf, pacman and zypper with their package names, never runs them', () => {
    const fedora = planPrerequisites(on({ osRelease: ROCKY, isRoot: true }));
    expect(fedora).toMatchObject({ kind: 'stop', commands: ['dnf install -y redis chromium openssl', 'export CHROMIUM_PATH=/usr/bin/chromium-browser'] });
    expect(planPrerequisites(on({ osRelease: ARCH, missing: ['redis-server'] }))).toMatchObject({ kind: 'stop', commands: ['sudo pacman -S --needed redis'] });
    expect(planPrerequisites(on({ osRelease: TUMBLEWEED, missing: ['openssl'] }))).toMatchObject({ kind: 'stop', commands: ['sudo zypper install -y openssl'] });
  });

  it('on an unknown Linux says what to install without guessing a command', () => {
    const plan = planPrerequisites(on({ osRelease: ALPINE, isRoot: true, missing: ['redis-server'] }));
    expect(plan).toMatchObject({ kind: 'stop', commands: [] });
    if (plan.kind === 'stop') expect(plan.reason).toMatch(/package manager.*redis/);
  });

  it('on macOS names the Homebrew commands, including where Chromium lands', () => {
    expect(planPrerequisites(on({ platform: 'darwin', osRelease: undefined }))).toEqual({
      kind: 'stop',
      reason: 'the tests need redis-server, chromium, openssl, not found on this machine; install them with Homebrew (https://brew.sh)',
      commands: ['brew install redis openssl', 'brew install --cask chromium', 'export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium'],
    });
    const installedApp = planPrerequisites(on({ platform: 'darwin', missing: ['chromium'], chromiumElsewhere: '/Applications/Chromium.app/Contents/MacOS/Chromium' }));
    expect(installedApp).toMatchObject({ commands: ['export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium'] });
  });

  it('on Windows sends the tests to WSL', () => {
    const plan = planPrerequisites(on({ platform: 'win32', missing: ['redis-server'] }));
    expect(plan).toMatchObject({ kind: 'stop', commands: ['wsl --install -d Ubuntu'] });
    if (plan.kind === 'stop') expect(plan.reason).toMatch(/no native Windows build/);
  });
});
