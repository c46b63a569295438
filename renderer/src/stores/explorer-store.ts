import { create } from 'zustand';
import type { ExploreDescription } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import { EXPLORATION_FORMAT_VERSION, EXPLORE_SCHEDULES, MAX_IMPORT_BYTES, MAX_SCHEDULE_ACTOR_CHARS, MAX_SCHEDULE_STEPS, scheduleProblem, type EXPLORE_STRATEGIES, type ExplorationProgress, type ExploredSchedule } from '../../../shared/exploration';
import { msg, type Message } from '../../../shared/i18n/message';
import { plainError } from '../../../shared/plain-errors';
import { ApiError, call } from '../api/client';
import { useSessionStore } from './session-store';
import { useLocaleStore } from '../i18n/locale-store';

export type ExploreStrategy = (typeof EXPLORE_STRATEGIES)[number];

/** A replay of an imported file: which file and variant, then what it did (or why it could not run). */
export interface ImportedReplay {
  file: string;
  variantId?: string;
  /** The parameters the file was explored with, and those the replay ran with (the open pattern's), when they differ. */
  params?: { file: Record<string, number>; ran: Record<string, number> };
  result?: ExploredSchedule;
  error?: Message | string;
}

interface ExplorerStore {
  /** The open pattern's race, as the host describes it. */
  description?: ExploreDescription | null;
  progress?: ExplorationProgress;
  draft: { schedules: string; strategy: ExploreStrategy; seed: string };
  starting: boolean;
  error?: AppErrorData;
  imported?: ImportedReplay;
  /** The pattern the user clicked while an exploration runs: opening it waits for their answer (the host refuses it meanwhile). */
  pendingOpen?: string;
  /** Opens a pattern, or asks first when an exploration is running (the host would refuse the open as busy). */
  openPattern(patternId: string): Promise<void>;
  /** Stops the exploration, then opens the pattern the user clicked. */
  confirmOpen(): Promise<void>;
  cancelOpen(): void;
  /** Reads the open pattern's race and any exploration the host already has (a reloaded window). */
  load(): Promise<void>;
  setDraft(patch: Partial<ExplorerStore['draft']>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  apply(progress: ExplorationProgress): void;
  exportFile(format: 'json' | 'redis-cli'): Promise<void>;
  importFile(file: File): Promise<void>;
}

function errorData(err: unknown): AppErrorData {
  return plainError(err instanceof ApiError ? err.data : { code: 'internal', message: (err as Error).message });
}

/** The draft's schedules as a number, or why not. */
export function checkSchedules(text: string): { ok: true; value: number } | { ok: false } {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= EXPLORE_SCHEDULES.min && value <= EXPLORE_SCHEDULES.max ? { ok: true, value } : { ok: false };
}

export function checkSeed(text: string): { ok: true; value: number } | { ok: false } {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && Math.abs(value) <= 2_147_483_647 ? { ok: true, value } : { ok: false };
}

/** Saves text as a file: a Blob behind an <a download>, the same in a browser and in Electron's renderer. */
function download(filename: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Which schedule of an exported file to replay: the first variant with a failing schedule. */
function scheduleIn(text: string): { patternId: string; variantId: string; schedule: string[]; params: Record<string, number> } | { error: Message } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: msg('explorer.import.notJson') };
  }
  const file = data as { format?: unknown; formatVersion?: unknown; patternId?: unknown; params?: unknown; variants?: { variantId?: unknown; shortestFailing?: { schedule?: unknown } | null }[] };
  const params = Object.fromEntries(Object.entries(typeof file?.params === 'object' && file.params ? file.params : {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
  if (file?.format !== 'redis-pattern-inspector/exploration' || typeof file.patternId !== 'string' || !Array.isArray(file.variants)) {
    return { error: msg('explorer.import.noSchedule') };
  }
  // A later version's fields may mean other things: replaying it as if they did not would show a schedule nobody explored.
  if (typeof file.formatVersion !== 'number' || !Number.isInteger(file.formatVersion) || file.formatVersion < 1 || file.formatVersion > EXPLORATION_FORMAT_VERSION) {
    return { error: msg('explorer.import.version', { found: String(file.formatVersion ?? '—').slice(0, 20), supported: EXPLORATION_FORMAT_VERSION }) };
  }
  let malformed = false;
  for (const v of file.variants) {
    const schedule = v?.shortestFailing?.schedule;
    if (typeof v?.variantId === 'string' && Array.isArray(schedule) && schedule.every((s) => typeof s === 'string')) {
      return { patternId: file.patternId, variantId: v.variantId, schedule: schedule as string[], params };
    }
    if (Array.isArray(schedule)) malformed = true;
  }
  // A schedule that is there but holds something else than actor names is not "no schedule": say what is wrong with it.
  return { error: malformed ? msg('explorer.import.badActor', { max: MAX_SCHEDULE_ACTOR_CHARS }) : msg('explorer.import.noSchedule') };
}

/** Whether an exploration is running on the pattern open in the step-through (its Redis state is then the exploration's). */
export function useExploringOpenPattern(): boolean {
  const patternId = useSessionStore((s) => s.patternId);
  return useExplorerStore((s) => !!s.progress?.running && s.progress.patternId === patternId);
}

/** The Explore view: the race's description, the draft settings, the running or last exploration, and a replayed import. */
export const useExplorerStore = create<ExplorerStore>((set, get) => ({
  draft: { schedules: String(EXPLORE_SCHEDULES.default), strategy: 'auto', seed: '1' },
  starting: false,
  async load() {
    try {
      const [description, progress] = await Promise.all([call('explore.describe', {}), call('explore.current', {})]);
      const keep = progress && description && progress.patternId === description.patternId ? progress : undefined;
      set({ description, progress: keep, error: undefined });
    } catch (err) {
      set({ error: errorData(err) });
    }
  },
  async openPattern(patternId) {
    if (get().progress?.running) {
      set({ pendingOpen: patternId });
      return;
    }
    await useSessionStore.getState().open(patternId);
  },
  async confirmOpen() {
    const patternId = get().pendingOpen;
    set({ pendingOpen: undefined });
    if (!patternId) return;
    // explore.stop answers once the run has ended and the session was reset: the open that follows is not refused.
    await get().stop();
    if (get().progress?.running || get().error) return;
    await useSessionStore.getState().open(patternId);
  },
  cancelOpen: () => set({ pendingOpen: undefined }),
  setDraft(patch) {
    set({ draft: { ...get().draft, ...patch } });
  },
  async start() {
    const { draft } = get();
    const schedules = checkSchedules(draft.schedules);
    const seed = checkSeed(draft.seed);
    if (!schedules.ok || !seed.ok) return;
    set({ starting: true, error: undefined, imported: undefined });
    try {
      const progress = await call('explore.start', { strategy: draft.strategy, schedules: schedules.value, seed: seed.value });
      // An event may already have brought a newer state of this run.
      if (get().progress?.id !== progress.id) set({ progress });
    } catch (err) {
      set({ error: errorData(err) });
    } finally {
      set({ starting: false });
    }
  },
  async stop() {
    try {
      const progress = await call('explore.stop', {});
      if (progress) set({ progress });
    } catch (err) {
      set({ error: errorData(err) });
    }
  },
  apply(progress) {
    const current = get().progress;
    // Events of an older run (or the same run's older state after its final one) are dropped.
    if (current && (progress.id < current.id || (progress.id === current.id && !current.running && progress.running))) return;
    set({ progress });
  },
  async exportFile(format) {
    try {
      // In the language the user reads the app in: the invariant, labels and the script's comments.
      const file = await call('explore.export', { format, locale: useLocaleStore.getState().locale });
      download(file.filename, file.mime, file.content);
    } catch (err) {
      set({ error: errorData(err) });
    }
  },
  async importFile(file) {
    // Refused before it is read: a 60 MB file was read and parsed whole on the renderer's thread.
    if (file.size > MAX_IMPORT_BYTES) {
      set({ imported: { file: file.name, error: msg('explorer.import.invalid', { file: file.name, reason: msg('explorer.import.tooBig', { size: file.size, max: MAX_IMPORT_BYTES }) }) } });
      return;
    }
    const found = scheduleIn(await file.text());
    if ('error' in found) {
      set({ imported: { file: file.name, error: msg('explorer.import.invalid', { file: file.name, reason: found.error }) } });
      return;
    }
    // Checked here with the contract's own bounds: a request past them would not reach the host (one web message holds MAX_MESSAGE_BYTES).
    const problem = scheduleProblem(found.schedule);
    if (problem) {
      const reason =
        problem === 'tooLong'
          ? msg('explorer.import.tooLong', { n: found.schedule.length, max: MAX_SCHEDULE_STEPS })
          : problem === 'empty'
            ? msg('explorer.import.noSchedule')
            : msg('explorer.import.badActor', { max: MAX_SCHEDULE_ACTOR_CHARS });
      set({ imported: { file: file.name, error: msg('explorer.import.refused', { file: file.name, reason }) } });
      return;
    }
    // A file naming a pattern this app does not have (a typo, another version, "../../etc/passwd") is told so, not "open it".
    if (!useSessionStore.getState().patterns.some((p) => p.id === found.patternId)) {
      set({ imported: { file: file.name, error: msg('explorer.import.unknownPattern', { file: file.name, patternId: found.patternId.slice(0, 80) }) } });
      return;
    }
    if (found.patternId !== useSessionStore.getState().patternId) {
      set({ imported: { file: file.name, error: msg('explorer.import.otherPattern', { file: file.name, patternId: found.patternId }) } });
      return;
    }
    // The replay runs on the open pattern with its parameters (the host's session): the panels and the step-through then agree. A file explored with others is told so, with both.
    const ran = useSessionStore.getState().session?.params ?? {};
    const differs = Object.keys({ ...found.params, ...ran }).some((name) => name in found.params && found.params[name] !== ran[name]);
    const params = differs ? { file: found.params, ran } : undefined;
    set({ imported: { file: file.name, variantId: found.variantId, params }, error: undefined });
    try {
      const result = await call('explore.replay', { variantId: found.variantId, schedule: found.schedule });
      set({ imported: { file: file.name, variantId: found.variantId, params, result } });
    } catch (err) {
      const data = errorData(err);
      set({ imported: { file: file.name, variantId: found.variantId, params, error: data.msg ?? data.message } });
    }
  },
}));
