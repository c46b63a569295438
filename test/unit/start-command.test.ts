// The README's start commands, run as a new user runs them, with Electron
// faked at its boundary: the real binary cannot be downloaded here. A local
// mirror (ELECTRON_MIRROR, which Electron's downloader @electron/get honours)
// serves a "release" whose executable is test/fixtures/fake-electron/electron,
// so the first `npm start` goes through Electron's own download, checksum and
// extraction; `npm run dev` uses ELECTRON_OVERRIDE_DIST_PATH, which Electron's
// package honours. The fake records its arguments, environment and working
// directory. Runs in a copy of the project, so its build never touches out/
// of the working tree.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedZip } from '../helpers/stored-zip';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FAKE_DIR = path.join(ROOT, 'test/fixtures/fake-electron');
const ELECTRON_VERSION: string = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const RELEASE_ZIP = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;

interface LaunchRecord {
  executable: string;
  pid: number;
  /** Whoever spawned Electron: electron-vite. */
  ppid: number;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  appEntry?: string;
  appEntryExists: boolean;
}

interface Run {
  code: number | null;
  output: string;
}

/** A copy of the project whose node_modules links to ours, except electron itself, which the first start installs into. */
function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rpi-start-'));
  const skip = new Set(['node_modules', 'out', 'dist', '.git', 'test-results']);
  for (const entry of readdirSync(ROOT)) {
    if (!skip.has(entry)) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    // Vite's caches stay per copy; electron is copied so its download lands in the copy.
    if (entry === '.vite' || entry === '.vite-temp' || entry === 'electron') continue;
    symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  const electron = path.join(ROOT, 'node_modules/electron');
  mkdirSync(path.join(modules, 'electron'));
  for (const entry of readdirSync(electron)) {
    // A developer's own downloaded binary must not make the copy look installed.
    if (entry === 'dist' || entry === 'path.txt') continue;
    if (entry === 'node_modules') symlinkSync(path.join(electron, entry), path.join(modules, 'electron', entry));
    else cpSync(path.join(electron, entry), path.join(modules, 'electron', entry));
  }
  return dir;
}

/** An Electron release mirror on loopback: the fake as the executable, padded so the download takes several chunks. */
async function startMirror(): Promise<{ url: string; zipRequests: () => number; server: Server }> {
  const zip = storedZip([
    { name: 'electron', data: readFileSync(path.join(FAKE_DIR, 'electron')), mode: 0o755 },
    { name: 'version', data: Buffer.from(ELECTRON_VERSION) },
    { name: 'LICENSES.chromium.html', data: Buffer.alloc(3_000_000, ' ') },
  ]);
  const shasums = `${createHash('sha256').update(zip).digest('hex')} *${RELEASE_ZIP}\n`;
  let zipRequests = 0;
  const server = createServer((req, res) => {
    if (req.url === `/v${ELECTRON_VERSION}/${RELEASE_ZIP}`) {
      zipRequests += 1;
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
      res.end(zip);
    } else if (req.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) {
      res.end(shasums);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, zipRequests: () => zipRequests, server };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A process's parent, from /proc (these tests run on Linux only). */
function parentOf(pid: number): number {
  // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.runIf(process.platform === 'linux')('npm start and npm run dev, with Electron faked at the boundary', () => {
  let project: string;
  let mirror: Awaited<ReturnType<typeof startMirror>>;
  let recordFile: string;
  let offlineMirror: string;

  beforeAll(async () => {
    project = copyProject();
    mirror = await startMirror();
    recordFile = path.join(project, 'fake-electron-launches.jsonl');
    offlineMirror = `http://127.0.0.1:${await closedPort()}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => mirror?.server.close(resolve));
    if (project) rmSync(project, { recursive: true, force: true });
  });

  /** The environment a user's shell would have, plus the fake's record file and a cache of its own. */
  function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FAKE_ELECTRON_RECORD: recordFile,
      electron_config_cache: path.join(project, '.electron-cache'),
      // As inside VS Code's terminal: must never reach Electron, or it runs as plain Node with no window.
      ELECTRON_RUN_AS_NODE: '1',
      ...extra,
    };
    for (const name of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_EXEC_PATH', 'electron_use_remote_checksums', 'ELECTRON_GET_NO_PROGRESS']) {
      if (!(name in extra)) delete env[name];
    }
    return env;
  }

  function npm(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn('npm', args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
  }

  /** The failure paragraph, unwrapped: from its first words to the blank line that ends it. */
  function failureParagraph(output: string): string {
    const start = output.indexOf('Electron could not be downloaded');
    expect(start, output).toBeGreaterThanOrEqual(0);
    const end = output.indexOf('\n\n', start);
    return output.slice(start, end < 0 ? undefined : end).split('\n').join(' ');
  }

  function launches(): LaunchRecord[] {
    if (!existsSync(recordFile)) return [];
    return readFileSync(recordFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LaunchRecord);
  }

  function expectLaunchedOnTheBuiltApp(launch: LaunchRecord) {
    expect(launch.argv[0]).toBe('.');
    expect(launch.cwd).toBe(project);
    expect(launch.appEntry).toBe(path.join(project, 'out/main/index.js'));
    expect(launch.appEntryExists).toBe(true);
    expect(launch.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
  }

  it('offline: npm start stops before building, with one paragraph that names npm run web and no stack trace', async () => {
    const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: offlineMirror }));
    expect(run.code).not.toBe(0);
    const paragraph = failureParagraph(run.output);
    expect(paragraph).toBe(
      `Electron could not be downloaded, so the desktop window cannot open. The first start fetches Electron ${ELECTRON_VERSION} ` +
        `(${process.platform}-${process.arch}) once from ${offlineMirror}v${ELECTRON_VERSION}/${RELEASE_ZIP}, and that failed: ` +
        `${new URL(offlineMirror).host} refused the connection (ECONNREFUSED). \`npm run web\` serves the same app in your browser instead, ` +
        'with no download. To retry the desktop app later: behind a proxy set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1, ' +
        'or point ELECTRON_MIRROR at a mirror, then run the command again.',
    );
    // No stack trace, no error dump around it: the paragraph is all the user reads.
    expect(run.output).not.toMatch(/Error\b|^\s+at /m);
    expect(run.output).not.toContain('Electron uninstall');
    expect(existsSync(path.join(project, 'out'))).toBe(false);
    expect(launches()).toEqual([]);
  });

  it('a download that fails its checksum is refused with its reason, after visible progress', async () => {
    // Checksums pinned by Electron's package: the mirror's zip is not the real release.
    const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: mirror.url }));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('Electron download: 100% of 3 MB');
    expect(failureParagraph(run.output)).toContain(
      `once from ${mirror.url}v${ELECTRON_VERSION}/${RELEASE_ZIP}, and that failed: Generated checksum for "${RELEASE_ZIP}" did not match expected checksum. \`npm run web\``,
    );
    expect(run.output).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(project, 'node_modules/electron/path.txt'))).toBe(false);
    expect(launches()).toEqual([]);
  });

  it('the first npm start downloads Electron through its own installer, builds, and launches it on the built app', async () => {
    const before = mirror.zipRequests();
    const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' }));
    expect(run.code, run.output).toBe(0);
    expect(mirror.zipRequests() - before).toBe(1);
    expect(run.output).toContain(`Downloading Electron ${ELECTRON_VERSION}`);
    expect(run.output).toMatch(/Electron download: 50% of 3 MB\n[\s\S]*Electron download: 100% of 3 MB/);
    expect(readFileSync(path.join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    const [launch] = launches();
    expect(launch.executable).toBe(path.join(project, 'node_modules/electron/dist/electron'));
    expectLaunchedOnTheBuiltApp(launch);
  }, 300_000);

  it('a later npm start does not download again', async () => {
    const before = mirror.zipRequests();
    // Offline now: a download attempt would fail the start.
    const run = await npm(['start'], userEnv({ ELECTRON_MIRROR: offlineMirror }));
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain('Downloading Electron');
    expect(mirror.zipRequests()).toBe(before);
    const launch = launches().at(-1)!;
    expect(launches()).toHaveLength(2);
    expect(launch.executable).toBe(path.join(project, 'node_modules/electron/dist/electron'));
    expectLaunchedOnTheBuiltApp(launch);
  }, 300_000);

  it('npm run dev launches Electron (ELECTRON_OVERRIDE_DIST_PATH) on the dev build, pointed at the dev server; stopping it closes Electron', async () => {
    const already = launches().length;
    const dev = spawn('npm', ['run', 'dev'], {
      cwd: project,
      // The fake stays open like a window, until the dev server is stopped.
      env: userEnv({ ELECTRON_OVERRIDE_DIST_PATH: FAKE_DIR, ELECTRON_MIRROR: offlineMirror, FAKE_ELECTRON_STAY_OPEN: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, to clean up after a failure
    });
    let output = '';
    dev.stdout.on('data', (chunk) => (output += chunk));
    dev.stderr.on('data', (chunk) => (output += chunk));
    let launch: LaunchRecord;
    try {
      const deadline = Date.now() + 150_000;
      while (launches().length === already && dev.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(launches().length, output).toBe(already + 1);
      launch = launches().at(-1)!;
      expect(isRunning(launch.pid), 'Electron stays open while the dev server runs').toBe(true);
      // SIGTERM to the launcher alone, as a process manager would send it (npm itself
      // does not pass SIGTERM on): it must travel down through electron-vite to Electron.
      const launcher = parentOf(launch.ppid);
      expect(readFileSync(`/proc/${launcher}/cmdline`, 'utf8')).toContain('scripts/start-electron.mjs\0dev');
      process.kill(launcher, 'SIGTERM');
      await waitFor(() => !isRunning(launch.pid) && !isRunning(launch.ppid) && !isRunning(launcher), 10_000);
      await waitFor(() => dev.exitCode !== null || dev.signalCode !== null, 10_000);
    } finally {
      if (dev.pid) {
        try {
          process.kill(-dev.pid, 'SIGKILL'); // whatever is left of its process group after a failure
        } catch {}
      }
    }
    expect(launch.executable).toBe(path.join(FAKE_DIR, 'electron'));
    expect(launch.env.ELECTRON_RENDERER_URL).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+/);
    expectLaunchedOnTheBuiltApp(launch);
    expect(output).not.toContain('Downloading Electron');
  }, 180_000);
});
