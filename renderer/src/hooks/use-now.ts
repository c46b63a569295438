import { useSyncExternalStore } from 'react';

/** One shared clock for what counts in tenths (elapsed time, a lost host's retry): a tick every 250 ms while anything listens. TTL bars do not use it (see TtlBar). */
const TICK_MS = 250;
const subscribers = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(callback: () => void) {
  subscribers.add(callback);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const s of subscribers) s();
  }, TICK_MS);
  return () => {
    subscribers.delete(callback);
    if (subscribers.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const still = () => () => {};

/**
 * The shared clock's time. `active` false leaves the clock unsubscribed, so a
 * view that only sometimes counts (a lost host's retry, a backlog's age) keeps
 * no timer running while there is nothing to count.
 */
export function useNow(active = true): number {
  return useSyncExternalStore(active ? subscribe : still, () => now);
}
