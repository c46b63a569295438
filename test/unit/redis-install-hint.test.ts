import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installHint } from '../../electron/core/redis/redis-server-binary';

// The connect screen shows this line when redis-server is missing: it must be the user's own command.
describe('installHint', () => {
  it.each([
    ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n', 'sudo apt install redis-server'],
    ['NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n', 'sudo apt install redis-server'],
    ['NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n', 'sudo apt install redis-server'],
    ['NAME="Fedora Linux"\nID=fedora\n', 'sudo dnf install redis'],
    ['ID="rocky"\nID_LIKE="rhel centos fedora"\n', 'sudo dnf install redis'],
    ['NAME="Manjaro Linux"\nID=manjaro\nID_LIKE=arch\n', 'sudo pacman -S redis'],
    ['ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n', 'sudo zypper install redis'],
    ['ID=alpine\n', 'sudo apk add redis'],
  ])('names the distribution’s package manager (%#)', (osRelease, command) => {
    expect(installHint('linux', osRelease)).toBe(`Install it with: ${command}`);
  });

  it('falls back to naming the package on a Linux it does not know, or with no os-release', () => {
    expect(installHint('linux', 'ID=nixos\n')).toMatch(/^Install it with your package manager \(.*redis or redis-server\)\.$/);
    expect(installHint('linux', '')).toMatch(/^Install it with your package manager/);
  });

  it('names Homebrew on macOS, pkg on FreeBSD, WSL on Windows', () => {
    expect(installHint('darwin')).toBe('Install it with Homebrew: brew install redis');
    expect(installHint('freebsd')).toBe('Install it with: sudo pkg install redis');
    expect(installHint('win32')).toMatch(/WSL \(sudo apt install redis-server\)/);
  });

  it('is one line everywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32', 'freebsd', 'sunos'] as const) expect(installHint(platform, 'ID=debian\n')).not.toContain('\n');
  });

  it.runIf(existsSync('/etc/os-release'))('reads this machine’s /etc/os-release when none is given', () => {
    expect(installHint('linux')).toBe(installHint('linux', readFileSync('/etc/os-release', 'utf8')));
    expect(installHint('linux')).not.toBe(installHint('linux', ''));
  });
});
