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
  /** Lets the actor go on; resolves with what it returns. */
  resume(): Promise<T>;
  /** Makes it fail where it stands (a crash, or a reset); its promise is looked after. */
  break(err: Error): Promise<void>;
}

/** Starts an actor's code and resolves once it stands at the gate it was handed. */
export async function holdAtGate<T>(run: (gate: () => Promise<void>) => Promise<T>): Promise<HeldActor<T>> {
  const gate = new Gate();
  const done = held(run(gate.pass));
  await gate.reached;
  return {
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
