import { getKeyIndexes, hasFlag } from '@ioredis/commands';
import type { TraceEntry } from '../../../shared/model';
import type { StepContext } from '../engine/pattern';
import { globEscape, scanNamespace } from '../redis/namespace';
import type { ExploreEnv } from './explore';
import type { RaceVariant } from './race';

/** Setups that leave more keys than this are run for real every time (a snapshot would not be cheaper). */
const MAX_SNAPSHOT_KEYS = 64;
/** How many key names left by earlier schedules are remembered and unlinked up front. */
const KNOWN_LIMIT = 1024;
const SCAN_COUNT = 500;
/** More names than this since the last start: the walk is as cheap, and the names are not kept. */
const NAMED_LIMIT = 1024;
/** Commands that reach another database: after one, a start walks. */
const UNNAMEABLE = new Set(['select', 'swapdb', 'move', 'copy', 'migrate']);
/** Scripts and functions: their keys are the declared ones, by the same rule the namespace check applies. */
const DECLARED_KEYS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
const movable = new Map<string, boolean>();
/** Key positions by command and argument count: fixed unless the command's keys move (see nameable), and a schedule sends the same few commands each time. */
const fixedIndexes = new Map<string, Map<number, number[]>>();

/** Where the keys are in a nameable command's arguments, by the command table. */
function keyIndexes(lower: string, args: readonly (string | number | Buffer)[]): number[] {
  if (DECLARED_KEYS.has(lower)) return getKeyIndexes(lower, args as (string | Buffer)[]);
  let byCount = fixedIndexes.get(lower);
  if (!byCount) fixedIndexes.set(lower, (byCount = new Map()));
  let indexes = byCount.get(args.length);
  if (!indexes) byCount.set(args.length, (indexes = getKeyIndexes(lower, args as (string | Buffer)[])));
  return indexes;
}

/**
 * Whether the command table places every key this command names. A command
 * whose keys move with its arguments (SORT … STORE, GEORADIUS … STORE) is
 * not trusted to: the table misses some of them, so after one a start walks.
 */
function nameable(lower: string): boolean {
  if (UNNAMEABLE.has(lower)) return false;
  if (DECLARED_KEYS.has(lower)) return true;
  let moves = movable.get(lower);
  if (moves === undefined) movable.set(lower, (moves = hasFlag(lower, 'movablekeys')));
  return !moves;
}

/** Where a variant's schedules start, captured once right after its setup ran for real. */
interface Snapshot {
  /** Each key the setup left, as DUMP serialised it, with the milliseconds it had left to live (0: none). */
  keys: { name: Buffer; payload: Buffer; ttlMs: number }[];
  /** The SHA1s of the scripts the setup loaded: a restore checks they are still there (a restarted server lost them). */
  scripts: string[];
  /** The pattern's state after the setup (plain data only), cloned for each schedule. */
  state: unknown;
  /** The keys' names as latin1 text (one character per byte), to tell them from a walk's leftovers. */
  names: Set<string>;
}

/**
 * Commands whose whole effect a snapshot of the namespace's keys holds: any
 * command Redis flags as reading or writing keys, scripts (their keys are
 * declared, so inside the namespace), and SCRIPT LOAD (replayed). Anything
 * else (SUBSCRIBE, CLIENT, CONFIG, MULTI…) changes a connection or the
 * server, which DUMP cannot capture: such a setup runs for real every time.
 */
function capturable(entry: TraceEntry): boolean {
  if (entry.kind === 'db') return entry.op === 'read';
  if (entry.kind !== 'redis') return true;
  const lower = entry.command.toLowerCase();
  if (lower === 'script') return entry.args[0]?.toUpperCase() === 'LOAD';
  if (lower === 'eval' || lower === 'evalsha' || lower === 'evalsha_ro' || lower === 'eval_ro') return true;
  try {
    return !hasFlag(lower, 'pubsub') && (hasFlag(lower, 'write') || hasFlag(lower, 'readonly'));
  } catch {
    return false;
  }
}

/**
 * Whether a value is plain data that structuredClone copies exactly:
 * primitives, arrays, Maps, Sets and plain objects. A class instance (a
 * connection, a timer, a held actor) or a function is not: a state holding
 * one must be made by the setup itself, every time.
 */
export function plainData(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'function' || type === 'symbol') return false;
  if (type !== 'object') return true;
  const object = value as object;
  if (seen.has(object)) return true;
  seen.add(object);
  if (Array.isArray(object)) return object.every((v) => plainData(v, seen));
  if (object instanceof Map) return [...object].every(([k, v]) => plainData(k, seen) && plainData(v, seen));
  if (object instanceof Set) return [...object].every((v) => plainData(v, seen));
  const proto = Object.getPrototypeOf(object) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.getOwnPropertySymbols(object).length === 0 && Object.values(object).every((v) => plainData(v, seen));
}

/**
 * A copy of plain data (see plainData) as structuredClone makes it: Maps,
 * Sets, arrays and objects copied, shared references still shared. Each
 * schedule starts from a copy of the captured state, and for a pattern's
 * few small fields this costs a fraction of structuredClone's serialise
 * and parse.
 */
export function clonePlain<T>(value: T, copies = new Map<object, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  const object = value as object;
  const done = copies.get(object);
  if (done !== undefined) return done as T;
  if (Array.isArray(object)) {
    const out = new Array<unknown>(object.length);
    copies.set(object, out);
    for (let i = 0; i < object.length; i++) if (i in object) out[i] = clonePlain(object[i] as unknown, copies);
    return out as T;
  }
  if (object instanceof Map) {
    const out = new Map<unknown, unknown>();
    copies.set(object, out);
    for (const [k, v] of object) out.set(clonePlain(k as unknown, copies), clonePlain(v as unknown, copies));
    return out as T;
  }
  if (object instanceof Set) {
    const out = new Set<unknown>();
    copies.set(object, out);
    for (const v of object) out.add(clonePlain(v as unknown, copies));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  copies.set(object, out);
  for (const k of Object.keys(object)) {
    const v = clonePlain((object as Record<string, unknown>)[k], copies);
    // An own "__proto__" key stays a key, as structuredClone keeps it, not the copy's prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out as T;
}

/**
 * The setup's context, telling whether the setup reached past the traced
 * clients: an actor's raw connection (reconnecting it, unsubscribing, a
 * command the trace does not see) or a background actor (a timer). What
 * that does is not in the keys, so such a setup runs for real every time.
 */
function watchDirectUse(ctx: StepContext<unknown>): { ctx: StepContext<unknown>; readonly direct: boolean } {
  let direct = false;
  const watched: StepContext<unknown> = {
    ...ctx,
    as: (actor, lane) =>
      new Proxy(ctx.as(actor, lane), {
        get(target, prop, receiver) {
          if (prop === 'connection' || prop === 'ready') direct = true;
          return Reflect.get(target, prop, receiver) as unknown;
        },
      }),
    background: (actor) => {
      direct = true;
      return ctx.background(actor);
    },
  };
  return {
    ctx: watched,
    get direct() {
      return direct;
    },
  };
}

/**
 * Brings the namespace, the database and the pattern's state to where each
 * schedule of one variant starts, as cheaply as that stays exact.
 *
 * The first time it does what a reset does (the namespace cleared, the
 * database reseeded, a new state) and runs the variant's setup for real.
 * When that setup only sent commands that write or read keys (and loaded
 * scripts) through the traced clients, never reached an actor's raw
 * connection or a background actor, wrote nothing to the database and
 * left a state of plain data, the keys it left are captured with
 * DUMP and PTTL; every later schedule then starts with one pipelined round
 * trip: UNLINK of every other key the last schedule's commands named (told
 * by the traced clients, see `noteCommand`), SCRIPT EXISTS for the setup's
 * scripts and RESTORE … REPLACE of the captured keys (which replaces them
 * whatever the schedule left under their names); the
 * state is a clone of the captured one. No SCAN: on someone's Redis with
 * many keys outside the namespace, SCAN MATCH still visits all of them,
 * so a walk per schedule cost as much as that Redis is large. Only when
 * the schedule did something whose keys are not all named (an actor's raw
 * connection, a background actor, SELECT…) does the start walk the
 * namespace with SCAN as a reset does, and unlink whatever it finds. The database is
 * reseeded only after a schedule wrote to it. Should anything of that fail
 * (a server whose ACL refuses DUMP or RESTORE, a restart), the setup runs
 * for real again, and from then on always.
 */
export class FreshStart {
  private snapshot?: Snapshot | null;
  private readonly known = new Map<string, Buffer>();
  /** Each key a command named since the namespace was last known to hold only the start's keys. */
  private readonly named = new Map<string, Buffer>();
  /** False once something may have written keys not in `named` (a raw connection, a background actor, an unnameable command): the next start walks. */
  private namedAll = false;
  private dbWritten = true;
  private readonly stopWatching: () => void;
  /** The namespace's UTF-8 bytes, which every key a start unlinks begins with. */
  private prefix?: Buffer;
  /** SCAN's pattern for the namespace, for the starts that walk it. */
  private match?: string;

  constructor(
    private readonly env: ExploreEnv,
    private readonly variant: RaceVariant,
    /** False: the setup runs for real every time (viewing replays, whose panels show the real setup's effects). */
    private readonly reuse = true,
  ) {
    this.stopWatching = env.db.onChange(() => {
      this.dbWritten = true;
    });
  }

  /** Whether later schedules start from the captured setup (false: its setup runs for real every time; undefined: not run yet). */
  get restoring(): boolean | undefined {
    return this.snapshot === undefined ? undefined : this.snapshot !== null;
  }

  /**
   * Told of each command an actor sends under the scheduler (after the
   * namespace check): the keys it names, found by the same command table.
   * A script's keys are its declared KEYS, as the namespace check takes them.
   */
  noteCommand(lower: string, args: readonly (string | number | Buffer)[]): void {
    if (!this.namedAll) return;
    let indexes: number[];
    try {
      if (!nameable(lower)) throw new Error(lower);
      indexes = keyIndexes(lower, args);
    } catch {
      this.untracked();
      return;
    }
    for (const i of indexes) {
      const arg = args[i];
      // As ioredis sends it: a string goes as UTF-8.
      const name = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
      this.named.set(name.toString('latin1'), name);
    }
    if (this.named.size > NAMED_LIMIT) this.untracked();
  }

  /** Something may have written keys no command named: the next start walks the namespace. */
  untracked(): void {
    this.namedAll = false;
    this.named.clear();
  }

  /** Stops watching the database. */
  close(): void {
    this.stopWatching();
  }

  /**
   * The state the schedule starts with, after the namespace and the database
   * were brought to the start. `context` builds the (untraced by the
   * scheduler) step context the setup runs in; `trace` is where it records.
   */
  async begin(context: (state: unknown) => StepContext<unknown>, trace: TraceEntry[]): Promise<unknown> {
    if (this.snapshot) {
      try {
        const restored = await this.restore(this.snapshot);
        if (restored) return restored.state;
      } catch {
        // Refused or interrupted: the real setup below, from now on.
        this.snapshot = null;
      }
    }
    const { connection, db, def } = this.env;
    await connection.clearNamespace();
    // Empty now: from here the setup's keys are the snapshot's (or the setup runs again), the schedule's are named.
    this.named.clear();
    this.namedAll = this.reuse;
    db.reset();
    this.dbWritten = false;
    const state = def.createState?.();
    const watched = watchDirectUse(context(state));
    try {
      await this.variant.setup?.(watched.ctx);
    } catch (err) {
      if (state !== undefined) await def.dispose?.(state);
      throw err;
    }
    if (this.reuse && this.snapshot === undefined) this.snapshot = watched.direct ? null : await this.capture(state, trace).catch(() => null);
    return state;
  }

  private async capture(state: unknown, trace: readonly TraceEntry[]): Promise<Snapshot | null> {
    if (this.dbWritten || !trace.every(capturable) || !plainData(state)) return null;
    const { control, namespace } = this.env.connection;
    const names: Buffer[] = [];
    for await (const batch of scanNamespace(control, namespace)) {
      names.push(...batch);
      if (names.length > MAX_SNAPSHOT_KEYS) return null;
    }
    const pipeline = control.pipeline();
    for (const name of names) pipeline.dumpBuffer(name).pttl(name);
    const replies = (await pipeline.exec()) ?? [];
    const keys: Snapshot['keys'] = [];
    for (let i = 0; i < names.length; i++) {
      const [dumpError, payload] = replies[2 * i] as [Error | null, Buffer | null];
      const [ttlError, ttl] = replies[2 * i + 1] as [Error | null, number];
      if (dumpError || ttlError || !payload || ttl === -2) return null;
      keys.push({ name: names[i], payload, ttlMs: ttl < 0 ? 0 : ttl });
    }
    // SCRIPT LOAD replied each script's SHA1 ("…" in the trace): a restore checks they are still loaded.
    const scripts = trace.flatMap((e) => (e.kind === 'redis' && e.command === 'SCRIPT' ? [e.reply.replace(/^"|"$/g, '')] : []));
    if (!scripts.every((sha) => /^[0-9a-f]{40}$/.test(sha))) return null;
    return { keys, scripts, state: structuredClone(state), names: new Set(keys.map((k) => k.name.toString('latin1'))) };
  }

  /**
   * One pipelined round trip (more only when a schedule left keys under
   * names not seen before). Undefined when a script the setup loaded is gone
   * (the server restarted): the setup then runs for real this once.
   */
  private async restore(snapshot: Snapshot): Promise<{ state: unknown } | undefined> {
    const { connection, db } = this.env;
    const { control, namespace } = connection;
    const prefix = (this.prefix ??= Buffer.from(namespace));
    const inside = (key: Buffer) => key.subarray(0, prefix.length).equals(prefix);
    const restored = snapshot.names;
    const walk = !this.namedAll;
    // Named: the schedule's keys are all known. Walking: the names earlier walks found, unlinked up front.
    // The captured keys are not: RESTORE … REPLACE deletes whatever is under their names first.
    const unlink: Buffer[] = [];
    for (const [text, name] of walk ? this.known : this.named) if (!restored.has(text) && inside(name)) unlink.push(name);
    const match = (this.match ??= `${globEscape(namespace)}*`);
    this.named.clear();
    this.namedAll = true;

    const pipeline = control.pipeline();
    if (unlink.length > 0) pipeline.unlink(...unlink);
    const scanAt = unlink.length > 0 ? 1 : 0;
    if (walk) pipeline.scanBuffer('0', 'MATCH', match, 'COUNT', SCAN_COUNT);
    const scriptsAt = scanAt + (walk ? 1 : 0);
    if (snapshot.scripts.length > 0) pipeline.call('SCRIPT', 'EXISTS', ...snapshot.scripts);
    for (const { name, payload, ttlMs } of snapshot.keys) pipeline.restore(name, ttlMs, payload, 'REPLACE');
    const sent = pipeline.exec();
    // While Redis runs the pipeline: the database and the state, which none of its replies change. Should the
    // restore fail or a script be gone, the real setup that follows resets the database and makes its own state.
    if (this.dbWritten) {
      db.reset();
      this.dbWritten = false;
    }
    const state = clonePlain(snapshot.state);
    const replies = (await sent) ?? [];
    const failed = replies.find(([err]) => err);
    if (failed) throw failed[0]!;
    if (snapshot.scripts.length > 0 && (replies[scriptsAt][1] as number[]).some((loaded) => !loaded)) return undefined;
    if (walk) {
      let [cursor, keys] = replies[scanAt][1] as [Buffer, Buffer[]];
      // The rest of the walk: names a schedule left that no earlier one did (the restored keys are the start, not leftovers).
      for (;;) {
        const leftovers = keys.filter((key) => inside(key) && !restored.has(key.toString('latin1')));
        if (leftovers.length > 0) {
          await control.unlink(...leftovers);
          if (this.known.size + leftovers.length > KNOWN_LIMIT) this.known.clear();
          for (const key of leftovers) this.known.set(key.toString('latin1'), key);
        }
        if (cursor.toString() === '0') break;
        [cursor, keys] = await control.scanBuffer(cursor.toString(), 'MATCH', match, 'COUNT', SCAN_COUNT);
      }
    }
    return { state };
  }
}
