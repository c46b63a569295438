import { Redis, type RedisOptions } from 'ioredis';
import { isIP } from 'node:net';
import type { ExistingConnectOptions } from '../../../shared/contract';
import { AppError } from '../app-error';
import { classifyConnectError } from './connection-errors';
import { readServerFacts } from './server-facts';
import { msg, type Message } from '../../../shared/i18n/message';

/** The highest database index the form takes: a server's `databases` setting decides which exist, and it says so on connect. */
const MAX_DB = 65_535;

export interface ServerFacts {
  version: string;
  role: string;
  /** Major.minor as numbers, to gate features that need a newer server. */
  major: number;
  minor: number;
  /** 'standalone', 'cluster' or 'sentinel', as the server reports it. */
  mode: string;
  /** What the server refused the app's user while connecting, in plain words. */
  limits: Message[];
  /** INFO's run_id: a new one means the server process restarted. Absent when INFO is refused. */
  runId?: string;
}

export interface Endpoint {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  verifyCertificate: boolean;
  timeoutMs: number;
}

/** Reads a redis:// or rediss:// URL into the same fields the form has. */
export function endpointFromOptions(opts: ExistingConnectOptions): Endpoint {
  if (!opts.url) {
    return {
      host: opts.host,
      port: opts.port,
      db: opts.db,
      username: opts.username || undefined,
      password: opts.password || undefined,
      tls: opts.tls,
      verifyCertificate: opts.verifyCertificate,
      timeoutMs: opts.timeoutMs,
    };
  }
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new AppError('invalid_input', msg('errors.connect.badUrl'), { field: 'url' });
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > MAX_DB) {
    throw new AppError('invalid_input', msg('errors.connect.badDb', { db: dbText }), { field: 'url' });
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db,
    // The form moves a URL's password into the masked Password field, so the fields fill in what the URL leaves out.
    username: url.username ? decodeURIComponent(url.username) : opts.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : opts.password || undefined,
    tls: url.protocol === 'rediss:',
    verifyCertificate: opts.verifyCertificate,
    timeoutMs: opts.timeoutMs,
  };
}

export function describeEndpoint(ep: Pick<Endpoint, 'host' | 'port' | 'db'>): string {
  return `${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}/${ep.db}`;
}

/** ioredis options for one endpoint; the retry policy is set by openClient. */
function clientOptions(ep: Endpoint, connectionName: string): RedisOptions {
  return {
    host: ep.host,
    port: ep.port,
    db: ep.db,
    username: ep.username,
    password: ep.password,
    // SNI takes host names only; an IP address is checked against the certificate without it.
    tls: ep.tls ? { servername: isIP(ep.host) ? undefined : ep.host, rejectUnauthorized: ep.verifyCertificate } : undefined,
    connectionName,
    lazyConnect: true,
    connectTimeout: ep.timeoutMs,
    maxRetriesPerRequest: 1,
  };
}

/**
 * Opens one client and proves the server is a Redis we may use: the
 * handshake (AUTH, SELECT, INFO) must finish within the timeout.
 */
export async function openClient(ep: Endpoint, connectionName: string): Promise<{ client: Redis; facts: ServerFacts }> {
  const where = describeEndpoint(ep);
  let established = false;
  const client = new Redis({
    ...clientOptions(ep, connectionName),
    // Fail the first connect at once (the form shows why); once it worked, keep reconnecting.
    retryStrategy: (times) => (established ? Math.min(times * 200, 2000) : null),
  });
  let lastError: unknown;
  client.on('error', (err) => {
    lastError = err;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), ep.timeoutMs);
  });
  try {
    await Promise.race([client.connect(), timeout]);
    // ioredis selects the database on connect but only emits a refusal and stays on database 0: said here instead, before
    // anything is read or written in a database the user did not choose.
    if (ep.db > 0) await Promise.race([client.select(ep.db), timeout]).catch((err: Error) => {
      if (/DB index is out of range|invalid DB index/i.test(err.message)) throw new AppError('invalid_input', msg('errors.connect.noSuchDb', { db: ep.db }), { field: 'db', cause: err });
      throw err;
    });
    const facts = await Promise.race([readServerFacts(client), timeout]);
    established = true;
    return { client, facts };
  } catch (err) {
    client.disconnect();
    // Already said in the app's words (a database the server lacks).
    if (err instanceof AppError) throw err;
    const cause = (err as Error)?.name === 'TimeoutError' ? err : (lastError ?? err);
    const classified = classifyConnectError(cause, where);
    if (ep.tls && (classified.code === 'timeout' || classified.code === 'not_redis')) {
      // A plain-text Redis never completes a TLS handshake; say that rather than "timeout".
      throw new AppError('tls_failed', msg('errors.connect.noTls', { where }), {
        field: 'tls',
        cause: err,
      });
    }
    throw classified;
  } finally {
    clearTimeout(timer);
  }
}
