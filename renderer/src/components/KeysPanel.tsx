import { useRef } from 'react';
import type { KeysSnapshot } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import { rowKey, useKeysStore } from '../stores/keys-store';
import { denialShort, denialText, KeyName } from './key-display';
import { TtlAt } from './FrozenTtl';

const FLASH_MS = 1200;

/** The panel shows the first keys; the rest are counted by the feed, never read. */
function moreText({ more, moreIsLowerBound, truncated }: { more?: number; moreIsLowerBound?: boolean; truncated: boolean }, t: ReturnType<typeof useT>): string {
  if (more) return t(moreIsLowerBound ? 'ui.keys.atLeastMore' : 'ui.keys.more', { n: more });
  return truncated ? t('ui.keys.moreUnknown') : '';
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
  const t = useT();
  return (
    <section className="panel" aria-labelledby="keys-title">
      <header className="panel-header">
        <h2 id="keys-title">{t('ui.keys.title')}</h2>
        <span className="muted small">
          {snapshot ? t('ui.keys.count', { n: keys.length, namespace: snapshot.namespace }) + moreText(snapshot, t) : t('ui.keys.loading')}
        </span>
      </header>
      {keys.length === 0 ? (
        <p className="empty">{t('ui.keys.empty')}</p>
      ) : (
        <table className="data-table" aria-label={t('ui.keys.title')}>
          <thead>
            <tr>
              <th>{t('ui.keys.key')}</th>
              <th>{t('ui.keys.type')}</th>
              <th>{t('ui.keys.value')}</th>
              <th className="ttl-col">{t('ui.keys.ttl')}</th>
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
                      <span className="type-badge" title={denialText(denied.type, t)}>
                        {t('ui.noAccess')}
                      </span>
                    ) : (
                      <span className={`type-badge type-${k.type}`}>{k.type}</span>
                    )}
                  </td>
                  {denied?.value ? (
                    <td className="value-cell muted" title={denialText(denied.value, t)}>
                      {denialText(denied.value, t)}
                    </td>
                  ) : (
                    <td className="mono value-cell" title={k.preview}>
                      {k.preview}
                    </td>
                  )}
                  <td className="ttl-col">
                    {denied?.ttl ? (
                      <span className="muted small" title={denialText(denied.ttl, t)}>
                        {t('ui.keys.ttlDenied', { why: denialShort(denied.ttl, t) })}
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
