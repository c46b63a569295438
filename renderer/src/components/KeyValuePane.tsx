import type { MessageId } from '../../../shared/i18n/catalog';
import type { KeyValueView } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import { useErrorText } from '../i18n/ErrorText';
import { useBrowserStore } from '../stores/browser-store';
import { useKeyEditorStore } from '../stores/key-editor-store';
import { byteCount, Cell, denialText, KeyName } from './key-display';
import { TtlBar } from './TtlBar';

type Say = ReturnType<typeof useT>;

const HEADERS: Record<string, MessageId[]> = {
  list: ['ui.value.col.index', 'ui.value.col.value'],
  set: ['ui.value.col.member'],
  zset: ['ui.value.col.member', 'ui.value.col.score'],
  hash: ['ui.value.col.field', 'ui.value.col.value'],
  stream: ['ui.value.col.entryId', 'ui.value.col.fields'],
};

function Body({ value }: { value: KeyValueView }) {
  const t = useT();
  // Without TYPE nothing else can be read either: one sentence says so, rather than one per part.
  if (value.denied?.type) return <p className="notice warn">{t('ui.value.noType', { why: denialText(value.denied.type, t) })}</p>;
  if (value.denied?.value) return <p className="notice warn">{t('ui.value.noValue', { why: denialText(value.denied.value, t) })}</p>;
  if (value.unread) {
    const memory =
      value.unread.memoryBytes !== undefined ? t('ui.value.memory', { size: byteCount(value.unread.memoryBytes, t) }) : t('ui.value.memoryUnknown');
    return <p className="notice warn">{t('ui.value.unread', { why: denialText(value.unread.denial, t), memory })}</p>;
  }
  if (value.text !== undefined) return <pre className="value-text mono">{value.text}</pre>;
  const headers = HEADERS[value.type] ?? [];
  return (
    <table className="data-table value-rows" aria-label={t('ui.value.elements')}>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h}>{t(h)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(value.rows ?? []).map((row, i) => (
          <tr key={i}>
            {row.map((c, j) => (
              <td key={j} className="mono">
                <Cell cell={c} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function sizeText(value: KeyValueView, t: Say): string {
  if (value.denied?.size) return t('ui.value.sizeDenied', { why: denialText(value.denied.size, t) });
  const size = value.type === 'string' ? byteCount(value.size, t) : t('ui.value.elementCount', { n: value.size });
  if (!value.truncated || value.unread) return size;
  if (value.type === 'string') return t('ui.value.showingBytes', { size, shown: byteCount(value.shown ?? 0, t) });
  return t('ui.value.showingElements', { size, shown: value.shown ?? value.rows?.length ?? 0 });
}

/** The selected key's value: the start of a string, the first elements of anything else, each cut to size; what may not be read is named. */
export function KeyValuePane() {
  const selected = useBrowserStore((s) => s.selected);
  const value = useKeyEditorStore((s) => (s.id === selected ? s.value : undefined));
  const error = useKeyEditorStore((s) => (s.id === selected ? s.error : undefined));
  const t = useT();
  const errorText = useErrorText();
  if (!selected) return <p className="empty value-pane">{t('ui.value.select')}</p>;
  return (
    <section className="value-pane" aria-label={t('ui.value')}>
      {error && (
        <p className="notice error" role="alert">
          {t('ui.value.failed', { reason: errorText(error) })}
        </p>
      )}
      {!error && value === undefined && <p className="empty">{t('ui.value.reading')}</p>}
      {value === null && <p className="empty">{t('ui.value.gone')}</p>}
      {value && (
        <>
          <header className="value-header">
            <KeyName className="mono value-key" label={value.key} bytes={value.keyBytes} />
            {value.denied?.type ? (
              <span className="type-badge" style={{ whiteSpace: 'nowrap' }}>
                {t('ui.noAccess')}
              </span>
            ) : (
              <>
                <span className={`type-badge type-${value.type}`}>{value.type}</span>
                <span className="muted small">{sizeText(value, t)}</span>
                {value.denied?.ttl ? <span className="muted small">{t('ui.value.ttlDenied', { why: denialText(value.denied.ttl, t) })}</span> : <TtlBar pttl={value.pttl} readAt={value.readAt} full={value.pttl} />}
              </>
            )}
          </header>
          <Body value={value} />
        </>
      )}
    </section>
  );
}
