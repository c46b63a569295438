import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { AppErrorData } from '../../../shared/errors';
import type { EditEntry } from '../../../shared/key-editor-contract';
import { useErrorText } from '../i18n/ErrorText';
import { useT } from '../i18n/Msg';
import { useKeyEditorStore } from '../stores/key-editor-store';
import { ConfirmDialog } from './ConfirmDialog';

/** The edits of this connection, newest first: what, on which key, when, how it ended, and Undo where the host kept what undo needs. */
export function EditHistory() {
  const t = useT();
  const intl = useIntl();
  // In the app's language, 24-hour, like the server charts.
  const time = (at: number) => intl.formatTime(at, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const errorText = useErrorText();
  const { history, historyError, loadHistory, undo } = useKeyEditorStore();
  const [problem, setProblem] = useState<{ entry: number; error: AppErrorData }>();
  const [force, setForce] = useState<EditEntry>();

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const run = async (entry: EditEntry, forced: boolean) => {
    const error = await undo(entry.id, forced);
    setProblem(error ? { entry: entry.id, error } : undefined);
    // Changed since the edit: ask before throwing the other change away.
    if (error?.code === 'conflict' && !forced) setForce(entry);
  };

  return (
    <section className="edit-history" aria-labelledby="edit-history-title">
      <h3 id="edit-history-title">{t('keyEditor.ui.history')}</h3>
      {historyError && <p className="notice error">{errorText(historyError)}</p>}
      {history.length === 0 ? (
        <p className="muted small">{t('keyEditor.ui.historyEmpty')}</p>
      ) : (
        <ol className="history-list" reversed>
          {[...history].reverse().map((e) => (
            <li key={e.id} className={`history-${e.result}`}>
              <span className="muted small mono">{time(e.at)}</span>
              <span className="history-what">
                <span className="mono history-key" title={e.key}>
                  {e.key}
                </span>{' '}
                {t(e.what)}
              </span>
              <span className={`history-result result-${e.result}`}>{t(`keyEditor.ui.result.${e.result}`)}</span>
              {e.undo.ok ? (
                <button type="button" className="small" aria-label={t('keyEditor.ui.undoOf', { what: t(e.what) })} onClick={() => void run(e, false)}>
                  {t('keyEditor.ui.undo')}
                </button>
              ) : (
                <span className="muted small history-why">{e.result === 'failed' && e.error ? errorText(e.error) : e.result === 'undone' && e.undoneAt ? t('keyEditor.ui.undoneAt', { at: time(e.undoneAt) }) : t(e.undo.reason)}</span>
              )}
              {problem?.entry === e.id && (
                <span className="notice error small" role="alert">
                  {errorText(problem.error)}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={!!force}
        onCancel={() => setForce(undefined)}
        onConfirm={() => {
          const entry = force!;
          setForce(undefined);
          void run(entry, true);
        }}
        title={t('keyEditor.ui.forceTitle')}
        description={t('keyEditor.undo.changedSince')}
        keepLabel={t('keyEditor.ui.keepTheirs')}
        confirmLabel={t('keyEditor.ui.undoAnyway')}
      />
    </section>
  );
}
