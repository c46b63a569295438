import { useSyncExternalStore } from 'react';

/**
 * One clock for every TTL bar's seconds, ticking on each whole wall-clock
 * second while any bar still counts: all bars change in the same frame, one
 * frame a second however many are on screen, and no timer runs once none
 * counts (none shown, or all expired).
 */
const subscribers = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule() {
  timer = setTimeout(
    () => {
      now = Date.now();
      for (const s of subscribers) s();
      if (subscribers.size > 0) schedule();
      else timer = undefined;
    },
    1000 - (Date.now() % 1000) + 1,
  );
}

function subscribe(callback: () => void) {
  subscribers.add(callback);
  if (!timer) {
    now = Date.now();
    schedule();
  }
  return () => {
    subscribers.delete(callback);
    if (subscribers.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

const still = () => () => {};

/** The time at the last whole second; `active` false takes this view off the clock. */
export function useSecondClock(active: boolean): number {
  return useSyncExternalStore(active ? subscribe : still, () => now);
}

/** The clock's time without subscribing: never later than now. */
export const secondClockNow = () => now;
