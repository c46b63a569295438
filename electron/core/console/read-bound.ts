import type { Redis } from 'ioredis';
import { msg, type Message } from '../../../shared/i18n/message';

/** A string larger than this is not read whole into the app (the reply is cut at 64 KB anyway). */
export const STRING_READ_LIMIT = 1024 * 1024;
/** A whole-collection read of more elements than this is refused; the paged form is named instead. */
export const ELEMENT_READ_LIMIT = 10_000;

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
    case 'ZREVRANGEBYLEX':
      if (words.includes('LIMIT')) return undefined;
      return tooMany('ZCARD', (n) => (name === 'ZRANGE' || name === 'ZREVRANGE') && !words.some((w) => w === 'BYSCORE' || w === 'BYLEX') ? rangeCount(n, args[1], args[2]) : n, 'LIMIT offset count / ZSCAN');
    case 'SORT':
    case 'SORT_RO': {
      // SORT takes a list, a set or a sorted set: the length command of the other two types fails, counted as 0.
      const n = (await size(client, 'LLEN', key)) || (await size(client, 'SCARD', key)) || (await size(client, 'ZCARD', key));
      const c = sortReplyCount(n, words);
      return c > ELEMENT_READ_LIMIT ? msg('console.refuse.tooManyElements', { name, key: keyName(key), n: c, limit: ELEMENT_READ_LIMIT, instead: 'LIMIT offset count' }) : undefined;
    }
    case 'XRANGE':
    case 'XREVRANGE':
      if (words.includes('COUNT')) return undefined;
      return tooMany('XLEN', (n) => n, 'COUNT');
    default:
      return undefined;
  }
}
