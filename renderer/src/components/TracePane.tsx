import { Fragment } from 'react';
import type { TraceEntry, TraceOrder } from '../../../shared/model';
import { ACTOR_LABELS, formatMs } from '../format';

function actorLabel(t: TraceEntry): string {
  const name = ACTOR_LABELS[t.actor] + (t.lane !== undefined ? ` ${t.lane + 1}` : '');
  return t.kind === 'db' ? `${name} → db` : name;
}

function TraceCells({ t }: { t: TraceEntry }) {
  if (t.kind === 'redis') {
    return (
      <>
        <td className="mono">
          {t.replyIndex !== undefined && (
            <span className="order-moved" title={`The app received this reply in position ${t.replyIndex + 1}; the server ran it here.`} aria-label={`reply arrived in position ${t.replyIndex + 1}`}>
              ⇅{' '}
            </span>
          )}
          <strong>{t.command}</strong> {t.args.join(' ')}
          {/* Shown instead of the reply column when the pane is narrow. */}
          <div className="reply-inline">→ {t.reply}</div>
        </td>
        <td className="mono reply">{t.reply}</td>
        <td className="num mono">{formatMs(t.durationMs)}</td>
      </>
    );
  }
  if (t.kind === 'db') {
    return (
      <>
        <td className="mono">
          <strong>{t.op === 'read' ? 'SQL read' : 'SQL write'}</strong> {t.sql} {t.params.length ? `— [${t.params.join(', ')}]` : ''}
          <div className="reply-inline">
            → {t.rows} row{t.rows === 1 ? '' : 's'}
          </div>
        </td>
        <td className="mono reply">
          {t.rows} row{t.rows === 1 ? '' : 's'}
        </td>
        <td className="num mono">{formatMs(t.durationMs)}</td>
      </>
    );
  }
  return (
    <td className="event-text" colSpan={3}>
      {t.text}
    </td>
  );
}

/** Where the order of the rows comes from, said above them: the server's log, or reply arrival and why. */
function OrderNote({ order }: { order?: TraceOrder }) {
  if (!order) return null;
  if (order.order === 'server') {
    return <p className="order-note small muted">In the order the server ran them (MONITOR). ⇅ marks a reply that reached the app in another position.</p>;
  }
  return <p className="order-note small warn-text">In the order replies reached the app, which need not be the order the server ran them in. {order.reason}</p>;
}

/** Every command, query and event of a step, in order, coloured by actor; a script's own commands nested under it. */
export function TracePane({ trace, label = 'Trace', order }: { trace: TraceEntry[]; label?: string; order?: TraceOrder }) {
  if (trace.length === 0) return <p className="empty">Nothing was sent.</p>;
  return (
    <>
      <OrderNote order={order} />
      <table className="trace" aria-label={label}>
        <thead>
          <tr>
            <th>actor</th>
            <th>command</th>
            <th className="reply-col">reply</th>
            <th className="num">time</th>
          </tr>
        </thead>
        <tbody>
          {trace.map((t, i) => (
            <Fragment key={i}>
              <tr className={`trace-row trace-${t.kind}${t.kind === 'redis' && t.error ? ' error' : ''}`}>
                <td>
                  <span className={`actor-chip actor-${t.kind === 'db' ? 'database' : t.actor}`}>{actorLabel(t)}</span>
                </td>
                <TraceCells t={t} />
              </tr>
              {t.kind === 'redis' &&
                t.inner?.map((c, j) => (
                  <tr key={`${i}.${j}`} className="trace-row trace-inner">
                    <td className="small muted">script</td>
                    <td className="mono" colSpan={3}>
                      ↳ <strong>{c.command}</strong> {c.args.join(' ')}
                    </td>
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}
