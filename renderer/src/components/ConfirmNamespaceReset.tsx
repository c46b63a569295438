import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { useSessionStore } from '../stores/session-store';
import { ConfirmDialog } from './ConfirmDialog';

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
    <ConfirmDialog
      open={!!pending}
      onCancel={cancel}
      onConfirm={() => void confirm()}
      title={t('ui.consent.title', { n })}
      description={<Rich id="ui.consent.body" values={{ n, namespace: request?.namespace ?? '', server: request?.server ?? '', reset }} />}
      keepLabel={t('ui.consent.keep')}
      confirmLabel={t('ui.consent.confirm', { n, reset })}
    >
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
    </ConfirmDialog>
  );
}
