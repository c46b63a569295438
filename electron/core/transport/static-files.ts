/**
 * Serves the built renderer's files, and nothing else: GET and HEAD only,
 * no `.` or `..` segment, never outside the renderer directory. Errors are
 * answered, never thrown.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_TYPES } from './content-types';

/** The file a decoded path names under root, or null when it would leave root. */
export function resolveStatic(root: string, pathname: string): string | null {
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (rel.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

export function answer(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/**
 * A page (an .html file) is not served byte for byte: `page` rewrites it
 * per response (the web host gives each load its own style nonce) and
 * returns the body and the headers it needs.
 */
export type PageRewrite = (html: string) => { body: string; headers: Record<string, string> };

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
  headers: Record<string, string>,
  page?: PageRewrite,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const file = resolveStatic(root, pathname);
  if (!file) return answer(res, 404, 'Not found');
  if (page && path.extname(file) === '.html') return servePage(req, res, file, headers, page);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) return answer(res, 404, 'Not found');
    size = info.size;
  } catch {
    return answer(res, 404, 'Not found');
  }
  if (res.destroyed) return;
  res.writeHead(200, {
    ...headers,
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  // A file removed or unreadable mid-way: the length is already promised, so cut the connection.
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

async function servePage(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>, page: PageRewrite): Promise<void> {
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch {
    return answer(res, 404, 'Not found');
  }
  if (res.destroyed) return;
  const rewritten = page(html);
  res.writeHead(200, {
    ...headers,
    ...rewritten.headers,
    'Content-Type': CONTENT_TYPES['.html'],
    'Content-Length': Buffer.byteLength(rewritten.body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : rewritten.body);
}
