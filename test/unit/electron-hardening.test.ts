import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../electron/main/web-preferences';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('Electron hardening', () => {
  it('pins the window webPreferences', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('keeps electron out of the core, the web host, the contract and the renderer', () => {
    const files = ['electron/core', 'electron/web', 'shared', 'renderer/src'].flatMap(filesUnder).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => importsOf(f).some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('touches ipcMain and ipcRenderer only in the IPC wrapper and the preload', () => {
    const users = filesUnder('electron').filter((f) => /ipcMain|ipcRenderer/.test(readFileSync(f, 'utf8')));
    expect(users.sort()).toEqual(['electron/main/ipc.ts', 'electron/preload/index.ts']);
    const renderer = filesUnder('renderer/src').filter((f) => /ipcRenderer/.test(readFileSync(f, 'utf8')));
    expect(renderer).toEqual([]);
  });

  it('ships a strict Content-Security-Policy with the renderer', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
  });
});
