import { Command } from 'ioredis';

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

/** Sends one console command on its connection and resolves with Redis' reply, unreshaped. */
export function sendRaw(client: { sendCommand(command: Command): unknown }, name: string, args: Buffer[]): Promise<unknown> {
  const command = new RawReplyCommand(name, args);
  client.sendCommand(command);
  return command.promise as Promise<unknown>;
}
