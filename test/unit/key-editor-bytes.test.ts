import { describe, expect, it } from 'vitest';
import { decompress, decodeMsgpack, sniffCompression } from '../../electron/core/key-editor/decoders';
import { hexLines } from '../../electron/core/key-editor/string-page';
import { MAX_INDENT_DEPTH, prettyJson, skipJson } from '../../electron/core/key-editor/tolerant-json';
import { fromBytesIn, toValueBytes } from '../../electron/core/key-editor/value-bytes';
import { bytesFromEditor, editableText, escapeBytes, shownText, unescapeBytes } from '../../renderer/src/components/value-bytes';
import { gzipSync } from 'node:zlib';
import { pack } from 'msgpackr';

describe('value bytes: what travels and what is typed round-trips exactly', () => {
  it('UTF-8 travels as text, anything else as base64, and comes back as the same bytes', () => {
    const samples = [Buffer.from('héllo 👋'), Buffer.from([0xff, 0x00, 0xc3, 0x28]), Buffer.alloc(0), Buffer.from('\u0000\n\t')];
    for (const bytes of samples) {
      const v = toValueBytes(bytes);
      expect(fromBytesIn(v)).toEqual(bytes);
    }
    expect(toValueBytes(Buffer.from('héllo')).enc).toBeUndefined();
    expect(toValueBytes(Buffer.from([0xff])).enc).toBe('base64');
    // A cut start that ends inside a character is still text, without the broken character, with the full length.
    const cut = toValueBytes(Buffer.from('ab€').subarray(0, 4), 5);
    expect(cut).toEqual({ text: 'ab', bytes: 5 });
  });

  it('the editor types bytes that are not UTF-8 as \\xNN escapes, and parses them back to the same bytes', () => {
    const bytes = Uint8Array.from([0x00, 0x5c, 0x41, 0xff, 0x7f, 0x20]);
    const text = escapeBytes(bytes);
    expect(text).toBe('\\x00\\\\A\\xff\\x7f ');
    expect(unescapeBytes(text)).toEqual(bytes);
    const v = toValueBytes(Buffer.from(bytes));
    expect(editableText(v)).toBe(text);
    expect(fromBytesIn(bytesFromEditor(text, 'escaped')!)).toEqual(Buffer.from(bytes));
    expect(bytesFromEditor('\\x4', 'escaped')).toBeNull();
    expect(bytesFromEditor('bad \\q', 'escaped')).toBeNull();
    // Text typed with escapes mode keeps non-ASCII characters as their UTF-8 bytes.
    expect(fromBytesIn(bytesFromEditor('가\\x00', 'escaped')!)).toEqual(Buffer.concat([Buffer.from('가'), Buffer.from([0])]));
    expect(shownText({ text: 'a\u0001b' })).toBe('a\\x01b');
  });
});

describe('tolerant JSON pretty-printer', () => {
  it('a document nested deeper than anyone reads stops indenting at a fixed column: 32 KiB of [ once grew to a gigabyte of spaces', () => {
    const deep = '['.repeat(32 * 1024);
    const { text, state } = prettyJson(deep);
    expect(state.depth).toBe(32 * 1024);
    expect(text.length).toBeLessThanOrEqual(deep.length * (2 + 2 * MAX_INDENT_DEPTH));
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(' '.repeat(2 * MAX_INDENT_DEPTH) + '[');
    // Shallow documents are indented exactly as before.
    expect(prettyJson('[[1]]').text).toBe(JSON.stringify([[1]], null, 2));
  });

  it('indents a whole document like JSON.stringify', () => {
    const doc = { a: [1, { b: 'x, y: {z}' }], c: {}, d: [], e: 'q"uote\\' };
    expect(prettyJson(JSON.stringify(doc)).text).toBe(JSON.stringify(doc, null, 2));
  });

  it('indents a cut prefix, and a later page continues at the depth the earlier one ended', () => {
    const text = JSON.stringify({ users: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] });
    const cutAt = text.indexOf('"name":"b"') + 4;
    const first = prettyJson(text.slice(0, cutAt));
    expect(first.text.endsWith('"nam')).toBe(true);
    expect(first.state).toEqual({ depth: 3, inString: true, escaped: false });
    const rest = prettyJson(text.slice(cutAt), skipJson(text.slice(0, cutAt)));
    expect(first.text + rest.text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    // Any cut, even right after an opening bracket: the two pages together read as the whole document indented.
    for (let at = 1; at < text.length; at++) {
      expect(prettyJson(text.slice(0, at)).text + prettyJson(text.slice(at), skipJson(text.slice(0, at))).text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    }
  });
});

describe('decoders', () => {
  it('knows gzip and zlib by their first bytes, and stops a gzip bomb at the output bound', () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024));
    expect(sniffCompression(bomb)).toBe('gzip');
    const out = decompress(bomb, 'gzip', true);
    expect(out.cut).toBe(true);
    expect(out.out.length).toBe(256 * 1024);
  });

  it('decodes one MessagePack value, and says so when there is more than one', () => {
    expect(decodeMsgpack(pack({ a: [1, 2] }))).toEqual({ json: JSON.stringify({ a: [1, 2] }, null, 2) });
    expect(decodeMsgpack(Buffer.concat([pack(1), pack(2)]))).toEqual({ error: '2 values' });
  });

  it('hex lines carry the offset from the start of the value', () => {
    expect(hexLines(Buffer.from('Hello, hex world!'), 0x20)).toBe(
      '00000020  48 65 6c 6c 6f 2c 20 68  65 78 20 77 6f 72 6c 64  |Hello, hex world|\n00000030  21                                                |!|',
    );
  });
});
