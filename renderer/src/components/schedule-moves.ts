/** The rule of hand-editing a schedule, shared by dragging, the ↑/↓ buttons and Alt+↑/↓ (pure, so it is tested without a DOM). */

/**
 * Moves the decision at `from` to position `to` (the steps between shift by
 * one), or says why not: outside the schedule, nowhere (the same place),
 * or past a step of the same actor (each actor's own commands keep their
 * order, so the edit stays a schedule the code can follow).
 */
export function moveTo(order: readonly number[], actors: readonly string[], from: number, to: number): number[] | 'edge' | 'same' | 'sameActor' {
  if (from < 0 || from >= order.length || to < 0 || to >= order.length) return 'edge';
  if (from === to) return 'same';
  const actor = actors[order[from]];
  const [lo, hi] = from < to ? [from + 1, to] : [to, from - 1];
  for (let i = lo; i <= hi; i++) if (actors[order[i]] === actor) return 'sameActor';
  const next = [...order];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** One place earlier (-1) or later (+1): the buttons' and Alt+↑/↓'s move. */
export function moveStep(order: readonly number[], actors: readonly string[], at: number, by: -1 | 1): number[] | 'edge' | 'sameActor' {
  const next = moveTo(order, actors, at, at + by);
  return next === 'same' ? 'edge' : next;
}
