import { describe, expect, it } from 'vitest';
import { moveStep, moveTo } from '../../renderer/src/components/schedule-moves';

/** The lost increment's shortest failing schedule: worker SMEMBERS, GET, client INCRBY, SADD, worker SQL write, DEL, SREM. */
const actors = ['worker', 'worker', 'client', 'client', 'worker', 'worker', 'worker'];
const found = actors.map((_, i) => i);
const who = (order: number[]) => order.map((i) => actors[i][0]).join('');

describe('hand-editing a schedule: a drop moves one step, never past a step of its own actor', () => {
  it('moves a step later or earlier past other actors’ steps', () => {
    // SADD (step 4) dropped at step 7: past SQL write, DEL, SREM.
    const later = moveTo(found, actors, 3, 6) as number[];
    expect(later).toEqual([0, 1, 2, 4, 5, 6, 3]);
    expect(who(later)).toBe('wwcwwwc');
    // Then INCRBY (now step 3) dropped at step 6, right before SADD.
    expect(moveTo(later, actors, 2, 5)).toEqual([0, 1, 4, 5, 6, 2, 3]);
    // The client's INCRBY (step 3) dropped at step 1, before the worker's SMEMBERS and GET.
    expect(moveTo(found, actors, 2, 0)).toEqual([2, 0, 1, 3, 4, 5, 6]);
  });

  it('refuses a drop past a step of the same actor, and one that goes nowhere', () => {
    expect(moveTo(found, actors, 2, 3)).toBe('sameActor');
    expect(moveTo(found, actors, 2, 6)).toBe('sameActor');
    expect(moveTo(found, actors, 6, 4)).toBe('sameActor');
    // The worker's DEL cannot go before the client's steps: its own SQL write is in the way.
    expect(moveTo(found, actors, 5, 2)).toBe('sameActor');
    expect(moveTo(found, actors, 0, 1)).toBe('sameActor');
    expect(moveTo(found, actors, 3, 3)).toBe('same');
    expect(moveTo(found, actors, 3, 7)).toBe('edge');
    expect(moveTo(found, actors, -1, 0)).toBe('edge');
  });

  it('the buttons’ one-place move is the same rule', () => {
    expect(moveStep(found, actors, 1, 1)).toEqual([0, 2, 1, 3, 4, 5, 6]);
    expect(moveStep(found, actors, 2, 1)).toBe('sameActor');
    expect(moveStep(found, actors, 0, -1)).toBe('edge');
    expect(moveStep(found, actors, 6, 1)).toBe('edge');
  });
});
