import { describe, expect, it } from 'vitest';
import { mergeFlags } from '../../electron/core/feed/keys-feed';
import { resolveParams, sourceRegion } from '../../electron/core/engine/pattern';
import { cacheAside } from '../../electron/core/patterns/cache-aside';
import { summarize } from '../../electron/core/patterns';
import { displayBytes, escapedAsText } from '../../electron/core/redis/display-bytes';
import { assertInNamespace, globEscape } from '../../electron/core/redis/namespace';
import { formatReply } from '../../electron/core/redis/traced-client';
import { toErrorData } from '../../electron/core/app-error';
import { fmt } from '../helpers/format-message';

describe('core helpers', () => {
  it('cuts a named region out of a source file and dedents it', () => {
    const src = ['x', '  // #region a', '    const y = 1;', '    if (y) {', '      go();', '    }', '  // #endregion', 'z'].join('\n');
    expect(sourceRegion(src, 'a')).toBe('const y = 1;\nif (y) {\n  go();\n}');
    expect(() => sourceRegion(src, 'missing')).toThrow(/No "\/\/ #region missing"/);
  });

  it('shows the real step code in the pattern summary', () => {
    const summary = summarize(cacheAside, { userId: 3 });
    expect(summary.steps[0].title).toEqual({ id: 'cacheAside.step.first', values: { userId: 3 } });
    expect(fmt(summary.steps[0].title)).toBe('First read of user 3');
    expect(fmt(summary.steps[0].title, 'ko')).toBe('사용자 3 첫 조회');
    expect(summary.steps[0].code).toContain('await redis.get(cacheKey)');
    expect(summary.steps[0].code).toContain('await redis.setex(cacheKey, params.ttlSeconds, JSON.stringify(user))');
    expect(summary.steps[0].code).not.toContain('#region');
  });

  it('fills defaults and clamps parameters', () => {
    expect(resolveParams(cacheAside.params, { ttlSeconds: 10.6, userId: Number.NaN })).toEqual({ userId: 1, ttlSeconds: 11, dbLatencyMs: 100 });
  });

  it('formats replies like redis-cli', () => {
    expect(formatReply(null)).toBe('(nil)');
    expect(formatReply(3)).toBe('(integer) 3');
    expect(formatReply('OK')).toBe('"OK"');
    expect(formatReply(['a', 1])).toBe('["a", (integer) 1]');
    expect(formatReply([])).toBe('(empty array)');
    expect(formatReply({ t1: '3:40' })).toBe('{t1: "3:40"}');
    expect(formatReply({})).toBe('(empty hash)');
    expect(formatReply("x".repeat(1000))).toMatch(/…" \(1000 chars\)$/);
  });

  it('displays binary bytes as \\xNN and text as text', () => {
    expect(displayBytes(Buffer.from('user:1'))).toBe('user:1');
    expect(displayBytes(Buffer.from('naïve ✓'))).toBe('naïve ✓');
    expect(displayBytes(Buffer.from([0xff, 0x41, 0x00]))).toBe('\\xffA\\x00');
    expect(displayBytes(Buffer.from('tab\there'))).toBe('tab\\x09here');
    expect(displayBytes(Buffer.from('abcdef'), 3)).toBe('abc…');
  });

  it('a value shown as text escapes what would reorder it, and says when its own backslashes look like escapes (found by the independent tester)', () => {
    // U+202E drew "편집됨 \u202e 😀" reversed; the isolates and marks reorder too. Korean, emoji and JSON's backslashes stay as they are.
    expect(displayBytes(Buffer.from('편집됨 \u202e 😀'))).toBe('편집됨 \\u202e 😀');
    expect(displayBytes(Buffer.from('a\u2067b\u200fc'))).toBe('a\\u2067b\\u200fc');
    expect(displayBytes(Buffer.from('{"path":"C:\\\\tmp"}'))).toBe('{"path":"C:\\\\tmp"}');
    expect(escapedAsText(Buffer.from('plain \\x00 text'))).toBe(false);
    expect(escapedAsText(Buffer.from('a\u202eb'))).toBe(true);
    expect(escapedAsText(Buffer.from([0x61, 0x00]))).toBe(true);
    expect(escapedAsText(Buffer.from([0xff]))).toBe(true);
  });

  it('never shows two different key names alike (found by the independent tester)', () => {
    const name = (s: string | Buffer) => displayBytes(Buffer.isBuffer(s) ? s : Buffer.from(s), 200, 'name');
    // The 12-character name with a literal backslash, and the name with byte 0.
    expect(name('rpi:bin:\\x00')).toBe('rpi:bin:\\\\x00');
    expect(name(Buffer.from([0x72, 0x3a, 0x00]))).toBe('r:\\x00');
    expect(name('rpi:bin:\\x00')).not.toBe(name(Buffer.concat([Buffer.from('rpi:bin:'), Buffer.from([0])])));
    // Zero width, direction override, BOM and soft hyphen are shown as what they are.
    expect(name('rpi:zw:a\u200bb')).toBe('rpi:zw:a\\u200bb');
    expect(name('rpi:odd:\u202ertl')).toBe('rpi:odd:\\u202ertl');
    expect(name('\ufeffk\u00ad')).toBe('\\ufeffk\\u00ad');
    // Korean and emoji stay as text; a value's own backslashes stay single.
    expect(name('한글:😀')).toBe('한글:😀');
    expect(displayBytes(Buffer.from('{"path":"C:\\\\x"}'))).toBe('{"path":"C:\\\\x"}');
  });

  it('escapes glob characters and checks key positions, binary keys included', () => {
    expect(globEscape('a*b?[c]\\')).toBe('a\\*b\\?\\[c\\]\\\\');
    expect(() => assertInNamespace('ns:', 'MSET', ['ns:a', '1', 'other', '2'])).toThrow(/MSET other is outside/);
    expect(() => assertInNamespace('ns:', 'MSET', ['ns:a', '1', 'ns:b', 'other'])).not.toThrow();
    expect(() => assertInNamespace('ns:', 'GET', [Buffer.from([0x6e, 0x73, 0x3a, 0xff])])).not.toThrow();
    expect(() => assertInNamespace('ns:', 'PING', [])).not.toThrow();
  });

  it('compares a string key with the namespace as the UTF-8 bytes Redis receives, a Korean or malformed namespace included', () => {
    expect(() => assertInNamespace('캐시:', 'GET', ['캐시:user:1'])).not.toThrow();
    expect(() => assertInNamespace('캐시:', 'GET', [Buffer.from('캐시:user:1')])).not.toThrow();
    expect(() => assertInNamespace('캐시:', 'GET', ['캐:user:1'])).toThrow(/outside/);
    // A lone surrogate is sent as U+FFFD's bytes: the text "starts with" the namespace, the bytes do not.
    expect(() => assertInNamespace('a\uD800', 'GET', ['a\uD800\uDC00x'])).toThrow(/outside/);
    // And the other way round: different text, the same bytes on the wire.
    expect(() => assertInNamespace('a\uFFFD', 'GET', ['a\uD800x'])).not.toThrow();
  });

  it('adds keyspace flags to the server setting without dropping any', () => {
    expect(mergeFlags('')).toBe('KA');
    expect(mergeFlags('Ex')).toBe('ExKA');
  });

  it('turns a dropped connection into a retryable message', () => {
    expect(toErrorData(new Error('Connection is closed.'))).toMatchObject({ code: 'redis_unavailable' });
    expect(toErrorData('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});
