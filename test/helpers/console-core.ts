import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/transport/dispatch';
import type { RequestName } from '../../shared/contract';
import type { ConsoleReply } from '../../shared/server-console';

/** The app's core for console tests: requests through dispatch (a refusal throws), and `run` for one console line. */
export function consoleCore() {
  const core = new AppCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'rpi-console-')), transport: 'web', version: 'test' });
  async function call<T>(channel: RequestName, input: unknown = {}): Promise<T> {
    const result = await dispatch(core.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  const run = (line: string) => call<ConsoleReply>('console.run', { line });
  return { core, call, run };
}
