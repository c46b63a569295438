import type { Redis } from 'ioredis';
import { msg } from '../../../shared/i18n/message';
import { EDIT_BYTES, type ValueBytes } from '../../../shared/key-editor-contract';
import { AppError } from '../app-error';
import { denialOf } from '../browser/denial';
import { parse, runPage } from './value-page';
import { toValueBytes } from './value-bytes';

function tooLarge(size: number): never {
  throw new AppError('invalid_input', msg('keyEditor.tooLargeToEdit', { size, limit: EDIT_BYTES }));
}

/**
 * One list element's start (at most EDIT_BYTES + 1 bytes) and full length,
 * cut inside Redis by the page script, so checking a 2 MB element against
 * what the user saw never reads it whole; LINDEX where EVAL is refused.
 */
export async function listElementAt(client: Redis, key: Buffer, index: number): Promise<{ head: Buffer; bytes: number } | null> {
  try {
    const page = parse(await runPage(client, key, [String(index), 1, EDIT_BYTES + 1, EDIT_BYTES + 1, 0, 'forward', '0']));
    if (page.type !== 'list') return null;
    const cell = page.rows[0]?.[0];
    return cell ? { head: cell.head, bytes: cell.bytes } : null;
  } catch (err) {
    const d = denialOf(err, 'eval');
    if (!d || d.kind !== 'command' || !/^eval/.test(d.command)) throw err;
    const whole = await client.lindexBuffer(key, index);
    return whole ? { head: whole, bytes: whole.length } : null;
  }
}

/** Cuts a hash field's value inside Redis: its first ARGV[2] bytes and its full length; false when the field is absent. */
const FIELD_HEAD_LUA = `local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return false end
return { string.sub(v, 1, tonumber(ARGV[2])), #v }`;

/**
 * One hash field's value start (at most `limit` bytes) and full length, cut
 * inside Redis, so a field that grew after HSTRLEN never leaves it whole;
 * HSTRLEN then HGET where EVAL is refused.
 */
export async function hashFieldAt(client: Redis, key: Buffer, field: Buffer, limit = EDIT_BYTES + 1): Promise<{ head: Buffer; bytes: number } | null> {
  try {
    const reply = (await client.callBuffer('eval', FIELD_HEAD_LUA, 1, key, field, limit)) as [Buffer, number] | null;
    return reply ? { head: reply[0], bytes: Number(reply[1]) } : null;
  } catch (err) {
    const d = denialOf(err, 'eval');
    if (!d || d.kind !== 'command' || !/^eval/.test(d.command)) throw err;
    const size = await client.hstrlen(key, field);
    if (size > limit) return { head: Buffer.alloc(0), bytes: size };
    const whole = await client.hgetBuffer(key, field);
    return whole ? { head: whole, bytes: whole.length } : null;
  }
}

/** The whole of one string, hash value or list element to edit, at most EDIT_BYTES; null when it is gone. */
export async function readElement(client: Redis, key: Buffer, at: { field?: Buffer; index?: number }): Promise<ValueBytes | null> {
  const type = await client.type(key);
  if (type === 'string') {
    // GETRANGE, not GET: a value that grew past the bound after STRLEN still never leaves Redis whole.
    const [size, head] = await Promise.all([client.strlen(key), client.getrangeBuffer(key, 0, EDIT_BYTES)]);
    if (size > EDIT_BYTES || head.length > EDIT_BYTES) tooLarge(Math.max(size, head.length));
    return toValueBytes(head);
  }
  if (type === 'hash' && at.field) {
    const cell = await hashFieldAt(client, key, at.field);
    if (!cell) return null;
    if (cell.bytes > EDIT_BYTES) tooLarge(cell.bytes);
    return toValueBytes(cell.head);
  }
  if (type === 'list' && at.index !== undefined) {
    const cell = await listElementAt(client, key, at.index);
    if (!cell) return null;
    if (cell.bytes > EDIT_BYTES) tooLarge(cell.bytes);
    return toValueBytes(cell.head);
  }
  if (type === 'none') return null;
  throw new AppError('invalid_input', msg('keyEditor.noElement', { type }));
}
