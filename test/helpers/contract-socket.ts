import WebSocket from 'ws';

/**
 * Speaks the contract straight over the web host's socket, as any script on
 * the machine could: no renderer in between. `send` resolves with the whole
 * answer ({ id, result }), `result` with its result alone.
 */
export async function contractSocket<Result = unknown>(host: { port: number; token: string }) {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const send = (channel: string, input: unknown): Promise<{ id: number; result: Result }> => {
    const id = nextId++;
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString());
        if (message.id !== id) return;
        ws.off('message', onMessage);
        resolve(message);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, channel, input }));
    });
  };
  return { ws, send, result: async (channel: string, input: unknown): Promise<Result> => (await send(channel, input)).result };
}
