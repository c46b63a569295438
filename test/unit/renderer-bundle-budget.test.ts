import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_CSP } from '../../electron/core/transport/csp';
import { firstScreenJs } from '../helpers/first-screen-js';

/** The connect screen's JS, gzip: the first thing every launch downloads and parses. */
export const FIRST_SCREEN_BUDGET = 200 * 1024;

describe('the built renderer (npm test builds it first)', () => {
  it(`loads at most ${FIRST_SCREEN_BUDGET / 1024} KB of gzip JS for the first screen, minified, the workspace left to a later chunk`, () => {
    const js = firstScreenJs();
    console.log(`first-screen JS: ${js.files.join(', ')}: ${(js.bytes / 1024).toFixed(0)} KB, ${(js.gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(js.files.length).toBeGreaterThan(0);
    expect(js.gzipBytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
    // Split: some built JS is not on the first screen (the workspace's chunk).
    expect(js.allFiles.filter((f) => !js.files.includes(f)).length).toBeGreaterThan(0);
    // Minified: no line of the entry is indented like source.
    const entry = readFileSync(path.resolve('out/renderer', js.files[0]), 'utf8');
    expect(entry.split('\n').filter((line) => /^\s{2,}\S/.test(line)).length).toBeLessThan(20);
  });

  it('keeps the CSP: no inline script in index.html, the policy meta as declared', () => {
    const js = firstScreenJs();
    expect(js.inlineScripts).toBe(0);
    const html = readFileSync(path.resolve('out/renderer/index.html'), 'utf8');
    expect(html).toContain(META_CSP);
  });
});
