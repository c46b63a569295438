#!/usr/bin/env node
// `npm start` (electron-vite preview: build, then open the window) and
// `npm run dev` (electron-vite dev). Usage: node scripts/start-electron.mjs preview|dev [electron-vite options]
//
// First makes sure Electron's binary exists (Electron's own download, once);
// on a machine that cannot download it, stops with one paragraph instead of
// electron-vite's "Electron uninstall" stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './lib/ensure-electron-binary.mjs';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [command, ...options] = process.argv.slice(2);
if (command !== 'preview' && command !== 'dev') {
  process.stderr.write('usage: node scripts/start-electron.mjs preview|dev [electron-vite options]\n');
  process.exit(2);
}

const env = { ...process.env };
// An ELECTRON_EXEC_PATH given by the user is what electron-vite runs; nothing to download then.
if (!env.ELECTRON_EXEC_PATH) {
  const electron = await ensureElectronBinary(projectRoot);
  if (!electron.ok) {
    process.stderr.write(`\n${electron.paragraph}\n\n`);
    process.exit(1);
  }
  env.ELECTRON_EXEC_PATH = electron.executable;
}
// Inherited from a terminal inside an Electron app (VS Code's, for one), it
// would make Electron run our main file as plain Node: no app, no window.
delete env.ELECTRON_RUN_AS_NODE;

// Its package exports no bin path: find the CLI through its package.json.
const require = createRequire(path.join(projectRoot, 'package.json'));
const electronVitePackage = require.resolve('electron-vite/package.json');
const electronVite = path.join(path.dirname(electronVitePackage), require(electronVitePackage).bin['electron-vite']);
const child = spawn(process.execPath, [electronVite, command, ...options], { cwd: projectRoot, stdio: 'inherit', env });

// A terminal's Ctrl-C reaches electron-vite directly (same process group);
// a signal sent to this process alone is passed on, so it never orphans it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
