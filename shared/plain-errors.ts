/**
 * Turns what a library says (zod's schema issues, ioredis' retry limit)
 * into a sentence a user can act on. Used where the message is shown, and
 * meant for the boundary too (dispatch's describeIssues): the same words
 * whichever side meets the error first.
 */
import type { AppErrorData } from './errors';

/** What the user calls each field of the connection form, and its range where it has one. */
const FIELDS: Record<string, { label: string; range?: [number, number] }> = {
  port: { label: 'Port', range: [1, 65535] },
  db: { label: 'DB', range: [0, 15] },
  host: { label: 'Host' },
  url: { label: 'URL' },
  username: { label: 'Username' },
  password: { label: 'Password' },
  namespace: { label: 'Namespace' },
  timeoutMs: { label: 'Timeout', range: [100, 60000] },
};

function labelOf(path: string): string {
  const [head, ...rest] = path.split('.');
  if (FIELDS[head]) return FIELDS[head].label;
  // values.score (an action field), params.readers (a parameter): the field's own name.
  const name = rest.at(-1) ?? head;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * One schema issue, as "<path>: <zod message>" or its parts, in plain
 * words. Messages the contract wrote itself (the namespace's) pass through
 * without the path in front.
 */
export function plainIssue(path: string, message: string): string {
  const field = FIELDS[path.split('.')[0]];
  const label = labelOf(path);
  const range = field?.range ? ` from ${field.range[0]} to ${field.range[1]}` : '';
  if (/expected (number|int)/i.test(message) || /received (NaN|null)/i.test(message)) return `${label} must be a whole number${range}.`;
  let m = /Too (big|small): expected (number|string|array) to (?:be|have) ([<>]=?)\s*([\d.]+)/i.exec(message);
  if (m) {
    const [, , kind, , bound] = m;
    const over = m[1].toLowerCase() === 'big';
    if (kind === 'number') return range ? `${label} must be a whole number${range}.` : `${label} must be ${over ? 'at most' : 'at least'} ${bound}.`;
    if (kind === 'string') return bound === '1' && !over ? `${label} is empty.` : `${label} must be ${over ? 'at most' : 'at least'} ${bound} characters long.`;
    return `${label} has too ${over ? 'many' : 'few'} entries.`;
  }
  m = /expected string, received (\w+)/i.exec(message);
  if (m) return `${label} must be text.`;
  if (/^Invalid (input|option|value)/i.test(message)) return `${label} is not valid.`;
  // The contract's own sentences (namespace, URL) are already plain: drop only the path.
  return message;
}

const MAX_RETRIES = /Reached the max retries per request limit/i;

/**
 * An error as the user should read it. Known library phrasings are
 * replaced; a "path: message" from the schema loses its path and gets the
 * field's name and range instead; anything else is left as it came.
 */
export function plainError(error: AppErrorData): AppErrorData {
  if (MAX_RETRIES.test(error.message)) {
    return {
      ...error,
      message: 'Redis did not answer: the connection dropped and the command was given up rather than retried again. Check that the server is running and reachable, then try again.',
    };
  }
  if (error.code !== 'invalid_input') return error;
  const m = /^([\w.]+): (.*)$/s.exec(error.message);
  if (!m) return error;
  return { ...error, message: plainIssue(m[1], m[2]) };
}
