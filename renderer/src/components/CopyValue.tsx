import { useEffect, useState } from 'react';
import type { ValuePage } from '../../../shared/key-editor-contract';
import type { Message } from '../../../shared/i18n/message';
import { Msg, useT } from '../i18n/Msg';
import { valueForClipboard } from './copy-value';

/** Copy value: what the pane shows of the value, onto the clipboard, and a line saying what that was (gone after a few seconds). */
export function CopyValue({ page }: { page: ValuePage }) {
  const t = useT();
  const [said, setSaid] = useState<Message>();
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(undefined), 6000);
    return () => clearTimeout(timer);
  }, [said]);
  const copy = valueForClipboard(page);
  if (!copy) return null;
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(copy.text);
      setSaid(copy.said);
    } catch (err) {
      setSaid({ id: 'keyEditor.copy.failed', values: { reason: (err as Error).message } });
    }
  };
  return (
    <>
      <button type="button" className="small" data-testid="copy-value" onClick={() => void onCopy()}>
        {t('keyEditor.copy.button')}
      </button>
      {said && (
        <span className="muted small copy-said" role="status">
          <Msg m={said} />
        </span>
      )}
    </>
  );
}
