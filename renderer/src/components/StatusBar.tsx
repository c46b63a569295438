import { useState } from 'react';
import { useNow } from '../hooks/use-now';
import { LanguagePick } from '../i18n/LanguagePick';
import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { runInProgress, useSessionStore } from '../stores/session-store';
import { useConnectionStore } from '../stores/connection-store';
import { describeHost, useHostStore } from '../stores/host-store';
import { useThemeStore } from '../stores/theme-store';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * While the inspector host cannot be reached, the Redis state it last sent is
 * stale: the bar says the host is gone instead of showing it.
 */
function HostProblem() {
  const host = useHostStore((s) => s.host);
  const t = useT();
  const said = describeHost(host, useNow(host.state === 'lost'));
  const text = said && t(said.id, said.values);
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
  const t = useT();
  const [asking, setAsking] = useState(false);
  // A run in progress is thrown away by a disconnect: ask first, as switching patterns does.
  const requestDisconnect = () => (runInProgress(useSessionStore.getState()) ? setAsking(true) : void disconnect());
  return (
    <footer className="status-bar" aria-label={t('ui.status.region')}>
      {hostOnline ? (
        <>
          <span className={`state-dot state-${status.state}`} aria-hidden />
          <span data-testid="connection-state" data-state={status.state}>
            {t(`ui.status.state.${status.state}`)}
          </span>
        </>
      ) : (
        <HostProblem />
      )}
      {status.label && <span className="sb-keep">{status.label}</span>}
      {status.version && (
        // Version and role as one item: the role is one word, and a narrow bar has room for one more label, not two.
        <span className="sb-keep" title={status.role ? t('ui.status.role', { role: status.role }) : undefined}>
          {status.role ? t('ui.status.versionRole', { version: status.version, role: status.role }) : t('ui.status.version', { version: status.version })}
        </span>
      )}
            {status.namespace && (
        <span className="sb-keep">
          {t('ui.status.namespace')} <code>{status.namespace}</code>
        </span>
      )}
      {status.keyspaceFeed && <span title={`${t(`ui.status.feed.${status.keyspaceFeed}`)} — ${t('ui.status.feedTitle')}`}>{t(`ui.status.feed.${status.keyspaceFeed}`)}</span>}
      <span className="spacer" />
      <LanguagePick />
      <label className="theme-pick">
        <span className="theme-word">{t('ui.theme')}</span>
        {/* In a narrow window the word gives way to a glyph, so "System" beside the language's "System (…)" still reads as the theme. */}
        <span className="theme-glyph" aria-hidden>
          ◐
        </span>
        <select value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)} aria-label={t('ui.theme')} title={t('ui.theme')}>
          <option value="system">{t('ui.theme.system')}</option>
          <option value="dark">{t('ui.theme.dark')}</option>
          <option value="light">{t('ui.theme.light')}</option>
        </select>
      </label>
      <button className="small" onClick={requestDisconnect}>
        {t('ui.status.disconnect')}
      </button>
      <ConfirmDialog
        open={asking}
        onCancel={() => setAsking(false)}
        onConfirm={() => void disconnect()}
        title={t('ui.status.confirmTitle')}
        description={<Rich id="ui.status.confirmBody" values={{ namespace: status.namespace ?? '' }} />}
        keepLabel={t('ui.keepRun')}
        confirmLabel={t('ui.status.disconnect')}
      />
    </footer>
  );
}
