/** Copy name gives a name the display escapes in redis-cli's quoting, which the console reads back as the same key (a tester's \u202e name could not be addressed from what was copied). */
import { describe, expect, it } from 'vitest';
import { consoleOnTestRedis } from '../helpers/console-core';

const id = (key: Buffer | string) => Buffer.from(key).toString('base64');

describe('Copy name', () => {
  const h = consoleOnTestRedis('cq:');

  it('copies a plain name as it is, and a name with hidden, control or binary bytes as redis-cli quotes it', async () => {
    const names = [Buffer.from('cq:a b'), Buffer.from("cq:it's"), Buffer.from('cq:rtl:\u202eevil\u202c'), Buffer.from('cq:new\nline\r\nhere'), Buffer.concat([Buffer.from('cq:bin:'), Buffer.from([0xff, 0x00, 0x22, 0x5c])])];
    for (const [i, name] of names.entries()) await h.admin.set(name, `v${i}`);
    await h.admin.set('cq:plain:이름', 'p');
    const plain = await h.app.call<{ text: string; quoted?: string }>('browser.list.name', { id: id('cq:plain:이름') });
    expect(plain).toEqual({ text: 'cq:plain:이름', bytes: Buffer.byteLength('cq:plain:이름'), cut: false });
    for (const [i, name] of names.entries()) {
      const copied = await h.app.call<{ text: string; quoted?: string }>('browser.list.name', { id: id(name) });
      expect(copied.quoted, name.toString('latin1')).toMatch(/^".*"$/s);
      // What was copied, pasted into the console, names the same key.
      expect((await h.app.run(`GET ${copied.quoted}`)).text, copied.quoted).toBe(`"v${i}"`);
    }
  });
});
