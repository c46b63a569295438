/**
 * HTTP and WebSocket at the byte level, for the fuzz tests: a real client
 * library would refuse to send most of what these send (bad escapes,
 * duplicate headers, unmasked frames, invalid UTF-8, reserved opcodes).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawAnswer {
  /** The status code of the host's first response line, or null when it closed (or went silent) without one. */
  status: number | null;
  /** Every byte the host sent before the exchange ended. */
  bytes: Buffer;
  /** How the exchange ended: the host closed, or we stopped waiting. */
  end: 'closed' | 'timeout';
}

/**
 * Writes bytes on a fresh connection and waits for the first complete
 * response head (or, with untilClose, for the host to close), or the timeout.
 */
export function rawExchange(port: number, request: Buffer | string, timeoutMs = 5000, untilClose = false): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let bytes: Buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (end: RawAnswer['end']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3}) /.exec(bytes.subarray(0, 32).toString('latin1'));
      resolve({ status: match ? Number(match[1]) : null, bytes, end });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      bytes = Buffer.concat([bytes, chunk]);
      if (!untilClose && bytes.includes('\r\n\r\n')) finish('closed');
    });
    // The host may close while we are still writing (it refused early): that is an answer, not a failure.
    socket.on('error', () => finish('closed'));
    socket.on('close', () => finish('closed'));
  });
}

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1-3 bits (0-7). */
  rsv?: number;
  /** Clients must mask; false sends a protocol violation. */
  mask?: boolean;
  /** Claim this payload length in the header instead of the real one. */
  claimLength?: number;
}

export function encodeFrame({ opcode, payload = Buffer.alloc(0), fin = true, rsv = 0, mask = true, claimLength }: FrameSpec): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = claimLength ?? data.length;
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), data]);
  const key = randomBytes(4);
  const masked = Buffer.from(data);
  for (let i = 0; i < masked.length; i++) masked[i] ^= key[i & 3];
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** Reads the host's (unmasked) frames one by one. */
function decodeFrame(buffer: Buffer): { frame: Frame; rest: Buffer } | null {
  if (buffer.length < 2) return null;
  let length = buffer[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return null;
  return {
    frame: { fin: (buffer[0] & 0x80) !== 0, opcode: buffer[0] & 0x0f, payload: buffer.subarray(offset, offset + length) },
    rest: buffer.subarray(offset + length),
  };
}

export interface UpgradeHeaders {
  port: number;
  token?: string;
  origin?: string;
}

export function upgradeRequest({ port, token, origin = `http://127.0.0.1:${port}` }: UpgradeHeaders): string {
  const query = token === undefined ? '' : `?token=${token}`;
  return [
    `GET /ws${query} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: ${origin}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** A WebSocket client that sends whatever frames it is told to. */
export class RawWebSocket {
  private buffer: Buffer = Buffer.alloc(0);
  private frames: Frame[] = [];
  private wake?: () => void;
  closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (let next = decodeFrame(this.buffer); next; next = decodeFrame(this.buffer)) {
        this.frames.push(next.frame);
        this.buffer = next.rest;
      }
      this.wake?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** Completes the handshake; rejects with the status when the host refuses. */
  static open(opts: UpgradeHeaders): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(opts.port, '127.0.0.1', () => socket.write(upgradeRequest(opts)));
      let head: Buffer = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        const status = head.subarray(0, 12).toString('latin1');
        if (!status.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          return reject(new Error(status));
        }
        const ws = new RawWebSocket(socket);
        if (head.length > end + 4) socket.emit('data', head.subarray(end + 4));
        resolve(ws);
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  }

  send(spec: FrameSpec | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(Buffer.isBuffer(spec) ? spec : encodeFrame(spec));
  }

  /** The next frame from the host; null when it closed the connection or nothing came in time. */
  async next(timeoutMs = 5000): Promise<Frame | null> {
    const deadline = performance.now() + timeoutMs;
    while (this.frames.length === 0 && !this.closed && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - performance.now());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.frames.shift() ?? null;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** The status code in a close frame's payload. */
export function closeCode(frame: Frame): number | null {
  return frame.opcode === 0x8 && frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null;
}
