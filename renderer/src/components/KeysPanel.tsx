import { useRef } from 'react';
import { useKeysStore } from '../stores/keys-store';
import { TtlBar } from './TtlBar';

const FLASH_MS = 1200;

/** The keys under the namespace, updated live whoever changes them. */
export function KeysPanel() {
  const snapshot = useKeysStore((s) => s.snapshot);
  const changedAt = useKeysStore((s) => s.changedAt);
  // The longest TTL seen per key is the bar's full width, so a bar drains rather than rescales.
  const fullTtl = useRef(new Map<string, number>());
  const keys = snapshot?.keys ?? [];
  return (
    <section className="panel" aria-labelledby="keys-title">
      <header className="panel-header">
        <h2 id="keys-title">Keys</h2>
        <span className="muted small">
          {snapshot ? `${keys.length}${snapshot.truncated ? '+' : ''} under ${snapshot.namespace}` : 'loading…'}
        </span>
      </header>
      {keys.length === 0 ? (
        <p className="empty">No keys under the namespace yet. Step the pattern to create some.</p>
      ) : (
        <table className="data-table" aria-label="Keys">
          <thead>
            <tr>
              <th>Key</th>
              <th>Type</th>
              <th>Value</th>
              <th className="ttl-col">TTL</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const full = Math.max(fullTtl.current.get(k.key) ?? 0, k.pttl);
              fullTtl.current.set(k.key, full);
              const flash = snapshot && changedAt[k.key] === snapshot.at && Date.now() - snapshot.at < FLASH_MS;
              return (
                <tr key={k.key} className={flash ? 'flash' : undefined} data-key={k.key}>
                  <td className="mono key-cell">{k.key}</td>
                  <td>
                    <span className={`type-badge type-${k.type}`}>{k.type}</span>
                  </td>
                  <td className="mono value-cell" title={k.preview}>
                    {k.preview}
                  </td>
                  <td className="ttl-col">
                    <TtlBar pttl={k.pttl} readAt={k.readAt} full={full} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
