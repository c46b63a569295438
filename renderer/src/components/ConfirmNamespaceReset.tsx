import { AlertDialog } from 'radix-ui';
import { useConnectionStore } from '../stores/connection-store';
import { useSessionStore } from '../stores/session-store';

/**
 * On an existing Redis, opening a pattern clears its namespace. When keys
 * already live there, the user says so first, once per connection.
 */
export function ConfirmNamespaceReset() {
  const pending = useSessionStore((s) => s.pendingOpen);
  const confirm = useSessionStore((s) => s.confirmOpen);
  const cancel = useSessionStore((s) => s.cancelOpen);
  const status = useConnectionStore((s) => s.status);
  const n = status.existingKeys ?? 0;
  const keys = `${n} existing key${n === 1 ? '' : 's'}`;
  return (
    <AlertDialog.Root open={!!pending} onOpenChange={(open) => !open && cancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>Delete {keys}?</AlertDialog.Title>
          <AlertDialog.Description>
            {n === 1 ? 'One key already exists' : `${n} keys already exist`} under <code>{status.namespace}</code> on {status.label}. Opening a pattern
            starts from a clean namespace, so {n === 1 ? 'it' : 'they'} will be deleted (SCAN + UNLINK). Keys outside <code>{status.namespace}</code> are
            never touched. To keep {n === 1 ? 'it' : 'them'}, disconnect and choose another namespace.
          </AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button>Keep them</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button className="primary" onClick={() => void confirm()}>
                Delete and open
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
