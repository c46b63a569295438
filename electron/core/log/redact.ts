/**
 * What may reach the log file. The log is for lifecycle and failures, never
 * for secrets or Redis values: field names that can carry either are
 * replaced outright, credentials inside URLs are cut out of every string,
 * and strings are bounded and kept on one line so a field cannot forge
 * another log line.
 */

export type LogFieldValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogFieldValue>;

export const REDACTED = '[redacted]';

/** Field names whose contents are secret or user data whatever they hold. */
const SECRET_FIELD = /pass|secret|token|auth|cookie|credential|key$|^value|payload|args|reply/i;
/**
 * scheme://user:password@host: keep scheme and host, drop everything up to the
 * last '@' of the URL, since an unencoded password may itself hold '@' or '/'.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)\S*@/gi;
const MAX_STRING = 200;

export function redactString(text: string): string {
  const oneLine = text.replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > MAX_STRING ? `${oneLine.slice(0, MAX_STRING)}…` : oneLine;
}

export function redactFields(fields: LogFields): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const safeName = name.replace(/[^\w.-]/g, '_');
    if (SECRET_FIELD.test(name)) out[safeName] = REDACTED;
    else out[safeName] = typeof value === 'string' ? redactString(value) : value;
  }
  return out;
}
