import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, devServerOrigin, isTrustedRendererUrl } from '../../electron/main/app-origin';

describe('the renderer’s origin', () => {
  it('is app://renderer for the built app', () => {
    expect(APP_ENTRY_URL).toBe('app://renderer/index.html');
    expect(isTrustedRendererUrl('app://renderer/index.html', undefined)).toBe(true);
    expect(isTrustedRendererUrl('app://renderer/assets/x.js?y#z', undefined)).toBe(true);
    expect(isTrustedRendererUrl('file:///app/out/renderer/index.html', undefined)).toBe(false);
    expect(isTrustedRendererUrl('app://renderer:1/index.html', undefined)).toBe(false);
  });

  it('admits the dev server only in an unpackaged run, only on loopback http', () => {
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false)).toBe('http://localhost:5173');
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }, false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'http://[::1]:5173' }, false)).toBe('http://[::1]:5173');
    // An environment variable must not point the installed app, with its bridge, at another page.
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'https://evil.example' }, false)).toBeUndefined();
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'http://192.168.1.5:5173' }, false)).toBeUndefined();
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'file:///tmp/x.html' }, false)).toBeUndefined();
    expect(devServerOrigin({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeUndefined();
    expect(devServerOrigin({}, false)).toBeUndefined();
  });
});
