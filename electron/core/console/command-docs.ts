import { list } from '@ioredis/commands';
import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import type { ConsoleCommandDoc, ConsoleCommands } from '../../../shared/server-console';
import { describeNoPerm, parseNoPerm } from '../redis/permissions';

const MAX_COMMANDS = 800;
const MAX_SUMMARY = 200;
const MAX_SYNTAX = 300;

/** A RESP2 flat [k, v, k, v] list as a map. */
function pairs(reply: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (Array.isArray(reply)) for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), reply[i + 1]);
  return map;
}

/** One argument of COMMAND DOCS as a syntax hint: "key", "[NX | XX]", "field value [field value ...]". */
function argSyntax(raw: unknown): string {
  const arg = pairs(raw);
  const type = String(arg.get('type') ?? '');
  const token = arg.get('token') === undefined ? '' : String(arg.get('token'));
  const flags = Array.isArray(arg.get('flags')) ? (arg.get('flags') as unknown[]).map(String) : [];
  const children = Array.isArray(arg.get('arguments')) ? (arg.get('arguments') as unknown[]).map(argSyntax) : [];
  let base: string;
  if (type === 'pure-token') base = token;
  else if (type === 'oneof') base = `${token ? `${token} ` : ''}${children.join(' | ')}`;
  else if (type === 'block') base = `${token ? `${token} ` : ''}${children.join(' ')}`;
  else base = `${token ? `${token} ` : ''}${String(arg.get('name') ?? '')}`;
  if (flags.includes('multiple')) base = `${base} [${base} ...]`;
  return flags.includes('optional') ? `[${base}]` : type === 'oneof' ? `<${base}>` : base;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function docOf(name: string, raw: unknown): ConsoleCommandDoc {
  const doc = pairs(raw);
  const args = Array.isArray(doc.get('arguments')) ? (doc.get('arguments') as unknown[]).map(argSyntax).join(' ') : '';
  return { name: name.toUpperCase().replace('|', ' '), summary: cut(String(doc.get('summary') ?? ''), MAX_SUMMARY), syntax: cut(args, MAX_SYNTAX), group: String(doc.get('group') ?? '') };
}

/**
 * The commands the console completes: the server's own COMMAND DOCS
 * (Redis 7+: summaries, syntax, subcommands such as "CONFIG GET"), or,
 * on an older server or a user refused COMMAND, the names in the client's
 * command table with the reason.
 */
export async function readCommandDocs(client: Redis, major: number): Promise<ConsoleCommands> {
  const fallback = (reason: ConsoleCommands['reason']): ConsoleCommands => ({
    source: 'client',
    reason,
    commands: list.map((name) => ({ name: name.toUpperCase(), summary: '', syntax: '', group: '' })),
  });
  if (major > 0 && major < 7) return fallback(msg('console.docs.old', { version: String(major) }));
  try {
    const reply = pairs(await client.call('COMMAND', 'DOCS'));
    const commands: ConsoleCommandDoc[] = [];
    for (const [name, raw] of reply) {
      commands.push(docOf(name, raw));
      for (const [subName, subRaw] of pairs(pairs(raw).get('subcommands'))) commands.push(docOf(subName, subRaw));
      if (commands.length >= MAX_COMMANDS) break;
    }
    commands.sort((a, b) => a.name.localeCompare(b.name));
    return { source: 'server', commands: commands.slice(0, MAX_COMMANDS) };
  } catch (err) {
    const denied = parseNoPerm(err, 'command');
    if (denied) return fallback(msg('console.docs.denied', { denied: describeNoPerm(denied) }));
    if (/unknown (sub)?command|syntax error|wrong number/i.test((err as Error).message)) return fallback(msg('console.docs.old', { version: String(major || '?') }));
    throw err;
  }
}
