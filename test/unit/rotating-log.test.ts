import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED, redactFields, redactString } from '../../electron/core/log/redact';
import { createRotatingLog } from '../../electron/core/log/rotating-log';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rpi-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the rotating log', () => {
  it('writes one line per event with its fields', () => {
    const dir = path.join(tempDir(), 'logs');
    const log = createRotatingLog({ dir, now: () => new Date('2026-01-02T03:04:05.000Z') });
    log.info('app.start', { version: '0.1.0', electron: '45.5.0' });
    log.error('shutdown.failed', { code: 'ECONNRESET' });
    expect(readFileSync(log.file, 'utf8')).toBe(
      '2026-01-02T03:04:05.000Z INFO app.start version="0.1.0" electron="45.5.0"\n2026-01-02T03:04:05.000Z ERROR shutdown.failed code="ECONNRESET"\n',
    );
  });

  it('rotates before a line would pass the size limit and keeps only the newest generations', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, maxBytes: 200, keep: 3 });
    for (let i = 0; i < 40; i++) log.info('tick', { i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2', 'main.log.3']);
    for (const file of files) expect(readFileSync(path.join(dir, file)).length).toBeLessThanOrEqual(200);
    // The live file holds the last event; each older generation holds earlier ones, none lost between them.
    const numbers = (file: string) => [...readFileSync(path.join(dir, file), 'utf8').matchAll(/i=(\d+)/g)].map((m) => Number(m[1]));
    const live = numbers('main.log');
    expect(live.at(-1)).toBe(39);
    expect(numbers('main.log.1').at(-1)).toBe(live[0] - 1);
    expect(numbers('main.log.2').at(-1)).toBe(numbers('main.log.1')[0] - 1);
  });

  it('continues an existing file across launches and rotates it when full', () => {
    const dir = tempDir();
    createRotatingLog({ dir, maxBytes: 120 }).info('first.launch');
    const second = createRotatingLog({ dir, maxBytes: 120 });
    second.info('second.launch', { note: 'x'.repeat(40) });
    expect(readFileSync(path.join(dir, 'main.log.1'), 'utf8')).toContain('first.launch');
    expect(readFileSync(second.file, 'utf8')).toContain('second.launch');
  });

  it('never writes a password, a credential inside a URL or a value', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir });
    log.info('connection.connect', {
      kind: 'existing',
      host: 'redis.local',
      port: 6379,
      password: 'hunter2',
      url: 'rediss://admin:s3cr%40t@redis.local:6380/2',
      label: 'see redis://:pl@in/text@10.0.0.1:6379 here',
      value: '{"balance":100}',
      authToken: 'abc',
    });
    log.warn('multi\nline\r\nevent', { message: 'line one\n2026-01-01T00:00:00.000Z ERROR forged' });
    const text = readFileSync(log.file, 'utf8');
    for (const secret of ['hunter2', 'admin', 's3cr', 'pl@in', 'text@', 'balance', 'abc']) expect(text).not.toContain(secret);
    expect(text).toContain('host="redis.local" port=6379');
    expect(text).toContain(`url="rediss://${REDACTED}@redis.local:6380/2"`);
    expect(text).toContain(`password="${REDACTED}"`);
    expect(text.trim().split('\n')).toHaveLength(2);
  });

  it('redacts by field name and bounds long strings', () => {
    expect(redactFields({ Password: 'x', secretKey: 'y', port: 1, tls: true, missing: undefined })).toEqual({ Password: REDACTED, secretKey: REDACTED, port: 1, tls: true });
    expect(redactString('a'.repeat(500))).toHaveLength(201);
    expect(redactString('http://example.com/no-credentials')).toBe('http://example.com/no-credentials');
  });

  it('swallows a write failure instead of throwing into the app', () => {
    const blocker = path.join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const log = createRotatingLog({ dir: path.join(blocker, 'logs') });
    expect(() => log.info('x')).not.toThrow();
    expect(() => log.info('y')).not.toThrow();
  });
});
