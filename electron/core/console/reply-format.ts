/** The most a console reply may carry to the renderer, formatted. */
export const CONSOLE_REPLY_BYTES = 64 * 1024;

const SHORT_ESCAPES: Record<number, string> = { 0x5c: '\\\\', 0x22: '\\"', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x07: '\\a', 0x08: '\\b' };

/**
 * A bulk string as redis-cli quotes it: printable ASCII kept, \" \\ \n \r
 * \t \a \b escaped, any other byte as \xHH. At most `maxChars` of it are
 * made: a 15 MB reply printed whole took the host to 1.15 GB (found by a
 * re-tester), where only its first 64 KB are ever shown.
 */
export function quoteBytes(buf: Buffer, maxChars = Infinity): string {
  const parts: string[] = ['"'];
  let length = 1;
  for (let i = 0; i < buf.length && length < maxChars; i++) {
    const b = buf[i];
    const part = SHORT_ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
    parts.push(part);
    length += part.length;
  }
  if (length < maxChars) parts.push('"');
  return parts.join('');
}

/** How many characters quoteBytes makes of `buf`, counted without making them. */
export function quotedLength(buf: Buffer): number {
  let n = 2;
  for (const b of buf) n += SHORT_ESCAPES[b] ? 2 : b >= 0x20 && b < 0x7f ? 1 : 4;
  return n;
}

/** Collects lines until the byte budget is spent, then only counts; the line that crosses it is kept up to the budget. */
class Out {
  text = '';
  bytes = 0;
  cut = false;
  constructor(private readonly limit: number) {}
  push(line: string): void {
    this.pushMade(Buffer.byteLength(line), () => line);
  }

  /** A line of `size` bytes, made only as far as it is shown (`make(budget)` gives at least that much when it can). */
  pushMade(size: number, make: (budget: number) => string): void {
    const separator = this.bytes ? '\n' : '';
    if (!this.cut && this.bytes + size + separator.length <= this.limit) this.text += separator + make(Infinity);
    else if (!this.cut) {
      // A single big element (a 5 MB string, a stream field) shows its first bytes rather than nothing.
      const budget = this.limit - this.bytes - separator.length;
      this.text += separator + fitting(make(budget), budget);
      this.cut = true;
    }
    this.bytes += size + separator.length;
  }
}

/** The longest start of `line` within `budget` UTF-8 bytes, never splitting a character. */
function fitting(line: string, budget: number): string {
  if (budget <= 0) return '';
  const bytes = Buffer.from(line).subarray(0, budget);
  // Drop a character cut in half: its lead byte and any continuation bytes of it that fit.
  let end = bytes.length;
  let back = end - 1;
  while (back >= 0 && (bytes[back] & 0xc0) === 0x80) back--;
  if (back >= 0 && bytes[back] >= 0xc0) {
    const need = bytes[back] >= 0xf0 ? 4 : bytes[back] >= 0xe0 ? 3 : 2;
    if (end - back < need) end = back;
  }
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Writes a reply as redis-cli prints it on a terminal: "(integer) 1",
 * "(nil)", "(error) …", quoted bulk strings, status replies bare, and
 * nested arrays numbered "1) " with their children indented under them.
 * `status` tells a top-level simple-string reply (OK, PONG) from a bulk one,
 * which the client's buffers cannot.
 */
function write(out: Out, reply: unknown, prefix: string, indent: string, status: boolean): void {
  if (reply === null || reply === undefined) return out.push(`${prefix}(nil)`);
  if (reply instanceof Error) return out.push(`${prefix}(error) ${reply.message}`);
  if (typeof reply === 'number' || typeof reply === 'bigint') return out.push(`${prefix}(integer) ${reply}`);
  if (Buffer.isBuffer(reply)) {
    if (status) return out.push(prefix + reply.toString('utf8'));
    // Quoted text is ASCII: its length in characters is its length in bytes.
    return out.pushMade(Buffer.byteLength(prefix) + quotedLength(reply), (budget) => prefix + quoteBytes(reply, budget));
  }
  if (typeof reply === 'string') return out.push(prefix + (status ? reply : quoteBytes(Buffer.from(reply))));
  if (Array.isArray(reply)) {
    if (reply.length === 0) return out.push(`${prefix}(empty array)`);
    const width = String(reply.length).length;
    reply.forEach((item, i) => {
      const label = `${String(i + 1).padStart(width)}) `;
      const pad = ' '.repeat(label.length);
      // The first line carries the parent's prefix; later ones line up under it.
      write(out, item, i === 0 ? prefix + label : indent + label, indent + pad, false);
    });
    return;
  }
  return out.push(prefix + String(reply));
}

/** The reply as redis-cli would print it, cut at `limit` bytes; `cutFrom` is the full size, which the renderer says. */
export function formatCliReply(reply: unknown, opts: { status?: boolean; limit?: number } = {}): { text: string; cutFrom?: number } {
  const out = new Out(opts.limit ?? CONSOLE_REPLY_BYTES);
  write(out, reply, '', '', !!opts.status);
  return out.cut ? { text: out.text, cutFrom: out.bytes } : { text: out.text };
}
