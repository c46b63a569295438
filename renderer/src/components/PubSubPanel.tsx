import type { PubSubPanel as PubSubData } from '../../../shared/model';
import { Msg, useT } from '../i18n/Msg';
import { Rich } from '../i18n/Rich';
import { actorName } from '../format';
import './pubsub-panel.css';

type SubscriberState = PubSubData['subscribers'][number]['state'];

/** What each connection state means, in the user's words; "re-subscribed" is ioredis' doing, not Redis'. */
const STATE_TONE: Record<SubscriberState, 'fresh' | 'stale'> = {
  subscribed: 'fresh',
  resubscribed: 'fresh',
  reconnecting: 'stale',
  disconnected: 'stale',
};

/** Channels, subscribers with their receipt and loss counts, and the message log (a ring: older entries dropped and counted). */
export function PubSubPanel({ data }: { data: PubSubData }) {
  const unsubscribed = data.expectedReceivers - data.receivers;
  const t = useT();
  return (
    <section className="panel pubsub-panel" aria-labelledby="pubsub-title">
      <header className="panel-header">
        <h2 id="pubsub-title">{t('ui.pubsub.title')}</h2>
        <span className="muted small">
          <Rich id="ui.pubsub.summary" values={{ channel: data.channel, published: data.published, receivers: data.receivers, expected: data.expectedReceivers }} />
          {unsubscribed > 0 && <span data-testid="pubsub-unsubscribed">{t('ui.pubsub.away', { n: unsubscribed })}</span>}
        </span>
      </header>
      <table className="data-table" aria-label={t('ui.pubsub.subscribers')}>
        {/* Six equal columns cut the subscriber names ("subscriber A (mailer)", "pattern subscriber"); the counts need little room. */}
        <colgroup>
          <col style={{ width: '25%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '10%' }} />
          <col style={{ width: '15%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('ui.pubsub.col.subscriber')}</th>
            <th>{t('ui.pubsub.col.subscription')}</th>
            <th>{t('ui.pubsub.col.connected')}</th>
            <th>{t('ui.pubsub.col.received')}</th>
            <th>{t('ui.pubsub.col.missed')}</th>
            <th>{t('ui.pubsub.col.disconnects')}</th>
          </tr>
        </thead>
        <tbody>
          {data.subscribers.map((s) => {
            const tone = STATE_TONE[s.state];
            return (
              <tr key={s.actor} data-subscriber={s.actor}>
                <td>
                  <span className={`actor-chip actor-${s.actor}`}>
                    <Msg m={s.name} />
                  </span>
                </td>
                <td className="mono">{s.subscription}</td>
                <td>
                  <span className={`cache-state ${tone}`}>{t(`ui.pubsub.state.${s.state}`)}</span>
                </td>
                <td className="mono" data-testid={`received-${s.actor}`}>
                  {s.received} / {data.published}
                </td>
                <td className="mono" data-testid={`missed-${s.actor}`}>
                  {s.missed}
                </td>
                <td className="mono" data-testid={`disconnects-${s.actor}`} title={t('ui.pubsub.resubscribedTitle', { n: s.resubscribes })}>
                  {s.disconnects}
                  {s.resubscribes > 0 && t('ui.pubsub.resubscribed', { n: s.resubscribes })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small" data-testid="pubsub-log-dropped">
        {t('ui.pubsub.log', { n: data.log.length, capacity: data.logCapacity })}
        {data.logDropped > 0 && t('ui.pubsub.dropped', { n: data.logDropped })}
      </p>
      <ol className="message-log" aria-label={t('ui.pubsub.messageLog')}>
        {data.log.length === 0 && <li className="empty">{t('ui.pubsub.noMessages')}</li>}
        {data.log.map((m, i) => (
          <li key={i} className={`message ${m.direction}`}>
            <span className={`actor-chip actor-${m.actor}`}>{actorName(m.actor, t)}</span>
            <span className="direction">{t(`ui.pubsub.dir.${m.direction}`)}</span>
            <span className="mono text">
              <Msg m={m.text} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
