import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProtocolCsp, META_CSP, WEB_CSP } from '../../electron/core/transport/csp';
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

  it('ships one strict Content-Security-Policy: the <meta>, the web host and the app:// header agree', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toBe(META_CSP);
    const directives = (csp: string) => new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    const base = directives(META_CSP);
    expect(base.get('default-src')).toBe("'self'");
    expect(base.get('script-src')).toBe("'self'");
    expect(base.get('object-src')).toBe("'none'");
    expect(META_CSP).not.toContain('unsafe-eval');

    const web = directives(WEB_CSP);
    const app = directives(appProtocolCsp('AAAAAAAAAAAAAAAAAAAAAAAA'));
    for (const [name, value] of base) {
      expect(web.get(name), name).toBe(value);
      if (name !== 'style-src') expect(app.get(name), name).toBe(value);
    }
    expect(web.get('frame-ancestors')).toBe("'none'");
    expect(app.get('frame-ancestors')).toBe("'none'");
    // The desktop app allows inline styles only with the per-load nonce.
    expect(app.get('style-src')).toBe("'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'");
    expect(() => appProtocolCsp("x' 'unsafe-inline")).toThrow();
  });

  it('the web host takes its CSP from the shared module', () => {
    const host = readFileSync('electron/core/transport/web-host.ts', 'utf8');
    expect(host).toContain("from './csp'");
    expect(host).not.toMatch(/default-src/);
  });
});
