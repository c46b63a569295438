/**
 * Maps a scroll position to rows for a list of any length. Browsers cap an
 * element's height (about 33 million px in Chromium), and a million rows of
 * 28 px is already 28 million; so past MAX_SCROLL_PX the scrollbar stops
 * meaning pixels and means a share of the list: its top is row 0, its
 * bottom the last screenful, and the thumb can reach any row in one drag.
 */
export const ROW_HEIGHT = 28;
export const MAX_SCROLL_PX = 4_000_000;

/** Height of the scrolled content for `total` rows. */
export function contentHeight(total: number): number {
  return Math.min(total * ROW_HEIGHT, MAX_SCROLL_PX);
}

/** The (fractional) row at the top of the viewport for a scroll position. */
export function rowAt(scrollTop: number, viewport: number, total: number): number {
  const exact = total * ROW_HEIGHT;
  if (exact <= MAX_SCROLL_PX) return scrollTop / ROW_HEIGHT;
  const range = MAX_SCROLL_PX - viewport;
  const rows = total - viewport / ROW_HEIGHT;
  return range > 0 ? (Math.min(scrollTop, range) / range) * rows : 0;
}

/** The scroll position that puts `row` at the top of the viewport. */
export function scrollFor(row: number, viewport: number, total: number): number {
  const exact = total * ROW_HEIGHT;
  if (exact <= MAX_SCROLL_PX) return row * ROW_HEIGHT;
  const range = MAX_SCROLL_PX - viewport;
  const rows = total - viewport / ROW_HEIGHT;
  return rows > 0 ? Math.max(0, Math.min(range, (row / rows) * range)) : 0;
}

/** The scroll position that brings `row` into view with the least movement (or leaves it). */
export function scrollToShow(row: number, scrollTop: number, viewport: number, total: number): number {
  const top = rowAt(scrollTop, viewport, total);
  const visible = Math.floor(viewport / ROW_HEIGHT);
  if (row < top) return scrollFor(row, viewport, total);
  if (row + 1 > top + visible) return scrollFor(row + 1 - visible, viewport, total);
  return scrollTop;
}
