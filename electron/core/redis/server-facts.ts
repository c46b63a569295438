import type { Redis } from 'ioredis';
import type { ServerFacts } from './open-client';
import { aclCategories, describeNoPerm, parseNoPerm } from './permissions';
import { msg, type Message } from '../../../shared/i18n/message';

/** HELLO's reply (RESP2: a flat list of field, value) as a map. */
function helloFields(reply: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (Array.isArray(reply)) for (let i = 0; i + 1 < reply.length; i += 2) fields.set(String(reply[i]), reply[i + 1]);
  return fields;
}

/**
 * Which Redis this is: version, role and mode. INFO is the usual source,
 * but a least-privilege user (+@all -@dangerous) may not run it; then HELLO
 * (Redis 6+, in @connection) answers the same questions. Whatever is
 * refused is named in `limits` instead of failing the connect.
 */
export async function readServerFacts(client: Redis): Promise<ServerFacts> {
  const limits: Message[] = [];
  try {
    const info = await client.info('server');
    const replication = await client.info('replication').catch(() => '');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    const mode = /redis_mode:(\S+)/.exec(info)?.[1] ?? 'standalone';
    const role = /role:(\S+)/.exec(replication)?.[1] ?? 'unknown';
    return withNumbers({ version, role, mode, limits, runId: runIdOf(info) });
  } catch (err) {
    const denied = parseNoPerm(err, 'info');
    if (!denied) throw err;
    limits.push(msg('limits.info', { denied: describeNoPerm(denied, await aclCategories(client, 'info')) }));
  }
  try {
    const hello = helloFields(await client.call('HELLO'));
    return withNumbers({
      version: String(hello.get('version') ?? 'unknown'),
      role: String(hello.get('role') ?? 'unknown'),
      mode: String(hello.get('mode') ?? 'standalone'),
      limits,
    });
  } catch (err) {
    const denied = parseNoPerm(err, 'hello');
    // Older than 6.0 (no HELLO) or refused: connect anyway, and say the version is unknown.
    limits[limits.length - 1] = denied
      ? msg('limits.infoAndHello', { denied: describeNoPerm(denied) })
      : msg('limits.noHello');
    return withNumbers({ version: 'unknown', role: 'unknown', mode: 'standalone', limits });
  }
}

/** The server process' id in an INFO server reply. */
export function runIdOf(info: string): string | undefined {
  return /run_id:([0-9a-f]+)/.exec(info)?.[1];
}

function withNumbers(facts: Omit<ServerFacts, 'major' | 'minor'>): ServerFacts {
  const [major, minor] = facts.version.split('.').map(Number);
  return { ...facts, major: major || 0, minor: minor || 0 };
}
