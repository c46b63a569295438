import { useSyncExternalStore } from 'react';

/** One shared clock for every TTL bar: a tick every 250 ms, not a render loop per widget. */
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

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
