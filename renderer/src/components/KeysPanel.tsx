import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { KeysSnapshot, KeysSummary } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import { FLASH_MS, rowKey, useKeysStore, type KeyRow } from '../stores/keys-store';
import { useSessionStore } from '../stores/session-store';
import { denialShort, denialText, KeyName } from './key-display';
import { TtlAt } from './FrozenTtl';
import './keys-panel.css';

/**
 * Every row is one line high (names and values are cut, never wrapped), held
 * at this height by keys-panel.css: rows are never measured, so a flood of
 * changes never makes the browser lay the table out to measure a new row.
 */
const ROW_PX = 32;
/** The header row's height, held by keys-panel.css: where the first row starts. */
const HEAD_PX = 30;
const OVERSCAN = 8;

/** The panel shows the first keys; the rest are counted by the feed, never read. */
function moreText({ more, moreIsLowerBound, truncated }: KeysSummary, t: ReturnType<typeof useT>): string {
  if (more) return t(moreIsLowerBound ? 'ui.keys.atLeastMore' : 'ui.keys.more', { n: more });
  return truncated ? t('ui.keys.moreUnknown') : '';
}

/**
 * The keys under the namespace, updated live whoever changes them; or, given
 * `past`, the keys an earlier step left, frozen as the host read them then.
 * Only the rows in view are in the DOM (a virtual list), and a live row
 * re-renders only when its own key changed: an update re-renders the rows in
 * view, of which the memoised ones whose row object is unchanged return at once.
 */
export function KeysPanel({ past }: { past?: KeysSnapshot }) {
  // After steps ran, an empty namespace is what they left, not a run that has not started.
  const stepped = useSessionStore((s) => (s.session?.history.length ?? 0) > 0);
  const live = useKeysStore((s) => s.summary);
  const liveOrder = useKeysStore((s) => s.order);
  const liveRows = useKeysStore((s) => s.rows);
  // The rows map is updated in place by a delta; its version says when to look again.
  useKeysStore((s) => s.version);
  const summary: KeysSummary | undefined = past ?? live;
  // A past step's rows, built once per snapshot; the bars' full width is the longest TTL seen live.
  const pastRows = useMemo(() => {
    if (!past) return undefined;
    const rows = new Map<string, KeyRow>();
    for (const info of past.keys) {
      const id = rowKey(info);
      rows.set(id, { id, info, full: Math.max(info.pttl, useKeysStore.getState().rows.get(id)?.full ?? 0) });
    }
    return { order: [...rows.keys()], rows };
  }, [past]);
  const order = pastRows?.order ?? liveOrder;
  const rows = pastRows?.rows ?? liveRows;
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    getItemKey: (index) => order[index],
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="keys-title">
      <header className="panel-header">
        <h2 id="keys-title">{t('ui.keys.title')}</h2>
        <span className="muted small" data-testid="keys-count">
          {summary ? t('ui.keys.count', { n: order.length, namespace: summary.namespace }) + moreText(summary, t) : t('ui.keys.loading')}
        </span>
      </header>
      {order.length === 0 && <p className="empty">{t(stepped ? 'ui.keys.emptyNow' : 'ui.keys.empty')}</p>}
      {/* Kept mounted while empty: a new scroll element would make the virtual list measure it (a forced layout) when keys come back. */}
      <div className="keys-scroll" ref={scroller} tabIndex={order.length === 0 ? -1 : 0} hidden={order.length === 0}>
        {!past && (
          // A changed row flashes by a tint laid over it that fades: an opacity animation the compositor runs,
          // where animating the cells' background would restyle and repaint the panel every frame of a flood.
          // Keyed by the change, so a new change restarts it; started where it would be now if scrolled into view late.
          <div className="keys-flashes" aria-hidden>
            {items.map((item) => {
              const row = rows.get(order[item.index]);
              if (row?.changedAt === undefined || now - row.changedAt >= FLASH_MS) return null;
              return <span key={`${row.id}@${row.changedAt}`} className="key-flash" data-key={row.info.key} style={{ top: HEAD_PX + item.start, animationDelay: `${row.changedAt - now}ms` }} />;
            })}
          </div>
        )}
        <table className="data-table" aria-label={t('ui.keys.title')} aria-rowcount={order.length + 1}>
          {/* Four equal columns cut the key names ("rpi:game_leaderbo…") while the type badge had room to spare. */}
          <colgroup>
            <col style={{ width: '32%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '33%' }} />
            <col style={{ width: '22%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('ui.keys.key')}</th>
              <th>{t('ui.keys.type')}</th>
              <th>{t('ui.keys.value')}</th>
              <th className="ttl-col">{t('ui.keys.ttl')}</th>
            </tr>
          </thead>
          <tbody>
            {top > 0 && <tr className="virtual-pad" aria-hidden style={{ height: top }} />}
            {items.map((item) => {
              const row = rows.get(order[item.index]);
              return row ? <KeyRowView key={row.id} row={row} index={item.index} frozen={!!past} /> : null;
            })}
            {bottom > 0 && <tr className="virtual-pad" aria-hidden style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One key. Memoised on its row object, which the store keeps while the key is unchanged. */
const KeyRowView = memo(function KeyRowView({ row, index, frozen }: { row: KeyRow; index: number; frozen: boolean }) {
  const t = useT();
  const k = row.info;
  const { denied } = k;
  return (
    <tr data-index={index} aria-rowindex={index + 2} className="key-row" data-key={k.key}>
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
          <TtlAt pttl={k.pttl} readAt={k.readAt} full={row.full} frozen={frozen} />
        )}
      </td>
    </tr>
  );
});
