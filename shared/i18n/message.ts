/**
 * A sentence the core means, as a message id and the values to fill in.
 * The core never builds finished sentences: the renderer formats each
 * message in the user's current language (ICU MessageFormat: plurals,
 * numbers), so switching language re-renders past steps too.
 */
export interface Message {
  id: string;
  values?: Record<string, string | number>;
}

/** Builds a message; the id must exist in every language's catalog (a unit test checks). */
export function msg(id: string, values?: Record<string, string | number>): Message {
  return values ? { id, values } : { id };
}
