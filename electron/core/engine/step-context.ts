import type { ActorId, TraceEntry } from '../../../shared/model';
import type { UserDatabase } from '../db/user-database';
import type { LiveConnection } from '../redis/live-connection';
import { whenReady } from '../redis/client-ready';
import { tracedClient } from '../redis/traced-client';
import type { ActorContext, StepContext } from './pattern';

/**
 * Where every command and database call of an actor passes before it is
 * sent. A step-through passes none (commands go at once); the explorer
 * passes its scheduler, so any pattern becomes explorable without changing
 * its step code.
 */
export interface CommandGate {
  /** Resolves when the actor may send `what`; rejects if the run is abandoned. */
  before(actor: ActorId, lane: number | undefined, what: string): Promise<void>;
  /** The actor's sleep, when the gate keeps time itself (the explorer's virtual clock); without it a sleep is a real timer. */
  sleep?(actor: ActorId, lane: number | undefined, ms: number): Promise<void>;
}

/** A sleep in wall time, as the step-through (and any actor the explorer does not schedule) has it. */
export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface StepContextInit<S> {
  connection: LiveConnection;
  db: UserDatabase;
  params: Readonly<Record<string, number>>;
  state: S;
  /** Where the running step's entries go. */
  sink(entry: TraceEntry): void;
  /** Where a background actor's entries go. */
  backgroundSink(entry: TraceEntry): void;
  /** What the running step has traced so far. */
  trace(): readonly TraceEntry[];
  gate?: CommandGate;
}

/** The context steps run in: one traced client and traced database per actor (and lane), and the inspector's untraced reads. */
export function buildStepContext<S>(init: StepContextInit<S>): StepContext<S> {
  const { connection, db, params, state, gate } = init;
  const key = (name: string) => connection.namespace + name;
  const actors = new Map<string, ActorContext>();
  const actorContext = (actor: ActorId, lane: number | undefined, into: (entry: TraceEntry) => void): ActorContext => {
    const client = connection.clientFor(actor, lane);
    return {
      redis: tracedClient(client, actor, connection.namespace, into, lane, gate),
      db: db.traced(actor, into, lane, gate),
      key,
      params,
      note: (text) => into({ kind: 'event', actor, lane, text, at: Date.now() }),
      connection: client,
      sleep: (ms) => (gate?.sleep ? gate.sleep(actor, lane, ms) : realSleep(ms)),
      ready: () => whenReady(client, () => new Error(`${actor} could not connect`)),
    };
  };
  return {
    params,
    state,
    key,
    as: (actor, lane) => {
      const id = `${actor}#${lane ?? ''}`;
      let view = actors.get(id);
      if (!view) actors.set(id, (view = actorContext(actor, lane, init.sink)));
      return view;
    },
    background: (actor) => actorContext(actor, undefined, init.backgroundSink),
    peekUser: (id) => db.allUsers().find((u) => u.id === id) ?? null,
    peekScore: (userId) => db.allScores().get(userId) ?? 0,
    peekKey: async (name) => {
      const [[getError, value], [ttlError, ttl]] = (await connection.control.pipeline().get(name).ttl(name).exec()) as [[Error | null, string | null], [Error | null, number]];
      // A pipeline answers each command's failure in its place: with Redis away both come back as errors, and a null
      // value read past them would have a step say the key is absent, which nobody saw.
      if (getError ?? ttlError) throw getError ?? ttlError;
      return { value, ttl };
    },
    peekHash: (name) => connection.control.hgetall(name),
    trace: init.trace,
    connectionKind: connection.kind,
  };
}
