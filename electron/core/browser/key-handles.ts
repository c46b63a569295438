import { createHash } from 'node:crypto';
import { AppError } from '../app-error';
import { msg } from '../../../shared/i18n/message';

/** Names up to this many bytes travel as their base64 (stateless: an id works after a host restart too). */
export const INLINE_NAME_BYTES = 192;
/** The host holds longer names for the renderer, at most this many bytes and names in all, least recently used first out. */
const HELD_BYTES = 32 * 1024 * 1024;
const HELD_NAMES = 20_000;

/** A long key name's id: '#' and 128 bits of its SHA-256, so the same key always gets the same id. */
const HANDLE = /^#[0-9a-f]{32}$/;

/**
 * Maps short ids to key names so the renderer never sends a long name back:
 * a 1 MB key name would otherwise travel in every details and value request.
 * One registry per connection (keyed by its control client), bounded in
 * bytes and count; a name pushed out is found again by the next scan.
 */
export class KeyHandles {
  private readonly held = new Map<string, Buffer>();
  private bytes = 0;

  /** The id for a key: inline base64 when short (or `forceHandle` is false), a held handle otherwise. */
  idOf(key: Buffer, forceHandle = false): string {
    if (key.length <= INLINE_NAME_BYTES && !forceHandle) return key.toString('base64');
    const id = `#${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    const old = this.held.get(id);
    if (old) this.held.delete(id);
    else this.bytes += key.length;
    this.held.set(id, old ?? key);
    while (this.bytes > HELD_BYTES || this.held.size > HELD_NAMES) {
      const [oldest, name] = this.held.entries().next().value as [string, Buffer];
      this.held.delete(oldest);
      this.bytes -= name.length;
    }
    return id;
  }

  /** The key an id names, or undefined when it is a handle no longer held. */
  keyOf(id: string): Buffer | undefined {
    if (!id.startsWith('#')) return Buffer.from(id, 'base64');
    if (!HANDLE.test(id)) throw new AppError('invalid_input', msg('errors.browser.badId'), { field: 'id' });
    const key = this.held.get(id);
    if (key) {
      // Recently used names stay longest.
      this.held.delete(id);
      this.held.set(id, key);
    }
    return key;
  }

  /** Held names and their bytes, for tests and diagnostics. */
  stats(): { names: number; bytes: number } {
    return { names: this.held.size, bytes: this.bytes };
  }
}

const registries = new WeakMap<object, KeyHandles>();

/** The registry of one connection; it goes with the connection's client. */
export function handlesFor(client: object): KeyHandles {
  let handles = registries.get(client);
  if (!handles) registries.set(client, (handles = new KeyHandles()));
  return handles;
}
