import { AlertDialog } from 'radix-ui';
import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
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
  const reset = pending?.reset ? 'yes' : 'no';
  const t = useT();
  return (
    <AlertDialog.Root open={!!pending} onOpenChange={(open) => !open && cancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{t('ui.consent.title', { n })}</AlertDialog.Title>
          <AlertDialog.Description>
            <Rich id="ui.consent.body" values={{ n, namespace: request?.namespace ?? '', server: request?.server ?? '', reset }} />
          </AlertDialog.Description>
          {request && request.sample.length > 0 && (
            <div className="consent-sample">
              <div className="muted">
                {request.sample.length < n ? t('ui.consent.first', { n: request.sample.length }) : t(n === 1 ? 'ui.consent.theKey' : 'ui.consent.theKeys')}
              </div>
              <ul aria-label={t('ui.consent.sample')}>
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
              <button>{t('ui.consent.keep')}</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button className="primary" onClick={() => void confirm()}>
                {t('ui.consent.confirm', { n, reset })}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
