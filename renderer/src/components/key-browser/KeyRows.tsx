import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ListRow, RowMemory, RowMeta } from '../../../../shared/browser-list';
import type { AppErrorData } from '../../../../shared/errors';
import type { BrowserDetails } from '../../../../shared/model';
import { useT } from '../../i18n/Msg';
import { useErrorText } from '../../i18n/ErrorText';
import { useBrowserStore } from '../../stores/browser-store';
import { denialShort, denialText, EmptyName, KeyName } from '../key-display';
import { TtlBar } from '../TtlBar';
import { ROW_HEIGHT, contentHeight, rowAt, scrollFor, scrollToShow } from './scroll-map';

/** Rows loaded above and below the screen, so a small scroll shows loaded rows at once. */
const MARGIN_ROWS = 40;
const DETAILS_DEBOUNCE_MS = 100;
/** Start the next SCAN page when the screen is this close to the end of what was scanned. */
const PREFETCH_ROWS = 100;
/** Levels a tree row is indented by at most: deeper ones stay there and say their level, so their names keep the column (a new user's 54 levels indented 848 px). */
const MAX_INDENT_LEVELS = 8;
const indent = (depth: number) => Math.min(depth, MAX_INDENT_LEVELS) * 16;

/** The level of a row deeper than the indent shows. */
function Depth({ depth }: { depth: number }) {
  const t = useT();
  if (depth <= MAX_INDENT_LEVELS) return null;
  return (
    <span className="muted small kb-depth" title={t('browserList.level', { n: depth + 1 })}>
      {t('browserList.levelShort', { n: depth + 1 })}
    </span>
  );
}

export const AUTO_REFRESH_MS = 5000;

/** Type, size, value and TTL of one key row; while they are read, or when they cannot be, the row says so. */
function KeyCells({ meta, info, memory, failed, showMemory }: { meta?: RowMeta; info?: BrowserDetails; memory?: RowMemory; failed?: AppErrorData; showMemory: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const gone = (meta && 'missing' in meta ? meta : undefined) ?? (info && 'missing' in info ? info : undefined);
  if (gone || failed || !meta) {
    const text = gone ? t(`ui.browser.missing.${gone.missing}`) : failed ? t('ui.browser.failed', { reason: errorText(failed) }) : t('ui.browser.reading');
    return (
      <>
        <span />
        <span />
        <span className="muted" title={text}>
          {text}
        </span>
        <span />
        {showMemory && <span />}
      </>
    );
  }
  const m = meta as Exclude<RowMeta, { missing: string }>;
  const full = info && !('missing' in info) ? info : undefined;
  const denied = full?.denied;
  const mem = memory && !('missing' in memory) ? memory : undefined;
  // Also the cell's tooltip: a narrow column cuts "hashtable" to "hashtab…".
  const memoryShown = mem ? `${mem.bytes !== undefined ? t('ui.bytes', { n: mem.bytes }) : t('browserList.memoryDenied')} · ${mem.encoding ?? t('browserList.memoryDenied')}` : '';
  return (
    <>
      <span>
        {m.denied?.type ? (
          <span className="type-badge" title={denialText(m.denied.type, t)}>
            {t('ui.noAccess')}
          </span>
        ) : (
          <span className={`type-badge type-${m.type}`}>{m.type}</span>
        )}
      </span>
      {/* The whole figure in the tooltip: a narrow column cuts 2,000,000 to "2,000,0…". */}
      <span className="mono muted" title={denied?.size ? denialText(denied.size, t) : full?.size.toLocaleString()}>
        {full ? (denied?.size ? denialShort(denied.size, t) : full.size.toLocaleString()) : ''}
      </span>
      {denied?.value ? (
        <span className="muted" title={denialText(denied.value, t)}>
          {denialText(denied.value, t)}
        </span>
      ) : (
        <span className="mono" title={full?.preview}>
          {full ? full.preview : <span className="muted">{t('ui.browser.reading')}</span>}
        </span>
      )}
      <span>
        {m.denied?.ttl ? (
          <span className="muted small" title={denialText(m.denied.ttl, t)}>
            {t('ui.keys.ttlDenied', { why: denialShort(m.denied.ttl, t) })}
          </span>
        ) : (
          <TtlBar pttl={m.pttl} readAt={m.readAt} full={m.pttl} />
        )}
      </span>
      {showMemory && (
        <span className="mono muted small" title={mem?.denied?.memory ? denialText(mem.denied.memory, t) : memoryShown || undefined}>
          {memoryShown}
        </span>
      )}
    </>
  );
}

/** Why a folder's count is not final: the scan still runs, or the host is still taking the scanned keys into the tree. */
type PartialWhy = 'scan' | 'tree' | undefined;

function FolderCells({ row, partial, showMemory }: { row: Extract<ListRow, { kind: 'folder' }>; partial: PartialWhy; showMemory: boolean }) {
  const t = useT();
  const title = partial === 'scan' ? t('browserList.folder.partialTitle') : partial === 'tree' ? t('browserList.folder.buildingTitle') : undefined;
  return (
    <span className="kb-folder-count muted small" style={{ gridColumn: showMemory ? '2 / 7' : '2 / 6' }} title={title}>
      {t(partial ? 'browserList.folder.countPartial' : 'browserList.folder.count', { n: row.count })}
    </span>
  );
}

/**
 * The rows of the current view, virtualised: only the screenful is in the
 * DOM and only its window of rows is in the store; the scrollbar reaches
 * any row of any number in one drag (see scroll-map.ts). Keyboard: arrows,
 * PageUp/PageDown, Home/End, Enter opens a key or a folder, Left/Right
 * close and open folders, Ctrl+C copies the name.
 */
export function KeyRows({ onCopy, jumpTo }: { onCopy(id: string): void; jumpTo?: { row: number; seq: number } }) {
  const t = useT();
  const s = useBrowserStore(
    useShallow((st) => ({
      view: st.view,
      total: st.total,
      rows: st.rows,
      rowsStart: st.rowsStart,
      meta: st.meta,
      details: st.details,
      memory: st.memory,
      failed: st.failed,
      showMemory: st.showMemory,
      autoRefresh: st.autoRefresh,
      active: st.active,
      selected: st.selected,
      progress: st.progress,
      building: st.building,
    })),
  );
  const { want, loadDetails, more, setActive, select, toggle } = useBrowserStore.getState();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // When the list shrinks (a filter, another delimiter) the browser clamps the scroll position,
  // not always with a scroll event: read it back so the rows drawn are the rows in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.total]);

  const top = rowAt(scrollTop, viewport, s.total);
  const first = Math.max(0, Math.floor(top));
  const visible = Math.ceil(viewport / ROW_HEIGHT) + 1;
  const last = Math.min(s.total, first + visible);
  const shift = (first - top) * ROW_HEIGHT;

  // The store loads the rows around the screen (one request in flight at a time).
  useEffect(() => {
    const start = Math.max(0, first - MARGIN_ROWS);
    want(start, Math.min(200, visible + 2 * MARGIN_ROWS));
  }, [first, visible, want, s.total]);

  // Scrolled near the end of a full flat list: scan one more page. Not in the tree (a few open folders
  // would always look like "the end" and page through the whole keyspace unasked), nor when a sparse
  // MATCH has not filled a screen: then "Scan to the end" says what it will do.
  const p = s.progress;
  const flat = s.view === 'flat';
  useEffect(() => {
    if (flat && p && !p.done && !p.running && !p.error && !p.capped && s.total >= visible && last >= s.total - PREFETCH_ROWS) void more(false);
  }, [flat, p, last, visible, s.total, more]);

  const rowAtPos = useCallback((pos: number): ListRow | undefined => s.rows[pos - s.rowsStart], [s.rows, s.rowsStart]);
  const screenIds = useCallback(() => {
    const ids: string[] = [];
    for (let pos = first; pos < last; pos++) {
      const row = rowAtPos(pos);
      if (row?.kind === 'key') ids.push(row.id);
    }
    return ids;
  }, [first, last, rowAtPos]);

  // Details for the key rows on screen, once the scrolling pauses.
  useEffect(() => {
    const timer = setTimeout(() => void loadDetails(screenIds()), DETAILS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [screenIds, loadDetails]);

  // Auto-refresh re-reads type and TTL of the rows on screen (one pipeline), nothing else.
  useEffect(() => {
    if (!s.autoRefresh) return;
    const timer = setInterval(() => void loadDetails(screenIds(), 'meta'), AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [s.autoRefresh, screenIds, loadDetails]);

  const moveTo = useCallback(
    (pos: number) => {
      const el = scroller.current;
      if (!el || s.total === 0) return;
      const target = Math.max(0, Math.min(s.total - 1, pos));
      setActive(target);
      const next = scrollToShow(target, el.scrollTop, el.clientHeight, s.total);
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(next);
      }
    },
    [s.total, setActive],
  );

  // A jump from the toolbar puts the row at the top and focuses the list.
  useEffect(() => {
    if (!jumpTo) return;
    const el = scroller.current;
    if (!el) return;
    const target = Math.max(0, Math.min(s.total - 1, jumpTo.row));
    setActive(target);
    el.scrollTop = scrollFor(target, el.clientHeight, s.total);
    setScrollTop(el.scrollTop);
    el.focus();
    // Only a new jump (seq) moves the list, not a change of total.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jumpTo]);

  const open = (pos: number) => {
    const row = rowAtPos(pos);
    if (!row) return;
    if (row.kind === 'folder') toggle(row.id);
    else select(row.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const row = rowAtPos(s.active);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(s.active + 1);
        break;
      case 'ArrowUp':
        moveTo(s.active - 1);
        break;
      case 'PageDown':
        moveTo(s.active + page);
        break;
      case 'PageUp':
        moveTo(s.active - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(s.total - 1);
        break;
      case 'Enter':
      case ' ':
        open(s.active);
        break;
      case 'ArrowRight':
        if (row?.kind === 'folder' && !row.expanded) toggle(row.id, true);
        else if (row?.kind === 'folder') moveTo(s.active + 1);
        else return;
        break;
      case 'ArrowLeft':
        if (row?.kind === 'folder' && row.expanded) toggle(row.id, false);
        else if (row && row.depth > 0) {
          // To the folder holding this row: the nearest row above one level up.
          for (let pos = s.active - 1; pos >= s.rowsStart; pos--) {
            const above = rowAtPos(pos);
            if (above?.kind === 'folder' && above.depth === row.depth - 1) {
              moveTo(pos);
              break;
            }
          }
        } else return;
        break;
      case 'c':
      case 'C':
        if (!(e.ctrlKey || e.metaKey) || row?.kind !== 'key') return;
        onCopy(row.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const tree = s.view === 'tree';
  const partial: PartialWhy = !s.progress?.done ? 'scan' : s.building ? 'tree' : undefined;
  const items = [];
  for (let pos = first; pos < last; pos++) {
    const row = rowAtPos(pos);
    const isActive = pos === s.active;
    const selected = row?.kind === 'key' && row.id === s.selected;
    items.push(
      <div
        key={pos}
        id={`kb-row-${pos}`}
        role={tree ? 'treeitem' : 'option'}
        aria-selected={selected}
        aria-level={tree ? (row?.depth ?? 0) + 1 : undefined}
        aria-expanded={row?.kind === 'folder' ? row.expanded : undefined}
        aria-posinset={tree ? undefined : pos + 1}
        aria-setsize={tree ? undefined : s.total}
        className={`browser-row kb-row${s.showMemory ? ' kb-with-memory' : ''}${selected ? ' selected' : ''}${isActive ? ' active' : ''}${row?.kind === 'folder' ? ' kb-folder' : ''}`}
        data-key={row?.kind === 'key' ? row.label : undefined}
        data-folder={row?.kind === 'folder' ? row.label : undefined}
        data-pos={pos}
        onClick={() => {
          setActive(pos);
          open(pos);
          scroller.current?.focus();
        }}
        style={{ transform: `translateY(${(pos - first) * ROW_HEIGHT + shift}px)` }}
      >
        {!row ? (
          <span className="muted">{t('browserList.loadingRow')}</span>
        ) : row.kind === 'folder' ? (
          <>
            <span className="kb-name" style={{ paddingLeft: indent(row.depth) }}>
              <Depth depth={row.depth} />
              <span className="kb-chevron" aria-hidden>
                {row.expanded ? '▾' : '▸'}
              </span>
              {row.label === '' ? <EmptyName className="kb-label" /> : <span className="mono kb-label">{row.label}</span>}
            </span>
            <FolderCells row={row} partial={partial} showMemory={s.showMemory} />
          </>
        ) : (
          <>
            <span className="kb-name" style={{ paddingLeft: tree ? indent(row.depth) + 14 : 0 }}>
              {tree && <Depth depth={row.depth} />}
              <KeyName className="mono kb-label" label={row.label} bytes={row.bytes} />
            </span>
            <KeyCells meta={s.meta[row.id]} info={s.details[row.id]} memory={s.memory[row.id]} failed={s.failed[row.id]} showMemory={s.showMemory} />
          </>
        )}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="browser-scroll kb-scroll"
      role={tree ? 'tree' : 'listbox'}
      aria-label={t(tree ? 'browserList.tree.label' : 'ui.browser.all')}
      aria-activedescendant={s.total > 0 && s.active >= first && s.active < last ? `kb-row-${s.active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: contentHeight(s.total) }}>
        <div className="kb-viewport" style={{ height: Math.min(viewport, contentHeight(s.total)) }}>
          {items}
        </div>
      </div>
    </div>
  );
}
