/** Copy value: what goes on the clipboard from the page the value pane shows, and the sentence that says what it was. */
import { describe, expect, it } from 'vitest';
import type { ValuePage } from '../../shared/key-editor-contract';
import { valueForClipboard } from '../../renderer/src/components/copy-value';

const base: ValuePage = { id: 'x', key: 'k', type: 'string', size: 0, pttl: -1, readAt: 0, writable: { ok: true }, at: { by: 'index', start: 0 } } as ValuePage;
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('Copy value', () => {
  it('copies a small string whole, exactly; binary bytes as the \\xNN escapes the editor takes', () => {
    const text = valueForClipboard({ ...base, size: 11, string: { offset: 0, length: 11, view: 'text', text: 'hello world', notes: [], whole: { text: 'hello "wo"\n' } } });
    expect(text).toEqual({ text: 'hello "wo"\n', said: { id: 'keyEditor.copy.whole', values: { bytes: 11 } } });
    const binary = valueForClipboard({ ...base, size: 3, string: { offset: 0, length: 3, view: 'text', text: '\\xff\\x00a', notes: [], whole: { text: b64([0xff, 0x00, 0x61]), enc: 'base64' } } });
    expect(binary).toEqual({ text: '\\xff\\x00a', said: { id: 'keyEditor.copy.escaped', values: { bytes: 3 } } });
  });

  it('copies a big string’s shown part only, and says which bytes', () => {
    const part = valueForClipboard({ ...base, size: 5_000_000, string: { offset: 65_536, length: 65_536, view: 'json', text: '{\n  "a": 1', notes: [] } });
    expect(part).toEqual({ text: '{\n  "a": 1', said: { id: 'keyEditor.copy.stringPart', values: { from: 65_536, to: 131_072, bytes: 5_000_000 } } });
  });

  it('copies a collection’s shown page as JSON, by type, counting elements Redis cut', () => {
    const hash = valueForClipboard({ ...base, type: 'hash', size: 10, rows: [{ cells: [{ text: 'name' }, { text: 'Ada' }] }, { cells: [{ text: 'bio' }, { text: 'x'.repeat(1024), bytes: 5000 }] }] });
    expect(JSON.parse(hash!.text)).toEqual({ name: 'Ada', bio: 'x'.repeat(1024) });
    expect(hash!.said).toEqual({ id: 'keyEditor.copy.rows', values: { n: 2, size: 10, cut: 1 } });
    const zset = valueForClipboard({ ...base, type: 'zset', size: 1, rows: [{ index: 0, score: '1.5', cells: [{ text: 'alice' }] }] });
    expect(JSON.parse(zset!.text)).toEqual([{ member: 'alice', score: '1.5' }]);
    const stream = valueForClipboard({ ...base, type: 'stream', size: 1, rows: [{ entryId: '1-0', cells: [{ text: 'f' }, { text: 'v' }, { text: 'g' }, { text: b64([0xfe]), enc: 'base64' }] }] });
    expect(JSON.parse(stream!.text)).toEqual([{ id: '1-0', fields: { f: 'v', g: '\\xfe' } }]);
    const list = valueForClipboard({ ...base, type: 'list', size: 2, rows: [{ index: 0, cells: [{ text: 'a' }] }, { index: 1, cells: [{ text: 'b' }] }] });
    expect(JSON.parse(list!.text)).toEqual(['a', 'b']);
  });

  it('offers nothing when the page holds no value', () => {
    expect(valueForClipboard({ ...base, type: 'unknown' })).toBeUndefined();
  });
});
