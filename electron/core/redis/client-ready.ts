import type { Redis } from 'ioredis';

/**
 * Resolves once the client is ready (at once when it is), or rejects with
 * `ended()` if the client ends first; it leaves no listener behind either way.
 */
export function whenReady(client: Redis, ended: () => Error): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      client.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      client.off('ready', onReady);
      reject(ended());
    };
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}
