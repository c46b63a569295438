import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { Message } from '../../../shared/i18n/message';
import { plainError } from '../../../shared/plain-errors';
import type { ServerDetails, ServerEvent, ServerSample } from '../../../shared/server-console';
import { ApiError, call } from '../api/client';

/** Ten minutes of one sample a second. */
export const SERVER_RING = 600;
/** The watch is renewed this often while the panel shows; the host lets it lapse after 12 s without. */
const RENEW_MS = 5000;

/** The last 600 samples, oldest first when read; pushing is O(1). */
export class SampleRing {
  private readonly items: (ServerSample | undefined)[] = new Array(SERVER_RING);
  private head = 0;
  size = 0;
  push(sample: ServerSample): void {
    this.items[this.head] = sample;
    this.head = (this.head + 1) % SERVER_RING;
    this.size = Math.min(SERVER_RING, this.size + 1);
  }
  toArray(): ServerSample[] {
    const out: ServerSample[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.items[(this.head - this.size + i + SERVER_RING) % SERVER_RING]!);
    return out;
  }
}

function errorData(err: unknown): AppErrorData {
  return plainError(err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });
}

interface ServerStore {
  ring: SampleRing;
  /** Bumped on every sample, so views re-read the ring. */
  version: number;
  latest?: ServerSample;
  /** INFO is refused: the right that is missing. */
  denied?: Message;
  details?: ServerDetails;
  detailsError?: AppErrorData;
  watchError?: AppErrorData;
  watching: boolean;
  apply(event: ServerEvent): void;
  /** Starts sampling (the panel is on screen) and keeps the watch renewed until stop(). */
  start(): void;
  stop(): void;
  loadDetails(): Promise<void>;
  /** A new connection: the old server's samples mean nothing now. */
  clear(): void;
}

let renewTimer: ReturnType<typeof setInterval> | undefined;

export const useServerStore = create<ServerStore>((set, get) => ({
  ring: new SampleRing(),
  version: 0,
  watching: false,
  apply(event) {
    if ('denied' in event) return set({ denied: event.denied });
    const { ring, latest } = get();
    if (latest && latest.at >= event.sample.at) return;
    ring.push(event.sample);
    set((s) => ({ latest: event.sample, version: s.version + 1, denied: undefined }));
  },
  start() {
    if (get().watching) return;
    set({ watching: true, watchError: undefined });
    const watch = () =>
      call('server.watch', { on: true })
        .then((event) => event && get().apply(event))
        .catch((err) => set({ watchError: errorData(err) }));
    void watch();
    renewTimer = setInterval(() => void watch(), RENEW_MS);
  },
  stop() {
    clearInterval(renewTimer);
    renewTimer = undefined;
    if (!get().watching) return;
    set({ watching: false });
    void call('server.watch', { on: false }).catch(() => undefined);
  },
  async loadDetails() {
    try {
      set({ details: await call('server.details', { slowlog: 16 }), detailsError: undefined });
    } catch (err) {
      set({ detailsError: errorData(err) });
    }
  },
  clear() {
    set({ ring: new SampleRing(), version: 0, latest: undefined, denied: undefined, details: undefined, detailsError: undefined });
  },
}));
