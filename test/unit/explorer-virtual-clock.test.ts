import { describe, expect, it } from 'vitest';
import type { ActorId } from '../../shared/model';
import { Scheduler } from '../../electron/core/explorer/scheduler';
import { exhaustiveStrategy, randomStrategy, type Chooser } from '../../electron/core/explorer/strategies';

/**
 * The explorer's virtual clock, on the scheduler itself: actors here are
 * small scripts that pass the same gate and sleep calls a pattern's
 * traced clients and ctx.sleep make, so what is checked is only the order
 * the scheduler lets them go in and the clock it keeps.
 */
type Lane = { actor: ActorId; lane?: number };
const id = ({ actor, lane }: Lane) => (lane === undefined ? actor : `${actor}#${lane}`);

/** The first enabled actor, always: the chooser that would pick a sleeper first if it were offered. */
const firstEnabled: Chooser = { pick: (enabled) => enabled[0] };

describe('the explorer’s virtual clock: a sleep is a wait in order, not in wall time', () => {
  it('wakes two sleepers in the order of their durations, at the virtual times they asked for', async () => {
    const scheduler = new Scheduler(firstEnabled);
    const woke: { who: string; at: number }[] = [];
    const sleeper = (who: Lane, ms: number) => async () => {
      await scheduler.before(who.actor, who.lane, 'GET');
      await scheduler.sleep(who.actor, who.lane, ms);
      woke.push({ who: id(who), at: scheduler.now });
      await scheduler.before(who.actor, who.lane, 'GET again');
    };
    // client#0 sorts first and the chooser always takes the first, yet it sleeps longer, so it acts last.
    const long = { actor: 'client' as const, lane: 0 };
    const short = { actor: 'client' as const, lane: 1 };
    const run = await scheduler.run([
      { id: id(long), run: sleeper(long, 30) },
      { id: id(short), run: sleeper(short, 10) },
    ]);
    expect(run.errors).toEqual([]);
    expect(woke).toEqual([
      { who: 'client#1', at: 10 },
      { who: 'client#0', at: 30 },
    ]);
    expect(run.decisions.map((d) => `${d.picked}:${d.what}`)).toEqual(['client#0:GET', 'client#1:GET', 'client#1:GET again', 'client#0:GET again']);
    expect(run.clockMs).toBe(30);
  });

  it('never offers a sleeper while another actor can run, under any seed', async () => {
    const lengths = new Set<number>();
    for (let seed = 1; seed <= 200; seed++) {
      const scheduler = new Scheduler(randomStrategy(seed).next()!);
      const loser: Lane = { actor: 'client', lane: 0 };
      const holder: Lane = { actor: 'client', lane: 1 };
      const run = await scheduler.run([
        {
          id: id(loser),
          // A lock's loser: one try, a 25 ms back-off, one more look.
          run: async () => {
            await scheduler.before(loser.actor, loser.lane, 'SET NX');
            await scheduler.sleep(loser.actor, loser.lane, 25);
            await scheduler.before(loser.actor, loser.lane, 'GET');
          },
        },
        {
          id: id(holder),
          // The holder's ten commands, none of which takes virtual time.
          run: async () => {
            for (let i = 0; i < 10; i++) await scheduler.before(holder.actor, holder.lane, `command ${i}`);
          },
        },
      ]);
      const order = run.decisions.map((d) => `${d.picked}:${d.what}`);
      // The loser's GET after its sleep comes after every one of the holder's commands, wherever its SET NX fell.
      expect(order.at(-1), `seed ${seed}`).toBe('client#0:GET');
      expect(order.filter((o) => o.startsWith('client#1'))).toHaveLength(10);
      // While the loser slept it was never among the choices.
      const nx = order.indexOf('client#0:SET NX');
      for (const d of run.decisions.slice(nx + 1, -1)) expect(d.enabled).toEqual(['client#1']);
      expect(run.clockMs).toBe(25);
      lengths.add(nx);
    }
    // The seeds put the loser's SET NX at many places among the holder's commands: the sleep constrains only what follows it.
    expect(lengths.size).toBeGreaterThan(5);
  });

  it('lets the chooser pick among sleepers due at the same instant, once they are all awake', async () => {
    const picks = new Set<string>();
    const strategy = exhaustiveStrategy();
    for (let chooser = strategy.next(); chooser; chooser = strategy.next()) {
      const scheduler = new Scheduler(chooser);
      const lanes: Lane[] = [0, 1].map((lane) => ({ actor: 'worker', lane }));
      const run = await scheduler.run(
        lanes.map((l) => ({
          id: id(l),
          run: async () => {
            await scheduler.sleep(l.actor, l.lane, 50);
            await scheduler.before(l.actor, l.lane, 'XREADGROUP');
          },
        })),
      );
      strategy.record!(run.decisions);
      expect(run.decisions[0].enabled).toEqual(['worker#0', 'worker#1']);
      picks.add(run.schedule.join(' '));
    }
    expect([...picks].sort()).toEqual(['worker#0 worker#1', 'worker#1 worker#0']);
  });

  it('advances the clock with no wall time when every actor sleeps: a few microseconds per wake-up', async () => {
    const scheduler = new Scheduler(firstEnabled);
    const wakes = 2000;
    const started = performance.now();
    const run = await scheduler.run(
      [0, 1].map((lane) => ({
        id: `worker#${lane}`,
        run: async () => {
          // A worker's period of 10 s (lane 0) and 15 s (lane 1): 2,000 wake-ups, over four hours of virtual time.
          for (let i = 0; i < wakes / 2; i++) {
            await scheduler.sleep('worker', lane, lane === 0 ? 10_000 : 15_000);
            await scheduler.before('worker', lane, 'tick');
          }
        },
      })),
    );
    const wallMs = performance.now() - started;
    expect(run.errors).toEqual([]);
    expect(run.clockMs).toBe((wakes / 2) * 15_000);
    expect(run.decisions).toHaveLength(wakes);
    // Wake-ups in time order: at 30 s both are due, and the tie goes in sorted order.
    expect(run.schedule.slice(0, 5)).toEqual(['worker#0', 'worker#1', 'worker#0', 'worker#0', 'worker#1']);
    // A loose bound for a loaded machine (2 cores shared): a real timer per wake would take at least 1 ms each.
    expect(wallMs / wakes).toBeLessThan(1);
    console.log(`virtual clock: ${wakes} wake-ups, ${run.clockMs / 1000} s virtual, ${wallMs.toFixed(1)} ms wall (${((wallMs / wakes) * 1000).toFixed(1)} µs each)`);
  });

  it('is not stuck while everyone sleeps; an actor blocked outside any gate is, and its sleeping peers are told', async () => {
    // A stall limit of 50 ms against a sleep of 1,000 s: only virtual time passes, so nothing stalls.
    const asleep = await new Scheduler(firstEnabled, 50).run([{ id: 'worker', run: () => new Scheduler(firstEnabled).sleep('worker', undefined, 0) }]);
    expect(asleep.stuck).toBeUndefined();
    const scheduler = new Scheduler(firstEnabled, 50);
    const long = await scheduler.run([{ id: 'worker', run: () => scheduler.sleep('worker', undefined, 1_000_000) }]);
    expect(long).toMatchObject({ stuck: undefined, clockMs: 1_000_000, errors: [] });

    // A running actor (here one awaiting a real 300 ms timer, outside any gate) may still send a command, so the clock
    // must not jump past it; the watchdog reports the stall and the sleeper's wait fails, so its code unwinds.
    const blocked = new Scheduler(firstEnabled, 50);
    let failed: string | undefined;
    const run = await blocked.run([
      { id: 'worker', run: () => blocked.sleep('worker', undefined, 10).catch((err: Error) => void (failed = err.message)) },
      { id: 'client', run: () => new Promise<void>((resolve) => setTimeout(resolve, 300)) },
    ]);
    expect(run.stuck).toContain('client running outside any gate');
    expect(run.stuck).toContain('worker asleep');
    expect(failed).toBe('schedule abandoned');
    expect(run.clockMs).toBe(0);
  });
});
