import type { ActorId } from '../../../shared/model';
import { realSleep } from '../engine/step-context';
import type { NamingGate } from '../redis/traced-client';
import type { Chooser } from './strategies';

/** One decision of a schedule: who could go, who went, and what it sent. */
export interface Decision {
  enabled: string[];
  picked: string;
  what: string;
}

export interface ScheduleRun {
  decisions: Decision[];
  /** The actor of each decision, in order: the schedule itself. */
  schedule: string[];
  /** Set when no actor could make progress (one blocked outside Redis and the database). */
  stuck?: string;
  errors: { actor: string; message: string }[];
  /** The virtual clock when the schedule ended (ms): the last wake-up it reached. No wall time was spent waiting for it. */
  clockMs: number;
}

/** "worker", or "client#3" for lane 3 of a crowd. */
export const actorKey = (actor: ActorId, lane?: number) => (lane === undefined ? actor : `${actor}#${lane}`);

/**
 * One watchdog timer for every running schedule, not one per schedule: an
 * exploration runs hundreds of schedules a second, and the timer outlives
 * each by at most one period, so it is made once per exploration. It checks
 * every 500 ms (sooner for a shorter stall limit) and stops at its first
 * tick with nothing watched.
 */
const watched = new Set<() => void>();
let watchdog: { timer: ReturnType<typeof setInterval>; periodMs: number } | undefined;

function watch(check: () => void, stallMs: number): void {
  watched.add(check);
  const periodMs = Math.min(500, stallMs);
  if (watchdog && watchdog.periodMs <= periodMs) return;
  if (watchdog) clearInterval(watchdog.timer);
  const timer = setInterval(() => {
    if (watched.size === 0) {
      clearInterval(timer);
      watchdog = undefined;
      return;
    }
    for (const each of [...watched]) each();
  }, periodMs);
  watchdog = { timer, periodMs };
}

function unwatch(check: () => void): void {
  watched.delete(check);
}

/**
 * Runs actors so that exactly one command or database call is in flight at
 * a time, and a chooser decides which waiting actor goes next. An actor
 * runs freely between gates; a decision is taken only once every actor is
 * either waiting at its gate, asleep or finished, so the schedule (who
 * went at each decision) determines the interleaving completely.
 *
 * Sleeps are virtual, discrete-event style: a sleeping actor is not
 * offered to the chooser; when nobody waits at a gate and nobody runs,
 * the clock jumps to the earliest wake-up and the actors due then run on.
 * Commands and database calls take no virtual time (the explorer injects
 * no latency), so a sleep outlasts any number of them: a retry loop's
 * back-off lets every other actor act first, as 25 ms would against
 * sub-millisecond commands, and no schedule has a sleeper retry 100 times
 * while the others are never picked. The chooser can never wake a
 * sleeper early: a sleep is a lower bound, and choosing earlier wake-ups
 * would invent orders real time cannot produce. Waking is not a decision
 * (it follows from the decisions before it), so replays stay exact.
 */
export class Scheduler implements NamingGate {
  /** Told of each command's name and arguments as an actor sends it (the fresh start learns the keys a schedule named). */
  named?: (lower: string, args: readonly (string | number | Buffer)[]) => void;
  private readonly waiting = new Map<string, { what: string; release: () => void; reject: (err: Error) => void }>();
  private readonly running = new Set<string>();
  private readonly sleeping = new Map<string, { wakeAt: number; wake: () => void; fail: (err: Error) => void }>();
  /** Virtual ms since the schedule started; moves only when every unfinished actor sleeps. */
  private clock = 0;
  private readonly decisions: Decision[] = [];
  private progressAt = Date.now();
  private abandoned = false;

  constructor(
    private readonly chooser: Chooser,
    /** With actors still running but none at a gate for this long, the schedule is reported stuck, not hung. */
    private readonly stallMs = 3000,
    /**
     * Viewing replays only: awaited once every actor waits at its gate
     * (nothing in flight), before decision `index` is taken, e.g. to read
     * the pattern's panels. Absent during exploration, so deciding stays synchronous.
     */
    private readonly beforeDecision?: (index: number) => Promise<void>,
  ) {}

  private pausing = false;

  before(actor: ActorId, lane: number | undefined, what: string): Promise<void> {
    const id = actorKey(actor, lane);
    // Not one of the racing actors (setup, the inspector): it goes at once.
    if (!this.running.has(id) || this.abandoned) return this.abandoned ? Promise.reject(new Error('schedule abandoned')) : Promise.resolve();
    this.running.delete(id);
    return new Promise((release, reject) => {
      this.waiting.set(id, { what, release, reject });
      this.decide();
    });
  }

  /** The virtual clock, in ms since the schedule started. */
  get now(): number {
    return this.clock;
  }

  /**
   * A racing actor's sleep: it leaves the running set until the virtual
   * clock reaches its wake-up. Another code's sleep (setup, the inspector,
   * an admin a racing actor calls) is a real timer, as it would be outside.
   */
  sleep(actor: ActorId, lane: number | undefined, ms: number): Promise<void> {
    const id = actorKey(actor, lane);
    if (this.abandoned) return Promise.reject(new Error('schedule abandoned'));
    if (!this.running.has(id)) return realSleep(ms);
    this.running.delete(id);
    return new Promise((wake, fail) => {
      this.sleeping.set(id, { wakeAt: this.clock + Math.max(0, ms), wake, fail });
      this.decide();
    });
  }

  async run(actors: { id: string; run: () => Promise<unknown> }[]): Promise<ScheduleRun> {
    const errors: ScheduleRun['errors'] = [];
    for (const actor of actors) this.running.add(actor.id);
    let stuck: string | undefined;
    const finished = Promise.all(
      actors.map((actor) =>
        actor
          .run()
          .catch((err: Error) => {
            if (!this.abandoned) errors.push({ actor: actor.id, message: err.message });
          })
          .finally(() => {
            this.running.delete(actor.id);
            this.progressAt = Date.now();
            this.decide();
          }),
      ),
    );
    const check = () => {
      // Once: a later tick would overwrite the report with the state after abandoning (nobody waiting, nobody asleep).
      if (stuck !== undefined || Date.now() - this.progressAt < this.stallMs) return;
      stuck = `No progress for ${this.stallMs} ms: ${[...this.running].join(', ') || 'nobody'} running outside any gate, ${[...this.waiting.keys()].join(', ') || 'nobody'} waiting, ${[...this.sleeping.keys()].join(', ') || 'nobody'} asleep.`;
      this.abandon();
    };
    watch(check, this.stallMs);
    try {
      await finished;
    } finally {
      unwatch(check);
    }
    return { decisions: this.decisions, schedule: this.decisions.map((d) => d.picked), stuck, errors, clockMs: this.clock };
  }

  /** Ends the schedule: every waiting actor's command fails, so its code unwinds. */
  abandon(): void {
    this.abandoned = true;
    for (const [, waiter] of this.waiting) waiter.reject(new Error('schedule abandoned'));
    this.waiting.clear();
    for (const [, sleeper] of this.sleeping) sleeper.fail(new Error('schedule abandoned'));
    this.sleeping.clear();
  }

  private decide(): void {
    if (this.abandoned || this.running.size > 0 || this.pausing) return;
    if (this.waiting.size === 0) return this.advanceClock();
    if (this.beforeDecision) {
      this.pausing = true;
      // The stall watchdog must not count the hook's reads as no progress.
      this.progressAt = Date.now();
      void this.beforeDecision(this.decisions.length)
        .catch(() => undefined)
        .then(() => {
          this.pausing = false;
          this.progressAt = Date.now();
          this.pick();
        });
      return;
    }
    this.pick();
  }

  /** Nobody runs and nobody waits at a gate: the clock jumps to the earliest wake-up, and everyone due then runs on. */
  private advanceClock(): void {
    if (this.sleeping.size === 0) return;
    const wakeAt = Math.min(...[...this.sleeping.values()].map((s) => s.wakeAt));
    this.clock = wakeAt;
    // Sorted, so sleepers due at the same instant wake in the same order every time.
    const due = [...this.sleeping.entries()].filter(([, s]) => s.wakeAt === wakeAt).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [id] of due) {
      this.sleeping.delete(id);
      this.running.add(id);
    }
    this.progressAt = Date.now();
    for (const [, sleeper] of due) sleeper.wake();
  }

  private pick(): void {
    if (this.abandoned || this.running.size > 0 || this.waiting.size === 0) return;
    // Sorted, so the same history always offers the same choices in the same order (two, the usual race, by one comparison).
    const enabled = [...this.waiting.keys()];
    if (enabled.length === 2) {
      if (enabled[1] < enabled[0]) enabled.reverse();
    } else if (enabled.length > 2) enabled.sort();
    const picked = this.chooser.pick(enabled, this.decisions.length);
    const waiter = this.waiting.get(picked)!;
    this.decisions.push({ enabled, picked, what: waiter.what });
    this.waiting.delete(picked);
    this.running.add(picked);
    this.progressAt = Date.now();
    waiter.release();
  }
}

/** How often the schedule changes actor: the measure a shrunk schedule minimises first. */
export function contextSwitches(schedule: readonly string[]): number {
  let switches = 0;
  for (let i = 1; i < schedule.length; i++) if (schedule[i] !== schedule[i - 1]) switches++;
  return switches;
}
