import type { Redis } from 'ioredis';

/**
 * The key names the server says this command line would touch (COMMAND
 * GETKEYS, Redis 2.8.13+), or undefined when it will not say: the right to
 * run COMMAND is missing, the command has no keys, its arguments do not
 * parse, or the server does not know it. Then the local table's answer stands alone.
 */
export async function askServerKeys(client: Redis, argv: Buffer[]): Promise<Buffer[] | undefined> {
  try {
    const reply: unknown = await client.callBuffer('COMMAND', 'GETKEYS', ...argv);
    return Array.isArray(reply) && reply.every((key) => Buffer.isBuffer(key)) ? (reply as Buffer[]) : undefined;
  } catch {
    return undefined;
  }
}
