/**
 * Web mode entry: the same core and renderer as the desktop app, served to a
 * browser on 127.0.0.1. Used where Electron cannot run (headless machines,
 * browser tests).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppCore } from '../core/app-core';
import { startWebHost } from '../core/transport/web-host';
import { APP_VERSION } from '../core/version';
import { newToken, tokenForPinnedPort } from './host-token';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.RPI_DATA_DIR ?? path.join(os.homedir(), '.redis-pattern-inspector');
const port = process.env.RPI_PORT ? Number(process.env.RPI_PORT) : 0;

const tether = process.env.RPI_SANDBOX_TETHER === 'watchdog' || process.env.RPI_SANDBOX_TETHER === 'setpriv' ? process.env.RPI_SANDBOX_TETHER : undefined;

const core = new AppCore({
  dataDir,
  transport: 'web',
  version: APP_VERSION,
  sandboxTether: tether,
  redisSearchPath: process.env.RPI_REDIS_SEARCH_PATH,
});
const token = port ? tokenForPinnedPort(dataDir, port) : newToken();
const host = await startWebHost(core, { rendererDir: path.join(here, '../renderer'), port, token });

process.stdout.write(`Redis Pattern Inspector (web mode) is ready. Open:\n\n  ${host.url}\n\nPress Ctrl+C to stop (the sandbox Redis stops with it).\n`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await host.close();
  await core.shutdown();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
