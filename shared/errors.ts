import type { Message } from './i18n/message';
import type { TraceEntry, TraceOrder } from './model';

/** Every failure the renderer can be told about, by stable code. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_connected',
  'auth_failed',
  'connection_refused',
  'host_not_found',
  'timeout',
  'not_redis',
  'tls_failed',
  'redis_missing',
  'redis_unavailable',
  'redis_error',
  'namespace_violation',
  'no_session',
  'busy',
  /** A connect superseded by a disconnect sent while it was in flight. */
  'cancelled',
  /** Keys that existed before the app touched the namespace would be deleted: the user must agree first. */
  'consent_required',
  /** The key changed since the user saw it (or the target of an edit exists): the edit or undo was not made. */
  'conflict',
  /** An ACL refused a command, key or channel (NOPERM); the message names which. */
  'no_permission',
  /** The server is of a kind the app does not drive yet (a Redis Cluster node). */
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it crosses a transport: plain data, never an Error instance. */
export interface AppErrorData {
  code: ErrorCode;
  /** In English, for logs, and shown when there is no `msg`. */
  message: string;
  /** The same, as a message the renderer shows in the user's language. */
  msg?: Message;
  /** The form field the error belongs to, when there is one (e.g. "password"). */
  field?: string;
  /** A follow-up the user can act on, e.g. how to install redis-server (English). */
  hint?: string;
  /** The same follow-up in the user's language. */
  hintMsg?: Message;
  /** With consent_required: what the user must see and agree to before keys are deleted. */
  consent?: ConsentRequest;
  /** A step or action that failed after some of its commands ran: what they did, the failing one included. */
  ran?: { trace: TraceEntry[]; traceOrder: TraceOrder };
}

/** Keys found under a namespace of an existing Redis that opening a pattern would delete. */
export interface ConsentRequest {
  server: string;
  namespace: string;
  keys: number;
  /** The first few key names, printable (\xNN for other bytes), cut when long. */
  sample: string[];
}

/** The outcome of every request: a value or a typed error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
