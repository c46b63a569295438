import { create } from 'zustand';
import type { AppErrorData, ConsentRequest } from '../../../shared/errors';
import type { PatternSummary, SessionState, StepResult } from '../../../shared/model';
import { ApiError, call } from '../api/client';

/** Pauses between steps when running, so each change can be seen. */
export const RUN_SPEEDS = { slow: 1500, normal: 700, fast: 200 } as const;
export type RunSpeed = keyof typeof RUN_SPEEDS;

interface SessionStore {
  patterns: PatternSummary[];
  patternId?: string;
  session?: SessionState;
  /** Parameters as edited in the form; applied on Reset. */
  draft: Record<string, number>;
  /** The step whose narrative, code and trace the right pane shows. */
  selectedStep?: number;
  stepping: boolean;
  running: boolean;
  speed: RunSpeed;
  setSpeed(speed: RunSpeed): void;
  error?: AppErrorData;
  /**
   * The host refused to delete keys that were not the app's: what it found,
   * and what the user was doing (opening a pattern or resetting one).
   */
  pendingConsent?: { request: ConsentRequest; patternId: string; reset: boolean };
  loadPatterns(): Promise<void>;
  open(patternId: string, consent?: ConsentRequest): Promise<void>;
  confirmOpen(): Promise<void>;
  /** Shows a run main already has, without resetting it. */
  resume(session: SessionState): Promise<void>;
  cancelOpen(): void;
  step(): Promise<StepResult | undefined>;
  runAction(actionId: string, values: Record<string, string | number>): Promise<void>;
  run(): Promise<void>;
  pause(): void;
  reset(consent?: ConsentRequest): Promise<void>;
  setDraft(name: string, value: number): void;
  select(index: number): void;
  apply(state: SessionState): void;
}

/** What the user agrees to: this server, this namespace, at most as many keys as the dialog showed. */
const agreement = ({ server, namespace, keys }: ConsentRequest) => ({ server, namespace, keys });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorData(err: unknown): AppErrorData {
  return err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message };
}

/** The open pattern, its session and the step controls. */
export const useSessionStore = create<SessionStore>((set, get) => ({
  patterns: [],
  draft: {},
  stepping: false,
  running: false,
  speed: 'normal',
  setSpeed: (speed) => set({ speed }),
  async loadPatterns() {
    set({ patterns: await call('patterns.list', {}) });
  },
  async open(patternId, consent) {
    const pattern = get().patterns.find((p) => p.id === patternId);
    const draft = Object.fromEntries((pattern?.params ?? []).map((p) => [p.name, p.default]));
    // The old run's state must not drive the controls while the new one opens.
    set({ patternId, draft, session: undefined, running: false, error: undefined, selectedStep: undefined, pendingConsent: undefined });
    try {
      const session = await call('session.open', { patternId, params: draft, consent: consent && agreement(consent) });
      set({ session });
    } catch (err) {
      const error = errorData(err);
      // The host deleted nothing: ask, and open only once the user agrees to exactly what it found.
      if (error.code === 'consent_required' && error.consent) set({ patternId: undefined, pendingConsent: { request: error.consent, patternId, reset: false } });
      else set({ error });
    }
  },
  async confirmOpen() {
    const pending = get().pendingConsent;
    set({ pendingConsent: undefined });
    if (!pending) return;
    if (pending.reset) await get().reset(pending.request);
    else await get().open(pending.patternId, pending.request);
  },
  cancelOpen: () => set({ pendingConsent: undefined }),
  async resume(session) {
    if (get().patterns.length === 0) await get().loadPatterns();
    set({ patternId: session.patternId, session, draft: { ...session.params } });
  },
  async step() {
    if (get().stepping) return undefined;
    set({ stepping: true, error: undefined });
    try {
      const result = await call('session.step', {});
      const session = get().session;
      if (session) set({ session: { ...session, cursor: result.stepIndex + 1, history: [...session.history, result] } });
      set({ selectedStep: result.stepIndex });
      return result;
    } catch (err) {
      set({ error: errorData(err), running: false });
      return undefined;
    } finally {
      set({ stepping: false });
    }
  },
  async runAction(actionId, values) {
    set({ stepping: true, error: undefined });
    try {
      const result = await call('session.action', { actionId, values });
      const session = get().session;
      if (session) set({ session: { ...session, history: [...session.history, result] } });
      set({ selectedStep: -1 });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ stepping: false });
    }
  },
  async run() {
    if (get().running) return;
    set({ running: true });
    while (get().running) {
      const { session, patterns, patternId } = get();
      const total = patterns.find((p) => p.id === patternId)?.steps.length ?? 0;
      if (!session || session.cursor >= total) break;
      const result = await get().step();
      if (!result) break;
      await wait(RUN_SPEEDS[get().speed]);
    }
    set({ running: false });
  },
  pause: () => set({ running: false }),
  async reset(consent) {
    set({ running: false, error: undefined });
    try {
      const session = await call('session.reset', { params: get().draft, consent: consent && agreement(consent) });
      set({ session, selectedStep: undefined });
    } catch (err) {
      const error = errorData(err);
      const patternId = get().patternId;
      if (error.code === 'consent_required' && error.consent && patternId) set({ pendingConsent: { request: error.consent, patternId, reset: true } });
      else set({ error });
    }
  },
  setDraft: (name, value) => set({ draft: { ...get().draft, [name]: value } }),
  select: (index) => set({ selectedStep: index }),
  apply(state) {
    // Only the session of the open pattern; a late event for another one is dropped.
    if (state.patternId === get().patternId) set({ session: state });
  },
}));

/** The pattern currently open, from the list. */
export const selectPattern = (s: SessionStore) => s.patterns.find((p) => p.id === s.patternId);
