/**
 * The characters text can hold without showing them as themselves, as
 * regular-expression class bodies, for the core's key and value display and
 * the renderer's console echo alike (one list, so they agree on what is
 * marked):
 * - REORDERING: direction marks, embeddings, overrides and isolates, which
 *   redraw what follows them (U+202E drew "abc" as "cba");
 * - INVISIBLE: those, plus zero widths, line and paragraph separators, word
 *   joiners, the BOM and the soft hyphen, which draw nothing, so `ab` and
 *   `a\u200bb` look alike.
 * Control characters are left to each caller: which of them to mark differs.
 */
export const REORDERING_CHARS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
export const INVISIBLE_CHARS = `\\u00ad\\u180e\\u200b-\\u200d\\u2028\\u2029\\u2060-\\u2064\\ufeff${REORDERING_CHARS}`;
