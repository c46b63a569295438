import type { ActorId } from '../../../shared/model';
import { msg, type Message } from '../../../shared/i18n/message';
import { ACTOR_NAMES } from './actor-names';

/**
 * Lets one step stop an actor in the middle of its code and a later step
 * resume it, so a race window can be held open while another actor acts.
 */
export class Gate {
  private arrived!: () => void;
  private release!: (err?: Error) => void;
  /** Resolves when the actor reached the gate. */
  readonly reached: Promise<void>;
  private readonly opened: Promise<void>;

  constructor() {
    this.reached = new Promise((resolve) => (this.arrived = resolve));
    this.opened = new Promise((resolve, reject) => (this.release = (err) => (err ? reject(err) : resolve())));
    this.opened.catch(() => undefined);
  }

  /** Called by the actor: waits here until a later step opens or breaks the gate. */
  readonly pass = async (): Promise<void> => {
    this.arrived();
    await this.opened;
  };

  open(): void {
    this.release();
  }

  /** Makes the waiting actor fail where it stands, e.g. a crash. */
  break(err: Error): void {
    this.release(err);
  }
}

/**
 * Marks the promise of an actor held at a gate as looked after: a reset that
 * breaks the gate must not surface as an unhandled rejection. Awaiting the
 * returned promise still sees the failure.
 */
function held<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** An actor stopped at its gate by one step, for a later step to resume or break. */
export interface HeldActor<T> {
  /**
   * False when the actor's code ran to its end without reaching the gate:
   * what it read left it nothing to do there (an empty pending set, a lock
   * it did not get, a key someone deleted meanwhile). Nothing is held then;
   * resume only hands back what it returned, and the step must not say it
   * holds anything.
   */
  readonly atGate: boolean;
  /** Lets the actor go on; resolves with what it returns. */
  resume(): Promise<T>;
  /** Makes it fail where it stands (a crash, or a reset); its promise is looked after. */
  break(err: Error): Promise<void>;
}

/**
 * Starts an actor's code and resolves once it stands at the gate it was
 * handed, or once it finished without reaching it (see atGate); an error
 * it meets before the gate fails the step.
 */
export async function holdAtGate<T>(run: (gate: () => Promise<void>) => Promise<T>): Promise<HeldActor<T>> {
  const gate = new Gate();
  const done = held(run(gate.pass));
  // Waiting for the gate alone hung the step forever when the code returned early (a step after someone emptied the set).
  const atGate = await Promise.race([gate.reached.then(() => true), done.then(() => false)]);
  return {
    atGate,
    resume: () => {
      gate.open();
      return done;
    },
    break: async (err) => {
      gate.break(err);
      await done.catch(() => undefined);
    },
  };
}

/** What a later step says when it would resume an actor that ran to its end before (see HeldActor.atGate): it sends nothing. */
export function nothingHeld(actor: ActorId): Message {
  return msg('engine.nothingHeld', { actor: ACTOR_NAMES[actor] });
}

/** What a step says when the actor it meant to hold ran to its end instead (see HeldActor.atGate). */
export function ranThrough(actor: ActorId): Message {
  return msg('engine.ranThrough', { actor: ACTOR_NAMES[actor] });
}
