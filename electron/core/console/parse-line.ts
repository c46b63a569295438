/** Why a typed line could not be split, as redis-cli refuses it ("Invalid argument(s)"). */
export type ParseProblem = 'unbalanced' | 'quoteNotFollowedBySpace';

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === undefined;
const isHex = (c: string | undefined) => !!c && /^[0-9a-fA-F]$/.test(c);

/**
 * Splits a typed line into arguments exactly as redis-cli does
 * (sdssplitargs): whitespace separates; "double quotes" take \n \r \t \b \a,
 * \xHH (any byte) and \ before anything else; 'single quotes' take only \';
 * a quote may open mid-word (a"b c" is one argument, ab c); a closing quote
 * must be followed by a space or the end. Arguments are bytes, so \xff
 * reaches Redis as one byte.
 */
export function parseCommandLine(line: string): { args: Buffer[] } | { problem: ParseProblem } {
  const args: Buffer[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && isSpace(line[i])) i++;
    if (i >= line.length) return { args };
    const bytes: number[] = [];
    const text = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
    // The whole code point at i, its surrogate pair kept together (each half alone would be sent as U+FFFD: an emoji
    // in quotes reached Redis as four replacement characters, a key other than the one typed); i moves to its last unit.
    const codePoint = (): string => {
      const point = String.fromCodePoint(line.codePointAt(i)!);
      i += point.length - 1;
      return point;
    };
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = line[i];
      if (inDouble) {
        if (c === undefined) return { problem: 'unbalanced' };
        if (c === '\\' && line[i + 1] === 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
          bytes.push(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && line[i + 1] !== undefined) {
          i++;
          const e = codePoint();
          const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
          text(escapes[e] ?? e);
        } else if (c === '"') {
          if (!isSpace(line[i + 1])) return { problem: 'quoteNotFollowedBySpace' };
          done = true;
        } else {
          text(codePoint());
        }
      } else if (inSingle) {
        if (c === undefined) return { problem: 'unbalanced' };
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          text("'");
        } else if (c === "'") {
          if (!isSpace(line[i + 1])) return { problem: 'quoteNotFollowedBySpace' };
          done = true;
        } else {
          text(codePoint());
        }
      } else if (isSpace(c)) {
        done = true;
      } else if (c === '"') {
        inDouble = true;
      } else if (c === "'") {
        inSingle = true;
      } else {
        text(codePoint());
      }
      i++;
    }
    args.push(Buffer.from(bytes));
  }
}
