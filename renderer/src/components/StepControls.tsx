import { Tooltip } from 'radix-ui';
import { useMemo, type ReactNode } from 'react';
import { SHORTCUTS, useShortcuts } from '../hooks/use-shortcuts';
import { RUN_SPEEDS, selectPattern, useSessionStore, type RunSpeed } from '../stores/session-store';
import { BusyIndicator } from './Busy';

function Tip({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6}>
          {label}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

/**
 * Step, Run/Pause and Reset, with their shortcuts. They live in the Pattern
 * tab, so the shortcuts are bound only while it is on screen: on the Key
 * browser, R and N do nothing to a pattern the user cannot see.
 */
export function StepControls() {
  const pattern = useSessionStore(selectPattern);
  const { session, stepping, running, speed, step, run, pause, reset, setSpeed } = useSessionStore();
  const total = pattern?.steps.length ?? 0;
  const finished = !!session && session.cursor >= total;
  const actions = useMemo(
    () => ({
      step: () => void useSessionStore.getState().step(),
      toggleRun: () => (useSessionStore.getState().running ? useSessionStore.getState().pause() : void useSessionStore.getState().run()),
      reset: () => void useSessionStore.getState().reset(),
    }),
    [],
  );
  useShortcuts(actions, !!session);
  if (!pattern) return null;
  return (
    <div className="step-controls" role="toolbar" aria-label="Step controls">
      <Tip label={`Run the next step (${SHORTCUTS.step})`}>
        <button className="primary" aria-keyshortcuts="N" disabled={!session || stepping || running || finished} onClick={() => void step()}>
          Step
        </button>
      </Tip>
      {running ? (
        <Tip label={`Pause after this step (${SHORTCUTS.run})`}>
          <button aria-keyshortcuts="Space" onClick={pause}>
            Pause
          </button>
        </Tip>
      ) : (
        <Tip label={`Run the remaining steps (${SHORTCUTS.run})`}>
          <button aria-keyshortcuts="Space" disabled={!session || finished || stepping} onClick={() => void run()}>
            Run
          </button>
        </Tip>
      )}
      <Tip label={`Delete the namespace's keys, reseed the database, start over (${SHORTCUTS.reset})`}>
        <button aria-keyshortcuts="R" disabled={!session || stepping} onClick={() => void reset()}>
          Reset
        </button>
      </Tip>
      <label className="speed">
        Speed
        <select value={speed} onChange={(e) => setSpeed(e.target.value as RunSpeed)} aria-label="Run speed">
          {(Object.keys(RUN_SPEEDS) as RunSpeed[]).map((s) => (
            <option key={s} value={s}>
              {s} ({RUN_SPEEDS[s] / 1000} s)
            </option>
          ))}
        </select>
      </label>
      <span className="progress" aria-live="polite">
        {session ? `Step ${Math.min(session.cursor, total)} of ${total}${finished ? ' — finished' : ''}` : ''}
      </span>
      <BusyIndicator />
    </div>
  );
}
