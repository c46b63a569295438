/** The most a console reply may carry to the renderer, formatted. */
export const CONSOLE_REPLY_BYTES = 64 * 1024;

/** A bulk string as redis-cli quotes it: printable ASCII kept, \" \\ \n \r \t \a \b escaped, any other byte as \xHH. */
export function quoteBytes(buf: Buffer): string {
  let out = '"';
  for (const b of buf) {
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x22) out += '\\"';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x07) out += '\\a';
    else if (b === 0x08) out += '\\b';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Collects lines until the byte budget is spent, then only counts; the line that crosses it is kept up to the budget. */
class Out {
  text = '';
  bytes = 0;
  cut = false;
  constructor(private readonly limit: number) {}
  push(line: string): void {
    const separator = this.bytes ? '\n' : '';
    const size = Buffer.byteLength(line) + separator.length;
    if (!this.cut && this.bytes + size <= this.limit) this.text += separator + line;
    else if (!this.cut) {
      // A single big element (a 5 MB string, a stream field) shows its first bytes rather than nothing.
      this.text += separator + fitting(line, this.limit - this.bytes - separator.length);
      this.cut = true;
    }
    this.bytes += size;
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
  if (Buffer.isBuffer(reply)) return out.push(prefix + (status ? reply.toString('utf8') : quoteBytes(reply)));
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
