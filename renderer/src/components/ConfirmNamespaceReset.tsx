import { AlertDialog } from 'radix-ui';
import { useSessionStore } from '../stores/session-store';

/**
 * On an existing Redis, opening a pattern clears its namespace. The host
 * refuses to delete keys that were not the app's and says what it found;
 * this dialog shows exactly that, and the user's answer is sent back with
 * the count they saw, so the host deletes no more than was shown.
 */
export function ConfirmNamespaceReset() {
  const pending = useSessionStore((s) => s.pendingConsent);
  const confirm = useSessionStore((s) => s.confirmOpen);
  const cancel = useSessionStore((s) => s.cancelOpen);
  const request = pending?.request;
  const n = request?.keys ?? 0;
  const keys = `${n.toLocaleString('en')} existing key${n === 1 ? '' : 's'}`;
  return (
    <AlertDialog.Root open={!!pending} onOpenChange={(open) => !open && cancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>Delete {keys}?</AlertDialog.Title>
          <AlertDialog.Description>
            {n === 1 ? 'One key already exists' : `${n.toLocaleString('en')} keys already exist`} under <code>{request?.namespace}</code> on{' '}
            {request?.server}. {pending?.reset ? 'Resetting' : 'Opening a pattern'} starts from a clean namespace, so {n === 1 ? 'it' : 'they'} will be
            deleted (SCAN + UNLINK). Keys outside <code>{request?.namespace}</code> are never touched. To keep {n === 1 ? 'it' : 'them'}, disconnect and
            choose another namespace.
          </AlertDialog.Description>
          {request && request.sample.length > 0 && (
            <div className="consent-sample">
              <div className="muted">{request.sample.length < n ? `The first ${request.sample.length}:` : n === 1 ? 'The key:' : 'The keys:'}</div>
              <ul aria-label="Keys that would be deleted">
                {request.sample.map((name, i) => (
                  <li key={i}>
                    <code title={name}>{name}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button>Keep them</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button className="primary" onClick={() => void confirm()}>
                Delete {n.toLocaleString('en')} and {pending?.reset ? 'reset' : 'open'}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
