import type { AppErrorData, ConsentRequest, ErrorCode } from '../../shared/errors';
import { formatMessage } from '../../shared/i18n/format';
import { msg, type Message } from '../../shared/i18n/message';
import { describeNoPerm, parseNoPerm } from './redis/permissions';

/**
 * An error the core throws on purpose; it crosses the transport as its data.
 * Given a Message, the renderer shows it in the user's language and the
 * English text becomes `message` (logs, and older renderers).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly msg?: Message;
  readonly field?: string;
  readonly hint?: string;
  readonly hintMsg?: Message;
  readonly consent?: ConsentRequest;

  constructor(code: ErrorCode, message: string | Message, extra: { field?: string; hint?: string | Message; consent?: ConsentRequest; cause?: unknown } = {}) {
    super(typeof message === 'string' ? message : formatMessage(message), { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    if (typeof message !== 'string') this.msg = message;
    this.field = extra.field;
    if (typeof extra.hint === 'string') this.hint = extra.hint;
    else if (extra.hint) [this.hint, this.hintMsg] = [formatMessage(extra.hint), extra.hint];
    this.consent = extra.consent;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message, field: this.field, hint: this.hint, consent: this.consent };
    if (this.msg) data.msg = this.msg;
    if (this.hintMsg) data.hintMsg = this.hintMsg;
    return data;
  }
}

/**
 * What a failed step had run before it failed, by the error it failed with:
 * the error stays the one thrown (its code and class decide how it is told),
 * and the reply to the step carries the trace beside it.
 */
const ranBefore = new WeakMap<object, NonNullable<AppErrorData['ran']>>();

export function rememberRan(err: unknown, ran: NonNullable<AppErrorData['ran']>): void {
  if (typeof err === 'object' && err !== null && ran.trace.length > 0) ranBefore.set(err, ran);
}

/** Any thrown value as transport data; unknown errors keep their message but never their stack. */
export function toErrorData(err: unknown): AppErrorData {
  const data = errorDataOf(err);
  const ran = typeof err === 'object' && err !== null ? ranBefore.get(err) : undefined;
  return ran ? { ...data, ran } : data;
}

function errorDataOf(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  const message = err instanceof Error ? err.message : String(err);
  if (/max retries per request/i.test(message)) {
    // ioredis' own words name its option; the user is told what happened, in their language, wherever it shows.
    return new AppError('redis_unavailable', msg('errors.maxRetries')).toData();
  }
  if (/Connection is closed|Stream isn't writeable|ECONNRESET|ECONNREFUSED/i.test(message)) {
    return new AppError('redis_unavailable', msg('errors.redisGone', { detail: message })).toData();
  }
  const denied = parseNoPerm(err);
  if (denied) return new AppError('no_permission', describeNoPerm(denied)).toData();
  if (/^(MOVED|ASK|CROSSSLOT|CLUSTERDOWN|TRYAGAIN)\b/.test(message)) {
    // Never a raw redirection: the app talks to one node and does not follow the cluster's map yet.
    return new AppError('unsupported', msg('errors.clusterRedirect', { redirect: message.split(' ')[0] })).toData();
  }
  if (err instanceof Error && err.name === 'ReplyError') return { code: 'redis_error', message };
  return { code: 'internal', message };
}
