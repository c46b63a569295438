/**
 * Who may talk to the web host. The Host header must name this very server
 * (a DNS-rebound name must not reach it), a WebSocket's Origin must be this
 * server's page (browsers apply no same-origin rule to WebSockets), and the
 * per-launch token must be given exactly once.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { headerValues, type Target } from './request-target';

export interface Refusal {
  status: number;
  reason: string;
}

export interface AccessRules {
  /** `127.0.0.1:PORT` and `localhost:PORT`. */
  hosts: ReadonlySet<string>;
  token: string;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host check every request passes first: exactly one Host, naming this server. */
export function checkHost(req: IncomingMessage, rules: AccessRules): Refusal | null {
  const hosts = headerValues(req, 'host');
  if (hosts.length !== 1) return { status: 400, reason: 'Bad Request' };
  if (!rules.hosts.has(hosts[0])) return { status: 421, reason: 'Misdirected Request' };
  return null;
}

/** The token check, shared by the upgrade and by the page's plain GET /ws probe. */
export function checkToken(target: Target, rules: AccessRules): Refusal | null {
  const given = target.query.getAll('token');
  if (given.length !== 1 || !sameToken(given[0], rules.token)) return { status: 401, reason: 'Unauthorized' };
  return null;
}

/** Everything a WebSocket upgrade must carry, in the order a refusal is decided. */
export function checkUpgrade(req: IncomingMessage, target: Target, rules: AccessRules): Refusal | null {
  if (target.pathname !== '/ws') return { status: 404, reason: 'Not Found' };
  const host = checkHost(req, rules);
  if (host) return host;
  const origins = headerValues(req, 'origin');
  const origin = origins.length === 1 && origins[0].startsWith('http://') ? origins[0].slice('http://'.length) : '';
  if (!rules.hosts.has(origin)) return { status: 403, reason: 'Forbidden' };
  return checkToken(target, rules);
}
