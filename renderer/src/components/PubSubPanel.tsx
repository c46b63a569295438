import type { PubSubPanel as PubSubData } from '../../../shared/model';
import { ACTOR_LABELS } from '../format';

type SubscriberState = PubSubData['subscribers'][number]['state'];

/** What each connection state means, in the user's words; "re-subscribed" is ioredis' doing, not Redis'. */
const STATE_LABEL: Record<SubscriberState, { text: string; tone: 'fresh' | 'stale' }> = {
  subscribed: { text: 'yes', tone: 'fresh' },
  resubscribed: { text: 'yes — re-subscribed by ioredis', tone: 'fresh' },
  reconnecting: { text: 'closed — ioredis reconnecting', tone: 'stale' },
  disconnected: { text: 'disconnected', tone: 'stale' },
};

/** Channels, subscribers with their receipt and loss counts, and the message log (a ring: older entries dropped and counted). */
export function PubSubPanel({ data }: { data: PubSubData }) {
  const unsubscribed = data.expectedReceivers - data.receivers;
  return (
    <section className="panel" aria-labelledby="pubsub-title">
      <header className="panel-header">
        <h2 id="pubsub-title">Pub/Sub</h2>
        <span className="muted small">
          channel <code>{data.channel}</code> · {data.published} published · PUBLISH counted {data.receivers} of {data.expectedReceivers} deliveries
          {unsubscribed > 0 && <span data-testid="pubsub-unsubscribed"> · {unsubscribed} published while a subscriber was away</span>}
        </span>
      </header>
      <table className="data-table" aria-label="Subscribers">
        <thead>
          <tr>
            <th>subscriber</th>
            <th>subscription</th>
            <th>connected</th>
            <th>received</th>
            <th>missed</th>
            <th>disconnects</th>
          </tr>
        </thead>
        <tbody>
          {data.subscribers.map((s) => {
            const state = STATE_LABEL[s.state];
            return (
              <tr key={s.actor} data-subscriber={s.actor}>
                <td>
                  <span className={`actor-chip actor-${s.actor}`}>{s.name}</span>
                </td>
                <td className="mono">{s.subscription}</td>
                <td>
                  <span className={`cache-state ${state.tone}`}>{state.text}</span>
                </td>
                <td className="mono" data-testid={`received-${s.actor}`}>
                  {s.received} / {data.published}
                </td>
                <td className="mono" data-testid={`missed-${s.actor}`}>
                  {s.missed}
                </td>
                <td className="mono" data-testid={`disconnects-${s.actor}`} title={`ioredis re-subscribed ${s.resubscribes} times by itself`}>
                  {s.disconnects}
                  {s.resubscribes > 0 && ` (${s.resubscribes} re-subscribed)`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small" data-testid="pubsub-log-dropped">
        Log: newest {data.log.length} shown, keeps {data.logCapacity}
        {data.logDropped > 0 && <> · {data.logDropped} dropped</>}
      </p>
      <ol className="message-log" aria-label="Message log">
        {data.log.length === 0 && <li className="empty">No messages yet.</li>}
        {data.log.map((m, i) => (
          <li key={i} className={`message ${m.direction}`}>
            <span className={`actor-chip actor-${m.actor}`}>{ACTOR_LABELS[m.actor]}</span>
            <span className="direction">{m.direction}</span>
            <span className="mono text">{m.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
