import { isRequestName, requests } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/errors';
import type { z } from 'zod';
import type { Handlers } from '../app-core';
import { toErrorData } from '../app-error';

function describeIssues(error: z.ZodError): AppErrorData {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || undefined;
  return {
    code: 'invalid_input',
    message: path ? `${path}: ${issue.message}` : (issue?.message ?? 'Invalid request'),
    field: issue?.path[0] !== undefined ? String(issue.path[0]) : undefined,
  };
}

/**
 * The one entry point both transports call: checks the channel, validates
 * the input with the contract's schema, runs the handler and turns any
 * failure into a typed error result. Never throws.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isRequestName(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown request "${String(channel).slice(0, 64)}"` } };
  }
  const parsed = requests[channel].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
