import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page. evaluate() is not subject to the page's CSP,
 * so the audit runs against the app exactly as served. Returns the serious
 * and critical violations.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface Overlap {
  a: string;
  b: string;
  area: number;
}

/**
 * Text-bearing elements inside `root` whose visible boxes overlap another's.
 * Each box is clipped by its scrolling/clipping ancestors first, so rows
 * scrolled out of a pane do not count; an element never overlaps its own
 * ancestors or descendants.
 */
export async function overlappingText(page: Page, root = 'body'): Promise<Overlap[]> {
  return page.evaluate((rootSelector) => {
    const rootEl = document.querySelector(rootSelector);
    if (!rootEl) return [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    /** The part of the viewport `el`'s content can show in: its own and its ancestors' clipping boxes. */
    const clipOf = (el: Element | null): [number, number, number, number] => {
      let [left, top, right, bottom] = [0, 0, innerWidth, innerHeight];
      for (let p = el; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const r = p.getBoundingClientRect();
          left = Math.max(left, r.left); top = Math.max(top, r.top); right = Math.min(right, r.right); bottom = Math.min(bottom, r.bottom);
        }
      }
      return [left, top, right, bottom];
    };
    const clipped = (l: number, t: number, r: number, b: number, [cl, ct, cr, cb]: [number, number, number, number]): DOMRect | null => {
      const L = Math.max(l, cl), T = Math.max(t, ct), R = Math.min(r, cr), B = Math.min(b, cb);
      return R - L > 1 && B - T > 1 ? new DOMRect(L, T, R - L, B - T) : null;
    };
    // One box per line of text: a wrapped inline element's bounding box would cover lines it does not touch.
    const texty: { el: Element; boxes: DOMRect[] }[] = [];
    for (const el of rootEl.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      const isField = el instanceof HTMLInputElement || el instanceof HTMLSelectElement;
      if (!ownText && !isField) continue;
      const clip = clipOf(isField ? el.parentElement : el);
      const boxes: DOMRect[] = [];
      if (isField) {
        const r = el.getBoundingClientRect();
        const box = clipped(r.left, r.top, r.right, r.bottom, clip);
        if (box) boxes.push(box);
      } else {
        // The text nodes' own extent (text may spill out of its element), clipped where its element or an ancestor clips it.
        for (const node of el.childNodes) {
          if (node.nodeType !== Node.TEXT_NODE || !node.textContent!.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            const box = r.width > 0 ? clipped(r.left, r.top, r.right, r.bottom, clip) : null;
            if (box) boxes.push(box);
          }
        }
      }
      if (boxes.length) texty.push({ el, boxes });
    }
    const out: { a: string; b: string; area: number }[] = [];
    for (let i = 0; i < texty.length; i++) {
      for (let j = i + 1; j < texty.length; j++) {
        const A = texty[i], B = texty[j];
        if (A.el.contains(B.el) || B.el.contains(A.el)) continue;
        let area = 0;
        for (const a of A.boxes) {
          for (const b of B.boxes) {
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 2 && h > 2) area += w * h;
          }
        }
        if (area > 0) out.push({ a: describe(A.el), b: describe(B.el), area: Math.round(area) });
      }
    }
    return out;
  }, root);
}

/** Table cells starved to a sliver: narrow, with their text wrapped over more than three lines (one character per line at worst). */
export async function starvedCells(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const out: string[] = [];
    for (const c of document.querySelectorAll(`${rootSelector} td, ${rootSelector} th`)) {
      const r = c.getBoundingClientRect();
      if (r.width === 0 || r.width >= 90) continue;
      const range = document.createRange();
      range.selectNodeContents(c);
      const lines = new Set([...range.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (lines.size > 3) out.push(`${c.closest('table')?.getAttribute('aria-label') ?? 'table'}: "${(c.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}px, ${lines.size} lines`);
    }
    return out;
  }, root);
}
