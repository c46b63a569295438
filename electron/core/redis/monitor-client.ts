import type { Redis } from 'ioredis';

/**
 * A connection in MONITOR mode, listened to for errors from its first byte.
 *
 * Not ioredis' monitor(): that listens with once('error') only, and it marks
 * the connection as monitoring a tick after MONITOR's OK, so the monitor
 * lines that share OK's packet each emit a "command queue state" error —
 * the second one, unheard, threw out of the process (seen when an
 * exploration's reset ran right as MONITOR resumed, and in tests watching a
 * busy server). Those few lines are dropped: they came before this resolves.
 */
export async function openMonitor(base: Redis, connectionName = 'rpi:monitor'): Promise<Redis> {
  const client = base.duplicate({ connectionName, lazyConnect: true, enableReadyCheck: false, monitor: true });
  let failure: Error | undefined;
  let refused: ((err: Error) => void) | undefined;
  client.on('error', (err: Error) => {
    failure ??= err;
    // MONITOR refused by the server (an ACL, a managed Redis); a queue-state error of the OK race is not a refusal.
    if (err.name === 'ReplyError') refused?.(err);
  });
  try {
    await client.connect();
    await new Promise<void>((resolve, reject) => {
      if ((client.status as string) === 'monitoring') return resolve();
      const onClose = () => reject(failure ?? new Error('the monitor connection closed'));
      refused = reject;
      client.once('monitoring', () => {
        client.off('close', onClose);
        resolve();
      });
      client.once('close', onClose);
    });
    return client;
  } catch (err) {
    client.disconnect();
    throw err;
  }
}
