import { useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ConsoleCommandDoc } from '../../../../shared/server-console';
import { ErrorText } from '../../i18n/ErrorText';
import { VisibleText } from '../VisibleText';
import { Msg, useT } from '../../i18n/Msg';
import { useConnectionStore } from '../../stores/connection-store';
import { useConsoleStore, type ConsoleEntry } from '../../stores/console-store';

/** A typed line is echoed up to this long (a pasted 64 KiB line would fill the log); the rest is counted. */
const ECHO_CHARS = 2000;
import './server-console.css';

const SUGGESTIONS = 6;

/** The commands whose name starts with what is typed (one or two words: "CONFIG G" finds CONFIG GET). */
function suggest(commands: ConsoleCommandDoc[], line: string): ConsoleCommandDoc[] {
  const typed = line.trimStart().toUpperCase();
  if (!typed || /\s\S+\s/.test(typed)) return [];
  const out: ConsoleCommandDoc[] = [];
  for (const c of commands) {
    if (c.name.startsWith(typed) && c.name !== typed.trimEnd()) out.push(c);
    else if (typed.trimEnd() === c.name && c.syntax) out.push(c);
    if (out.length >= SUGGESTIONS) break;
  }
  return out;
}

function useSize(): (n: number) => string {
  const intl = useIntl();
  return (n) =>
    n < 1024
      ? intl.formatNumber(n, { style: 'unit', unit: 'byte', unitDisplay: 'short' })
      : n < 1024 * 1024
        ? intl.formatNumber(n / 1024, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 })
        : intl.formatNumber(n / 1024 / 1024, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
}

function Entry({ e }: { e: ConsoleEntry }) {
  const t = useT();
  const size = useSize();
  const r = e.reply;
  return (
    <li className="console-entry" data-testid="console-entry">
      <div className="console-line mono">
        <span className="console-prompt" aria-hidden="true">
          {'>'}
        </span>{' '}
        {e.line.length > ECHO_CHARS ? (
          <>
            <VisibleText text={e.line.slice(0, ECHO_CHARS)} />
            <span className="muted small">{t('console.echoCut', { chars: e.line.length })}</span>
          </>
        ) : (
          <VisibleText text={e.line} />
        )}
        {r && !r.refused && <span className="muted small console-ms">{t('console.duration', { ms: r.durationMs })}</span>}
      </div>
      {e.error && <ErrorText error={e.error} />}
      {r?.refused && (
        <p className="console-refused" role="status">
          <strong>{t('console.notSent')}:</strong> <Msg m={r.refused} />
        </p>
      )}
      {/* No reply at all (the connection ended under the command): only the hint says why. */}
      {r && !r.refused && !(r.connectionReset && r.text === '') && (
        <pre className={`console-reply mono${r.error ? ' console-error' : ''}`} data-testid="console-reply">
          {r.text}
        </pre>
      )}
      {r?.hint && (
        <p className="console-refused">
          <Msg m={r.hint} />
        </p>
      )}
      {r?.cutFrom !== undefined && <p className="muted small">{t('console.cut', { shown: size(new TextEncoder().encode(r.text).length), total: size(r.cutFrom) })}</p>}
    </li>
  );
}

/**
 * The Console tab: type a command as in redis-cli (Tab completes from
 * COMMAND DOCS, ↑ ↓ walk the history), the reply printed as redis-cli prints
 * it. The host parses, checks and bounds; this view only shows.
 */
export function ConsoleView() {
  const t = useT();
  const kind = useConnectionStore((s) => s.status.kind);
  const namespace = useConnectionStore((s) => s.status.namespace ?? '');
  const { log, history, docs, docsError, run, loadDocs, clearLog, transaction } = useConsoleStore();
  const [line, setLine] = useState('');
  const [back, setBack] = useState(-1);
  // What was being typed when ↑ first went into the history: ↓ past the newest line brings it back.
  const draft = useRef('');
  const input = useRef<HTMLInputElement>(null);
  const end = useRef<HTMLLIElement>(null);
  const suggestions = useMemo(() => suggest(docs?.commands ?? [], line), [docs, line]);

  useEffect(() => {
    void loadDocs();
    input.current?.focus();
  }, [loadDocs]);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [log]);
  // A log read at its bottom stays there when the window (and so the log) is resized; one scrolled up stays where the user left it.
  const logBox = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const box = logBox.current;
    if (!box) return;
    let atBottom = true;
    const onScroll = () => (atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 4);
    const resized = new ResizeObserver(() => {
      if (atBottom) box.scrollTop = box.scrollHeight;
    });
    box.addEventListener('scroll', onScroll, { passive: true });
    resized.observe(box);
    return () => {
      box.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);

  const submit = () => {
    if (!line.trim()) return;
    void run(line);
    setLine('');
    setBack(-1);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Tab' && suggestions.length && !e.shiftKey) {
      e.preventDefault();
      setLine(`${suggestions[0].name} `);
    } else if (e.key === 'ArrowUp' && history.length) {
      e.preventDefault();
      const i = back < 0 ? history.length - 1 : Math.max(0, back - 1);
      if (back < 0) draft.current = line;
      setBack(i);
      setLine(history[i]);
    } else if (e.key === 'ArrowDown' && back >= 0) {
      e.preventDefault();
      const i = back + 1;
      if (i >= history.length) {
        setBack(-1);
        setLine(draft.current);
      } else {
        setBack(i);
        setLine(history[i]);
      }
    }
  };

  return (
    <section className="panel console-view" aria-labelledby="console-title" data-testid="console">
      <header className="panel-header">
        <h2 id="console-title">{t('console.title')}</h2>
        <button type="button" className="small" onClick={clearLog} disabled={!log.length}>
          {t('console.clear')}
        </button>
      </header>
      <div className="console-body">
        <p className="muted small">{kind === 'existing' ? t('console.existing', { namespace }) : t('console.sandbox')}</p>
        {/* Focusable: a log taller than its box scrolls from the keyboard too. */}
        <ol className="console-log" ref={logBox} aria-label={t('console.log')} aria-live="polite" tabIndex={0}>
          {log.length === 0 && <li className="muted small">{t('console.empty')}</li>}
          {log.map((e) => (
            <Entry key={e.id} e={e} />
          ))}
          <li ref={end} aria-hidden="true" className="console-end" />
        </ol>
        {transaction && (
          <p className="notice warn small console-transaction" role="status">
            {t('console.inTransaction', { queued: transaction.queued })}
          </p>
        )}
        <form
          className="console-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="visually-hidden" htmlFor="console-input">
            {t('console.input')}
          </label>
          <input
            id="console-input"
            ref={input}
            className="mono console-input"
            value={line}
            onChange={(e) => {
              setLine(e.target.value);
              setBack(-1);
            }}
            onKeyDown={onKeyDown}
            placeholder={t('console.placeholder')}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="console-suggestions"
          />
          <button type="submit" disabled={!line.trim()}>
            {t('console.run')}
          </button>
        </form>
        <ul id="console-suggestions" className="console-suggestions" aria-label={t('console.suggestions')}>
          {suggestions.map((c) => (
            <li key={c.name}>
              <span className="mono">
                <strong>{c.name}</strong> {c.syntax}
              </span>
              {c.summary && <span className="muted small"> — {c.summary}</span>}
            </li>
          ))}
        </ul>
        {docs?.reason && (
          <p className="muted small">
            <Msg m={docs.reason} />
          </p>
        )}
        {docs?.source === 'server' && !suggestions.length && <p className="muted small">{t('console.docs.server', { n: docs.commands.length })}</p>}
        {docsError && <ErrorText error={docsError} />}
      </div>
    </section>
  );
}
