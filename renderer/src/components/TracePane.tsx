import { Fragment } from 'react';
import type { TraceEntry, TraceOrder } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import { actorName, formatMs } from '../format';

/** The translate function, named apart from the trace entry `t` these cells take. */
type Say = ReturnType<typeof useT>;

function actorLabel(t: TraceEntry, say: Say): string {
  const name = actorName(t.actor, say, t.lane);
  return t.kind === 'db' ? say('ui.trace.toDb', { actor: name }) : name;
}

function TraceCells({ t }: { t: TraceEntry }) {
  const say = useT();
  if (t.kind === 'redis') {
    return (
      <>
        <td className="mono">
          {t.replyIndex !== undefined && (
            <span className="order-moved" title={say('ui.trace.movedTitle', { n: t.replyIndex + 1 })} aria-label={say('ui.trace.movedLabel', { n: t.replyIndex + 1 })}>
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
          <strong>{say(t.op === 'read' ? 'ui.sql.read' : 'ui.sql.write')}</strong> {t.sql} {t.params.length ? `— [${t.params.join(', ')}]` : ''}
          <div className="reply-inline">→ {say('ui.trace.rows', { n: t.rows })}</div>
        </td>
        <td className="mono reply">{say('ui.trace.rows', { n: t.rows })}</td>
        <td className="num mono">{formatMs(t.durationMs)}</td>
      </>
    );
  }
  return (
    <td className="event-text" colSpan={3}>
      <Msg m={t.text} />
    </td>
  );
}

/** Where the order of the rows comes from, said above them: the server's log, or reply arrival and why. */
function OrderNote({ order }: { order?: TraceOrder }) {
  const say = useT();
  if (!order) return null;
  if (order.order === 'server') {
    return <p className="order-note small muted">{say('ui.trace.serverOrder')}</p>;
  }
  return <p className="order-note small warn-text">{say('ui.trace.arrivalOrder', { reason: order.reason ? say(order.reason) : '' })}</p>;
}

/** Every command, query and event of a step, in order, coloured by actor; a script's own commands nested under it. */
export function TracePane({ trace, label, order }: { trace: TraceEntry[]; label?: string; order?: TraceOrder }) {
  const say = useT();
  if (trace.length === 0) return <p className="empty">{say('ui.trace.empty')}</p>;
  return (
    <>
      <OrderNote order={order} />
      <table className="trace" aria-label={label ?? say('ui.detail.trace')}>
        <thead>
          <tr>
            <th>{say('ui.trace.actor')}</th>
            <th>{say('ui.trace.command')}</th>
            <th className="reply-col">{say('ui.trace.reply')}</th>
            <th className="num">{say('ui.trace.time')}</th>
          </tr>
        </thead>
        <tbody>
          {trace.map((t, i) => (
            <Fragment key={i}>
              <tr className={`trace-row trace-${t.kind}${t.kind === 'redis' && t.error ? ' error' : ''}`}>
                <td>
                  <span className={`actor-chip actor-${t.kind === 'db' ? 'database' : t.actor}`}>{actorLabel(t, say)}</span>
                </td>
                <TraceCells t={t} />
              </tr>
              {t.kind === 'redis' &&
                t.inner?.map((c, j) => (
                  <tr key={`${i}.${j}`} className="trace-row trace-inner">
                    <td className="small muted">{say('ui.trace.script')}</td>
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
