/**
 * Where the renderer comes from, and so who may call into main. The built
 * renderer is served from app://renderer (a privileged standard, secure
 * scheme) rather than file://, so its origin is one exact value that no
 * other local file shares. The dev server is trusted only in an unpackaged
 * run started by electron-vite (ELECTRON_RENDERER_URL), and only on loopback:
 * an environment variable must never be able to point the packaged app, with
 * its preload bridge, at another page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The dev server's origin when this run may use it, otherwise undefined. */
export function devServerOrigin(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** True only for a page of the app's own origin, or of the permitted dev server — compared as whole origins, never by prefix. */
export function isTrustedRendererUrl(url: string, devOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && !parsed.username && !parsed.password && !parsed.port;
  return devOrigin !== undefined && parsed.origin === devOrigin;
}
