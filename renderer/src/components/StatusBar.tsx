import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { useNow } from '../hooks/use-now';
import { runInProgress, useSessionStore } from '../stores/session-store';
import { useConnectionStore } from '../stores/connection-store';
import { describeHost, useHostStore } from '../stores/host-store';
import { useThemeStore } from '../stores/theme-store';

/**
 * While the inspector host cannot be reached, the Redis state it last sent is
 * stale: the bar says the host is gone instead of showing it.
 */
function HostProblem() {
  const host = useHostStore((s) => s.host);
  const text = describeHost(host, useNow());
  return (
    <>
      <span className="state-dot state-error" aria-hidden />
      <span role="alert" data-testid="host-state">
        {text}
      </span>
    </>
  );
}

/** Where the patterns run: sandbox or host, server version and role, state, namespace. */
export function StatusBar() {
  const hostOnline = useHostStore((s) => s.host.state === 'online');
  const status = useConnectionStore((s) => s.status);
  const disconnect = useConnectionStore((s) => s.disconnect);
  const { choice, setChoice } = useThemeStore();
  const [asking, setAsking] = useState(false);
  // A run in progress is thrown away by a disconnect: ask first, as switching patterns does.
  const requestDisconnect = () => (runInProgress(useSessionStore.getState()) ? setAsking(true) : void disconnect());
  return (
    <footer className="status-bar" aria-label="Connection status">
      {hostOnline ? (
        <>
          <span className={`state-dot state-${status.state}`} aria-hidden />
          <span data-testid="connection-state">{status.state}</span>
        </>
      ) : (
        <HostProblem />
      )}
      {status.label && <span>{status.label}</span>}
      {status.version && <span>Redis {status.version}</span>}
      {status.role && <span>role {status.role}</span>}
      {status.namespace && (
        <span>
          namespace <code>{status.namespace}</code>
        </span>
      )}
      {status.keyspaceFeed && <span title="How the Keys panel learns of changes">live: {status.keyspaceFeed === 'notifications' ? 'keyspace notifications' : 'polling SCAN'}</span>}
      <span className="spacer" />
      <label className="theme-pick">
        Theme
        <select value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)} aria-label="Theme">
          <option value="system">System</option>
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
      </label>
      <button className="small" onClick={requestDisconnect}>
        Disconnect
      </button>
      <AlertDialog.Root open={asking} onOpenChange={setAsking}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title>Disconnect and end this run?</AlertDialog.Title>
            <AlertDialog.Description>
              The run in progress, its steps and traces, is lost when the connection closes. Keys it made stay under <code>{status.namespace}</code> until a
              pattern is next opened there.
            </AlertDialog.Description>
            <div className="dialog-actions">
              <AlertDialog.Cancel asChild>
                <button>Keep this run</button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <button className="primary" onClick={() => void disconnect()}>
                  Disconnect
                </button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </footer>
  );
}
