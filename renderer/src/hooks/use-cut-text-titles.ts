import { useEffect } from 'react';

/** How far up from the element under the pointer to look for the one that cuts its text. */
const MAX_DEPTH = 4;

function isCut(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/**
 * Any value the layout cuts short (ellipsis, a clipped cell) shows its
 * full text on hover and on keyboard focus, wherever it is: one listener
 * for the whole app instead of a title on every cell. An explicit title or
 * a cut that was not made (the text fits) is left alone.
 */
export function useCutTextTitles(): void {
  useEffect(() => {
    const reveal = (event: Event) => {
      let el = event.target instanceof HTMLElement ? event.target : null;
      for (let depth = 0; el && depth < MAX_DEPTH; depth++, el = el.parentElement) {
        if (el.hasAttribute('title') && !el.dataset.cutTitle) return;
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
        const text = el.textContent?.trim() ?? '';
        if (text && isCut(el)) {
          el.title = text;
          el.dataset.cutTitle = '1';
        } else if (el.dataset.cutTitle) {
          el.removeAttribute('title');
          delete el.dataset.cutTitle;
        }
        return;
      }
    };
    document.addEventListener('pointerover', reveal, { passive: true });
    document.addEventListener('focusin', reveal);
    return () => {
      document.removeEventListener('pointerover', reveal);
      document.removeEventListener('focusin', reveal);
    };
  }, []);
}
