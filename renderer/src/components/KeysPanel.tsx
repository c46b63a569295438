import { useRef } from 'react';
import type { KeysSnapshot } from '../../../shared/model';
import { rowKey, useKeysStore } from '../stores/keys-store';
import { denialShort, denialText, KeyName } from './key-display';
import { TtlAt } from './FrozenTtl';

const FLASH_MS = 1200;

/** The panel shows the first keys; the rest are counted by the feed, never read. */
function moreText({ more, moreIsLowerBound, truncated }: { more?: number; moreIsLowerBound?: boolean; truncated: boolean }): string {
  if (more) return ` · ${moreIsLowerBound ? 'at least ' : ''}${more} more not shown`;
  return truncated ? ' · more not shown' : '';
}

/**
 * The keys under the namespace, updated live whoever changes them; or, given
 * `past`, the keys an earlier step left, frozen as the host read them then.
 */
export function KeysPanel({ past }: { past?: KeysSnapshot }) {
  const live = useKeysStore((s) => s.snapshot);
  const liveChanged = useKeysStore((s) => s.changedAt);
  const snapshot = past ?? live;
  const changedAt = past ? {} : liveChanged;
  // The longest TTL seen per key is the bar's full width, so a bar drains rather than rescales.
  const fullTtl = useRef(new Map<string, number>());
  const keys = snapshot?.keys ?? [];
  return (
    <section className="panel" aria-labelledby="keys-title">
      <header className="panel-header">
        <h2 id="keys-title">Keys</h2>
        <span className="muted small">
          {snapshot ? `${keys.length} under ${snapshot.namespace}${moreText(snapshot)}` : 'loading…'}
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
              const id = rowKey(k);
              const full = Math.max(fullTtl.current.get(id) ?? 0, k.pttl);
              fullTtl.current.set(id, full);
              const flash = snapshot && changedAt[id] === snapshot.at && Date.now() - snapshot.at < FLASH_MS;
              const { denied } = k;
              return (
                <tr key={id} className={flash ? 'flash' : undefined} data-key={k.key}>
                  <td className="mono key-cell">
                    <KeyName label={k.key} bytes={k.keyBytes} />
                  </td>
                  <td>
                    {denied?.type ? (
                      <span className="type-badge" title={denialText(denied.type)}>
                        no access
                      </span>
                    ) : (
                      <span className={`type-badge type-${k.type}`}>{k.type}</span>
                    )}
                  </td>
                  {denied?.value ? (
                    <td className="value-cell muted" title={denialText(denied.value)}>
                      {denialText(denied.value)}
                    </td>
                  ) : (
                    <td className="mono value-cell" title={k.preview}>
                      {k.preview}
                    </td>
                  )}
                  <td className="ttl-col">
                    {denied?.ttl ? (
                      <span className="muted small" title={denialText(denied.ttl)}>
                        TTL: {denialShort(denied.ttl)}
                      </span>
                    ) : (
                      <TtlAt pttl={k.pttl} readAt={k.readAt} full={full} frozen={!!past} />
                    )}
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
