/** The app:// scheme: the renderer's only source in a built app, refusing every path outside the built renderer. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveRendererFile } from '../../electron/main/renderer-path';

const fake = vi.hoisted(() => ({ schemes: [] as unknown[], handlers: new Map<string, (request: Request) => Promise<Response>>() }));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fake.handlers.set(scheme, handler),
  },
}));
const { registerAppScheme, rendererResponse, serveRenderer } = await import('../../electron/main/app-protocol');

const ROOT = '/app/out/renderer';

describe('resolving an app:// URL to a built file', () => {
  it('maps the app’s own URLs into the renderer directory', () => {
    expect(resolveRendererFile(ROOT, 'app://renderer/')).toBe('/app/out/renderer/index.html');
    expect(resolveRendererFile(ROOT, 'app://renderer')).toBe('/app/out/renderer/index.html');
    expect(resolveRendererFile(ROOT, 'app://renderer/index.html')).toBe('/app/out/renderer/index.html');
    expect(resolveRendererFile(ROOT, 'app://renderer/assets/index-thbzu68k.js')).toBe('/app/out/renderer/assets/index-thbzu68k.js');
    expect(resolveRendererFile(ROOT, 'app://renderer/assets/index-CVj7YZHr.css?v=1#x')).toBe('/app/out/renderer/assets/index-CVj7YZHr.css');
  });

  const refused = [
    // plain and encoded parent segments
    'app://renderer/../../etc/passwd',
    'app://renderer/assets/../index.html',
    'app://renderer/./index.html',
    'app://renderer/%2e%2e/%2e%2e/etc/passwd',
    'app://renderer/%2E%2E/secret',
    'app://renderer/.%2e/secret',
    'app://renderer/%2e./secret',
    'app://renderer/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://renderer/..%2f..%2fsecret',
    'app://renderer/%2e%2e%5c%2e%2e%5csecret',
    // double encoding: one decode leaves a '%'
    'app://renderer/%252e%252e/%252e%252e/etc/passwd',
    'app://renderer/%252e%252e%252fsecret',
    'app://renderer/%25%32%65%25%32%65/secret',
    // overlong UTF-8 and malformed escapes
    'app://renderer/%c0%ae%c0%ae/secret',
    'app://renderer/%e0%80%ae/secret',
    'app://renderer/%/index.html',
    // backslashes, raw and encoded
    'app://renderer/..\\..\\secret',
    'app://renderer/assets%5c..%5c..%5csecret',
    // absolute paths: POSIX, UNC, drive letters
    'app://renderer//etc/passwd',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/C%3a%5cWindows%5cwin.ini',
    'app://renderer/%5c%5cserver%5cshare',
    // NUL truncation and NTFS streams
    'app://renderer/index.html%00.png',
    'app://renderer/index.html::$DATA',
    // hidden files, dot segments, empty segments
    'app://renderer/.env',
    'app://renderer/assets/.hidden',
    'app://renderer/./index.html%2f.',
    'app://renderer/assets/',
    // other hosts, schemes, credentials, ports
    'app://other/index.html',
    'app://renderer.evil/index.html',
    'app://user:pw@renderer/index.html',
    'app://renderer:8080/index.html',
    'file:///app/out/renderer/index.html',
    'https://renderer/index.html',
    'not a url',
  ];
  it.each(refused)('refuses %s', (url) => {
    expect(resolveRendererFile(ROOT, url)).toBeNull();
  });

  it('keeps to the root with Windows path semantics too', () => {
    const root = 'C:\\Program Files\\RPI\\resources\\app.asar\\out\\renderer';
    expect(resolveRendererFile(root, 'app://renderer/assets/index.js', path.win32)).toBe(`${root}\\assets\\index.js`);
    for (const url of ['app://renderer/..%5c..%5cwin.ini', 'app://renderer/C:%5cWindows', 'app://renderer/%2e%2e/x', 'app://renderer/a%5c..%5c..%5c..%5cx'])
      expect(resolveRendererFile(root, url, path.win32), url).toBeNull();
  });

  it('never returns a path outside the root, for any mix of dots, slashes, backslashes and escapes', () => {
    const pieces = ['..', '.', '%2e', '%2E', '%252e', '/', '%2f', '%5c', '\\', '%00', 'a', 'x.js', ':', '%3a', '%25', '~'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const tail = Array.from({ length: 1 + (next() % 8) }, () => pieces[next() % pieces.length]).join('');
      const file = resolveRendererFile(ROOT, `app://renderer/${tail}`);
      if (file !== null) expect(file.startsWith(`${ROOT}/`), tail).toBe(true);
    }
  });
});

describe('the app:// handler', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rpi-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<html><head><title>x</title></head><body></body></html>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(root), 'outside-secret.txt'), 'secret');

  it('is registered as a standard, secure scheme and handled', () => {
    registerAppScheme();
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    serveRenderer(root);
    expect(fake.handlers.has('app')).toBe(true);
  });

  it('serves index.html with a fresh style nonce in the CSP header and in the page', async () => {
    const first = await rendererResponse(root, { url: 'app://renderer/', method: 'GET' });
    const second = await rendererResponse(root, { url: 'app://renderer/index.html', method: 'GET' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = first.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await first.text()).toContain(`<meta property="csp-nonce" nonce="${nonce}" />\n  </head>`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('serves assets byte for byte with their type', async () => {
    const res = await rendererResponse(root, { url: 'app://renderer/assets/index-abc.js', method: 'GET' });
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for traversals and missing files, 405 for other methods', async () => {
    for (const url of ['app://renderer/../outside-secret.txt', 'app://renderer/%2e%2e/outside-secret.txt', 'app://renderer/%252e%252e/outside-secret.txt', 'app://renderer/missing.js', 'app://renderer/assets'])
      expect((await rendererResponse(root, { url, method: 'GET' })).status, url).toBe(404);
    expect((await rendererResponse(root, { url: 'app://renderer/index.html', method: 'POST' })).status).toBe(405);
  });
});
