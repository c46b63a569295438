import type { KeyValueView } from '../../../shared/model';
import { useBrowserStore } from '../stores/browser-store';
import { byteCount, Cell, denialText, KeyName } from './key-display';
import { TtlBar } from './TtlBar';

const HEADERS: Record<string, string[]> = {
  list: ['index', 'value'],
  set: ['member'],
  zset: ['member', 'score'],
  hash: ['field', 'value'],
  stream: ['entry id', 'fields'],
};

function Body({ value }: { value: KeyValueView }) {
  // Without TYPE nothing else can be read either: one sentence says so, rather than one per part.
  if (value.denied?.type) return <p className="notice warn">Nothing about this key can be read: {denialText(value.denied.type)}.</p>;
  if (value.denied?.value) return <p className="notice warn">Value not shown: {denialText(value.denied.value)}.</p>;
  if (value.unread) {
    const memory = value.unread.memoryBytes !== undefined ? `this key takes ${byteCount(value.unread.memoryBytes)} (MEMORY USAGE), too much to read whole` : 'its size could not be read (MEMORY USAGE refused)';
    return (
      <p className="notice warn">
        Elements not shown: cutting each one to size inside Redis needs a script, and {denialText(value.unread.denial)}; {memory}.
      </p>
    );
  }
  if (value.text !== undefined) return <pre className="value-text mono">{value.text}</pre>;
  const headers = HEADERS[value.type] ?? [];
  return (
    <table className="data-table value-rows" aria-label="Elements">
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h}>{h}</th>
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

function sizeText(value: KeyValueView): string {
  if (value.denied?.size) return `size unknown: ${denialText(value.denied.size)}`;
  const unit = value.type === 'string' ? 'bytes' : value.size === 1 ? 'element' : 'elements';
  if (!value.truncated || value.unread) return `${value.size.toLocaleString('en-US')} ${unit}`;
  const shown = value.type === 'string' ? `${(value.shown ?? 0).toLocaleString('en-US')} bytes` : `${value.shown ?? value.rows?.length ?? 0}`;
  return `${value.size.toLocaleString('en-US')} ${unit} · showing the first ${shown}`;
}

/** The selected key's value: the start of a string, the first elements of anything else, each cut to size; what may not be read is named. */
export function KeyValuePane() {
  const selected = useBrowserStore((s) => s.selected);
  const value = useBrowserStore((s) => s.value);
  const error = useBrowserStore((s) => s.valueError);
  if (!selected) return <p className="empty value-pane">Select a key to read its value.</p>;
  return (
    <section className="value-pane" aria-label="Value">
      {error && (
        <p className="notice error" role="alert">
          Could not read this key: {error.message}
        </p>
      )}
      {!error && value === undefined && <p className="empty">Reading…</p>}
      {value === null && <p className="empty">This key no longer exists.</p>}
      {value && (
        <>
          <header className="value-header">
            <KeyName className="mono value-key" label={value.key} bytes={value.keyBytes} />
            {value.denied?.type ? (
              <span className="type-badge" style={{ whiteSpace: 'nowrap' }}>
                no access
              </span>
            ) : (
              <>
                <span className={`type-badge type-${value.type}`}>{value.type}</span>
                <span className="muted small">{sizeText(value)}</span>
                {value.denied?.ttl ? <span className="muted small">TTL unknown: {denialText(value.denied.ttl)}</span> : <TtlBar pttl={value.pttl} readAt={value.readAt} full={value.pttl} />}
              </>
            )}
          </header>
          <Body value={value} />
        </>
      )}
    </section>
  );
}
