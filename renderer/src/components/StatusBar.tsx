import { useNow } from '../hooks/use-now';
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
      <button className="small" onClick={() => void disconnect()}>
        Disconnect
      </button>
    </footer>
  );
}
