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
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it crosses a transport: plain data, never an Error instance. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** The form field the error belongs to, when there is one (e.g. "password"). */
  field?: string;
  /** A follow-up the user can act on, e.g. how to install redis-server. */
  hint?: string;
}

/** The outcome of every request: a value or a typed error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
