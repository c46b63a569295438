/**
 * Seeded generators of hostile input for the web host: HTTP requests and
 * upgrades, and WebSocket messages and frames. Each generated case carries
 * what the host must answer, so the fuzz test asserts more than survival.
 * Seeded (not fast-check) because the cases are drawn from hand-made
 * families; a failing seed and index reproduce one case exactly.
 */
import { randomBytes } from 'node:crypto';
import { encodeFrame } from './raw-socket';

/** mulberry32: small, fast, good enough to pick cases. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------- HTTP

export interface HttpCase {
  bytes: string;
  /** Only an upgrade with everything right may be answered 101. */
  mayUpgrade: boolean;
  /** Only GET or HEAD with the right Host may be answered 2xx. */
  maySucceed: boolean;
  /** The exact status, where the case pins one. */
  expect?: number;
  family: string;
}

const BAD_TARGETS = ['/%', '/%E0%A4%A', '//[', '//[/ws', '/%zz', '/%00', '/a%00b', '/a\\..\\b', '/%5c..%5cetc%5cpasswd', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../../../etc/passwd', '/./index.html', '/%C0%AE%C0%AE/', '/ws%00', '/ws/..', '/\u00ff\u00fe', '/?%', '/ws?token=%', '/ws?token=%E0%A4%A'];
const ODD_TARGETS = ['*', 'http://evil.example/', 'http://127.0.0.1/ws', 'index.html', '', ' ', '/ws#frag', '//', '///ws', '/index.html?x=%zz&&&', '/ws?token', '/ws?=&=&token=&'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'CONNECT', 'get', 'G\tET', 'GETT', 'X'.repeat(300)];

function targetFor(rng: Rng, token: string): { target: string; tokenOk: boolean; path: string } {
  const roll = rng.int(10);
  if (roll < 3) return { target: rng.pick(BAD_TARGETS), tokenOk: false, path: 'bad' };
  if (roll < 4) return { target: rng.pick(ODD_TARGETS), tokenOk: false, path: 'odd' };
  if (roll < 5) return { target: '/' + 'a/'.repeat(rng.int(4000)), tokenOk: false, path: 'long' };
  if (roll < 6) return { target: rng.pick(['/', '/index.html', '/missing.js', '/assets/']), tokenOk: false, path: 'file' };
  const tokens = [
    { q: `token=${token}`, ok: true },
    { q: '', ok: false },
    { q: 'token=', ok: false },
    { q: `token=${token}x`, ok: false },
    { q: `token=${token.slice(1)}`, ok: false },
    { q: `token=${token}&token=${token}`, ok: false },
    { q: `token=${token}&token=wrong`, ok: false },
    { q: `token=${encodeURIComponent(token)}%`, ok: false },
    { q: `TOKEN=${token}`, ok: false },
    { q: `token=${'A'.repeat(5000)}`, ok: false },
  ];
  const t = rng.pick(tokens);
  return { target: `/ws${t.q ? `?${t.q}` : ''}`, tokenOk: t.ok, path: 'ws' };
}

export function httpCase(rng: Rng, port: number, token: string): HttpCase {
  const good = `127.0.0.1:${port}`;
  const upgrade = rng.chance(0.5);
  const method = rng.chance(0.75) ? 'GET' : rng.pick(METHODS);
  const { target, tokenOk, path } = targetFor(rng, token);
  const version = rng.chance(0.9) ? 'HTTP/1.1' : rng.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', 'HTTPS/1.1', '']);
  const headers: string[] = [];

  const hostRoll = rng.int(10);
  const hosts = hostRoll < 6 ? [good] : hostRoll < 7 ? [] : hostRoll < 8 ? [good, 'evil.example'] : [rng.pick(['evil.example', `localhost.evil:${port}`, '127.0.0.1', '', 'h'.repeat(9000), `[::1]:${port}`])];
  for (const h of hosts) headers.push(`Host: ${h}`);
  const hostOk = hosts.length === 1 && (hosts[0] === good || hosts[0] === `localhost:${port}`);

  const originRoll = rng.int(8);
  const origins = originRoll < 5 ? [`http://${good}`] : originRoll < 6 ? [] : originRoll < 7 ? [`http://${good}`, `http://${good}`] : [rng.pick(['http://evil.example', 'null', `https://${good}`, `http://${good}.evil`, 'o'.repeat(3000)])];
  for (const o of origins) headers.push(`Origin: ${o}`);
  const originOk = origins.length === 1 && origins[0] === `http://${good}`;

  if (upgrade) {
    headers.push(rng.chance(0.9) ? 'Upgrade: websocket' : `Upgrade: ${rng.pick(['h2c', 'WebSocket2', ''])}`);
    headers.push('Connection: Upgrade');
    if (rng.chance(0.9)) headers.push(`Sec-WebSocket-Key: ${rng.chance(0.9) ? randomBytes(16).toString('base64') : 'not-a-key'}`);
    headers.push(`Sec-WebSocket-Version: ${rng.chance(0.9) ? '13' : rng.pick(['8', 'x', ''])}`);
  } else {
    headers.push('Connection: close');
  }

  const extra = rng.int(12);
  let family = upgrade ? `upgrade/${path}` : `http/${path}`;
  if (extra === 0) {
    headers.push(`X-Big: ${'b'.repeat(20_000 + rng.int(40_000))}`);
    family += '+huge-header';
  } else if (extra === 1) {
    for (let i = 0; i < 1500; i++) headers.push(`X-Many-${i}: ${i}`);
    family += '+many-headers';
  } else if (extra === 2) {
    headers.push(rng.pick(['No colon here', 'Bad\0Name: x', ' Folded: x', 'X-Ctl: a\x01b', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 1\r\nContent-Length: 2', 'Transfer-Encoding: chunked\r\nContent-Length: 3', 'Transfer-Encoding: gzip, chunked']));
    family += '+bad-header';
  } else if (extra === 3) {
    headers.push(`Cookie: ${'c=1; '.repeat(500)}`);
  }
  const body = rng.chance(0.1) ? rng.pick(['hello', '0\r\n\r\n', 'zz\r\n', '\0\0\0', 'GET / HTTP/1.1\r\n\r\n']) : '';
  const bytes = `${method} ${target} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${body}`;

  // Requests that used to end the process with a URIError get a plain 400, whatever the Host says.
  const crasher = ['/%', '/%E0%A4%A'].includes(target) && method === 'GET' && version === 'HTTP/1.1' && !upgrade && extra > 2 && body === '';
  return {
    bytes,
    family,
    mayUpgrade: upgrade && method === 'GET' && path === 'ws' && tokenOk && hostOk && originOk,
    maySucceed: (method === 'GET' || method === 'HEAD') && hostOk,
    expect: crasher ? 400 : undefined,
  };
}

// ---------------------------------------------------------------- WebSocket

export type WsExpect =
  /** A reply `{ id, result }`; ok says whether it must succeed. */
  | { kind: 'reply'; id: number | null; ok: boolean }
  | { kind: 'pong' }
  /** A WebSocket pong frame with this payload. */
  | { kind: 'pong-frame'; payload: Buffer }
  /** The host closes the connection with one of these codes. */
  | { kind: 'close'; codes: number[] };

export interface WsCase {
  frames: Buffer[];
  expect: WsExpect;
  family: string;
}

const HARMLESS = ['app.info', 'connection.status', 'patterns.list', 'session.current'];
const BAD_CHANNELS: unknown[] = ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'x'.repeat(65), 'app.info ', 'APP.INFO', 5, null, true, ['app.info'], { channel: 'app.info' }];
const BAD_INPUTS: unknown[] = [
  'str',
  42,
  [],
  [1, 2],
  { evil: true },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { kind: 'existing', port: '6379' },
  { kind: 'existing', port: 70000 },
  { kind: 'sandbox', namespace: '*' },
  { kind: 'nope' },
  { patternId: '../../etc' },
  { patternId: 'x'.repeat(100) },
];
const CHANNELS_WITH_SCHEMAS = ['connection.connect', 'session.open', 'app.info', 'keys.snapshot', 'session.step', 'db.rows'];

function deep(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A text message: JSON-ish or not; its expected reply follows from how it was made. */
function textCase(rng: Rng, id: number): WsCase {
  const text = (payload: string, expect: WsExpect, family: string): WsCase => ({ frames: [encodeFrame({ opcode: 1, payload })], expect, family });
  const roll = rng.int(16);
  const bad = (idValue: number | null) => ({ kind: 'reply', id: idValue, ok: false }) as const;
  switch (roll) {
    case 0:
      return text(rng.pick(['not json', '', '{', '[', '}', 'null', '42', '"s"', 'true', '[]', '{}', 'NaN', '\u0000', '\ufeff{}', "{'id':1}", '{"id":-1,', '{"id":1.5,']), bad(null), 'not-json');
    case 1: // Broken after the id: the id is still read from the raw text.
      return text(rng.pick([`{"id":${id},"channel":"app.info","input":{"a":[1,2`, `{"id":${id}}x`, ` { "id" : ${id} , "channel": }`]), bad(id), 'truncated');
    case 2: {
      const idValue = rng.pick<unknown>([-1, -0.5, 1.5, '7', null, 2 ** 53, 1e308, [], {}, true, 'x'.repeat(100)]);
      return text(JSON.stringify({ id: idValue, channel: 'app.info', input: {} }), bad(null), 'bad-id');
    }
    case 3:
      return text(`{"id":123456789012345678901234567890,"channel":"app.info","input":{}}`, bad(null), 'huge-id');
    case 4:
      return text(JSON.stringify({ id, channel: rng.pick(BAD_CHANNELS), input: {} }), bad(id), 'bad-channel');
    case 5:
      return text(JSON.stringify({ id, channel: rng.pick(CHANNELS_WITH_SCHEMAS), input: rng.pick(BAD_INPUTS) }), bad(id), 'bad-input');
    case 6:
      return text(`{"id":${id},"channel":"app.info","input":${deep(1000 + rng.int(20_000), '[', ']')}}`, bad(id), 'deep-input');
    case 7:
      return text(deep(1000 + rng.int(40_000), '{"a":', '}'), bad(null), 'deep-envelope');
    case 8:
      return text(`{"__proto__":{"id":${id},"channel":"app.info"},"constructor":{"prototype":{"polluted":true}}}`, bad(null), 'proto-envelope');
    case 9:
      return text(JSON.stringify({ id, channel: 'app.info', input: { ['k'.repeat(rng.int(100_000))]: 1 } }), bad(id), 'long-key');
    case 10: {
      const keys: Record<string, number> = {};
      for (let i = 0; i < 5000; i++) keys[`k${i}`] = i;
      return text(JSON.stringify({ id, channel: 'session.open', input: { patternId: 'cache-aside', params: keys } }), { kind: 'reply', id, ok: false }, 'many-keys');
    }
    case 11:
      // The envelope requires an input (null stands for none); without one it is malformed, but its id is known.
      return rng.chance(0.8)
        ? text(JSON.stringify({ id, channel: rng.pick(HARMLESS), input: rng.pick([{}, null]) }), { kind: 'reply', id, ok: true }, 'valid')
        : text(JSON.stringify({ id, channel: rng.pick(HARMLESS) }), bad(id), 'no-input');
    case 12:
      return text(JSON.stringify({ ping: id }), { kind: 'pong' }, 'ping-message');
    case 13:
      return text(JSON.stringify({ id, channel: 'app.info', input: {}, extra: 'x'.repeat(rng.int(200_000)) }), { kind: 'reply', id, ok: true }, 'extra-fields');
    case 14: {
      // One message in several fragments.
      const payload = Buffer.from(JSON.stringify({ id, channel: 'nope', input: {} }));
      const cut = 1 + rng.int(payload.length - 2);
      return { frames: [encodeFrame({ opcode: 1, payload: payload.subarray(0, cut), fin: false }), encodeFrame({ opcode: 0, payload: payload.subarray(cut) })], expect: bad(id), family: 'fragmented' };
    }
    default:
      return { frames: [encodeFrame({ opcode: 2, payload: Buffer.from(JSON.stringify({ id, channel: 'app.info', input: {} })) })], expect: bad(null), family: 'binary' };
  }
}

/** Frames that break the protocol: the host must close with the code RFC 6455 gives. */
function fatalCase(rng: Rng): WsCase {
  const close = (frames: Buffer[], codes: number[], family: string): WsCase => ({ frames, expect: { kind: 'close', codes }, family });
  switch (rng.int(12)) {
    case 0:
      return close([encodeFrame({ opcode: 1, payload: Buffer.from(rng.pick(['c3 28', 'ff fe', 'ed a0 80', 'f8 88 80 80 80', '7b 22 69 64 22 3a c0 af 7d']).replace(/ /g, ''), 'hex') })], [1007], 'invalid-utf8');
    case 1:
      return close([encodeFrame({ opcode: 1, payload: Buffer.alloc(256 * 1024 + 1 + rng.int(64 * 1024), 0x61) })], [1009], 'oversize');
    case 2:
      return close([encodeFrame({ opcode: 1, claimLength: 2 ** 31 + rng.int(1000) })], [1009], 'oversize-claimed');
    case 3:
      return close([encodeFrame({ opcode: rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: 'x' })], [1002], 'reserved-opcode');
    case 4:
      return close([encodeFrame({ opcode: 1, payload: '{}', rsv: 1 + rng.int(7) })], [1002], 'rsv-bits');
    case 5:
      return close([encodeFrame({ opcode: 1, payload: '{}', mask: false })], [1002], 'unmasked');
    case 6:
      return close([encodeFrame({ opcode: rng.pick([9, 10]), payload: Buffer.alloc(126 + rng.int(1000)) })], [1002], 'control-too-long');
    case 7:
      return close([encodeFrame({ opcode: 9, payload: 'p', fin: false })], [1002], 'control-fragmented');
    case 8:
      return close([encodeFrame({ opcode: 0, payload: 'orphan' })], [1002], 'orphan-continuation');
    case 9:
      return close([encodeFrame({ opcode: 1, payload: '{"id":', fin: false }), encodeFrame({ opcode: 1, payload: '1}' })], [1002], 'interleaved-data');
    case 10: {
      const payload = rng.pick([Buffer.from([0x03]), Buffer.from([0x03, 0xed]), Buffer.from([0x00, 0x00]), Buffer.from([0x03, 0xe8, 0xc3, 0x28])]);
      return close([encodeFrame({ opcode: 8, payload })], payload.length === 4 ? [1007] : [1002], 'bad-close');
    }
    default:
      return close([encodeFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe8]) })], [1000], 'clean-close');
  }
}

/** A frame that is fine on its own: a ping (answered with its payload) or an unsolicited pong (ignored; a ping follows). */
function controlCase(rng: Rng): WsCase {
  const payload = randomBytes(rng.int(126));
  if (rng.chance(0.5)) return { frames: [encodeFrame({ opcode: 9, payload })], expect: { kind: 'pong-frame', payload }, family: 'ping-frame' };
  return { frames: [encodeFrame({ opcode: 10, payload }), encodeFrame({ opcode: 9, payload })], expect: { kind: 'pong-frame', payload }, family: 'pong-then-ping' };
}

export function wsCase(rng: Rng, id: number): WsCase {
  const roll = rng.int(20);
  if (roll < 3) return fatalCase(rng);
  if (roll < 4) return controlCase(rng);
  return textCase(rng, id);
}
