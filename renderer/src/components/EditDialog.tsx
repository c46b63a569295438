import { Dialog } from 'radix-ui';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { useErrorText } from '../i18n/ErrorText';
import { useT } from '../i18n/Msg';
import { escapeBytes, unescapeBytes } from './value-bytes';

/** The key under which the dialog sends its escapes switch with the values ('1' when bytes were typed as \xNN escapes). */
export const ESCAPED = '#escaped';

/** One input of an edit: its label, its starting text, and how it is typed. */
export interface EditField {
  name: string;
  label: string;
  initial: string;
  /** A textarea (values) rather than one line (names, scores, TTLs). */
  multiline?: boolean;
  /** Said under the input, e.g. that bytes are typed as \xNN escapes. */
  hint?: string;
  /** Choices instead of free text. */
  options?: { value: string; label: string }[];
  /** Bytes: typed as text, or as \xNN escapes with the dialog's switch (then \\ is a backslash). */
  bytes?: boolean;
  /** Bytes that are not UTF-8: the switch starts on, with this field's text already escaped. */
  escaped?: boolean;
  /** May be left empty. */
  optional?: boolean;
}

/**
 * One edit as one confirmed action: a Radix dialog with the inputs, what
 * will be done (and whether it can be undone), and Apply. Apply waits for
 * the host's answer; a refusal (namespace, ACL, changed meanwhile) is shown
 * in the dialog with the inputs kept, so nothing typed is lost.
 */
export function EditDialog(props: {
  open: boolean;
  title: string;
  description: ReactNode;
  fields: EditField[];
  confirmLabel: string;
  /** Turns the inputs into the request; a string is a problem with the input, shown without sending. */
  onSubmit(values: Record<string, string>): Promise<AppErrorData | string | undefined>;
  onClose(): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [escaped, setEscaped] = useState(false);
  /** Said after the switch rewrote what was typed: the same characters, now in escaped form. */
  const [kept, setKept] = useState(false);
  const { open, fields } = props;
  const bytesFields = fields.filter((f) => f.bytes);

  useEffect(() => {
    if (open) {
      setValues(Object.fromEntries(fields.map((f) => [f.name, f.initial])));
      setEscaped(fields.some((f) => f.escaped));
      setKept(false);
      setProblem(undefined);
      setBusy(false);
    }
    // Reset only when the dialog opens: the fields' initial texts are what it opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    for (const f of fields) if (!f.optional && !f.options && (values[f.name] ?? '') === '' && !f.multiline) return setProblem(t('keyEditor.ui.required', { field: f.label }));
    setBusy(true);
    const result = await props.onSubmit({ ...values, [ESCAPED]: escaped ? '1' : '' });
    setBusy(false);
    if (result === undefined) props.onClose();
    else setProblem(typeof result === 'string' ? result : errorText(result));
  };

  /**
   * Turns the switch: what is typed so far is rewritten in the other form,
   * the same bytes either way. Bytes that are not UTF-8 have no text form:
   * the switch stays on, and says why.
   */
  const toggleEscapes = (on: boolean) => {
    const next = { ...values };
    for (const f of bytesFields) {
      const text = values[f.name] ?? '';
      if (on) next[f.name] = escapeBytes(new TextEncoder().encode(text));
      else {
        const bytes = unescapeBytes(text);
        if (!bytes) return setProblem(t('keyEditor.ui.badEscape'));
        try {
          next[f.name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          return setProblem(t('keyEditor.ui.notText', { field: f.label }));
        }
      }
    }
    setProblem(undefined);
    // Typed first and switched after, "\xff" stays the four characters typed (now "\\xff"): say so, or it would be stored unseen.
    setKept(on && bytesFields.some((f) => next[f.name] !== (values[f.name] ?? '')));
    setValues(next);
    setEscaped(on);
  };

  return (
    <Dialog.Root open={open} onOpenChange={(o) => !o && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog edit-dialog">
          <Dialog.Title>{props.title}</Dialog.Title>
          <Dialog.Description className="small">{props.description}</Dialog.Description>
          <form onSubmit={(e) => void submit(e)} className="edit-form">
            {/* Above the fields: set before typing, so what is typed is read the way it was meant. */}
            {bytesFields.length > 0 && (
              <label className="edit-escapes small">
                <input type="checkbox" checked={escaped} onChange={(e) => toggleEscapes(e.target.checked)} />
                <span>{t('keyEditor.ui.typeEscapes')}</span>
              </label>
            )}
            {kept && <p className="muted small">{t('keyEditor.ui.escapesKept')}</p>}
            {fields.map((f) => (
              <label key={f.name} className="edit-field">
                <span>{f.label}</span>
                {f.options ? (
                  <select value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : f.multiline ? (
                  <textarea className="mono" rows={6} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
                ) : (
                  <input className="mono" value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
                )}
                {f.hint && <small className="muted">{f.hint}</small>}
              </label>
            ))}
            {problem && (
              <p className="notice error" role="alert">
                {problem}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button">{t('keyEditor.ui.cancel')}</button>
              </Dialog.Close>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t('keyEditor.ui.applying') : props.confirmLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
