/**
 * Request targets and headers arrive as raw bytes from any process or web
 * page on this machine. `new URL()` throws on `//[`, `decodeURIComponent` on
 * `/%`, and a throw inside a request handler ends the host (and the sandbox
 * Redis with it). Everything here returns null instead of throwing.
 */
import type { IncomingMessage } from 'node:http';

export interface Target {
  /** The decoded path, without NUL bytes or backslashes. */
  pathname: string;
  /** The query; a malformed escape in it stays literal (URLSearchParams never throws). */
  query: URLSearchParams;
}

/** Parses an origin-form target (`/path?query`); anything else (absolute-form, `*`, bad escapes) is null. */
export function parseTarget(raw: string | undefined): Target | null {
  if (!raw || raw[0] !== '/') return null;
  const q = raw.indexOf('?');
  let pathname: string;
  try {
    pathname = decodeURIComponent(q === -1 ? raw : raw.slice(0, q));
  } catch {
    return null;
  }
  // NUL ends a string in the C APIs below fs; a backslash is a separator on
  // Windows. Neither appears in the renderer's own file names.
  if (/[\0\\]/.test(pathname)) return null;
  return { pathname, query: new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)) };
}

/**
 * Every value of one header, from the raw list: Node keeps only the first
 * Host and joins repeated Origins, which would hide a duplicate.
 */
export function headerValues(req: IncomingMessage, name: string): string[] {
  const values: string[] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === name) values.push(raw[i + 1]);
  return values;
}
