/**
 * Turns what a library says (zod's schema issues, ioredis' retry limit)
 * into a sentence a user can act on. Used where the message is shown, and
 * meant for the boundary too (dispatch's describeIssues): the same words
 * whichever side meets the error first.
 */
import type { AppErrorData } from './errors';
import { formatMessage } from './i18n/format';
import { msg, type Message } from './i18n/message';

/** What the user calls each field of the connection form, and its range where it has one. */
const FIELDS: Record<string, { label: Message; range?: [number, number] }> = {
  port: { label: msg('issue.field.port'), range: [1, 65535] },
  db: { label: msg('issue.field.db'), range: [0, 65_535] },
  host: { label: msg('issue.field.host') },
  url: { label: msg('issue.field.url') },
  username: { label: msg('issue.field.username') },
  password: { label: msg('issue.field.password') },
  namespace: { label: msg('issue.field.namespace') },
  timeoutMs: { label: msg('issue.field.timeout'), range: [100, 60000] },
  // The console's typed line (console.run).
  line: { label: msg('issue.field.line') },
};

function labelOf(path: string): Message | string {
  const [head, ...rest] = path.split('.');
  if (FIELDS[head]) return FIELDS[head].label;
  // values.score (an action field), params.readers (a parameter): the field's own name.
  const name = rest.at(-1) ?? head;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * One schema issue as a message in plain words, or undefined for a
 * sentence the contract wrote itself (the namespace's, the URL's), which
 * passes through as it is.
 */
export function plainIssueMessage(path: string, message: string): Message | undefined {
  const field = FIELDS[path.split('.')[0]];
  const label = labelOf(path);
  const whole = () => (field?.range ? msg('issue.wholeNumberRange', { label, min: field.range[0], max: field.range[1] }) : msg('issue.wholeNumber', { label }));
  if (/expected (number|int)/i.test(message) || /received (NaN|null)/i.test(message)) return whole();
  let m = /Too (big|small): expected (number|string|array) to (?:be|have) ([<>]=?)\s*([\d.]+)/i.exec(message);
  if (m) {
    const [, , kind, , bound] = m;
    const over = m[1].toLowerCase() === 'big';
    if (kind === 'number') return field?.range ? whole() : msg(over ? 'issue.atMost' : 'issue.atLeast', { label, bound });
    if (kind === 'string') return bound === '1' && !over ? msg('issue.empty', { label }) : msg(over ? 'issue.charsAtMost' : 'issue.charsAtLeast', { label, bound: Number(bound) });
    return msg(over ? 'issue.tooMany' : 'issue.tooFew', { label });
  }
  m = /expected string, received (\w+)/i.exec(message);
  if (m) return msg('issue.text', { label });
  if (/^Invalid (input|option|value)/i.test(message)) return msg('issue.invalid', { label });
  return undefined;
}

/**
 * One schema issue, as "<path>: <zod message>" or its parts, in plain
 * English. Messages the contract wrote itself (the namespace's) pass through
 * without the path in front.
 */
export function plainIssue(path: string, message: string): string {
  const plain = plainIssueMessage(path, message);
  // The contract's own sentences (namespace, URL) are already plain: drop only the path.
  return plain ? formatMessage(plain) : message;
}

const MAX_RETRIES = /Reached the max retries per request limit/i;

/**
 * An error as the user should read it. Known library phrasings are
 * replaced; a "path: message" from the schema loses its path and gets the
 * field's name and range instead; anything else is left as it came. Each
 * replacement comes with its message (`msg`), shown in the user's language.
 */
export function plainError(error: AppErrorData): AppErrorData {
  if (MAX_RETRIES.test(error.message)) {
    const retries = msg('errors.maxRetries');
    return { ...error, message: formatMessage(retries), msg: retries };
  }
  if (error.code !== 'invalid_input' || error.msg) return error;
  const m = /^([\w.]+): (.*)$/s.exec(error.message);
  if (!m) return error;
  const plain = plainIssueMessage(m[1], m[2]);
  return plain ? { ...error, message: formatMessage(plain), msg: plain } : { ...error, message: m[2] };
}
