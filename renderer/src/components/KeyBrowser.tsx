import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageId } from '../../../shared/i18n/catalog';
import { REDIS_TYPES, type RedisType } from '../../../shared/model';
import { ApiError, call } from '../api/client';
import { useT } from '../i18n/Msg';
import { ErrorText, useErrorText } from '../i18n/ErrorText';
import { useBrowserStore } from '../stores/browser-store';
import { useConnectionStore } from '../stores/connection-store';
import { useKeyEditorStore } from '../stores/key-editor-store';
import { denialText } from './key-display';
import { KeyValuePane } from './KeyValuePane';
import { KeyRows } from './key-browser/KeyRows';
import './key-browser/key-browser.css';

/** Typing in the text filter asks the host again only after a pause. */
const TEXT_DEBOUNCE_MS = 200;

/** What the scan has found and whether it is complete, with Scan to the end / Stop / Continue. */
/** What may be edited on this connection, as the host's write guard decides it (key-editor/write-guard.ts). */
function EditScope() {
  const t = useT();
  const status = useConnectionStore((s) => s.status);
  const rights = useKeyEditorStore((s) => s.rights);
  // Asked once per connection: an ACL user without write rights is told here, before any edit is offered.
  useEffect(() => {
    if (status.state === 'connected') void useKeyEditorStore.getState().loadRights();
  }, [status.state, status.namespace]);
  if (rights && !rights.ok) return <span className="muted small" data-testid="edit-scope">{t(rights.reason)}</span>;
  const replica = status.role === 'slave' || status.role === 'replica';
  const text = replica
    ? t('ui.browser.editScope.replica')
    : status.kind === 'sandbox'
      ? t('ui.browser.editScope.sandbox')
      : t('ui.browser.editScope.existing', { namespace: status.namespace ?? '' });
  return (
    <span className="muted small" data-testid="edit-scope">
      {text}
    </span>
  );
}

function ScanBar() {
  const t = useT();
  const errorText = useErrorText();
  const { progress, starting, match: scannedMatch, type: scannedType, scan, more, stop } = useBrowserStore(
    useShallow((s) => ({ progress: s.progress, starting: s.starting, match: s.match, type: s.type, scan: s.scan, more: s.more, stop: s.stop })),
  );
  const [match, setMatch] = useState(scannedMatch);
  const [type, setType] = useState<RedisType | ''>(scannedType ?? '');
  useEffect(() => setMatch(scannedMatch), [scannedMatch]);
  useEffect(() => setType(scannedType ?? ''), [scannedType]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void scan(match.trim() || '*', type || undefined);
  };
  const p = progress;
  // The server behind the list restarted: its rows are from before, and only a new scan reads the new one.
  const restarted = p?.error?.msg?.id === 'browserList.error.restarted';
  // A filter typed but not scanned yet: "Scan to the end" walks what the fields show, not the filter behind the rows
  // (it continued MATCH * while the field read big:*, and the rows and count disagreed with it).
  const edited = (match.trim() || '*') !== scannedMatch || (type || undefined) !== scannedType;
  const toEnd = async () => {
    if (edited) await scan(match.trim() || '*', type || undefined);
    await more(true);
  };
  const whole = p && p.match === '*' && !p.type && p.dbsize;
  const state = starting ? t('browserList.progress.starting') : !p ? t('browserList.noScan') : p.done ? t('browserList.progress.done') : p.running ? t('browserList.progress.running') : t('browserList.progress.paused');

  return (
    <>
      <form className="browser-filter" onSubmit={submit} aria-label={t('ui.browser.filter')}>
        <input aria-label={t('ui.browser.match')} className="mono" value={match} onChange={(e) => setMatch(e.target.value)} placeholder={t('ui.browser.matchPlaceholder')} />
        <select aria-label={t('ui.browser.type')} value={type} onChange={(e) => setType(e.target.value as RedisType | '')}>
          <option value="">{t('ui.browser.anyType')}</option>
          {REDIS_TYPES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" className="small">
          {t('ui.browser.scan')}
        </button>
        {p && !p.done && !p.capped && !restarted && (p.running && p.toEnd ? null : (
          <button type="button" className="small primary" onClick={() => void toEnd()}>
            {p.error && !edited ? t('browserList.action.continue') : t('browserList.action.toEnd')}
          </button>
        ))}
        {p?.running && (
          <button type="button" className="small" onClick={() => void stop()}>
            {t('browserList.action.stop')}
          </button>
        )}
        <EditScope />
      </form>
      <div className="kb-progress" data-testid="browser-count" aria-live="polite">
        <span className="kb-found">{t('browserList.progress.found', { n: p?.keys ?? 0 })}</span>
        {p?.gone ? (
          <span className="kb-gone" title={t('browserList.progress.goneTitle')}>
            {t('browserList.progress.gone', { n: p.gone })}
          </span>
        ) : null}
        <span className={p?.done ? 'kb-state ok' : 'kb-state muted'}>{state}</span>
        {p?.dbsize !== undefined && <span className="muted">{t('browserList.progress.dbsize', { n: p.dbsize })}</span>}
        {p?.dbsizeDenied && <span className="muted">{t('browserList.progress.dbsizeDenied', { why: denialText(p.dbsizeDenied, t) })}</span>}
        {p && p.calls > 0 && <span className="muted small">{t('browserList.progress.calls', { n: p.calls, s: (p.elapsedMs / 1000).toFixed(1) })}</span>}
        {whole && <progress className="kb-bar" aria-label={t('browserList.progress.bar')} max={p.dbsize} value={Math.min(p.keys - (p.gone ?? 0), p.dbsize ?? 0)} />}
      </div>
      {p?.capped && (
        <div className="notice" role="status">
          {t('browserList.progress.capped', { cap: p.cap })}
        </div>
      )}
      {p?.error && (
        <div className="notice error" role="alert">
          {/* A restarted server's list cannot be continued: the message says to scan again, with no Continue beside it. */}
          {restarted ? errorText(p.error) : t('browserList.progress.error', { reason: errorText(p.error), n: p.keys })}
        </div>
      )}
    </>
  );
}

/** Tree or flat, delimiter, text filter, jump, refresh, memory and copy. */
function ViewBar({ onJump, onCopy }: { onJump(row: number): void; onCopy(): void }) {
  const t = useT();
  const s = useBrowserStore(
    useShallow((st) => ({
      view: st.view,
      delimiter: st.delimiter,
      text: st.text,
      total: st.total,
      matching: st.matching,
      building: st.building,
      renumbering: st.renumbering,
      progress: st.progress,
      autoRefresh: st.autoRefresh,
      showMemory: st.showMemory,
    })),
  );
  const { setView, setDelimiter, setText, setAutoRefresh, setShowMemory, loadDetails } = useBrowserStore.getState();
  const [text, setTextInput] = useState(s.text);
  const [delimiter, setDelimiterInput] = useState(s.delimiter);
  const [jump, setJump] = useState('');
  const [jumpWrong, setJumpWrong] = useState(false);
  /** A row number submitted while the new view's rows were on their way: judged against their total once they come. */
  const [pendingJump, setPendingJump] = useState<number>();
  const judgeJump = (n: number) => {
    const fits = Number.isInteger(n) && n >= 1 && n <= s.total;
    setJumpWrong(!fits);
    if (fits) onJump(n - 1);
  };
  useEffect(() => {
    if (s.renumbering || pendingJump === undefined) return;
    setPendingJump(undefined);
    judgeJump(pendingJump);
    // Only when the rows came (or the total changed): judgeJump reads s.total from this render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.renumbering, s.total, pendingJump]);
  // A row number belongs to one view: the tree numbers folders and keys, the flat list keys only, and a delimiter, text
  // filter or new scan renumbers them. A number typed for the old rows would take the user somewhere else, so it goes.
  useEffect(() => {
    setJump('');
    setJumpWrong(false);
    setPendingJump(undefined);
  }, [s.view, s.delimiter, s.text, s.progress?.scanId]);
  useEffect(() => {
    if (text === useBrowserStore.getState().text) return;
    const timer = setTimeout(() => setText(text), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, setText]);

  const refresh = () => {
    const st = useBrowserStore.getState();
    void loadDetails(
      st.rows.flatMap((r) => (r.kind === 'key' ? [r.id] : [])),
      'all',
    );
  };
  // The host filters a bounded step per request: a count can be partial after the scan is done, and then says why.
  const partial = s.progress && !s.progress.done ? t('browserList.partial') : s.building ? t('browserList.filtering') : '';

  return (
    <>
      <div className="kb-viewbar">
        <div className="kb-segmented" role="group" aria-label={t('browserList.view.label')}>
          <button type="button" className="small" aria-pressed={s.view === 'tree'} onClick={() => setView('tree')}>
            {t('browserList.view.tree')}
          </button>
          <button type="button" className="small" aria-pressed={s.view === 'flat'} onClick={() => setView('flat')}>
            {t('browserList.view.flat')}
          </button>
        </div>
        {s.view === 'tree' && (
          <label className="kb-field small">
            {t('browserList.delimiter')}
            <input
              className="mono kb-delimiter"
              value={delimiter}
              maxLength={8}
              onChange={(e) => {
                setDelimiterInput(e.target.value);
                if (e.target.value) setDelimiter(e.target.value);
              }}
            />
          </label>
        )}
        <input className="kb-text" aria-label={t('browserList.text')} placeholder={t('browserList.textPlaceholder')} value={text} onChange={(e) => setTextInput(e.target.value)} />
        <form
          className="kb-jump"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(jump.replace(/[,\s]/g, ''));
            // Right after a switch the total is still the old view's: wait for the new one's before judging.
            if (s.renumbering) setPendingJump(n);
            else judgeJump(n);
          }}
        >
          <input
            className="mono"
            aria-label={t('browserList.jump')}
            aria-invalid={jumpWrong || undefined}
            aria-describedby={jumpWrong ? 'kb-jump-wrong' : undefined}
            inputMode="numeric"
            value={jump}
            onChange={(e) => {
              setJump(e.target.value);
              setJumpWrong(false);
            }}
            placeholder={t('browserList.jump')}
          />
          <span className="muted small">{t('browserList.jumpOf', { n: s.total })}</span>
          <button type="submit" className="small">
            {t('browserList.jumpButton')}
          </button>
        </form>
        <button type="button" className="small" onClick={refresh}>
          {t('browserList.refresh')}
        </button>
        <button type="button" className="small" onClick={onCopy}>
          {t('browserList.copy')}
        </button>
        <label className="kb-field small">
          <input type="checkbox" checked={s.autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />
          {t('browserList.autoRefresh')}
        </label>
        <label className="kb-field small">
          <input type="checkbox" checked={s.showMemory} onChange={(e) => setShowMemory(e.target.checked)} />
          {t('browserList.memory')}
        </label>
      </div>
      {jumpWrong && (
        <p className="kb-said small kb-wrong" id="kb-jump-wrong" role="alert">
          {s.total === 0 ? t('browserList.jumpNone') : t('browserList.jumpWrong', { n: s.total })}
        </p>
      )}
      {s.text && (
        <p className="kb-matching small muted" data-testid="browser-matching">
          {t('browserList.matching', { n: s.matching, keys: s.progress?.keys ?? 0, text: s.text })}
          {partial ? ` · ${partial}` : ''}
        </p>
      )}
    </>
  );
}

/**
 * Every key of the connected database, read-only. The host scans (a page
 * as the user scrolls, or to the end in the background) and keeps what it
 * finds; this view asks for the rows on screen, in a folder tree or flat,
 * and reads type and TTL, then size and a preview, for those rows only.
 */
export function KeyBrowser() {
  const t = useT();
  const errorText = useErrorText();
  const { error, resume, showMemory, total, progress, building } = useBrowserStore(
    useShallow((s) => ({ error: s.error, resume: s.resume, showMemory: s.showMemory, total: s.total, progress: s.progress, building: s.building })),
  );
  const [jumpTo, setJumpTo] = useState<{ row: number; seq: number }>();
  // Kept as a message, so it follows a language switch while it shows.
  const [said, setSaid] = useState<{ id: MessageId; values?: Record<string, string | number> }>();
  const seq = useRef(0);

  const connection = useConnectionStore((s) => s.status.state);
  // On opening the tab, and again once a new connection is up: pick up the host's scan or start one.
  useEffect(() => {
    if (connection === 'connected') void resume();
  }, [resume, connection]);
  // What Copy did is said for a few seconds, then the line goes.
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(() => setSaid(undefined), 6000);
    return () => clearTimeout(timer);
  }, [said]);

  const copy = async (id?: string) => {
    const st = useBrowserStore.getState();
    const row = st.rows[st.active - st.rowsStart];
    const key = id ?? (row?.kind === 'key' ? row.id : st.selected);
    // The empty name is a key too (its id is ''): only no key at all has nothing to copy.
    if (key === undefined) return setSaid({ id: 'browserList.copyNothing' });
    try {
      const name = await call('browser.list.name', { id: key });
      await navigator.clipboard.writeText(name.quoted ?? name.text);
      const shown = name.text.length > 80 ? `${name.text.slice(0, 80)}…` : name.text;
      setSaid(name.cut ? { id: 'browserList.copiedCut', values: { bytes: name.bytes } } : name.quoted ? { id: 'browserList.copiedQuoted', values: { name: shown } } : { id: 'browserList.copied', values: { name: shown } });
    } catch (err) {
      setSaid({ id: 'browserList.copyFailed', values: { reason: err instanceof ApiError ? errorText(err.data) : (err as Error).message } });
    }
  };

  return (
    <section className="panel key-browser" aria-labelledby="browser-title">
      <header className="panel-header">
        <h2 id="browser-title">{t('ui.workspace.browser')}</h2>
        <span className="muted small kb-help">{t('browserList.help')}</span>
      </header>
      <ScanBar />
      <ViewBar onJump={(row) => setJumpTo({ row, seq: ++seq.current })} onCopy={() => void copy()} />
      {said && (
        <p className="kb-said small" role="status">
          {t(said.id, said.values)}
        </p>
      )}
      {error && (
        <div className="notice error" role="alert">
          <ErrorText error={error} />
        </div>
      )}
      <div className={`browser-head kb-row${showMemory ? ' kb-with-memory' : ''}`} aria-hidden>
        <span>{t('ui.browser.col.key')}</span>
        <span>{t('ui.browser.col.type')}</span>
        <span>{t('ui.browser.col.size')}</span>
        <span>{t('ui.browser.col.value')}</span>
        <span>{t('ui.browser.col.ttl')}</span>
        {showMemory && <span>{t('browserList.col.memory')}</span>}
      </div>
      {/* Above the (empty) rows, where the eye is; not while the host is still going through the keys. */}
      {progress?.done && !building && total === 0 && <p className="empty">{t('ui.browser.noMatch')}</p>}
      <KeyRows onCopy={(id) => void copy(id)} jumpTo={jumpTo} />
      <KeyValuePane />
    </section>
  );
}
