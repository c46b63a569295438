/** One command as MONITOR reported it. */
export interface MonitorLine {
  seq: number;
  /** The server's clock, in ms. */
  at: number;
  /** "127.0.0.1:51234", "[::1]:51234", "lua", "unix:…". */
  source: string;
  command: string;
  args: string[];
}

/**
 * The newest lines MONITOR reported, in the server's order: a bounded ring
 * (MONITOR sees every client of the server, so it must never grow with
 * traffic) with a count of what fell out.
 */
export class MonitorLog {
  private readonly lines: (MonitorLine | undefined)[];
  private next = 0;
  dropped = 0;

  constructor(readonly capacity = 20_000) {
    this.lines = new Array(capacity);
  }

  push(at: number, source: string, command: string, args: string[]): void {
    const slot = this.next % this.capacity;
    if (this.lines[slot]) this.dropped++;
    this.lines[slot] = { seq: this.next, at, source, command, args };
    this.next++;
  }

  /** The sequence number the next line will get: a step remembers it to read only what came after. */
  get mark(): number {
    return this.next;
  }

  /** Lines from `from` on (those still held). */
  since(from: number): MonitorLine[] {
    const out: MonitorLine[] = [];
    for (let seq = Math.max(from, this.next - this.capacity); seq < this.next; seq++) {
      const line = this.lines[seq % this.capacity];
      if (line && line.seq === seq) out.push(line);
    }
    return out;
  }
}
