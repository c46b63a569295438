import { useState, type FormEvent } from 'react';
import type { ActionInfo } from '../../../shared/model';
import { selectPattern, useSessionStore } from '../stores/session-store';

function ActionForm({ action }: { action: ActionInfo }) {
  const runAction = useSessionStore((s) => s.runAction);
  const busy = useSessionStore((s) => s.stepping);
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = Object.fromEntries(action.fields.map((f) => [f.name, f.kind === 'number' ? Number(values[f.name] ?? '') : (values[f.name] ?? '')]));
    void runAction(action.id, typed);
  };
  return (
    <form className="action-form" aria-label={action.label} onSubmit={submit}>
      <h2 className="section-title">{action.label}</h2>
      <div className="action-fields">
        {action.fields.map((f) => (
          <input
            key={f.name}
            aria-label={f.label}
            placeholder={f.placeholder ?? f.label}
            inputMode={f.kind === 'number' ? 'decimal' : undefined}
            value={values[f.name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
          />
        ))}
        <button type="submit" className="small" disabled={busy}>
          Run
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
