import { useEffect, type ReactNode } from 'react';
import { useNow } from '../hooks/use-now';
import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { useConnectionStore } from '../stores/connection-store';
import { describeHost, useHostStore } from '../stores/host-store';
import { useKeysStore } from '../stores/keys-store';
import { useSessionStore } from '../stores/session-store';

/** Events sent while the socket was down are lost: after a reconnect, read the state again from the host. */
async function refetchAfterReconnect() {
  try {
    await useConnectionStore.getState().loadInfo();
  } catch {
    return; // Lost again already: the next reconnect tries again.
  }
  if (useConnectionStore.getState().status.state === 'disconnected') {
    // A restarted host starts disconnected: drop what the old one had shown.
    useKeysStore.getState().clear();
    useSessionStore.setState({ patternId: undefined, session: undefined, running: false });
  }
}

/** Shown instead of the app when the host refuses the page's token: nothing else can work until the address is right. */
function TokenScreen({ problem }: { problem: 'missing' | 'wrong' }) {
  const example = `${location.origin}/?token=…`;
  const t = useT();
  return (
    <main className="connect-screen" aria-labelledby="token-title">
      <div className="connect-card">
        <h1 id="token-title">{t('ui.token.title')}</h1>
        <div className="notice error" role="alert">
          {t(problem === 'missing' ? 'ui.token.missing' : 'ui.token.wrong')}
          <div className="hint">
            <Rich id="ui.token.hint" values={{ example }} />
          </div>
        </div>
      </div>
    </main>
  );
}

/** Before the workspace (and its status bar) is on screen, a lost host is said here instead. */
function HostBanner() {
  const host = useHostStore((s) => s.host);
  const connection = useConnectionStore((s) => s.status.state);
  // Only a lost host's retry counts down: otherwise no clock runs behind the banner.
  const now = useNow(host.state === 'lost');
  const t = useT();
  const said = describeHost(host, now);
  const text = said && t(said.id, said.values);
  if (!text || (connection !== 'disconnected' && connection !== 'connecting')) return null;
  return (
    <div className="notice error" role="alert" data-testid="host-state" style={{ position: 'fixed', top: 8, left: '50%', transform: 'translateX(-50%)', zIndex: 10 }}>
      {text}
    </div>
  );
}

/** Wraps the app with what depends on the host being there: the token screen, the lost-host banner, the refetch. */
export function HostGate({ children }: { children: ReactNode }) {
  const host = useHostStore((s) => s.host);
  const reconnects = useHostStore((s) => s.reconnects);
  useEffect(() => {
    if (reconnects > 0) void refetchAfterReconnect();
  }, [reconnects]);
  if (host.state === 'token') return <TokenScreen problem={host.problem} />;
  // The app's first requests would only fail before the socket has settled.
  if (host.state === 'connecting') return null;
  return (
    <>
      {children}
      <HostBanner />
    </>
  );
}
