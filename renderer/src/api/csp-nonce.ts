/**
 * In Electron the app:// handler serves index.html with a per-load CSP nonce
 * in <meta property="csp-nonce"> and allows inline styles only with it. The
 * one <style> element the UI creates (Radix AlertDialog's scroll lock, via
 * react-style-singleton) takes its nonce from get-nonce, which reads the
 * global __webpack_nonce__. Imported before anything renders.
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
if (nonce) (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;

export {};
