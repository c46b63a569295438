import { AlertDialog } from 'radix-ui';
import { selectPattern, useSessionStore } from '../stores/session-store';

/**
 * Opening another pattern ends the run in progress: its steps, traces and
 * snapshots go, and its keys are deleted. Asked first, in the same dialog
 * style as the namespace consent; keeping the run is the default answer.
 */
export function ConfirmDiscardRun() {
  const pending = useSessionStore((s) => s.pendingDiscard);
  const confirm = useSessionStore((s) => s.confirmDiscard);
  const cancel = useSessionStore((s) => s.cancelDiscard);
  const current = useSessionStore(selectPattern);
  const done = useSessionStore((s) => s.session?.cursor ?? 0);
  const target = useSessionStore((s) => s.patterns.find((p) => p.id === s.pendingDiscard?.patternId));
  const total = current?.steps.length ?? 0;
  const same = target?.id === current?.id;
  return (
    <AlertDialog.Root open={!!pending} onOpenChange={(open) => !open && cancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{same ? `Restart ${current?.title}?` : `Leave ${current?.title}?`}</AlertDialog.Title>
          <AlertDialog.Description>
            This run is at step {done} of {total}. {same ? 'Restarting' : `Opening ${target?.title ?? 'another pattern'}`} throws it away: its steps and
            traces are cleared and the keys it made under the namespace are deleted.
          </AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button>Keep this run</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button className="primary" onClick={() => void confirm()}>
                {same ? 'Restart' : `Open ${target?.title ?? 'it'}`}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
