type Arg = string | number | Buffer;

/** A SORT option whose argument names other keys by pattern: each element replaces the pattern's first `*`. */
export interface PatternRead {
  option: 'BY' | 'GET';
  index: number;
}

/** Where a command names keys that the @ioredis/commands table misses, and the key patterns it reads. */
export interface KeySpots {
  keys: number[];
  patterns: PatternRead[];
}

const text = (arg: Arg | undefined) => (Buffer.isBuffer(arg) ? arg.toString('latin1') : String(arg));
const word = (arg: Arg | undefined) => text(arg).toUpperCase();

/**
 * SORT / SORT_RO, parsed as sort.c parses them. The table's own parser skips
 * every argument that is not a JS string, so a console line (all Buffers)
 * slipped STORE past the guard: the destination was deleted or written.
 * Every STORE is listed (the server keeps the last one); BY and GET are
 * patterns, checked by `patternInside`.
 */
function sortSpots(args: Arg[]): KeySpots {
  const spots: KeySpots = { keys: [0], patterns: [] };
  for (let i = 1; i < args.length; i++) {
    const option = word(args[i]);
    const left = args.length - 1 - i;
    if (option === 'LIMIT' && left >= 2) i += 2;
    else if (option === 'STORE' && left >= 1) spots.keys.push(++i);
    else if ((option === 'BY' || option === 'GET') && left >= 1) spots.patterns.push({ option, index: ++i });
    // ASC, DESC, ALPHA take nothing; anything else is the server's syntax error, and the walk goes on so nothing after it goes unchecked.
  }
  return spots;
}

/**
 * GEORADIUS / GEORADIUSBYMEMBER: every argument after a STORE or STOREDIST
 * option is a key. The table, and Redis 7.0's own COMMAND GETKEYS, name only
 * the first; the server writes to the last (seen on 7.0.15: GETKEYS of
 * `GEORADIUS g 0 0 1 km STORE a STORE b` says a, the command made b).
 */
function geoRadiusSpots(args: Arg[], firstOption: number): KeySpots {
  const keys = [0];
  for (let i = firstOption; i < args.length - 1; i++) {
    const option = word(args[i]);
    if (option === 'STORE' || option === 'STOREDIST') keys.push(i + 1);
  }
  return { keys, patterns: [] };
}

/** Container commands whose key follows the subcommand; the table gives them no key positions at all. */
const KEYED_SUBCOMMANDS: Record<string, Set<string>> = {
  object: new Set(['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT']),
  memory: new Set(['USAGE']),
  xinfo: new Set(['STREAM', 'GROUPS', 'CONSUMERS']),
  xgroup: new Set(['CREATE', 'SETID', 'DESTROY', 'CREATECONSUMER', 'DELCONSUMER']),
};

const OWN = new Set(['sort', 'sort_ro', 'georadius', 'georadiusbymember', ...Object.keys(KEYED_SUBCOMMANDS)]);

/**
 * The keys (and key patterns) of the commands the table gets wrong, or
 * undefined to use the table. Positions are indexes into `args` (the
 * arguments after the command's name).
 */
export function ownKeySpots(lower: string, args: Arg[]): KeySpots | undefined {
  // One lookup for the commands that are none of these (nearly all): this runs on every command a pattern sends.
  if (!OWN.has(lower)) return undefined;
  switch (lower) {
    case 'sort':
    case 'sort_ro':
      return sortSpots(args);
    case 'georadius':
      return geoRadiusSpots(args, 5);
    case 'georadiusbymember':
      return geoRadiusSpots(args, 4);
  }
  const keyed = KEYED_SUBCOMMANDS[lower];
  if (keyed) return { keys: keyed.has(word(args[0])) && args.length > 1 ? [1] : [], patterns: [] };
  return undefined;
}

/**
 * Whether every key a SORT pattern reads lies under the namespace. The
 * server reads nothing for a pattern without `*` (`#` is the element
 * itself, `nosort` and other constants skip the lookup); otherwise the key is
 * the text before the first `*`, the element, then the rest up to `->`: it is
 * under the namespace exactly when that text before `*` starts with it.
 */
export function patternInside(pattern: Buffer, namespace: string): boolean {
  // On bytes, as the server matches them ('*' is one byte in UTF-8 and never inside a multi-byte character).
  const star = pattern.indexOf(0x2a);
  if (star < 0) return true;
  const prefix = Buffer.from(namespace);
  return star >= prefix.length && pattern.subarray(0, prefix.length).equals(prefix);
}
