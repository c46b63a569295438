// Makes sure Electron's executable exists before electron-vite looks for it.
//
// Electron 42+ downloads its binary lazily: node_modules/electron/index.js runs
// the package's install.js the first time it is required. electron-vite 6.0
// never requires it: it reads node_modules/electron/path.txt and throws
// "Electron uninstall" when the file is missing (ELECTRON_EXEC_PATH skips
// that). So the launcher triggers Electron's own download first, then hands
// electron-vite the executable through ELECTRON_EXEC_PATH.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadFailureParagraph } from './electron-download-failure.mjs';

const OBSERVER = fileURLToPath(new URL('./electron-install-observer.cjs', import.meta.url));

/** The electron package the project depends on. */
function electronPackage(projectRoot) {
  const require = createRequire(path.join(projectRoot, 'package.json'));
  const packageJson = require.resolve('electron/package.json');
  return { dir: path.dirname(packageJson), version: require(packageJson).version, require };
}

/**
 * Whether requiring node_modules/electron/index.js would download first —
 * the same test index.js makes: an ELECTRON_OVERRIDE_DIST_PATH is used as it
 * is, otherwise path.txt must name an executable under dist/.
 */
function needsDownload(dir, env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return false;
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return true;
  return !existsSync(path.join(dir, 'dist', readFileSync(pathFile, 'utf8')));
}

/** Runs Electron's install.js with the observer preloaded; resolves to the observer's failure report, or null. */
function runElectronInstaller(dir, env) {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'rpi-electron-install-'));
  const reportFile = path.join(reportDir, 'report.json');
  // The observer draws the progress; @electron/get's own bar would only start after 30 s and fight it.
  const childEnv = { ...env, RPI_ELECTRON_INSTALL_REPORT: reportFile, ELECTRON_GET_NO_PROGRESS: '1' };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', OBSERVER, path.join(dir, 'install.js')], { stdio: 'inherit', env: childEnv });
    const finish = (failure) => {
      rmSync(reportDir, { recursive: true, force: true });
      resolve(failure);
    };
    child.on('error', (error) => finish({ message: error.message }));
    child.on('exit', (code, signal) => {
      if (code === 0) return finish(null);
      let report = {};
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8'));
      } catch {}
      if (signal) report.message ??= `the installer was stopped by ${signal}`;
      finish(report);
    });
  });
}

/**
 * Reads process.env, as Electron's index.js does.
 * @returns {Promise<{ ok: true, executable: string, downloaded: boolean } | { ok: false, paragraph: string }>}
 */
export async function ensureElectronBinary(projectRoot, log = (line) => process.stdout.write(`${line}\n`)) {
  const env = process.env;
  const electron = electronPackage(projectRoot);
  const target = `${process.platform}-${process.arch}`;
  const downloading = needsDownload(electron.dir, env);
  if (downloading) {
    log(`Downloading Electron ${electron.version} (${target}) into ${path.relative(projectRoot, electron.dir)}/dist; only the first start does this.`);
    const failure = await runElectronInstaller(electron.dir, env);
    const width = process.stderr.columns ?? 80;
    if (failure) return { ok: false, paragraph: downloadFailureParagraph({ version: electron.version, target, report: failure, width }) };
    if (needsDownload(electron.dir, env)) {
      return { ok: false, paragraph: downloadFailureParagraph({ version: electron.version, target, report: { message: 'the installer finished but left no executable under dist/' }, width }) };
    }
  }
  // index.js itself now resolves the executable (honouring ELECTRON_OVERRIDE_DIST_PATH) without downloading.
  return { ok: true, executable: electron.require('electron'), downloaded: downloading };
}
