/**
 * Re-indents JSON text without parsing it, so a value cut after 32 KiB (or a
 * page that starts in the middle of a document) is still shown indented: it
 * only tracks strings and brackets. Invalid JSON comes out re-spaced, never
 * rejected; JSON.parse is not used because it refuses any cut document.
 */

/** Where the printer is inside the document, so the next page continues with the same indentation. */
export interface JsonState {
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** The last bracket opened a container whose first line is not written yet (so `{}` stays on one line across pages too). */
  open?: boolean;
}

export const JSON_START: JsonState = { depth: 0, inString: false, escaped: false };

const INDENT = '  ';
/**
 * Lines are indented at most this deep. Indentation grows with depth, so a
 * value of 32 KiB of '[' printed with full indentation would be about a
 * gigabyte of spaces (the host ran out of string length on it); deeper lines
 * start at this column, while the depth itself is still tracked exactly.
 */
export const MAX_INDENT_DEPTH = 40;

/** Whether text looks like a JSON object or array (after leading spaces). */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** Advances the state over `text` without printing: used to find where a later page starts. */
export function skipJson(text: string, state: JsonState = JSON_START): JsonState {
  let { depth, inString, escaped, open = false } = state;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    open = c === '{' || c === '[';
    if (c === '"') inString = true;
    else if (open) depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
  }
  return { depth, inString, escaped, ...(open ? { open } : {}) };
}

/** Pretty-prints `text` from `state` on; returns the text and where it ended. */
export function prettyJson(text: string, state: JsonState = JSON_START): { text: string; state: JsonState } {
  let { depth, inString, escaped } = state;
  const out: string[] = [];
  const newline = () => out.push('\n', INDENT.repeat(Math.min(depth, MAX_INDENT_DEPTH)));
  // An empty {} or [] stays on one line: the opening bracket's newline is written only before the next real token.
  let pendingOpen = state.open ?? false;
  const flushOpen = () => {
    if (pendingOpen) {
      pendingOpen = false;
      newline();
    }
  };
  for (const c of text) {
    if (inString) {
      out.push(c);
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      if (pendingOpen) pendingOpen = false;
      else newline();
      out.push(c);
      continue;
    }
    flushOpen();
    if (c === '"') {
      inString = true;
      out.push(c);
    } else if (c === '{' || c === '[') {
      out.push(c);
      depth++;
      pendingOpen = true;
    } else if (c === ',') {
      out.push(c);
      newline();
    } else if (c === ':') out.push(': ');
    else out.push(c);
  }
  return { text: out.join(''), state: { depth, inString, escaped, ...(pendingOpen ? { open: true } : {}) } };
}
