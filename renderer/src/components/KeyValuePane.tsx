import type { KeyValueView } from '../../../shared/model';
import { useBrowserStore } from '../stores/browser-store';
import { TtlBar } from './TtlBar';

const HEADERS: Record<string, string[]> = {
  list: ['index', 'value'],
  set: ['member'],
  zset: ['member', 'score'],
  hash: ['field', 'value'],
  stream: ['entry id', 'fields'],
};

function Body({ value }: { value: KeyValueView }) {
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
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The selected key's value: the first 64 KiB of a string, the first 200 elements of anything else. */
export function KeyValuePane() {
  const selected = useBrowserStore((s) => s.selected);
  const value = useBrowserStore((s) => s.value);
  if (!selected) return <p className="empty value-pane">Select a key to read its value.</p>;
  return (
    <section className="value-pane" aria-label="Value">
      {value === undefined && <p className="empty">Reading…</p>}
      {value === null && <p className="empty">This key no longer exists.</p>}
      {value && (
        <>
          <header className="value-header">
            <span className="mono value-key">{value.key}</span>
            <span className={`type-badge type-${value.type}`}>{value.type}</span>
            <span className="muted small">
              {value.size.toLocaleString()} {value.type === 'string' ? 'bytes' : 'elements'}
              {value.truncated ? ` · showing the first ${value.type === 'string' ? '64 KiB' : `${value.rows?.length ?? 0}`}` : ''}
            </span>
            <TtlBar pttl={value.pttl} readAt={value.readAt} full={value.pttl} />
          </header>
          <Body value={value} />
        </>
      )}
    </section>
  );
}
