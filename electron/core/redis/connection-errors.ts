import { msg } from '../../../shared/i18n/message';
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
    return new AppError('auth_failed', msg('errors.connect.wrongPass', { where }), { field: 'password', cause: err });
  }
  if (/NOAUTH|Authentication required/i.test(message)) {
    return new AppError('auth_failed', msg('errors.connect.needsPass', { where }), { field: 'password', cause: err });
  }
  if (/NOPERM/i.test(message)) {
    return new AppError('auth_failed', msg('errors.connect.noPerm', { where, detail: message }), {
      field: 'username',
      cause: err,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new AppError('connection_refused', msg('errors.connect.refused', { where }), { field: 'port', cause: err });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('host_not_found', msg('errors.connect.hostNotFound', { where }), { field: 'host', cause: err });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new AppError('connection_refused', msg('errors.connect.unreachable', { where }), { field: 'host', cause: err });
  }
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError') {
    return new AppError('timeout', msg('errors.connect.timeout', { where }), { field: 'host', cause: err });
  }
  if (/Protocol error|ReplyParseError|unknown command|wrong number of arguments/i.test(message) || e?.name === 'ParserError') {
    return new AppError('not_redis', msg('errors.connect.notRedis', { where }), { field: 'port', cause: err });
  }
  if (/self[- ]signed|unable to verify|certificate has expired|UNABLE_TO_GET_ISSUER|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED/i.test(`${message} ${code}`)) {
    return new AppError('tls_failed', msg('errors.connect.tlsUntrusted', { where, detail: message }), {
      field: 'tls',
      hint: msg('hint.selfSigned'),
      cause: err,
    });
  }
  if (/SSL|TLS|certificate|EPROTO|wrong version number/i.test(message) || /^ERR_TLS|^ERR_SSL|CERT/.test(code)) {
    return new AppError('tls_failed', msg('errors.connect.tlsFailed', { where, detail: message }), { field: 'tls', cause: err });
  }
  return new AppError('connection_refused', msg('errors.connect.other', { where, detail: message }), { cause: err });
}
