import { useEffect } from 'react';
import { onMenuCommand } from '../api/menu-commands';

/** Step, Run/Pause and Reset from the keyboard, except while typing in a field, and from the desktop menu's Run items. */
export const SHORTCUTS = { step: 'N', run: 'Space', reset: 'R' } as const;

export function useShortcuts(actions: { step(): void; toggleRun(): void; reset(): void }, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      // A dialog is asking something (delete keys? leave the run?): keys belong to it, not to the run behind it.
      if (document.querySelector('[role="alertdialog"], [role="dialog"]')) return;
      if (event.key === 'n' || event.key === 'N' || event.key === 'ArrowRight') actions.step();
      else if (event.key === ' ' && !target?.closest('button')) actions.toggleRun();
      else if (event.key === 'r' || event.key === 'R') actions.reset();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    // The menu's Step / Run / Reset call the same actions, and only while these controls are on screen.
    const offMenu = onMenuCommand((command) => {
      if (command.command === 'step') actions.step();
      else if (command.command === 'toggle-run') actions.toggleRun();
      else if (command.command === 'reset') actions.reset();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
    };
  }, [actions, enabled]);
}
