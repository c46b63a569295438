import { create } from 'zustand';
import type { AppErrorData, ConsentRequest } from '../../../shared/errors';
import { checkParams } from '../../../shared/input-check';
import { msg } from '../../../shared/i18n/message';
import { plainError } from '../../../shared/plain-errors';
import type { PatternSummary, SessionState, SessionUpdate, StepResult } from '../../../shared/model';
import { ApiError, call } from '../api/client';
import { applySessionDelta, expandReply, isSessionDelta } from './session-delta';

/** Pauses between steps when running, so each change can be seen. */
export const RUN_SPEEDS = { slow: 1500, normal: 700, fast: 200 } as const;
export type RunSpeed = keyof typeof RUN_SPEEDS;

interface SessionStore {
  patterns: PatternSummary[];
  patternId?: string;
  session?: SessionState;
  /** Parameters as typed in the form (text, so a cleared field stays empty); checked and applied on Reset. */
  draft: Record<string, string>;
  /** The step whose narrative, code and trace the right pane shows; an earlier one shows its panels as they were. */
  selectedStep?: number;
  stepping: boolean;
  /** While a step or action runs: which (a step index, or -1 for an action) and since when, for the busy indicator. */
  busy?: { index: number; since: number };
  running: boolean;
  speed: RunSpeed;
  setSpeed(speed: RunSpeed): void;
  error?: AppErrorData;
  /**
   * The host refused to delete keys that were not the app's: what it found,
   * and what the user was doing (opening a pattern or resetting one).
   */
  pendingConsent?: { request: ConsentRequest; patternId: string; reset: boolean };
  /** Opening this pattern would throw away a run in progress: the user is asked first. */
  pendingDiscard?: { patternId: string };
  loadPatterns(): Promise<void>;
  /** Opens a pattern; with a run in progress it asks first (pendingDiscard) unless `discard` says the user agreed. */
  open(patternId: string, consent?: ConsentRequest, discard?: boolean): Promise<void>;
  confirmDiscard(): Promise<void>;
  cancelDiscard(): void;
  confirmOpen(): Promise<void>;
  /** Shows a run main already has, without resetting it. */
  resume(session: SessionState): Promise<void>;
  cancelOpen(): void;
  step(): Promise<StepResult | undefined>;
  runAction(actionId: string, values: Record<string, string | number>): Promise<void>;
  run(): Promise<void>;
  pause(): void;
  reset(consent?: ConsentRequest): Promise<void>;
  setDraft(name: string, value: string): void;
  select(index: number): void;
  /** Redis answers again: an error that only said it was away no longer holds. */
  redisBack(): void;
  /** Leaves an earlier step's state and shows the latest one again. */
  backToNow(): void;
  /** A 'session' update from main: the whole state, or a delta that must follow the last one applied. */
  apply(update: SessionUpdate): void;
  /** How many times a delta that did not follow made the store ask for the whole state. */
  resyncs: number;
}

/** What the user agrees to: this server, this namespace, at most as many keys as the dialog showed. */
const agreement = ({ server, namespace, keys }: ConsentRequest) => ({ server, namespace, keys });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure as the user reads it: library phrasings (a schema issue, ioredis' retry limit) in plain words. */
function errorData(err: unknown): AppErrorData {
  return plainError(err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });
}

/** Whether the run already lists this result: a whole state read while its request was under way can include it. */
const holds = (session: SessionState, result: StepResult) => session.history.findLastIndex((h) => h.startedAt === result.startedAt && h.stepIndex === result.stepIndex) >= 0;

/** The form's text for each parameter, from numbers. */
const asDraft = (params: Record<string, number>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

/** A run the user would lose: some steps done, more to go, or a step running. */
/** Steps done and steps left (or one running): there is something to lose. */
export function runInProgress(s: SessionStore): boolean {
  const total = selectPattern(s)?.steps.length ?? 0;
  return s.stepping || s.running || (!!s.session && s.session.history.length > 0 && s.session.cursor < total);
}

/** The open pattern, its session and the step controls. */
export const useSessionStore = create<SessionStore>((set, get) => {
  let asked: Promise<void> | undefined;

  /** A delta this store cannot apply (one was missed, or an entry it counts never came here): ask for the run as it is. */
  function resync() {
    if (asked) return;
    set({ resyncs: get().resyncs + 1 });
    asked = call('session.current', {})
      .then((state) => {
        if (state) applyFull(state);
      })
      .catch(() => undefined)
      .finally(() => (asked = undefined));
  }

  /** The whole state, unless it is of another pattern or older than what this store already has (the update that brought it came first). */
  function applyFull(state: SessionState) {
    const current = get().session;
    if (state.patternId !== get().patternId) return;
    if (current?.patternId === state.patternId && state.seq !== undefined && current.seq !== undefined && state.seq <= current.seq) return;
    set({ session: state });
  }

  return {
    patterns: [],
    resyncs: 0,
    draft: {},
    stepping: false,
    running: false,
    speed: 'normal',
    setSpeed: (speed) => set({ speed }),
    async loadPatterns() {
      set({ patterns: await call('patterns.list', {}) });
    },
    async open(patternId, consent, discard) {
      if (!discard && !consent && runInProgress(get())) {
        set({ pendingDiscard: { patternId } });
        return;
      }
      const pattern = get().patterns.find((p) => p.id === patternId);
      const params = Object.fromEntries((pattern?.params ?? []).map((p) => [p.name, p.default]));
      const before = { patternId: get().patternId, session: get().session, draft: get().draft, selectedStep: get().selectedStep };
      // The old run's state must not drive the controls while the new one opens.
      set({ patternId, draft: asDraft(params), session: undefined, running: false, error: undefined, selectedStep: undefined, pendingConsent: undefined, pendingDiscard: undefined });
      try {
        const session = await call('session.open', { patternId, params, consent: consent && agreement(consent) });
        set({ session });
      } catch (err) {
        const error = errorData(err);
        // The host deleted nothing: ask, and open only once the user agrees to exactly what it found.
        if (error.code === 'consent_required' && error.consent) set({ patternId: undefined, pendingConsent: { request: error.consent, patternId, reset: false } });
        // Refused as busy (an exploration or a replay holds the session): nothing changed on the host, so the open pattern stays on screen, with the reason.
        else if (error.code === 'busy') set({ ...before, error });
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
    async confirmDiscard() {
      const pending = get().pendingDiscard;
      set({ pendingDiscard: undefined, running: false });
      if (pending) await get().open(pending.patternId, undefined, true);
    },
    cancelDiscard: () => set({ pendingDiscard: undefined }),
    async resume(session) {
      if (get().patterns.length === 0) await get().loadPatterns();
      set({ patternId: session.patternId, session, draft: asDraft(session.params) });
    },
    async step() {
      if (get().stepping) return undefined;
      const index = get().session?.cursor ?? 0;
      // The step about to run is the one on display, so the timeline follows it and a failure lands under its own heading.
      set({ stepping: true, error: undefined, selectedStep: index, busy: { index, since: Date.now() } });
      try {
        const reply = await call('session.step', {});
        const session = get().session;
        const result = expandReply(session, reply);
        if (!result) resync();
        else if (session && !holds(session, result)) set({ session: { ...session, cursor: result.stepIndex + 1, history: [...session.history, result] } });
        set({ selectedStep: reply.stepIndex });
        return result ?? reply;
      } catch (err) {
        set({ error: errorData(err), running: false, selectedStep: index });
        return undefined;
      } finally {
        set({ stepping: false, busy: undefined });
      }
    },
    async runAction(actionId, values) {
      set({ stepping: true, error: undefined, busy: { index: -1, since: Date.now() } });
      try {
        const reply = await call('session.action', { actionId, values });
        const session = get().session;
        const result = expandReply(session, reply);
        if (!result) resync();
        else if (session && !holds(session, result)) set({ session: { ...session, history: [...session.history, result] } });
        set({ selectedStep: -1 });
      } catch (err) {
        set({ error: errorData(err) });
      } finally {
        set({ stepping: false, busy: undefined });
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
      // The form's values, checked as the form checks them: a wrong one stops the reset and says why; none is clamped.
      const checked = checkParams(selectPattern(get())?.params ?? [], get().draft);
      if (!checked.ok) {
        set({ error: { code: 'invalid_input', message: `Not reset: ${checked.message}`, msg: msg('check.notReset', { reason: checked.msg }), field: checked.field } });
        return;
      }
      try {
        const session = await call('session.reset', { params: checked.value, consent: consent && agreement(consent) });
        set({ session, selectedStep: undefined, draft: asDraft(session.params) });
      } catch (err) {
        const error = errorData(err);
        const patternId = get().patternId;
        if (error.code === 'consent_required' && error.consent && patternId) set({ pendingConsent: { request: error.consent, patternId, reset: true } });
        else set({ error });
      }
    },
    setDraft: (name, value) => set({ draft: { ...get().draft, [name]: value } }),
    // A step's error belongs under that step's heading: looking at another one clears it.
    redisBack: () => {
      if (get().error?.code === 'redis_unavailable') set({ error: undefined });
    },
    select: (index) => set({ selectedStep: index, error: index === get().selectedStep ? get().error : undefined }),
    backToNow() {
      const last = get().session?.history.at(-1);
      set({ selectedStep: last?.stepIndex });
    },
    apply(update) {
      // Only the session of the open pattern; a late event for another one is dropped.
      if (update.patternId !== get().patternId) return;
      if (!isSessionDelta(update)) return applyFull(update);
      const current = get().session;
      if (!current || current.patternId !== update.patternId) return resync();
      if (current.seq !== undefined && update.seq <= current.seq) return; // already in a whole state read after it
      const next = current.seq === update.seq - 1 ? applySessionDelta(current, update) : undefined;
      if (next) set({ session: next });
      else resync();
    },
  };
});

/** The pattern currently open, from the list. */
export const selectPattern = (s: SessionStore) => s.patterns.find((p) => p.id === s.patternId);

/**
 * The history entry whose state is on display when it is not the latest:
 * the panels then show its snapshot, not today's Redis. Undefined when
 * looking at now (the latest entry, a step not run yet, or nothing).
 */
export function selectPast(s: Pick<SessionStore, 'session' | 'selectedStep'>): { result: StepResult; position: number } | undefined {
  const history = s.session?.history ?? [];
  if (s.selectedStep === undefined || history.length === 0) return undefined;
  const position = s.selectedStep === -1 ? history.findLastIndex((h) => h.stepIndex === -1) : history.findIndex((h) => h.stepIndex === s.selectedStep);
  if (position < 0 || position === history.length - 1) return undefined;
  return { result: history[position], position };
}
