import { Command, type Redis } from 'ioredis';

/**
 * A console command whose reply is what Redis sent. ioredis reshapes some
 * replies for its own API: HGETALL's array becomes an object, which the
 * console printed as "[object Object]" (and an object cannot hold binary
 * field names, nor the same name twice).
 */
export class RawReplyCommand extends Command {
  constructor(name: string, args: Buffer[]) {
    super(name, args, { replyEncoding: null });
  }

  override transformReply(result: Buffer | Buffer[]): Buffer | Buffer[] {
    return result;
  }
}

/** Thrown when a reply outgrew the console's read limit: the connection was closed under it, the rest never read. */
export class ReplyTooLarge extends Error {
  constructor(readonly received: number) {
    super(`the reply passed ${received} bytes`);
    this.name = 'ReplyTooLarge';
  }
}

/**
 * Sends one console command on its connection and resolves with Redis'
 * reply, unreshaped. At most `maxBytes` are read for it: the client only
 * hands over a reply once all of it has arrived, so the bytes are counted
 * as they come off the socket, and past the limit the socket is destroyed
 * (Redis drops the rest of the reply with it) instead of holding a reply of
 * any size in the host: ending it would still read what is on its way. The
 * client then reconnects by itself, on a fresh connection; a client made to
 * give up on a command when its connection drops (maxRetriesPerRequest 0,
 * no resending) rejects this one, which is reported as too large.
 */
export function sendRaw(client: Redis, name: string, args: Buffer[], maxBytes = Infinity): Promise<unknown> {
  const command = new RawReplyCommand(name, args);
  const stream = (client as unknown as { stream?: NodeJS.EventEmitter & { destroy(): void } }).stream;
  let received = 0;
  let cut = false;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= maxBytes || cut) return;
    cut = true;
    stream?.destroy();
  };
  if (Number.isFinite(maxBytes)) stream?.on('data', count);
  client.sendCommand(command);
  return (command.promise as Promise<unknown>).then(
    (reply) => {
      stream?.off('data', count);
      return reply;
    },
    (err: unknown) => {
      stream?.off('data', count);
      throw cut ? new ReplyTooLarge(received) : err;
    },
  );
}
