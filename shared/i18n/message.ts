/**
 * A sentence the core means, as a message id and the values to fill in.
 * The core never builds finished sentences: the renderer formats each
 * message in the user's current language (ICU MessageFormat: plurals,
 * numbers), so switching language re-renders past steps too.
 *
 * A value may itself be a Message (a phrase the sentence embeds, such as
 * "the cache says … like the database"): it is formatted in the same
 * language first, then filled in.
 */
export interface Message {
  id: string;
  values?: Record<string, MessageValue>;
}

export type MessageValue = string | number | Message;

/** Builds a message; the id must exist in every language's catalog (a unit test checks). */
export function msg(id: string, values?: Record<string, MessageValue>): Message {
  return values ? { id, values } : { id };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).id === 'string';
}

/**
 * Formats a message's values for a formatter that takes plain strings and
 * numbers: nested messages are formatted first, with the same formatter.
 */
export function flatValues(values: Message['values'], format: (m: Message) => string): Record<string, string | number> | undefined {
  if (!values) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) out[k] = isMessage(v) ? format(v) : v;
  return out;
}

/**
 * A list of phrases, "a, b, c", built from messages so each part is
 * translated; empty lists are the caller's business.
 */
export function listOf(items: MessageValue[]): MessageValue {
  if (items.length <= 1) return items[0] ?? '';
  return items.slice(1).reduce<MessageValue>((head, item) => msg('common.list', { head, item }), items[0]);
}
