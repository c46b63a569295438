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
export function held<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
