import { z } from 'zod';

/**
 * A key as the key browser names it to the host (key-handles.ts makes it):
 * the base64 of a short name, or '#' and 32 hex digits for a long one the
 * host holds. The empty string is the id of the key whose name is empty
 * (SET "" x is legal): refusing it refused every batch that key was in.
 * The refusal is a message id, so a hand-crafted request is refused in the
 * user's language (dispatch looks it up).
 */
export const keyIdSchema = z
  .string()
  .max(256)
  .regex(/^(?:[A-Za-z0-9+/]*={0,2}|#[0-9a-f]{32})$/, 'errors.browser.badId');
