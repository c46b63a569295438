/** A literal "\xff" typed into a value and the byte 0xff never look alike in a row's preview or a value cell (found by a new user). */
import { describe, expect, it } from 'vitest';
import { shownText } from '../../renderer/src/components/value-bytes';
import { consoleOnTestRedis } from '../helpers/console-core';

const id = (key: string) => Buffer.from(key).toString('base64');

describe('escapes in compact cells', () => {
  const h = consoleOnTestRedis('ce:');

  it('a row preview doubles a literal backslash, as redis-cli quotes it, so it differs from an escaped byte', async () => {
    await h.admin.set('ce:literal', 'Y\\xff');
    await h.admin.set('ce:bytes', Buffer.from([0x59, 0xff]));
    const [literal, bytes] = await h.app.call<{ preview: string }[]>('browser.details', { ids: [id('ce:literal'), id('ce:bytes')] });
    expect(literal.preview).toBe('Y\\\\xff');
    expect(bytes.preview).toBe('Y\\xff');
  });

  it('a value cell does the same', () => {
    expect(shownText({ text: 'Y\\xff' })).toBe('Y\\\\xff');
    expect(shownText({ text: Buffer.from([0x59, 0xff]).toString('base64'), enc: 'base64' })).toBe('Y\\xff');
    expect(shownText({ text: 'tab\there\u0001' })).toBe('tab\there\\x01');
  });
});
