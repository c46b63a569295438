/**
 * The renderer's Content-Security-Policy, declared once for every way the
 * renderer is served: the app:// protocol in Electron, the loopback web host,
 * and the <meta> in renderer/index.html (a unit test keeps that copy equal).
 *
 * Styles: React, motion, floating-ui and the virtual list set styles through
 * CSSOM (element.style), which CSP does not govern, so no style attribute
 * needs allowing. The one <style> element the UI creates is Radix
 * AlertDialog's scroll lock (react-remove-scroll-bar); it carries a nonce when
 * the page offers one (get-nonce reads __webpack_nonce__). So where the server
 * can mint a nonce per response — the app:// handler and the web host's pages —
 * styles are 'self' plus that nonce, no 'unsafe-inline'. Only the <meta> (for
 * Vite's dev server, which injects CSS as <style> elements) keeps
 * 'unsafe-inline'; where a header policy is also sent, both apply, so the
 * stricter nonce policy wins (see docs/security-checklist.md, item 7).
 * Scripts are 'self' everywhere.
 */
type Directives = Record<string, string[]>;

const BASE: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** What renderer/index.html carries in its <meta>: frame-ancestors is not allowed there. */
export const META_CSP = serialize(BASE);

/** The web host's header for what is not a page (scripts, styles, images). */
export const WEB_CSP = serialize({ ...BASE, 'frame-ancestors': ["'none'"] });

/** A page's header for one response (app:// and the web host): inline styles only with this response's nonce. */
export function nonceCsp(styleNonce: string): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(styleNonce)) throw new Error('A CSP nonce must be at least 16 base64 characters');
  return serialize({ ...BASE, 'style-src': ["'self'", `'nonce-${styleNonce}'`], 'frame-ancestors': ["'none'"] });
}

/** The app:// protocol's name for the same policy. */
export const appProtocolCsp = nonceCsp;

/** Hands the nonce to the page: get-nonce, via the renderer's csp-nonce module, reads it from this <meta>. */
export function withCspNonceMeta(html: string, nonce: string): string {
  const meta = `<meta property="csp-nonce" nonce="${nonce}" />`;
  return html.includes('</head>') ? html.replace('</head>', `  ${meta}\n  </head>`) : `${meta}\n${html}`;
}
