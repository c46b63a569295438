import { isRequestName, requests } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/errors';
import type { z } from 'zod';
import type { Handlers } from '../app-core';
import { toErrorData } from '../app-error';
import { formatMessage } from '../../../shared/i18n/format';
import { plainIssueMessage } from '../../../shared/plain-errors';
import { CATALOGS } from '../../../shared/i18n/catalog';
import { msg, type Message } from '../../../shared/i18n/message';

/** Error text echoes parts of the input (a key name, a channel): keep it a line long, whatever was sent. */
const MAX_ECHO = 200;

function clip(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

/** The first schema issue in the user's words ("Port must be a whole number from 1 to 65535."), never zod's own phrasing. */
function describeIssues(error: z.ZodError): AppErrorData {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') || undefined;
  // A contract may write its refusal as a message id (keyEditor's do): then it is that message, in the user's language (checked against the catalog here, so not a msg() literal).
  // Or carry it, with values, in the issue's params (the namespace's refusals name what was typed).
  const carried = (issue as { params?: { msg?: { id?: unknown; values?: Record<string, string> } } } | undefined)?.params?.msg;
  const own: Message | undefined =
    typeof carried?.id === 'string' && Object.hasOwn(CATALOGS.en, carried.id)
      ? { id: carried.id, values: carried.values }
      : issue && Object.hasOwn(CATALOGS.en, issue.message)
        ? { id: issue.message }
        : undefined;
  const plain = own ?? (path ? plainIssueMessage(path, issue.message) : undefined) ?? shapeIssue(issue, path);
  const data: AppErrorData = {
    code: 'invalid_input',
    message: clip(plain ? formatMessage(plain) : path ? issue.message : (issue?.message ?? 'Invalid request')),
    field: issue?.path[0] !== undefined ? clip(String(issue.path[0])) : undefined,
  };
  if (plain) data.msg = plain;
  return data;
}

/**
 * A request no form of the app sends (a hand-made socket message): said in
 * the user's language all the same, with zod's technical detail quoted
 * inside, rather than zod's English alone.
 */
function shapeIssue(issue: z.core.$ZodIssue | undefined, path: string | undefined): Message | undefined {
  if (!issue) return undefined;
  if (issue.code === 'unrecognized_keys') return msg('errors.input.unknownField', { fields: clip(issue.keys.map((k) => `“${k}”`).join(', ')) });
  if (!path && issue.code === 'invalid_type' && issue.expected === 'object') return msg('errors.input.notObject');
  return msg('errors.input.malformed', { where: path ? clip(path) : 'none', detail: clip(issue.message) });
}

/** Names a channel that is not one: a string is quoted, anything else only by its type (String() can throw). */
function describeChannel(channel: unknown): string {
  return typeof channel === 'string' ? `"${clip(channel)}"` : `of type ${channel === null ? 'null' : typeof channel}`;
}

/**
 * The one entry point both transports call: checks the channel, validates
 * the input with the contract's schema, runs the handler and turns any
 * failure into a typed error result. Never throws, whatever it is given:
 * Electron IPC hands over any structured-cloneable value.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<Result<unknown>> {
  try {
    if (!isRequestName(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: `Unknown request ${describeChannel(channel)}`, msg: msg('errors.transport.unknownChannel', { channel: describeChannel(channel) }) } };
    }
    const parsed = requests[channel].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
