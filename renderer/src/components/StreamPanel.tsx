import type { StreamPanel as StreamData } from '../../../shared/model';
import { useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { actorName } from '../format';
import './stream-panel.css';

const STATE_TONE = { new: 'absent', pending: 'stale', acked: 'fresh' } as const;

/**
 * A stream and one consumer group: the first entries with their ids,
 * fields and state in the group (not delivered, pending with a consumer,
 * acknowledged), the group's last-delivered id, and per consumer the
 * pending entries XPENDING reports with idle time and delivery count.
 * Bounded by the host: what is not shown is counted.
 */
export function StreamPanel({ data }: { data: StreamData }) {
  const t = useT();
  const titleId = `stream-title-${data.key}`;
  const { group } = data;
  return (
    <section className="panel stream-panel" aria-labelledby={titleId} data-stream={data.key}>
      <header className="panel-header">
        <h2 id={titleId}>{t('ui.stream.title')}</h2>
        <span className="muted small">
          <Rich id="ui.stream.summary" values={{ key: data.key, length: data.length }} />
        </span>
      </header>
      <p className="stream-group muted small" data-testid="stream-group">
        {group ? <Rich id="ui.stream.group" values={{ name: group.name, last: group.lastDeliveredId, pending: group.pending }} /> : t('ui.stream.noGroup')}
      </p>
      {data.entries.length === 0 ? (
        <p className="empty">{t('ui.stream.empty')}</p>
      ) : (
        <table className="data-table stream-entries" aria-label={t('ui.stream.entries')}>
          <thead>
            <tr>
              <th className="stream-id-col">{t('ui.stream.col.id')}</th>
              <th>{t('ui.stream.col.fields')}</th>
              <th className="stream-state-col">{t('ui.stream.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id} data-entry={e.id} data-state={e.state}>
                <td className="mono" title={e.id}>
                  {e.id}
                </td>
                <td className="mono" title={e.fields.map(([f, v]) => `${f}=${v}`).join(' ')}>
                  {e.fields.map(([f, v]) => `${f}=${v}`).join(' ')}
                </td>
                <td>
                  <span className={`cache-state ${STATE_TONE[e.state]}`}>{e.state === 'pending' ? t('ui.stream.state.pending', { consumer: e.consumer ?? '' }) : t(`ui.stream.state.${e.state}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.more > 0 && (
        <p className="muted small" data-testid="stream-more">
          {t('ui.stream.more', { n: data.more })}
        </p>
      )}
      {group && group.consumers.length > 0 && (
        <ul className="stream-consumers" aria-label={t('ui.stream.consumers')}>
          {group.consumers.map((c) => (
            <li key={c.name} data-consumer={c.name} data-pending={c.pending.length + c.pendingMore}>
              <div className="stream-consumer-head">
                <span className={`actor-chip actor-${c.actor ?? 'admin'}`}>{c.actor ? actorName(c.actor, t, c.lane) : c.name}</span>
                <span className="mono">{c.name}</span>
                <span className="muted small">{t('ui.stream.consumer.idle', { ms: c.idleMs })}</span>
              </div>
              {c.pending.length === 0 ? (
                <span className="muted small">{t('ui.stream.consumer.none')}</span>
              ) : (
                <ul className="stream-pel">
                  {c.pending.map((p) => (
                    <li key={p.id} className="mono small" data-pending-id={p.id}>
                      {t('ui.stream.pendingEntry', { id: p.id, idle: p.idleMs, deliveries: p.deliveries })}
                    </li>
                  ))}
                  {c.pendingMore > 0 && <li className="muted small">{t('ui.stream.pendingMore', { n: c.pendingMore })}</li>}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
