import { Tooltip } from 'radix-ui';
import { useMemo, type ReactNode } from 'react';
import { SHORTCUTS, useShortcuts } from '../hooks/use-shortcuts';
import { useT } from '../i18n/Msg';
import { useExploringOpenPattern } from '../stores/explorer-store';
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
  const exploring = useExploringOpenPattern();
  const t = useT();
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
  useShortcuts(actions, !!session && !exploring);
  // While the explorer runs on this pattern the host refuses steps and resets: the buttons say why they wait.
  const waiting = exploring ? t('explorer.runningHere.controls') : undefined;
  const described = exploring ? 'exploration-running-notice' : undefined;
  if (!pattern) return null;
  return (
    <div className="step-controls" role="toolbar" aria-label={t('ui.controls')}>
      <Tip label={waiting ?? t('ui.controls.stepTip', { key: SHORTCUTS.step })}>
        <button className="primary" aria-keyshortcuts="N" aria-describedby={described} disabled={!session || stepping || running || finished || exploring} onClick={() => void step()}>
          {t('ui.controls.step')}
        </button>
      </Tip>
      {running ? (
        <Tip label={t('ui.controls.pauseTip', { key: SHORTCUTS.run })}>
          <button aria-keyshortcuts="Space" onClick={pause}>
            {t('ui.controls.pause')}
          </button>
        </Tip>
      ) : (
        <Tip label={waiting ?? t('ui.controls.runTip', { key: SHORTCUTS.run })}>
          <button aria-keyshortcuts="Space" aria-describedby={described} disabled={!session || finished || stepping || exploring} onClick={() => void run()}>
            {t('ui.controls.run')}
          </button>
        </Tip>
      )}
      <Tip label={waiting ?? t('ui.controls.resetTip', { key: SHORTCUTS.reset })}>
        <button aria-keyshortcuts="R" aria-describedby={described} disabled={!session || stepping || exploring} onClick={() => void reset()}>
          {t('ui.controls.reset')}
        </button>
      </Tip>
      <label className="speed">
        {t('ui.controls.speed')}
        <select value={speed} onChange={(e) => setSpeed(e.target.value as RunSpeed)} aria-label={t('ui.controls.speedLabel')}>
          {(Object.keys(RUN_SPEEDS) as RunSpeed[]).map((s) => (
            <option key={s} value={s}>
              {t(`ui.controls.speed.${s}`, { seconds: RUN_SPEEDS[s] / 1000 })}
            </option>
          ))}
        </select>
      </label>
      <span className="progress" aria-live="polite">
        {session ? t(finished ? 'ui.controls.finished' : 'ui.controls.progress', { n: Math.min(session.cursor, total), total }) : ''}
      </span>
      <BusyIndicator />
    </div>
  );
}
