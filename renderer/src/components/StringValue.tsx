import { STRING_VIEWS, type StringView, type ValuePage } from '../../../shared/key-editor-contract';
import { useT } from '../i18n/Msg';
import { useKeyEditorStore } from '../stores/key-editor-store';

/** A string's page in the chosen view (text, JSON, hex, or decoded), with what the host said about bounds and decoding. */
export function StringValue({ page, onEdit, canEdit }: { page: ValuePage; canEdit: boolean; onEdit(): void }) {
  const t = useT();
  const { view, setView } = useKeyEditorStore();
  const s = page.string!;
  return (
    <div className="string-value">
      <div className="string-tools">
        <label className="small">
          {t('keyEditor.ui.view')}{' '}
          <select value={view} onChange={(e) => void setView(e.target.value as StringView)} aria-label={t('keyEditor.ui.view')}>
            {STRING_VIEWS.map((v) => (
              <option key={v} value={v}>
                {v === 'auto' ? t('keyEditor.ui.viewAuto', { chosen: s.view }) : t(`keyEditor.ui.view.${v}`)}
              </option>
            ))}
          </select>
        </label>
        {canEdit && (
          <button type="button" className="small" onClick={onEdit} disabled={!s.whole} title={s.whole ? undefined : t('keyEditor.ui.stringTooLarge')}>
            {t('keyEditor.ui.editValue')}
          </button>
        )}
      </div>
      {s.notes.map((n, i) => (
        <p key={i} className="muted small value-note">
          {t(n)}
        </p>
      ))}
      <pre className="value-text mono" aria-label={t('ui.value')}>
        {s.text}
      </pre>
    </div>
  );
}
