import { AppError } from '../app-error';

/**
 * Turns whatever ioredis or the socket reported while connecting into one
 * named failure with a message a developer can act on.
 */
export function classifyConnectError(err: unknown, where: string): AppError {
  const e = err as NodeJS.ErrnoException & { name?: string };
  const message = e?.message ?? String(err);
  const code = e?.code ?? '';

  if (/WRONGPASS|invalid username-password|invalid password/i.test(message)) {
    return new AppError('auth_failed', `Redis at ${where} refused the username or password.`, { field: 'password', cause: err });
  }
  if (/NOAUTH|Authentication required/i.test(message)) {
    return new AppError('auth_failed', `Redis at ${where} requires a password.`, { field: 'password', cause: err });
  }
  if (/NOPERM/i.test(message)) {
    return new AppError('auth_failed', `The user has no permission to run the commands the app needs on ${where}: ${message}`, {
      field: 'username',
      cause: err,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new AppError('connection_refused', `Nothing is listening on ${where}. Is Redis running, and on this port?`, { field: 'port', cause: err });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('host_not_found', `The host in ${where} could not be resolved.`, { field: 'host', cause: err });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new AppError('connection_refused', `The host in ${where} cannot be reached from this machine.`, { field: 'host', cause: err });
  }
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError') {
    return new AppError('timeout', `${where} did not answer in time.`, { field: 'host', cause: err });
  }
  if (/Protocol error|ReplyParseError|unknown command|wrong number of arguments/i.test(message) || e?.name === 'ParserError') {
    return new AppError('not_redis', `The server on ${where} does not speak the Redis protocol.`, { field: 'port', cause: err });
  }
  if (/self[- ]signed|unable to verify|certificate has expired|UNABLE_TO_GET_ISSUER|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED/i.test(`${message} ${code}`)) {
    return new AppError('tls_failed', `The TLS certificate of ${where} is not trusted by this machine (${message}).`, {
      field: 'tls',
      hint: 'If it is your own self-signed certificate, turn off "Verify certificate" to connect anyway.',
      cause: err,
    });
  }
  if (/SSL|TLS|certificate|EPROTO|wrong version number/i.test(message) || /^ERR_TLS|^ERR_SSL|CERT/.test(code)) {
    return new AppError('tls_failed', `TLS handshake with ${where} failed: ${message}`, { field: 'tls', cause: err });
  }
  return new AppError('connection_refused', `Could not connect to ${where}: ${message}`, { cause: err });
}
