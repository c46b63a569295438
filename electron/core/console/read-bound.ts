import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';

/** A string larger than this is not read whole into the app (the reply is cut at 64 KB anyway). */
export const STRING_READ_LIMIT = 1024 * 1024;
/** A whole-collection read of more elements than this is refused; the paged form is named instead. */
export const ELEMENT_READ_LIMIT = 10_000;
/** The largest COUNT a SCAN-family call may ask for: one call walks that many entries while the server waits, as KEYS would. */
export const SCAN_COUNT_LIMIT = 10_000;

const text = (b: Buffer) => b.toString('latin1');
/** A key name as the refusal quotes it: long names cut, as the key browser cuts them. */
const keyName = (b: Buffer) => (b.length > 192 ? `${b.subarray(0, 192).toString('latin1')}…` : b.toString('latin1'));
const upperArgs = (args: Buffer[]) => args.map((a) => text(a).toUpperCase());

/** The size of a key as an O(1) command tells it, 0 when the key is missing or of another type (the command itself will say). */
async function size(client: Redis, command: 'STRLEN' | 'HLEN' | 'SCARD' | 'LLEN' | 'ZCARD' | 'XLEN', key: Buffer): Promise<number> {
  try {
    return Number(await client.call(command, key)) || 0;
  } catch {
    return 0;
  }
}

/** The sizes of several keys in one round trip (0 for a missing key or one of another type). */
async function sizes(client: Redis, command: 'STRLEN' | 'SCARD' | 'ZCARD' | 'XLEN', keys: Buffer[]): Promise<number[]> {
  if (keys.length === 0) return [];
  try {
    const replies = (await client.pipeline(keys.map((k) => [command.toLowerCase(), k])).exec()) ?? [];
    return replies.map(([err, n]) => (err ? 0 : Number(n) || 0));
  } catch {
    return keys.map(() => 0);
  }
}

/** A number argument as Redis would read it; NaN for anything else (Redis refuses it then). */
const num = (arg: Buffer | undefined) => (arg === undefined ? NaN : Number(text(arg)));

/** The value after an option word (COUNT 10, LIMIT 0 10), walking option pairs so a MATCH pattern spelled "count" is a pattern. */
function option(words: string[], name: string, skip: string[] = ['MATCH', 'TYPE']): number | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === name) return Number(words[i + 1]);
    if (skip.includes(words[i])) i++;
  }
  return undefined;
}

/** A LIMIT offset count's window over `n` elements: the count when it is 0 or more, else all from the offset. */
function limitWindow(n: number, words: string[]): number | undefined {
  const at = words.indexOf('LIMIT');
  if (at < 0) return undefined;
  const offset = Math.max(0, Number(words[at + 1]) || 0);
  const count = Number(words[at + 2]);
  const rest = Math.max(0, n - offset);
  return Number.isFinite(count) && count >= 0 ? Math.min(count, rest) : rest;
}

/** How many bytes GETRANGE key start end reads from a string of `n` bytes (Redis' own index rules). */
function byteRange(n: number, startArg: Buffer | undefined, endArg: Buffer | undefined): number {
  let start = num(startArg);
  let end = num(endArg);
  if (!Number.isFinite(start) || !Number.isFinite(end) || n === 0) return 0;
  if (start < 0) start = Math.max(0, n + start);
  if (end < 0) end = n + end;
  end = Math.min(end, n - 1);
  return Math.max(0, end - start + 1);
}

/**
 * How many elements SORT / SORT_RO would reply with, from a collection of
 * `n`: none when it STOREs (the reply is a count), else the LIMIT's window,
 * times the GET options (each element brings one reply per GET). Options
 * walked as the server walks them, so a GET pattern spelled "limit" is a pattern.
 */
function sortReplyCount(n: number, words: string[]): number {
  let offset = 0;
  let count = -1;
  let gets = 0;
  for (let i = 0; i < words.length; i++) {
    const left = words.length - 1 - i;
    if (words[i] === 'LIMIT' && left >= 2) {
      offset = Number(words[i + 1]);
      count = Number(words[i + 2]);
      i += 2;
    } else if (words[i] === 'STORE' && left >= 1) return 0;
    else if ((words[i] === 'BY' || words[i] === 'GET') && left >= 1) {
      if (words[i] === 'GET') gets++;
      i++;
    }
  }
  if (!Number.isFinite(offset) || !Number.isFinite(count)) return 0;
  const window = Math.max(0, n - Math.max(0, offset));
  return (count < 0 ? window : Math.min(count, window)) * Math.max(1, gets);
}

/** How many elements LRANGE key start stop (or ZRANGE by index) would return from a collection of `n`. */
function rangeCount(n: number, startArg: Buffer | undefined, stopArg: Buffer | undefined): number {
  const norm = (i: number) => (i < 0 ? Math.max(0, n + i) : Math.min(i, n - 1));
  const start = Number(startArg ? text(startArg) : 0);
  const stop = Number(stopArg ? text(stopArg) : -1);
  if (!Number.isFinite(start) || !Number.isFinite(stop) || n === 0) return 0;
  return Math.max(0, norm(stop) - norm(start) + 1);
}

/**
 * Whether a command would bring a whole big value into the app: a string
 * over 1 MB (GET), or over 10,000 elements of a hash, set, list, sorted
 * set or stream in one reply. Asked with O(1) length commands (STRLEN,
 * HLEN …) before sending; the refusal names the paged form to use.
 */
export async function oversizedRead(client: Redis, argv: Buffer[]): Promise<Message | undefined> {
  const name = text(argv[0]).toUpperCase();
  const args = argv.slice(1);
  const key = args[0];
  if (!key) return undefined;
  const words = upperArgs(args.slice(1));
  const countRefusal = (command: string, of: Buffer, n: number, instead: string) => msg('console.refuse.tooManyElements', { name: command, key: keyName(of), n, limit: ELEMENT_READ_LIMIT, instead });
  const setOperation = (command: string, keys: Buffer[], counts: number[], instead: string) => {
    // The most the reply can hold: every member of every input for a union, the smallest input for an intersection, the first for a difference.
    const n = counts.length === 0 ? 0 : command.endsWith('UNION') ? counts.reduce((a, b) => a + b, 0) : command.endsWith('INTER') ? Math.min(...counts) : counts[0];
    return n > ELEMENT_READ_LIMIT ? msg('console.refuse.setOperation', { name: command, keys: keys.length, n, limit: ELEMENT_READ_LIMIT, instead }) : undefined;
  };
  const tooMany = async (command: 'HLEN' | 'SCARD' | 'LLEN' | 'ZCARD' | 'XLEN', count: (n: number) => number, instead: string) => {
    const n = await size(client, command, key);
    const c = count(n);
    return c > ELEMENT_READ_LIMIT ? msg('console.refuse.tooManyElements', { name, key: keyName(key), n: c, limit: ELEMENT_READ_LIMIT, instead }) : undefined;
  };
  switch (name) {
    case 'GET':
    case 'GETDEL':
    case 'GETEX':
    case 'GETSET':
    case 'DUMP': {
      const bytes = await size(client, 'STRLEN', key);
      return bytes > STRING_READ_LIMIT ? msg('console.refuse.tooLarge', { name, key: keyName(key), bytes, limit: STRING_READ_LIMIT }) : undefined;
    }
    case 'HGETALL':
    case 'HKEYS':
    case 'HVALS':
      return tooMany('HLEN', (n) => n, 'HSCAN');
    case 'SMEMBERS':
      return tooMany('SCARD', (n) => n, 'SSCAN');
    case 'LRANGE':
      return tooMany('LLEN', (n) => rangeCount(n, args[1], args[2]), 'LRANGE key 0 999');
    case 'ZRANGE':
    case 'ZREVRANGE':
    case 'ZRANGEBYSCORE':
    case 'ZREVRANGEBYSCORE':
    case 'ZRANGEBYLEX':
    case 'ZREVRANGEBYLEX': {
      // ZRANGE by index counts its range; by score or lex, LIMIT's window (a negative count is all the rest) or the whole set.
      const byIndex = (name === 'ZRANGE' || name === 'ZREVRANGE') && !words.some((w) => w === 'BYSCORE' || w === 'BYLEX');
      return tooMany('ZCARD', (n) => (byIndex ? rangeCount(n, args[1], args[2]) : (limitWindow(n, words) ?? n)), 'LIMIT offset count / ZSCAN');
    }
    case 'SET': {
      // SET … GET replies with the old value, read whole.
      if (!words.includes('GET')) return undefined;
      const bytes = await size(client, 'STRLEN', key);
      return bytes > STRING_READ_LIMIT ? msg('console.refuse.tooLarge', { name: 'SET … GET', key: keyName(key), bytes, limit: STRING_READ_LIMIT }) : undefined;
    }
    case 'XINFO': {
      // XINFO STREAM key FULL [COUNT n]: up to n entries and pending entries of each group (10 by default, every one for COUNT 0).
      if (text(key).toUpperCase() !== 'STREAM' || !args[1] || !upperArgs(args.slice(2)).includes('FULL')) return undefined;
      const count = option(upperArgs(args.slice(2)), 'COUNT', []) ?? 10;
      const n = count > 0 ? count : await size(client, 'XLEN', args[1]);
      return n > ELEMENT_READ_LIMIT ? countRefusal('XINFO STREAM … FULL', args[1], n, 'COUNT') : undefined;
    }
    case 'GETRANGE':
    case 'SUBSTR': {
      const bytes = byteRange(await size(client, 'STRLEN', key), args[1], args[2]);
      return bytes > STRING_READ_LIMIT ? msg('console.refuse.rangeTooLarge', { name, key: keyName(key), bytes, limit: STRING_READ_LIMIT }) : undefined;
    }
    case 'MGET': {
      const bytes = (await sizes(client, 'STRLEN', args)).reduce((a, b) => a + b, 0);
      return bytes > STRING_READ_LIMIT ? msg('console.refuse.manyValues', { name, keys: args.length, bytes, limit: STRING_READ_LIMIT }) : undefined;
    }
    case 'HRANDFIELD':
    case 'SRANDMEMBER':
    case 'ZRANDMEMBER': {
      // A negative count returns that many, repeats allowed, however small the collection; a positive one at most the collection.
      const count = num(args[1]);
      if (!Number.isFinite(count)) return undefined;
      if (count < 0) return -count > ELEMENT_READ_LIMIT ? countRefusal(name, key, -count, name === 'HRANDFIELD' ? 'HSCAN' : name === 'SRANDMEMBER' ? 'SSCAN' : 'ZSCAN') : undefined;
      return tooMany(name === 'HRANDFIELD' ? 'HLEN' : name === 'SRANDMEMBER' ? 'SCARD' : 'ZCARD', (n) => Math.min(n, count), name === 'HRANDFIELD' ? 'HSCAN' : name === 'SRANDMEMBER' ? 'SSCAN' : 'ZSCAN');
    }
    case 'LPOP':
    case 'RPOP':
    case 'SPOP':
    case 'ZPOPMIN':
    case 'ZPOPMAX': {
      const count = num(args[1]);
      if (!Number.isFinite(count) || count <= ELEMENT_READ_LIMIT) return undefined;
      return tooMany(name === 'SPOP' ? 'SCARD' : name.startsWith('Z') ? 'ZCARD' : 'LLEN', (n) => Math.min(n, count), `${name} key ${ELEMENT_READ_LIMIT}`);
    }
    case 'LPOS': {
      // COUNT 0 returns every match; the list's length bounds them.
      const count = option(words, 'COUNT', ['RANK', 'MAXLEN']);
      if (count === undefined || (count > 0 && count <= ELEMENT_READ_LIMIT)) return undefined;
      return tooMany('LLEN', (n) => (count === 0 ? n : Math.min(n, count)), 'COUNT');
    }
    case 'SUNION':
    case 'SINTER':
    case 'SDIFF':
      return setOperation(name, args, await sizes(client, 'SCARD', args), 'SSCAN');
    case 'ZUNION':
    case 'ZINTER':
    case 'ZDIFF': {
      const numkeys = num(args[0]);
      if (!Number.isInteger(numkeys) || numkeys < 1) return undefined;
      const keys = args.slice(1, 1 + numkeys);
      return setOperation(name, keys, await sizes(client, 'ZCARD', keys), 'ZSCAN');
    }
    case 'XREAD':
    case 'XREADGROUP': {
      // STREAMS key … id …: the first half of what follows are the streams; COUNT bounds each one's entries.
      // Options come first here, from the first argument on (there is no key before them).
      const all = upperArgs(args);
      const at = all.indexOf('STREAMS');
      if (at < 0) return undefined;
      const rest = args.slice(at + 1);
      const streams = rest.slice(0, Math.floor(rest.length / 2));
      const countAt = all.indexOf('COUNT');
      const count = countAt >= 0 && countAt < at ? Number(all[countAt + 1]) : undefined;
      const lengths = await sizes(client, 'XLEN', streams);
      const n = lengths.reduce((a, len) => a + (count !== undefined && count > 0 ? Math.min(count, len) : len), 0);
      return n > ELEMENT_READ_LIMIT ? countRefusal(name, streams[0] ?? key, n, 'COUNT') : undefined;
    }
    case 'SCAN':
    case 'HSCAN':
    case 'SSCAN':
    case 'ZSCAN': {
      // SCAN's options start after its cursor; the others' after the key and cursor.
      const count = option(name === 'SCAN' ? upperArgs(args.slice(1)) : upperArgs(args.slice(2)), 'COUNT');
      return count !== undefined && count > SCAN_COUNT_LIMIT ? msg('console.refuse.scanCount', { name, count, limit: SCAN_COUNT_LIMIT }) : undefined;
    }
    case 'SORT':
    case 'SORT_RO': {
      // SORT takes a list, a set or a sorted set: the length command of the other two types fails, counted as 0.
      const n = (await size(client, 'LLEN', key)) || (await size(client, 'SCARD', key)) || (await size(client, 'ZCARD', key));
      const c = sortReplyCount(n, words);
      return c > ELEMENT_READ_LIMIT ? msg('console.refuse.tooManyElements', { name, key: keyName(key), n: c, limit: ELEMENT_READ_LIMIT, instead: 'LIMIT offset count' }) : undefined;
    }
    case 'XRANGE':
    case 'XREVRANGE': {
      const count = option(words.slice(2), 'COUNT', []);
      return tooMany('XLEN', (n) => (count !== undefined && count >= 0 ? Math.min(n, count) : n), 'COUNT');
    }
    default:
      return undefined;
  }
}
