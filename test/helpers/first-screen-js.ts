import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve('out/renderer');

export interface FirstScreenJs {
  /** The scripts the connect screen loads: index.html's module scripts and modulepreloads, the larger language's messages, and what they import statically. */
  files: string[];
  /** Every built JS file, for what is left to the chunks loaded later. */
  allFiles: string[];
  bytes: number;
  gzipBytes: number;
  /** index.html's <script> elements with code in them (the CSP allows none). */
  inlineScripts: number;
}

const gz = (file: string) => gzipSync(readFileSync(path.join(ROOT, file)), { level: 9 }).length;

/**
 * What the first screen costs to load, read from the built renderer
 * (`npm run build` first): the entry scripts named by index.html and, followed
 * through, every chunk they import statically. Dynamic `import()`s (the
 * workspace) are not followed: they load once a connection is up.
 */
export function firstScreenJs(): FirstScreenJs {
  const html = path.join(ROOT, 'index.html');
  if (!existsSync(html)) throw new Error(`${html} is missing: run "npm run build" first (npm test does).`);
  const text = readFileSync(html, 'utf8');
  const entries = [...text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const inlineScripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]) || m[2].trim() !== '').length;
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/\bimport\s*(?:[\w${},*\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      walk(path.posix.join(path.posix.dirname(file), m[1]));
    }
  };
  for (const entry of entries) walk(entry);
  const allFiles = readdirJs();
  // The window loads the shown language's messages before its first render (renderer/src/main.tsx): that chunk is first-screen
  // JavaScript too, though imported dynamically. Counted as the larger of the two (Korean), with what it imports.
  const catalogs = allFiles.filter((f) => /^assets\/catalog-(en|ko)-[\w-]+\.js$/.test(f));
  if (catalogs.length !== 2) throw new Error(`expected one catalog chunk per language, found ${catalogs.join(', ') || 'none'}`);
  walk(catalogs.reduce((a, b) => (gz(a) >= gz(b) ? a : b)));
  const files = [...seen];
  return {
    files,
    allFiles,
    bytes: files.reduce((n, f) => n + readFileSync(path.join(ROOT, f)).length, 0),
    gzipBytes: files.reduce((n, f) => n + gz(f), 0),
    inlineScripts,
  };
}

function readdirJs(): string[] {
  return readdirSync(path.join(ROOT, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
}

/** Gzip bytes of a built file under out/renderer. */
export const gzipBytesOf = gz;
