import { protocol } from 'electron';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appProtocolCsp, withCspNonceMeta } from '../core/transport/csp';
import { APP_SCHEME } from './app-origin';
import { resolveRendererFile } from './renderer-path';
import { CONTENT_TYPES } from '../core/transport/content-types';

/**
 * Must run before the app is ready. standard: the scheme gets an origin, so
 * relative URLs, 'self' in the CSP and module scripts work; secure: it counts
 * as a secure context like https. Nothing else (no CORS, no service workers,
 * no bypassing CSP).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** One response of the app:// handler: a built file, or 404 for anything the resolver refuses. */
export async function rendererResponse(root: string, request: { url: string; method: string }, read: (file: string) => Promise<Buffer> = readFile): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const file = resolveRendererFile(root, request.url);
  if (!file) return new Response(null, { status: 404 });
  let body: Buffer;
  try {
    body = await read(file);
  } catch {
    return new Response(null, { status: 404 });
  }
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (path.extname(file) === '.html') {
    // A fresh nonce per page load: an injected <style> cannot guess it.
    const nonce = randomBytes(18).toString('base64');
    headers['Content-Security-Policy'] = appProtocolCsp(nonce);
    return new Response(withCspNonceMeta(body.toString('utf8'), nonce), { status: 200, headers });
  }
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/** Serves the built renderer on app://renderer/ for the default session (the only one the app uses). */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(root, request));
}
