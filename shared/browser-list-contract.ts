/**
 * The key browser's list side (scan to the end, tree, filters, jump, row
 * details): its requests, spread into `requests` in contract.ts so both
 * transports validate them like every other request.
 */
import { z } from 'zod';
import type { ListProgress, RowMemory, RowMeta, RowsWindow } from './browser-list';
import { REDIS_TYPES } from './model';
import { keyIdSchema } from './key-id';

/** Declares a request: its input schema and (as a phantom) its result type (as contract.ts does; importing it would be a cycle). */
function request<R>() {
  return <I extends z.ZodType>(input: I): { input: I; result: R } => ({ input, result: undefined as R });
}

// The refusals below are message ids, so a hand-crafted request is refused in the user's language (dispatch looks them up).
const keyId = keyIdSchema;
/** A folder id: 'f' and the base64 of its prefix, or '#' and 32 hex digits for a long prefix. */
const folderId = z
  .string()
  .min(1)
  .max(260)
  .regex(/^(?:f[A-Za-z0-9+/]*={0,2}|#[0-9a-f]{32})$/, 'browserList.error.folderId');
const scanId = z.number().int().min(1);
/** Rows asked for at once: a screen or two of the virtual list. */
export const MAX_WINDOW_ROWS = 200;

export const browserListRequests = {
  /** Starts a new scan on the host and returns once its first page is indexed (a refusal is this request's error). */
  'browser.list.start': request<ListProgress>()(
    z
      .object({
        match: z.string().max(512).default('*'),
        type: z.enum(REDIS_TYPES).optional(),
        toEnd: z.boolean().default(false),
      })
      .strict(),
  ),
  /** One more page, or everything left in the background (progress comes as 'browserList' events). */
  'browser.list.more': request<ListProgress>()(z.object({ scanId, toEnd: z.boolean().default(false) }).strict()),
  /** Pauses the scan after the reply in flight; what was found is kept. */
  'browser.list.stop': request<ListProgress>()(z.object({ scanId }).strict()),
  /** The current scan, if any (a reopened tab picks it up). */
  'browser.list.progress': request<ListProgress | null>()(z.object({}).strict()),
  /** Rows [start, start + count) of the flat or tree view of what has been scanned. */
  'browser.list.rows': request<RowsWindow>()(
    z
      .object({
        scanId,
        view: z.enum(['tree', 'flat']),
        start: z.number().int().min(0).max(100_000_000),
        count: z.number().int().min(1).max(MAX_WINDOW_ROWS),
        delimiter: z.string().min(1).max(8).default(':'),
        expanded: z.array(folderId).max(2000).default([]),
        text: z.string().max(256).default(''),
      })
      .strict(),
  ),
  /** TYPE and PTTL of the rows on screen, one pipeline. */
  'browser.list.meta': request<RowMeta[]>()(z.object({ ids: z.array(keyId).max(MAX_WINDOW_ROWS) }).strict()),
  /** MEMORY USAGE and OBJECT ENCODING of the rows on screen, on demand. */
  'browser.list.memory': request<RowMemory[]>()(z.object({ ids: z.array(keyId).max(MAX_WINDOW_ROWS) }).strict()),
  /**
   * A key's whole name as text, for Copy name: up to 64 KiB of it, and its full length when cut; `quoted` when the
   * text escapes bytes (binary, control or invisible characters): the name as redis-cli quotes it, which reads back as the same bytes.
   */
  'browser.list.name': request<{ text: string; bytes: number; cut: boolean; quoted?: string }>()(z.object({ id: keyId }).strict()),
  /** The value side created (or renamed to) this key: it joins the scanned list once. */
  'browser.list.learn': request<ListProgress | null>()(z.object({ id: keyId }).strict()),
  /** The value side deleted (or renamed away) this key: it leaves the list and the counts. */
  'browser.list.forget': request<ListProgress | null>()(z.object({ id: keyId }).strict()),
} as const;
