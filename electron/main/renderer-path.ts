import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Built asset names: Vite writes `assets/<name>-<hash>.<ext>` and index.html.
 * A segment may not start with a dot, so '.', '..' and hidden files are out.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_@+~-][A-Za-z0-9._@+~-]*$/;

/**
 * Maps an app:// request URL to a file inside the built renderer directory,
 * or null when it names anything else: dot segments, plain or encoded; encoded
 * slashes, double encoding (a '%' left after one decode — no built file has
 * one), backslashes, NUL, drive letters and alternate streams (':'), empty
 * segments ('//' or a trailing '/'), and, last, anything that still resolves
 * outside the root. `pathApi` lets the tests check Windows semantics too.
 */
export function resolveRendererFile(root: string, requestUrl: string, pathApi: path.PlatformPath = path): string | null {
  // The URL parser folds '..' and '%2e%2e' into the path silently; a request spelling either is refused
  // before parsing rather than quietly re-rooted, since the app itself never asks for one.
  const rawPath = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
  if (/%2e/i.test(rawPath) || rawPath.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (/[%\\\0:]/.test(decoded)) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.slice(1);
  const segments = relative.split('/');
  if (!segments.every((segment) => SAFE_SEGMENT.test(segment))) return null;
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, ...segments);
  const back = pathApi.relative(base, file);
  if (!back || back.startsWith('..') || pathApi.isAbsolute(back)) return null;
  return file;
}
