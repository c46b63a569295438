import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { REDIS_TYPES, type RedisType } from '../../../shared/model';
import { useBrowserStore } from '../stores/browser-store';
import { KeyValuePane } from './KeyValuePane';
import { TtlBar } from './TtlBar';

const ROW_HEIGHT = 30;
/** Start the next SCAN page this many rows before the end. */
const PREFETCH_ROWS = 150;
const DETAILS_DEBOUNCE_MS = 100;

/**
 * Every key of the connected database, read-only. A virtual list draws only
 * the rows on screen; SCAN pages arrive as the user scrolls; type, TTL and a
 * preview are read only for what is visible.
 */
export function KeyBrowser() {
  const { keys, done, total, loading, error, details, started, selected, scan, more, loadDetails, select } = useBrowserStore();
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
        <h2 id="browser-title">Key browser</h2>
        <span className="muted small" data-testid="browser-count" aria-live="polite">
          {keys.length.toLocaleString()} {keys.length === 1 ? 'key' : 'keys'}{complete ? ' (scan complete)' : loading ? ' — scanning…' : ''}
          {total !== undefined ? ` · ${total.toLocaleString()} in the database` : ''}
        </span>
      </header>
      <form className="browser-filter" onSubmit={submit} aria-label="Filter keys">
        <input aria-label="Match pattern" className="mono" value={match} onChange={(e) => setMatch(e.target.value)} placeholder="user:* (SCAN MATCH glob)" />
        <select aria-label="Type" value={type} onChange={(e) => setType(e.target.value as RedisType | '')}>
          <option value="">any type</option>
          {REDIS_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit" className="small">
          Scan
        </button>
        <span className="muted small">Read-only: the browser never writes, expires or deletes.</span>
      </form>
      {error && (
        <div className="notice error" role="alert">
          {error.message}
        </div>
      )}
      <div className="browser-head" aria-hidden>
        <span>key</span>
        <span>type</span>
        <span>size</span>
        <span>value</span>
        <span>TTL</span>
      </div>
      <div ref={scroller} className="browser-scroll" role="listbox" aria-label="All keys">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const key = keys[item.index];
            const info = details[key.id];
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
                <span className="mono" title={key.label}>
                  {key.label}
                </span>
                <span>{info && <span className={`type-badge type-${info.type}`}>{info.type}</span>}</span>
                <span className="mono muted">{info?.size.toLocaleString()}</span>
                <span className="mono" title={info?.preview}>
                  {info?.preview}
                </span>
                <span>{info && <TtlBar pttl={info.pttl} readAt={info.readAt} full={info.pttl} />}</span>
              </div>
            );
          })}
        </div>
        {complete && keys.length === 0 && <p className="empty">No key matches.</p>}
      </div>
      <KeyValuePane />
    </section>
  );
}
