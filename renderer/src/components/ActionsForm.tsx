import { useState, type FormEvent } from 'react';
import { checkActionField, fieldHint } from '../../../shared/input-check';
import type { ActionInfo, Message } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import { selectPattern, useSessionStore } from '../stores/session-store';
import './inputs.css';

/**
 * One action's form. Fields are checked with the host's own checker
 * (shared/input-check.ts) when submitted, and a wrong one gets its message
 * under it: nothing is sent until every field is right, so a raw schema
 * error ("values.score: Invalid input") never reaches the user.
 */
function ActionForm({ action }: { action: ActionInfo }) {
  const runAction = useSessionStore((s) => s.runAction);
  const busy = useSessionStore((s) => s.stepping);
  const t = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = action.fields.map((f) => [f, checkActionField(f, values[f.name] ?? '')] as const);
    const wrong = Object.fromEntries(checked.flatMap(([f, c]) => (c.ok ? [] : [[f.name, c.msg]])));
    setErrors(wrong);
    if (Object.keys(wrong).length > 0) return;
    void runAction(action.id, Object.fromEntries(checked.map(([f, c]) => [f.name, c.ok ? c.value : ''])));
  };
  return (
    <form className="action-form" aria-label={t(action.label)} onSubmit={submit} noValidate>
      <h2 className="section-title">
        <Msg m={action.label} />
      </h2>
      <div className="action-fields">
        {action.fields.map((f) => {
          const id = `action-${action.id}-${f.name}`;
          const hint = fieldHint(f);
          const error = errors[f.name];
          return (
            <div key={f.name} className="action-field">
              <input
                id={id}
                aria-label={t(f.label)}
                placeholder={t(f.placeholder ?? f.label)}
                inputMode={f.kind === 'number' ? 'decimal' : undefined}
                autoComplete="off"
                value={values[f.name] ?? ''}
                aria-invalid={!!error || undefined}
                aria-describedby={[error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [f.name]: e.target.value }));
                  // A corrected field loses its message at once; the others keep theirs until the next submit.
                  if (error) setErrors(({ [f.name]: _fixed, ...rest }) => rest);
                }}
              />
              {hint && (
                <span className="param-range" id={`${id}-hint`}>
                  <Msg m={f.label} />: <Msg m={hint} />
                </span>
              )}
              {error && (
                <span className="field-error" id={`${id}-error`}>
                  <Msg m={error} />
                </span>
              )}
            </div>
          );
        })}
        <button type="submit" className="small" disabled={busy}>
          {t('ui.action.run')}
        </button>
      </div>
    </form>
  );
}

/** The open pattern's actions: things to do between steps. */
export function ActionsForm() {
  const pattern = useSessionStore(selectPattern);
  if (!pattern?.actions.length) return null;
  return (
    <>
      {pattern.actions.map((a) => (
        <ActionForm key={a.id} action={a} />
      ))}
    </>
  );
}
