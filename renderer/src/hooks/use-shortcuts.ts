import { useEffect } from 'react';

/** Step, Run/Pause and Reset from the keyboard, except while typing in a field. */
export const SHORTCUTS = { step: 'N', run: 'Space', reset: 'R' } as const;

export function useShortcuts(actions: { step(): void; toggleRun(): void; reset(): void }, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'n' || event.key === 'N' || event.key === 'ArrowRight') actions.step();
      else if (event.key === ' ' && !target?.closest('button')) actions.toggleRun();
      else if (event.key === 'r' || event.key === 'R') actions.reset();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, enabled]);
}
