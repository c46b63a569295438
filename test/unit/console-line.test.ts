import { describe, expect, it } from 'vitest';
import { consoleRefusal } from '../../electron/core/console/console-policy';
import { parseCommandLine } from '../../electron/core/console/parse-line';
import { formatCliReply, quoteBytes, quotedLength } from '../../electron/core/console/reply-format';

const words = (line: string) => {
  const parsed = parseCommandLine(line);
  if ('problem' in parsed) return parsed.problem;
  return parsed.args.map((a) => a.toString('latin1'));
};
const argv = (...a: string[]) => a.map((s) => Buffer.from(s));

describe('console: a typed line splits as redis-cli splits it (sdssplitargs)', () => {
  it('spaces, tabs and runs of them separate; nothing typed is no arguments', () => {
    expect(words('  SET   a\tb  ')).toEqual(['SET', 'a', 'b']);
    expect(words('   ')).toEqual([]);
  });
  it('double quotes keep spaces and take \\n \\r \\t \\b \\a, \\" and \\xHH as one byte', () => {
    expect(words('SET k "hello world"')).toEqual(['SET', 'k', 'hello world']);
    expect(words('SET k "a\\nb\\tc\\"d\\\\e"')).toEqual(['SET', 'k', 'a\nb\tc"d\\e']);
    const parsed = parseCommandLine('SET k "\\xff\\x00z"');
    expect('args' in parsed && [...parsed.args[2]]).toEqual([0xff, 0x00, 0x7a]);
    expect(words('SET k "\\q"')).toEqual(['SET', 'k', 'q']);
  });
  it('single quotes are literal but for \\\'', () => {
    expect(words("SET k 'a\\nb'")).toEqual(['SET', 'k', 'a\\nb']);
    expect(words("SET k 'it\\'s'")).toEqual(['SET', 'k', "it's"]);
  });
  it('a quote may open mid-word; empty quotes are an empty argument', () => {
    expect(words('SET a"b c" ""')).toEqual(['SET', 'ab c', '']);
  });
  it('an unclosed quote, or a closing quote glued to the next word, is refused as redis-cli refuses it', () => {
    expect(words('SET k "abc')).toBe('unbalanced');
    expect(words("SET k 'abc")).toBe('unbalanced');
    expect(words('SET k "a"b')).toBe('quoteNotFollowedBySpace');
  });
  it('unicode is sent as UTF-8 bytes', () => {
    const parsed = parseCommandLine('SET k 한글😀');
    expect('args' in parsed && parsed.args[2].toString('utf8')).toBe('한글😀');
  });
  it('an emoji inside quotes, or after a backslash, is sent whole: its UTF-8 bytes, not two replacement characters', () => {
    // Found by an independent tester: SET "rpi:emoji:😀🔥" wrote rpi:emoji: followed by four U+FFFD.
    for (const line of ['SET "rpi:emoji:😀🔥" v', "SET 'rpi:emoji:😀🔥' v", 'SET "rpi:emoji:\\😀🔥" v']) {
      const parsed = parseCommandLine(line);
      expect('args' in parsed && parsed.args[1].equals(Buffer.from('rpi:emoji:😀🔥')), line).toBe(true);
    }
  });
});

describe('console: replies as redis-cli prints them', () => {
  it('scalars', () => {
    expect(formatCliReply(null).text).toBe('(nil)');
    expect(formatCliReply(42).text).toBe('(integer) 42');
    expect(formatCliReply(Buffer.from('OK'), { status: true }).text).toBe('OK');
    expect(formatCliReply(Buffer.from('OK')).text).toBe('"OK"');
    expect(formatCliReply(new Error('ERR wrong')).text).toBe('(error) ERR wrong');
    expect(formatCliReply([]).text).toBe('(empty array)');
    expect(quoteBytes(Buffer.from([0x61, 0x0a, 0xff, 0x22, 0x5c]))).toBe('"a\\n\\xff\\"\\\\"');
  });
  it('nested arrays are numbered and indented under their parent, numbers right-aligned', () => {
    const reply = [Buffer.from('a'), [Buffer.from('b'), [Buffer.from('c'), 1]], null];
    expect(formatCliReply(reply).text).toBe(['1) "a"', '2) 1) "b"', '   2) 1) "c"', '      2) (integer) 1', '3) (nil)'].join('\n'));
    const ten = Array.from({ length: 10 }, (_, i) => i);
    expect(formatCliReply(ten).text.split('\n').slice(8)).toEqual([' 9) (integer) 8', '10) (integer) 9']);
  });
  it('a reply larger than the bound is cut at it, the crossing line kept up to the bound, with the full size counted', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => Buffer.from(`member-${i}`));
    const { text, cutFrom } = formatCliReply(many, { limit: 1000 });
    expect(Buffer.byteLength(text)).toBe(1000);
    const full = formatCliReply(many, { limit: 10_000_000 });
    expect(full.cutFrom).toBeUndefined();
    expect(full.text.startsWith(text)).toBe(true);
    expect(cutFrom).toBe(Buffer.byteLength(full.text));
    // One big element (a 200 KB string, a stream's 5 MB field) shows its first bytes, not nothing.
    const big = formatCliReply(Buffer.alloc(200_000, 0x61), { limit: 64 * 1024 });
    expect(big.text).toBe(`"${'a'.repeat(64 * 1024 - 1)}`);
    expect(big.cutFrom).toBe(200_002);
    const field = formatCliReply([Buffer.from('1-0'), [Buffer.from('f'), Buffer.alloc(100_000, 0x62)]], { limit: 1024 });
    expect(field.text.startsWith('1) "1-0"\n2) 1) "f"\n   2) "bbbb')).toBe(true);
    expect(Buffer.byteLength(field.text)).toBe(1024);
    // Only what is shown is made of a big reply: its quoted length is counted, not built (15 MB once took the host to 1.15 GB).
    const mixed = Buffer.from([0x41, 0x5c, 0x22, 0x0a, 0x00, 0xff, 0x7f, 0x20]);
    expect(quotedLength(mixed)).toBe(quoteBytes(mixed).length);
    expect(quoteBytes(Buffer.alloc(10_000_000, 0xff), 100).length).toBeLessThan(110);
    const fifteen = formatCliReply(Buffer.alloc(15_000_000, 0xfe), { limit: 64 * 1024 });
    expect(fifteen.cutFrom).toBe(60_000_002);
    expect(Buffer.byteLength(fifteen.text)).toBe(64 * 1024);
    // A character is never split: the cut falls before a multi-byte one that does not fit.
    const korean = formatCliReply(Buffer.from('가'.repeat(100)), { limit: 10, status: true });
    expect(korean.text).toBe('가가가');
  });
});

describe('console: what is refused, where, and why', () => {
  const ns = 'rpi:';
  const ids = (kind: 'sandbox' | 'existing', ...a: string[]) => consoleRefusal(kind, ns, argv(...a))?.id;

  it('in the sandbox anything goes, but what would break the console connection', () => {
    for (const cmd of [['FLUSHALL'], ['KEYS', '*'], ['CONFIG', 'SET', 'maxmemory', '1mb'], ['DEBUG', 'SLEEP', '0'], ['SET', 'other', '1'], ['EVAL', 'return 1', '0']]) {
      expect(ids('sandbox', ...cmd)).toBeUndefined();
    }
    expect(ids('sandbox', 'MONITOR')).toBe('console.refuse.monitor');
    expect(ids('sandbox', 'subscribe', 'ch')).toBe('console.refuse.subscribe');
    expect(ids('sandbox', 'BLPOP', 'rpi:q', '0')).toBe('console.refuse.blocking');
    expect(ids('sandbox', 'XREAD', 'BLOCK', '0', 'STREAMS', 'rpi:s', '$')).toBe('console.refuse.blocking');
    expect(ids('sandbox', 'XREAD', 'STREAMS', 'rpi:s', '0')).toBeUndefined();
    expect(ids('sandbox', 'HELLO', '3')).toBe('console.refuse.protocol');
  });
  it('on an existing Redis the dangerous commands are refused with their reason', () => {
    expect(ids('existing', 'FLUSHALL')).toBe('console.refuse.flush');
    expect(ids('existing', 'flushdb')).toBe('console.refuse.flush');
    expect(ids('existing', 'KEYS', 'rpi:*')).toBe('console.refuse.keys');
    expect(ids('existing', 'CONFIG', 'SET', 'maxmemory', '1')).toBe('console.refuse.configSet');
    expect(ids('existing', 'CONFIG', 'GET', 'maxmemory')).toBeUndefined();
    expect(ids('existing', 'SHUTDOWN', 'NOSAVE')).toBe('console.refuse.shutdown');
    expect(ids('existing', 'DEBUG', 'SLEEP', '1')).toBe('console.refuse.debug');
    expect(ids('existing', 'SCRIPT', 'FLUSH')).toBe('console.refuse.admin');
    expect(ids('existing', 'EVAL', "return redis.call('SET','x','1')", '0')).toBe('console.refuse.script');
    expect(ids('existing', 'SELECT', '1')).toBe('console.refuse.select');
    // Each refused for what it does (found by the independent tester: both read "changes the server for every client").
    expect(ids('existing', 'RESTORE', 'other:r', '0', 'payload')).toBe('console.refuse.restore');
    expect(ids('existing', 'CLIENT', 'SETNAME', 'x')).toBe('console.refuse.ownConnection');
    expect(ids('existing', 'CLIENT', 'KILL', 'ID', '7')).toBe('console.refuse.admin');
    expect(ids('sandbox', 'CLIENT', 'SETNAME', 'x')).toBeUndefined();
    // Someone else's subscribers are outside the namespace too (found by the independent tester: PUBLISH went out, SPUBLISH did not).
    expect(ids('existing', 'PUBLISH', 'orders', 'm')).toBe('console.refuse.channel');
    expect(ids('existing', 'PUBLISH', 'rpi:news', 'm')).toBeUndefined();
    expect(ids('existing', 'SPUBLISH', 'orders', 'm')).toBe('errors.namespace.outside');
    expect(ids('sandbox', 'PUBLISH', 'orders', 'm')).toBeUndefined();
    const flush = consoleRefusal('existing', ns, argv('FLUSHALL'));
    expect(flush?.values).toMatchObject({ name: 'FLUSHALL', namespace: 'rpi:' });
  });
  it('on an existing Redis the namespace guard applies to every key, subcommand keys included', () => {
    expect(ids('existing', 'SET', 'rpi:a', '1')).toBeUndefined();
    expect(ids('existing', 'SET', 'other', '1')).toBe('errors.namespace.outside');
    expect(ids('existing', 'MSET', 'rpi:a', '1', 'other', '2')).toBe('errors.namespace.outside');
    expect(ids('existing', 'OBJECT', 'ENCODING', 'other')).toBe('errors.namespace.outside');
    expect(ids('existing', 'OBJECT', 'ENCODING', 'rpi:a')).toBeUndefined();
    expect(ids('existing', 'PING')).toBeUndefined();
    expect(ids('existing', 'INFO', 'memory')).toBeUndefined();
    expect(ids('existing', 'NOSUCHCMD')).toBe('errors.namespace.unchecked');
  });
});
