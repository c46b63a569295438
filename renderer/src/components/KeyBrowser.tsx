import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { REDIS_TYPES, type BrowserDetails, type RedisType } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import type { AppErrorData } from '../../../shared/errors';
import { ErrorText, useErrorText } from '../i18n/ErrorText';
import { useBrowserStore } from '../stores/browser-store';
import { denialShort, denialText, KeyName } from './key-display';
import { KeyValuePane } from './KeyValuePane';
import { TtlBar } from './TtlBar';

const ROW_HEIGHT = 30;
/** Start the next SCAN page this many rows before the end. */
const PREFETCH_ROWS = 150;
const DETAILS_DEBOUNCE_MS = 100;

/** Type, size, value and TTL of one row; while they are read, or when they cannot be, the row says so. */
function RowCells({ info, failed }: { info?: BrowserDetails; failed?: AppErrorData }) {
  const t = useT();
  const errorText = useErrorText();
  if (!info || 'missing' in info) {
    const text = info ? t(`ui.browser.missing.${info.missing}`) : failed ? t('ui.browser.failed', { reason: errorText(failed) }) : t('ui.browser.reading');
    return (
      <>
        <span />
        <span />
        <span className="muted" title={text}>
          {text}
        </span>
        <span />
      </>
    );
  }
  const { denied } = info;
  return (
    <>
      <span>
        {denied?.type ? (
          <span className="type-badge" title={denialText(denied.type, t)}>
            {t('ui.noAccess')}
          </span>
        ) : (
          <span className={`type-badge type-${info.type}`}>{info.type}</span>
        )}
      </span>
      <span className="mono muted" title={denied?.size && denialText(denied.size, t)}>
        {denied?.size ? denialShort(denied.size, t) : info.size.toLocaleString()}
      </span>
      {denied?.value ? (
        <span className="muted" title={denialText(denied.value, t)}>
          {denialText(denied.value, t)}
        </span>
      ) : (
        <span className="mono" title={info.preview}>
          {info.preview}
        </span>
      )}
      <span>
        {denied?.ttl ? (
          <span className="muted small" title={denialText(denied.ttl, t)}>
            {t('ui.keys.ttlDenied', { why: denialShort(denied.ttl, t) })}
          </span>
        ) : (
          <TtlBar pttl={info.pttl} readAt={info.readAt} full={info.pttl} />
        )}
      </span>
    </>
  );
}

/**
 * Every key of the connected database, read-only. A virtual list draws only
 * the rows on screen; SCAN pages arrive as the user scrolls; type, TTL and a
 * preview are read only for what is visible.
 */
export function KeyBrowser() {
  const { keys, done, total, totalDenied, loading, error, details, failed, started, selected, scan, more, loadDetails, select } = useBrowserStore();
  const t = useT();
  const [match, setMatch] = useState(useBrowserStore.getState().match);
  const [type, setType] = useState<RedisType | ''>(useBrowserStore.getState().type ?? '');
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: keys.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!started) void scan('*');
  }, [started, scan]);

  useEffect(() => {
    if (started && !done && !loading && last >= keys.length - PREFETCH_ROWS) void more();
  }, [last, keys.length, done, loading, started, more]);

  useEffect(() => {
    const ids = keys.slice(first, last + 1).map((k) => k.id);
    const timer = setTimeout(() => void loadDetails(ids), DETAILS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [first, last, keys, loadDetails]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void scan(match.trim() || '*', type || undefined);
  };
  const complete = done && !loading;

  return (
    <section className="panel key-browser" aria-labelledby="browser-title">
      <header className="panel-header">
        <h2 id="browser-title">{t('ui.workspace.browser')}</h2>
        <span className="muted small" data-testid="browser-count" aria-live="polite">
          {t('ui.browser.count', { n: keys.length })}
          {complete ? t('ui.browser.complete') : loading ? t('ui.browser.scanning') : ''}
          {total !== undefined ? t('ui.browser.total', { n: total }) : ''}
          {totalDenied ? t('ui.browser.totalDenied', { why: denialText(totalDenied, t) }) : ''}
        </span>
      </header>
      <form className="browser-filter" onSubmit={submit} aria-label={t('ui.browser.filter')}>
        <input aria-label={t('ui.browser.match')} className="mono" value={match} onChange={(e) => setMatch(e.target.value)} placeholder={t('ui.browser.matchPlaceholder')} />
        <select aria-label={t('ui.browser.type')} value={type} onChange={(e) => setType(e.target.value as RedisType | '')}>
          <option value="">{t('ui.browser.anyType')}</option>
          {REDIS_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit" className="small">
          {t('ui.browser.scan')}
        </button>
        <span className="muted small">{t('ui.browser.readOnly')}</span>
      </form>
      {error && (
        <div className="notice error" role="alert">
          <ErrorText error={error} />
        </div>
      )}
      <div className="browser-head" aria-hidden>
        <span>{t('ui.browser.col.key')}</span>
        <span>{t('ui.browser.col.type')}</span>
        <span>{t('ui.browser.col.size')}</span>
        <span>{t('ui.browser.col.value')}</span>
        <span>{t('ui.browser.col.ttl')}</span>
      </div>
      <div ref={scroller} className="browser-scroll" role="listbox" aria-label={t('ui.browser.all')}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const key = keys[item.index];
            return (
              <div
                key={key.id}
                role="option"
                aria-selected={selected === key.id}
                tabIndex={0}
                className={`browser-row${selected === key.id ? ' selected' : ''}`}
                data-key={key.label}
                onClick={() => void select(key.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    void select(key.id);
                  }
                }}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <KeyName className="mono" label={key.label} bytes={key.bytes} />
                <RowCells info={details[key.id]} failed={failed[key.id]} />
              </div>
            );
          })}
        </div>
        {complete && keys.length === 0 && <p className="empty">{t('ui.browser.noMatch')}</p>}
      </div>
      <KeyValuePane />
    </section>
  );
}
