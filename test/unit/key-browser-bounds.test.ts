import { describe, expect, it } from 'vitest';
import { denialOf } from '../../electron/core/browser/denial';
import { cellDisplay, cutDisplay, fitDisplay, fitText, jsonBytes } from '../../electron/core/browser/display-cut';
import { INLINE_NAME_BYTES, KeyHandles } from '../../electron/core/browser/key-handles';

describe('cutting names and values for display', () => {
  it('never splits a UTF-8 character, so a cut valid name is not shown as \\xNN', () => {
    const name = Buffer.from('ключ:значение'); // two bytes a letter
    expect(cutDisplay(name, 5)).toEqual({ text: 'кл…', cut: true });
    expect(cutDisplay(name, 6)).toEqual({ text: 'клю…', cut: true });
    expect(cutDisplay(Buffer.from('ab'), 5)).toEqual({ text: 'ab', cut: false });
    expect(cellDisplay({ head: Buffer.from('€€'), bytes: 1000 })).toBe('€€…');
    expect(cellDisplay({ head: Buffer.from('€€').subarray(0, 5), bytes: 1000 })).toBe('€…');
  });

  it('fits binary text to a JSON budget although each byte escapes to five', () => {
    const binary = Buffer.alloc(1000, 0x01);
    const shown = fitDisplay(binary, 1000, 400);
    expect(shown.cut).toBe(true);
    expect(jsonBytes(shown.text)).toBeLessThanOrEqual(400);
    expect(shown.text.startsWith('\\x01')).toBe(true);
    const text = fitText('\\x01'.repeat(100), 50);
    expect(jsonBytes(text.text)).toBeLessThanOrEqual(50);
    expect(text.text).toMatch(/^(\\x01)+…$/);
  });
});

describe('key ids', () => {
  it('sends short names as base64 and long ones as a stable handle the host resolves', () => {
    const handles = new KeyHandles();
    const short = Buffer.from('user:1');
    expect(handles.idOf(short)).toBe(short.toString('base64'));
    const long = Buffer.alloc(INLINE_NAME_BYTES + 1, 'x');
    const id = handles.idOf(long);
    expect(id).toMatch(/^#[0-9a-f]{32}$/);
    expect(handles.idOf(long)).toBe(id);
    expect(handles.keyOf(id)!.equals(long)).toBe(true);
    expect(handles.keyOf('#' + '0'.repeat(32))).toBeUndefined();
    expect(() => handles.keyOf('#nope')).toThrow(/32 hex digits/);
  });

  it('holds at most 32 MiB of long names, the least recently used leaving first', () => {
    const handles = new KeyHandles();
    const names = Array.from({ length: 40 }, (_, i) => Buffer.alloc(1024 * 1024, i));
    const ids = names.map((n) => handles.idOf(n));
    expect(handles.stats().bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(handles.keyOf(ids[0])).toBeUndefined();
    expect(handles.keyOf(ids[39])!.equals(names[39])).toBe(true);
  });
});

describe('reading ACL refusals', () => {
  it('names the command, or the key and the command sent, in every Redis wording', () => {
    expect(denialOf(new Error("NOPERM this user has no permissions to run the 'pttl' command"), 'pttl')).toEqual({ kind: 'command', command: 'pttl' });
    expect(denialOf(new Error("NOPERM User reader has no permissions to run the 'eval' command"), 'evalsha')).toEqual({ kind: 'command', command: 'eval' });
    expect(denialOf(new Error('NOPERM this user has no permissions to access one of the keys used as arguments'), 'type')).toEqual({ kind: 'key', command: 'type' });
    expect(denialOf(new Error('NOPERM No permissions to access a key'), 'type')).toEqual({ kind: 'key', command: 'type' });
    expect(denialOf(new Error("ERR The user executing the script can't run this command or subcommand (while running lindex) script: 4f00…"), 'eval')).toEqual({ kind: 'command', command: 'lindex' });
    expect(denialOf(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'), 'strlen')).toBeUndefined();
  });
});
