import { checkParam, rangeText } from '../../../shared/input-check';
import { Msg, useT } from '../i18n/Msg';
import { selectPattern, useSessionStore } from '../stores/session-store';
import './inputs.css';

/**
 * The pattern's parameters; edits apply on Reset, so a run never changes
 * halfway. Each field is checked as it is typed with the same function the
 * host uses (shared/input-check.ts): its range is shown beside it and a
 * wrong value gets a sentence under it — never the browser's bubble, and
 * never a silent clamp (noValidate, a text field with a numeric keyboard).
 */
export function ParamsForm() {
  const pattern = useSessionStore(selectPattern);
  const draft = useSessionStore((s) => s.draft);
  const applied = useSessionStore((s) => s.session?.params);
  const setDraft = useSessionStore((s) => s.setDraft);
  const reset = useSessionStore((s) => s.reset);
  const t = useT();
  if (!pattern || pattern.params.length === 0) return null;
  const checks = pattern.params.map((p) => ({ spec: p, text: draft[p.name] ?? String(p.default), checked: checkParam(p, draft[p.name] ?? p.default) }));
  const invalid = checks.some((c) => !c.checked.ok);
  const dirty = checks.some((c) => applied && (!c.checked.ok || c.checked.value !== applied[c.spec.name]));
  return (
    <form
      className="params"
      aria-label={t('ui.params')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // The store checks again and says why it did not reset; the fields already show which one.
        void reset();
      }}
    >
      <h2 className="section-title">{t('ui.params')}</h2>
      {checks.map(({ spec: p, text, checked }) => {
        const id = `param-${p.name}`;
        return (
          <div key={p.name} className="param-field">
            <div className="param">
              <label htmlFor={id}>
                <Msg m={p.label} />
              </label>
              <input
                id={id}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={text}
                onChange={(e) => setDraft(p.name, e.target.value)}
                aria-invalid={!checked.ok || undefined}
                aria-describedby={checked.ok ? `${id}-range` : `${id}-error ${id}-range`}
              />
            </div>
            <span className="param-range" id={`${id}-range`}>
              <Msg m={rangeText(p.min, p.max, p.unit)} />
            </span>
            {!checked.ok && (
              <span className="field-error" id={`${id}-error`}>
                <Msg m={checked.msg} />
              </span>
            )}
          </div>
        );
      })}
      {invalid && (
        <span className="muted small" id="params-invalid">
          {t('ui.params.fix')}
        </span>
      )}
      {dirty && (
        // Left enabled when a value is wrong: pressing it says, in the app's words, why nothing was reset.
        <button type="submit" className="small" aria-describedby={invalid ? 'params-invalid' : undefined}>
          {t('ui.params.apply')}
        </button>
      )}
    </form>
  );
}
